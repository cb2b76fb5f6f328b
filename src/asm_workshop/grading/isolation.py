"""Autograde each submission in its own process, in its own throwaway copy of the course.

One submission can then change neither another's grade, nor the real gradebook, nor
``solutions/``: nbgrader runs on a copy (source, gradebook, the submission) made for that
submission alone, and the real gradebook only ever receives the scores read back from it.

Each run is a process forked from a small server that has imported nbgrader once (a fresh
interpreter per submission would spend three seconds importing it). The forked process starts
its own session and process group, takes a memory and a file-size limit, and runs nbgrader's
autograde with a wall-clock limit per cell; the kernel, where the participant's code runs, is
sandboxed by bubblewrap when available (see ``sandbox.py``). The caller kills the whole group
when the submission's wall-clock limit is reached, and afterwards kills every process still
carrying the run's marker, so nothing a notebook started is left running.
"""

from __future__ import annotations

import json
import os
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from asm_workshop.grading.sandbox import MARKER_VARIABLE
from asm_workshop.grading.submissions import Problem

_SERVER_MODULE = "asm_workshop.grading.isolation"


@dataclass(frozen=True)
class Limits:
    """What one submission may use: seconds in all, seconds per cell, memory and file size."""

    submission_seconds: float = 600.0
    cell_seconds: int = 120
    memory_megabytes: int = 2048
    file_megabytes: int = 256


@dataclass(frozen=True)
class IsolatedRun:
    """One submission to autograde: who, which assignment, its files and where to work.

    ``template`` is a course folder holding ``source/<assignment>/`` and a ``gradebook.db``
    that knows the assignment; ``folder`` is this run's own (empty) folder.
    """

    participant: str
    assignment: str
    files: Path
    template: Path
    folder: Path
    limits: Limits = Limits()
    bubblewrap: str = ""
    readonly: tuple[str, ...] = ()
    marker: str = field(default_factory=lambda: f"asm-grading-{uuid.uuid4().hex}")


@dataclass
class Outcome:
    """What autograding one submission gave.

    ``grades`` maps notebook -> grade cell -> points given by the tests (None where a person
    must grade); ``comments`` maps notebook -> cell -> nbgrader's automatic comment;
    ``autograded`` is the folder of the graded notebooks. ``problem`` says why it was not graded.
    """

    participant: str
    graded: bool
    problem: Problem | None = None
    grades: dict[str, dict[str, float | None]] = field(default_factory=dict)
    comments: dict[str, dict[str, str | None]] = field(default_factory=dict)
    autograded: Path | None = None
    seconds: float = 0.0
    log: str = ""


class ForkServer:
    """A process that has imported nbgrader and forks one child per run.

    Start it early: it spends a few seconds importing while the caller prepares the runs.
    Use it as a context manager; leaving it stops the server and whatever still runs.
    """

    def __init__(self, log: Path) -> None:
        log.parent.mkdir(parents=True, exist_ok=True)
        self.log_path = log
        self.log = open(log, "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", _SERVER_MODULE], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self.log, start_new_session=True,
        )
        self.buffer = b""

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(self, *exception: object) -> None:
        # Closing its input tells the server to kill whatever still runs and stop.
        try:
            self.process.stdin.close()
            self.process.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            _kill_group(self.process.pid)
            self.process.wait()
        self.process.stdout.close()
        self.log.close()

    def start(self, job: int, run_file: Path) -> None:
        """Ask for ``run_file``'s run to start; its events will carry ``job``."""
        self.process.stdin.write(json.dumps({"job": job, "run": str(run_file)}).encode() + b"\n")
        self.process.stdin.flush()

    def events(self, timeout: float) -> list[dict]:
        """Return the events that arrive within ``timeout`` seconds: a run's pid, then its status."""
        readable, _, _ = select.select([self.process.stdout], [], [], timeout)
        if readable:
            data = os.read(self.process.stdout.fileno(), 65536)
            if not data:
                raise RuntimeError(f"the grading process stopped unexpectedly:\n{_tail(self.log_path)}")
            self.buffer += data
        events = []
        while b"\n" in self.buffer:
            line, self.buffer = self.buffer.split(b"\n", 1)
            events.append(json.loads(line))
        return events


def autograde_isolated(
    runs: Iterable[IsolatedRun],
    jobs: int = 1,
    on_outcome: Callable[[Outcome], None] | None = None,
    server: ForkServer | None = None,
) -> list[Outcome]:
    """Autograde every run, ``jobs`` at a time, each isolated; return the outcomes in run order.

    ``on_outcome`` is called in this process with each outcome as soon as it is known.
    ``server`` is a ForkServer already started (one is started and stopped here otherwise).
    """
    runs = list(runs)
    if not runs:
        return []
    if server is None:
        with ForkServer(runs[0].folder.parent / "fork-server.log") as server:
            return autograde_isolated(runs, jobs, on_outcome, server)
    outcomes: dict[int, Outcome] = {}
    pending = deque(enumerate(runs))
    running: dict[int, _Running] = {}
    try:
        _schedule(server, pending, running, outcomes, jobs, on_outcome)
    finally:
        # Interrupted (Ctrl-C, an error in on_outcome): leave nothing running behind.
        for entry in running.values():
            if entry.pid:
                _kill_group(entry.pid)
            kill_marked_processes(entry.run.marker)
            shutil.rmtree(entry.private, ignore_errors=True)
    return [outcomes[number] for number in range(len(runs))]


def _schedule(
    server: ForkServer,
    pending: deque,
    running: dict[int, _Running],
    outcomes: dict[int, Outcome],
    jobs: int,
    on_outcome: Callable[[Outcome], None] | None,
) -> None:
    """Keep ``jobs`` runs going until all are done, killing those past their time."""
    while pending or running:
        while pending and len(running) < max(1, jobs):
            number, run = pending.popleft()
            run.folder.mkdir(parents=True, exist_ok=True)
            private = Path(tempfile.mkdtemp(prefix="asm-kernel-"))  # short: Unix socket paths
            (run.folder / "run.json").write_text(json.dumps(_run_to_json(run, private)))
            server.start(number, run.folder / "run.json")
            running[number] = _Running(run, private)
        for event in server.events(timeout=0.2):
            entry = running.get(event["job"])
            if entry is None:
                continue
            if "pid" in event:
                entry.pid, entry.started = event["pid"], time.monotonic()
            elif "status" in event:
                del running[event["job"]]
                outcome = _finish(entry, event["status"])
                outcomes[event["job"]] = outcome
                if on_outcome is not None:
                    on_outcome(outcome)
        for entry in running.values():
            overdue = time.monotonic() - entry.started > entry.run.limits.submission_seconds
            if entry.pid and overdue and not entry.timed_out:
                entry.timed_out = True
                _kill_group(entry.pid)


def kill_marked_processes(marker: str) -> list[int]:
    """Kill every process whose environment carries ``marker``; return their ids.

    Catches what a notebook left behind outside any process group we know (a process that
    started its own session). Without bubblewrap it is the last line of defence; with it,
    the sandbox's own process namespace has already ended them.
    """
    needle = f"{MARKER_VARIABLE}={marker}".encode()
    killed = []
    for _ in range(5):  # a process may fork while we look: look again until none is found
        found = [pid for pid in _process_ids() if pid != os.getpid() and needle in _environment(pid)]
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            except ProcessLookupError:
                pass
        if not found:
            break
        time.sleep(0.05)
    return killed


# --- the parent's side ----------------------------------------------------------------------


@dataclass
class _Running:
    run: IsolatedRun
    private: Path
    pid: int = 0
    started: float = field(default_factory=time.monotonic)
    timed_out: bool = False


def _finish(entry: _Running, status: int) -> Outcome:
    run = entry.run
    if entry.pid:
        _kill_group(entry.pid)
    kill_marked_processes(run.marker)
    shutil.rmtree(entry.private, ignore_errors=True)
    seconds = time.monotonic() - entry.started
    log = _tail(run.folder / "grading.log")
    if entry.timed_out:
        seconds_allowed = round(run.limits.submission_seconds)
        problem = Problem("grading.reason_submission_timeout", {"seconds": seconds_allowed})
        return Outcome(run.participant, False, problem, seconds=seconds, log=log)
    result = run.folder / "result.json"
    if status != 0 or not result.exists():
        problem = Problem("grading.reason_grader_crashed", {"status": status})
        return Outcome(run.participant, False, problem, seconds=seconds, log=log)
    outcome = _outcome_from_json(json.loads(result.read_text()))
    outcome.seconds = seconds
    outcome.log = outcome.log or log
    return outcome


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        # Not yet the leader of its own group (it has not reached setsid): kill it alone.
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _process_ids() -> list[int]:
    try:
        return [int(name) for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return []


def _environment(pid: int) -> list[bytes]:
    try:
        with open(f"/proc/{pid}/environ", "rb") as stream:
            return stream.read().split(b"\0")
    except OSError:
        return []


def _tail(path: Path, characters: int = 4000) -> str:
    try:
        return path.read_text(errors="replace")[-characters:]
    except OSError:
        return ""


def _run_to_json(run: IsolatedRun, private: Path) -> dict:
    content = asdict(run)
    content.update(files=str(run.files), template=str(run.template), folder=str(run.folder),
                   readonly=list(run.readonly), private=str(private))
    return content


def _outcome_from_json(content: dict) -> Outcome:
    problem = content.pop("problem")
    autograded = content.pop("autograded")
    return Outcome(
        **content,
        problem=Problem(problem["key"], problem["fields"]) if problem else None,
        autograded=Path(autograded) if autograded else None,
    )


# --- the server and its children --------------------------------------------------------------


def _serve() -> None:
    """Read runs on standard input, one JSON line each; fork a child for each; report on stdout."""
    running: dict[int, int] = {}
    buffer = b""
    while True:
        readable, _, _ = select.select([0], [], [], 0.05)
        if readable:
            data = os.read(0, 65536)
            if not data:
                break
            buffer += data
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                request = json.loads(line)
                pid = os.fork()
                if pid == 0:
                    _child(Path(request["run"]))
                running[pid] = request["job"]
                _report({"job": request["job"], "pid": pid})
        while running:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            if pid in running:
                _report({"job": running.pop(pid), "status": os.waitstatus_to_exitcode(status)})
    for pid in running:
        _kill_group(pid)
    # Nothing to tidy up, and a normal exit spends a second unloading what was imported.
    os._exit(0)


def _report(event: dict) -> None:
    os.write(1, json.dumps(event).encode() + b"\n")


def _child(run_file: Path) -> None:
    """Autograde one run in this forked process, write ``result.json`` beside it, and exit."""
    code = 70
    try:
        os.setsid()
        log = os.open(run_file.parent / "grading.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        nothing = os.open(os.devnull, os.O_RDONLY)
        # Standard output is the server's report channel: keep the child off it.
        os.dup2(nothing, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        content = json.loads(run_file.read_text())
        private = Path(content.pop("private"))
        limits = Limits(**content.pop("limits"))
        run = IsolatedRun(**{**content, "limits": limits, "readonly": tuple(content["readonly"]),
                             "files": Path(content["files"]), "template": Path(content["template"]),
                             "folder": Path(content["folder"])})
        _apply_limits(limits)
        os.environ[MARKER_VARIABLE] = run.marker
        # One computing thread per kernel: kernels run side by side, one per processor, and
        # every extra thread reserves memory that counts against the limit.
        for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[variable] = "1"
        os.environ["MALLOC_ARENA_MAX"] = "2"
        outcome = _autograde(run, private)
        result = asdict(outcome)
        result["autograded"] = str(outcome.autograded) if outcome.autograded else None
        temporary = run.folder / "result.json.tmp"
        temporary.write_text(json.dumps(result))
        temporary.replace(run.folder / "result.json")
        code = 0
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(code)


def _apply_limits(limits: Limits) -> None:
    memory = limits.memory_megabytes * 2**20
    files = limits.file_megabytes * 2**20
    # Hard and soft alike, so that the participant's code cannot raise them again.
    wanted = ((resource.RLIMIT_AS, memory), (resource.RLIMIT_FSIZE, files), (resource.RLIMIT_CORE, 0))
    for limit, value in wanted:
        try:
            resource.setrlimit(limit, (value, value))
        except (ValueError, OSError) as error:  # some systems refuse some limits: say so, go on
            print(f"could not set resource limit {limit}: {error}", file=sys.stderr)


def _autograde(run: IsolatedRun, private: Path) -> Outcome:
    from nbgrader.apps import NbGraderAPI

    from asm_workshop.grading.sandbox import prepare_private_folder

    course = run.folder / "course"
    shutil.copytree(run.template / "source", course / "source")
    shutil.copy(run.template / "gradebook.db", course / "gradebook.db")
    shutil.copytree(run.files, course / "submitted" / run.participant / run.assignment)
    prepare_private_folder(private)
    api = NbGraderAPI(config=_autograde_config(course, run, private))
    api.log.setLevel("WARNING")
    result = api.autograde(run.assignment, run.participant)
    log = f"{result.get('log', '')}\n{result.get('error', '')}"
    if not result["success"]:
        return Outcome(run.participant, False, explain_failure(log), log=log[-4000:])
    gradebook = course / "gradebook.db"
    if _has_triggers(gradebook):
        return Outcome(run.participant, False, Problem("grading.reason_tampered"), log=log[-4000:])
    grades, comments = _read_grades(gradebook, run.assignment, run.participant)
    autograded = course / "autograded" / run.participant / run.assignment
    return Outcome(run.participant, True, None, grades, comments, autograded, log=log[-4000:])


def _autograde_config(course: Path, run: IsolatedRun, private: Path):
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        ClearOutput,
        IgnorePattern,
        LimitOutput,
        OverwriteKernelspec,
        SaveAutoGrades,
    )

    from asm_workshop.grading.config import course_config
    from asm_workshop.grading.preprocessors import DemoteDuplicatedCells, LimitOutputSize, RestoreDeletedCells
    from asm_workshop.grading.sandbox import SandboxedExecute

    config = course_config(course, source="source", release="release")
    config.Execute.timeout = run.limits.cell_seconds
    # A deleted test cell is put back and run, rather than its points silently lost or kept.
    config.OverwriteCells.add_missing_cells = True
    # nbgrader's own lists, with our repairs: cells put back, a sandboxed kernel, outputs cut.
    config.Autograde.sanitize_preprocessors = [
        ClearOutput, DemoteDuplicatedCells, OverwriteKernelspec, RestoreDeletedCells, CheckCellMetadata,
    ]
    config.Autograde.autograde_preprocessors = [
        SandboxedExecute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, LimitOutputSize,
        SaveAutoGrades, AssignLatePenalties, CheckCellMetadata,
    ]
    config.SandboxedKernelManager.bubblewrap = run.bubblewrap
    config.SandboxedKernelManager.private_folder = str(private)
    config.SandboxedKernelManager.readonly = list(run.readonly)
    return config


def explain_failure(log: str) -> Problem:
    """Return, in the catalog's words, why nbgrader could not autograde, from its log."""
    if "Timeout waiting for IOPub output" in log or "CellTimeoutError" in log:
        return Problem("grading.reason_unstoppable_cell")
    if "DeadKernelError" in log or "Kernel died" in log:
        return Problem("grading.reason_kernel_died")
    if "NotJSONError" in log or "does not appear to be JSON" in log or "JSONDecodeError" in log:
        return Problem("grading.reason_notebook_unreadable")
    if "nbgrader metadata may be corrupted" in log or "Inconsistent checksums" in log:
        return Problem("grading.reason_grading_marks_changed")
    if "NotebookValidationError" in log or "ValidationError" in log:
        return Problem("grading.reason_notebook_unreadable")
    if "MemoryError" in log:
        return Problem("grading.reason_memory")
    last = [line for line in log.strip().splitlines() if line.strip()][-1:] or ["?"]
    return Problem("grading.reason_grader_failed", {"detail": last[0][:200]})


def _has_triggers(gradebook: Path) -> bool:
    import sqlite3

    with sqlite3.connect(gradebook) as database:
        return bool(database.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall())


def _read_grades(gradebook: Path, assignment: str, participant: str):
    from nbgrader.api import Gradebook

    grades: dict[str, dict[str, float | None]] = {}
    comments: dict[str, dict[str, str | None]] = {}
    with Gradebook(f"sqlite:///{gradebook}") as book:
        submission = book.find_submission(assignment, participant)
        for notebook in submission.notebooks:
            grades[notebook.name] = {grade.name: grade.auto_score for grade in notebook.grades}
            comments[notebook.name] = {comment.name: comment.auto_comment for comment in notebook.comments}
    return grades, comments


def _preload() -> None:
    """Import what every run needs, once, before forking, so that children start at once."""
    import matplotlib  # noqa: F401
    import nbgrader.apps  # noqa: F401
    import nbgrader.converters  # noqa: F401

    import asm_workshop.grading.config  # noqa: F401
    import asm_workshop.grading.preprocessors  # noqa: F401
    import asm_workshop.grading.sandbox  # noqa: F401


if __name__ == "__main__":
    # Serve from the module under its own name, so that the classes nbgrader is configured
    # with are the same ones the rest of the package imports.
    from asm_workshop.grading import isolation

    isolation._preload()
    isolation._serve()

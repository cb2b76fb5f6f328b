"""Isolation of each graded submission: the sandbox's view, time and memory limits, no leftovers."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from traitlets.config import Config

from asm_workshop.grading.course import Course
from asm_workshop.grading.isolation import (
    IsolatedRun,
    Limits,
    autograde_isolated,
    explain_failure,
    kill_marked_processes,
)
from asm_workshop.grading.sandbox import (
    MARKER_VARIABLE,
    SandboxedKernelManager,
    bubblewrap_command,
    choose_bubblewrap,
    prepare_private_folder,
    readonly_paths,
)
from asm_workshop.grading.submissions import unpack_submissions
from conftest import ROOT
from grading_helpers import load_corpus


def bubblewrap():
    try:
        return choose_bubblewrap("bwrap")
    except Exception as error:  # the README says the grading tests need it, like chromium
        pytest.fail(f"The sandbox tests need bubblewrap (apt-get install bubblewrap): {error}")


def marked_processes(needle: bytes) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/cmdline", "rb") as stream:
                    if needle in stream.read():
                        found.append(int(name))
            except OSError:
                pass
    return found


def test_the_sandbox_takes_the_network_away_and_binds_nothing_of_the_checkout(tmp_path):
    workdir, private = tmp_path / "work", tmp_path / "private"
    private.mkdir()
    command = bubblewrap_command(["python"], bubblewrap="bwrap", workdir=workdir, private=private,
                                 readonly=readonly_paths(), masked=[workdir / "welcome.ipynb"])
    assert {"--unshare-net", "--unshare-pid", "--die-with-parent"} <= set(command)
    bound = {command[i + 1] for i, word in enumerate(command) if word in ("--bind", "--ro-bind")}
    assert str(ROOT) not in bound and str(ROOT / "solutions") not in bound
    assert not any(Path(path) in (ROOT, ROOT / "solutions", ROOT / "tests") for path in bound)
    assert command[command.index(str(private / "empty")) + 1] == str(workdir / "welcome.ipynb")
    assert command[command.index("--bind", command.index(str(private)) + 1) + 1] == str(workdir)


def test_read_only_folders_under_tmp_stay_visible_in_the_sandbox(tmp_path):
    # A checkout or virtual environment cloned under /tmp must not vanish under the sandbox's own /tmp.
    library, workdir, private = tmp_path / "library", tmp_path / "work", tmp_path / "private"
    for folder in (library, workdir, private):
        folder.mkdir()
    (library / "module.py").write_text("VALUE = 42\n")
    command = bubblewrap_command(["/bin/cat", str(library / "module.py")], bubblewrap="bwrap",
                                 workdir=workdir, private=private, readonly=[str(library)], masked=[])
    run = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert run.stdout == "VALUE = 42\n", run.stderr


@pytest.mark.slow
def test_a_sandboxed_kernel_sees_only_its_folder_and_no_network(tmp_path):
    secret = tmp_path / "trainer_secret.txt"
    secret.write_text("secret")
    workdir = tmp_path / "graded"
    workdir.mkdir()
    (workdir / "welcome.ipynb").write_text("the hidden tests would be here")
    private = tmp_path / "private"
    prepare_private_folder(private)
    listener = socket.create_server(("127.0.0.1", 0))  # a server of the trainer's, on this machine
    port = listener.getsockname()[1]
    probe = f"""
import json, os, socket
seen = {{"solutions": os.path.exists({str(ROOT / 'solutions')!r}), "secret": os.path.exists({str(secret)!r}),
         "notebook": open("welcome.ipynb").read(), "import": __import__("asm_workshop.widgets").__name__}}
open("written.txt", "w").write("mine")
for path in [{str(secret)!r}, {str(tmp_path / 'escaped.txt')!r}]:
    try:
        open(path, "w").write("overwritten")
    except OSError:
        pass
for address in [("127.0.0.1", {port}), ("1.1.1.1", 80)]:
    try:
        socket.create_connection(address, timeout=2)
        seen[address[0]] = "connected"
    except OSError as error:
        seen[address[0]] = os.strerror(error.errno)
print(json.dumps(seen))
"""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(probe)])
    config = Config()
    config.SandboxedKernelManager.bubblewrap = bubblewrap()
    config.SandboxedKernelManager.private_folder = str(private)
    config.SandboxedKernelManager.readonly = readonly_paths()
    NotebookClient(notebook, timeout=60, kernel_name="python3", kernel_manager_class=SandboxedKernelManager,
                   config=config, resources={"metadata": {"path": str(workdir)}}).execute()
    listener.close()
    seen = json.loads(notebook.cells[0].outputs[0]["text"])
    assert seen == {"solutions": False, "secret": False, "notebook": "", "import": "asm_workshop",
                    "127.0.0.1": "Connection refused", "1.1.1.1": "Network is unreachable"}
    assert (workdir / "written.txt").read_text() == "mine"
    assert secret.read_text() == "secret" and not (tmp_path / "escaped.txt").exists()


def test_kill_marked_processes_finds_a_process_that_left_its_session():
    marker = f"test-{os.getpid()}-{time.monotonic_ns()}"
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True,
                               env={**os.environ, MARKER_VARIABLE: marker})
    time.sleep(0.2)
    assert kill_marked_processes(marker) == [process.pid]
    assert process.wait(timeout=10) == -signal.SIGKILL


@pytest.mark.parametrize(("log", "key"), [
    ("CellTimeoutError: Timeout waiting for IOPub output", "grading.reason_unstoppable_cell"),
    ("nbclient.exceptions.DeadKernelError: Kernel died", "grading.reason_kernel_died"),
    ("nbformat.reader.NotJSONError: Notebook does not appear to be JSON",
     "grading.reason_notebook_unreadable"),
    ("ValidationError: Notebook failed to validate; the nbgrader metadata may be corrupted.",
     "grading.reason_grading_marks_changed"),
    ("something new\nValueError: odd", "grading.reason_grader_failed"),
])
def test_nbgrader_failures_are_explained_in_the_catalogs_words(log, key):
    assert explain_failure(log).key == key


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("isolation")
    solutions = folder / "solutions"
    shutil.copytree(ROOT / "solutions", solutions)
    course = Course(folder / "template", solutions)
    course.generate("welcome")
    return course.folder


@pytest.mark.slow
def test_without_bubblewrap_limits_still_hold_and_nothing_is_left_running(template, tmp_path):
    corpus = load_corpus()
    marker = f"asm-hostile-leftover-{os.getpid()}-{time.monotonic_ns()}"
    targets = corpus.Targets(tmp_path / "forbidden", tmp_path / "gradebook.db", tmp_path / "solutions",
                             leftover_marker=marker)
    corpus.make_corpus(tmp_path / "submissions", targets, only=["background_process", "large_memory"])
    # Starts a process that leaves its session, then outlives the submission's time limit.
    leftover = marker + "-overdue"
    overdue = (
        "import subprocess, sys, time\n"
        f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', {leftover!r}],\n"
        "                 start_new_session=True)\n"
        "time.sleep(120)\n" + corpus.RIGHT_RATIO
    )
    corpus._participant(tmp_path / "submissions" / "overdue", ratio=overdue)
    limits = Limits(submission_seconds=12, cell_seconds=60)
    unpacked = unpack_submissions(tmp_path / "submissions", tmp_path / "unpacked", {"en": ["welcome.ipynb"]})
    runs = [
        IsolatedRun(s.participant, "welcome", s.folder, template, tmp_path / "runs" / s.participant, limits)
        for s in unpacked
    ]
    started = time.monotonic()
    outcomes = {outcome.participant: outcome for outcome in autograde_isolated(runs, jobs=3)}
    assert time.monotonic() - started < 60
    assert outcomes["background_process"].grades["welcome"]["ratio_tests"] == 2
    # The memory limit turned the 3 GiB allocation into a MemoryError before the function.
    assert outcomes["large_memory"].grades["welcome"]["ratio_tests"] == 0
    assert not outcomes["overdue"].graded
    assert outcomes["overdue"].problem.key == "grading.reason_submission_timeout"
    assert marked_processes(marker.encode()) == []

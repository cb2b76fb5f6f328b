"""Grade a class in one command: submissions in, grades, feedback and a class picture out.

``grade_class`` unpacks every submission into a work area (never writing to the submissions
folder), autogrades each one isolated (``isolation.py``), merges the scores into the real
gradebook as they come, and writes ``grades.csv``, ``summary.png`` and one feedback page per
participant and notebook. ``OUT`` becomes an nbgrader course for the formgrader: its
``gradebook.db``, ``autograded/``, ``source/`` and an ``nbgrader_config.py`` pointing at them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from asm_workshop.grading.course import Course
from asm_workshop.grading.feedback import feedback_page, not_graded_page
from asm_workshop.grading.gradebook_merge import (
    ParticipantScores,
    check_schema,
    gradebook_schema,
    merge_outcome,
    prepare_gradebook,
    read_scores,
)
from asm_workshop.grading.isolation import ForkServer, IsolatedRun, Limits, Outcome, autograde_isolated
from asm_workshop.grading.report import (
    GRADED,
    NEEDS_MANUAL_GRADING,
    NOT_GRADED,
    ReportRow,
    draw_summary,
    graded_parts,
    write_grades_csv,
)
from asm_workshop.grading.sandbox import choose_bubblewrap, readonly_paths
from asm_workshop.grading.submissions import MAX_BYTES, Problem, Submission, unpack_submissions
from asm_workshop.i18n import get_language, in_language, t
from asm_workshop.paths import repository_root
from asm_workshop.translation import ASSIGNMENT_SUFFIX, LANGUAGE, SOURCE_LANGUAGE

FINGERPRINT_FILE = ".submission-sha256"
BACKUP_NAME = "gradebook-before-grading.db"
_FORMGRADER_CONFIG = '''"""For the formgrader: run `jupyter lab` here, then Nbgrader > Formgrader."""

import os

c = get_config()  # noqa: F821
here = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.root = here
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(here, "gradebook.db")
'''


@dataclass
class ClassGrades:
    """What ``grade_class`` produced: the rows of grades.csv, where everything is, how it ran."""

    rows: list[ReportRow]
    out: Path
    sandboxed: bool
    seconds: float
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def grades_csv(self) -> Path:
        return self.out / "grades.csv"

    @property
    def summary(self) -> Path:
        return self.out / "summary.png"

    @property
    def gradebook(self) -> Path:
        return self.out / "gradebook.db"

    def feedback(self, participant: str, assignment: str) -> Path:
        """Return the folder of ``participant``'s feedback pages for ``assignment``."""
        return self.out / "feedback" / participant / assignment


def grade_class(
    assignment: str,
    submissions: Path,
    out: Path,
    *,
    root: Path | None = None,
    jobs: int | None = None,
    limits: Limits | None = None,
    sandbox: str = "auto",
    work: Path | None = None,
    progress: TextIO | None = None,
) -> ClassGrades:
    """Autograde every submission of ``assignment`` in ``submissions``; write the results in ``out``.

    ``assignment`` names the exercise in either language (``day1`` or ``day1_fr``): each
    submission is graded in the edition whose notebook it holds, its feedback written in that
    language, and grades.csv gets one row per participant with the language in a column.
    ``root`` is the checkout whose ``solutions/`` is the source (default: this one); ``jobs``
    submissions are graded at once (default: one per processor); ``sandbox`` is "auto"
    (bubblewrap where it works), "bwrap" (required) or "none". ``work`` is where the throwaway
    copies go (default: the system's temporary folder); ``progress`` is where the progress bar
    goes (default: nowhere). Raises ValueError for unusable folders.
    """
    started = time.monotonic()
    root = Path(root or repository_root())
    submissions, out = Path(submissions).resolve(), Path(out).resolve()
    editions = assignment_editions(root / "solutions", assignment)
    _check_folders(root, submissions, out)
    bubblewrap = choose_bubblewrap(sandbox)
    out.mkdir(parents=True, exist_ok=True)
    jobs = jobs or os.cpu_count() or 1
    limits = limits or Limits()
    with (tempfile.TemporaryDirectory(prefix="asm-grade-", dir=work) as folder,
          ForkServer(Path(folder) / "fork-server.log") as server):
        # The server imports nbgrader while the template course is generated here.
        work_folder = Path(folder)
        template = Course(work_folder / "template", root / "solutions")
        releases = {language: template.generate(name) for language, name in editions.items()}
        sources = {language: template.folder / "source" / name for language, name in editions.items()}
        notebooks = {language: sorted(path.name for path in source.glob("*.ipynb"))
                     for language, source in sources.items()}
        unpacked = unpack_submissions(submissions, work_folder / "submissions", notebooks)
        gradebook = out / "gradebook.db"
        for name in editions.values():
            prepare_gradebook(gradebook, template.folder, name)
        # A copy to go back to, and the structure that must not change while grading.
        shutil.copy(gradebook, out / BACKUP_NAME)
        schema = gradebook_schema(gradebook)
        _prepare_formgrader(out, sources.values())
        bar = _Progress(len(unpacked), progress, "bubblewrap" if bubblewrap else "no sandbox", jobs)
        by_participant = {submission.participant: submission for submission in unpacked}
        problems: dict[str, Problem] = {}
        for submission in unpacked:
            if submission.problem is not None:
                problems[submission.participant] = submission.problem
                bar.advance(submission.participant, graded=False)

        def merge(outcome: Outcome) -> None:
            check_schema(gradebook, schema)
            submission = by_participant[outcome.participant]
            if outcome.graded:
                _merge(gradebook, out, editions[submission.language], outcome, submission)
            else:
                problems[outcome.participant] = outcome.problem
            bar.advance(outcome.participant, graded=outcome.graded)

        readonly = tuple(readonly_paths())
        runs = [
            IsolatedRun(s.participant, editions[s.language], s.folder, template.folder,
                        work_folder / "runs" / s.participant, limits, bubblewrap or "", readonly)
            for s in unpacked if s.folder is not None
        ]
        outcomes = autograde_isolated(runs, jobs, merge, server)
        bar.finish()
        check_schema(gradebook, schema)
        scores = _latest_scores(gradebook, editions, by_participant)
        rows = _rows(by_participant, scores, problems)
        parts = graded_parts(root / "solutions" / editions[SOURCE_LANGUAGE])
        write_grades_csv(out / "grades.csv", rows, parts)
        draw_summary(out / "summary.png", rows, parts)
        _write_feedback(out, editions, notebooks, releases, rows, scores)
    return ClassGrades(rows, out, bool(bubblewrap), time.monotonic() - started, outcomes)


def assignment_editions(solutions: Path, assignment: str) -> dict[str, str]:
    """Return the assignment's editions in ``solutions``, by language: ``day1`` or ``day1_fr`` give
    ``{"en": "day1", "fr": "day1_fr"}`` (an edition is there when its folder holds a notebook)."""
    english = assignment.removesuffix(ASSIGNMENT_SUFFIX)
    candidates = {SOURCE_LANGUAGE: english, LANGUAGE: english + ASSIGNMENT_SUFFIX}
    found = {language: name for language, name in candidates.items()
             if any((solutions / name).glob("*.ipynb"))}
    if assignment not in found.values():
        raise ValueError(f"No assignment notebooks in {solutions / assignment}: check the assignment's name.")
    return found


# --- steps ------------------------------------------------------------------------------------


def _check_folders(root: Path, submissions: Path, out: Path) -> None:
    if not submissions.is_dir():
        raise ValueError(f"{submissions} is not a folder of submissions.")
    if out == submissions or submissions in out.parents:
        raise ValueError(f"The output folder {out} is inside the submissions folder, which is never written.")
    # OUT becomes a course of its own (nbgrader_config.py, source/): not the checkout's.
    checkout = root.resolve()
    if out == checkout or any(folder in out.parents or folder == out
                              for folder in (checkout / "solutions", checkout / "exercises")):
        raise ValueError(f"Choose an output folder of its own, not {out}: for example {checkout / 'grades'}.")


def _prepare_formgrader(out: Path, sources: Iterable[Path]) -> None:
    (out / "nbgrader_config.py").write_text(_FORMGRADER_CONFIG)
    for source in sources:
        target = out / "source" / source.name
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target)


def _latest_scores(
    gradebook: Path, editions: dict[str, str], submissions: dict[str, Submission]
) -> dict[str, tuple[str, ParticipantScores]]:
    """Each participant's scores with the language they are in: the edition submitted this time,
    else (a participant graded in an earlier run only) the first edition that has their scores."""
    found: dict[str, tuple[str, ParticipantScores]] = {}
    for language, name in editions.items():
        for participant, scores in read_scores(gradebook, name).items():
            submitted = submissions.get(participant)
            if participant not in found or (submitted is not None and submitted.language == language):
                found[participant] = (language, scores)
    return found


def _merge(gradebook: Path, out: Path, assignment: str, outcome: Outcome, submission: Submission) -> None:
    graded = out / "autograded" / outcome.participant / assignment
    previous = graded / FINGERPRINT_FILE
    same = previous.exists() and previous.read_text().strip() == submission.fingerprint
    merge_outcome(gradebook, assignment, outcome.participant, outcome.grades, outcome.comments,
                  same_submission=same)
    if graded.exists():
        shutil.rmtree(graded)
    _copy_regular_files(outcome.autograded, graded)
    (graded / FINGERPRINT_FILE).write_text(submission.fingerprint)


def _copy_regular_files(source: Path, target: Path, limit: int = MAX_BYTES) -> None:
    """Copy ``source`` without following links, up to ``limit`` bytes (what a notebook wrote)."""
    copied = 0
    for folder, folder_names, file_names in os.walk(source):
        folder_names[:] = [name for name in folder_names if not os.path.islink(os.path.join(folder, name))]
        relative = Path(folder).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in sorted(file_names):
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file():
                continue
            copied += path.stat().st_size
            if copied > limit and path.suffix != ".ipynb":
                continue
            shutil.copyfile(path, target / relative / name)


def _rows(
    submissions: dict[str, Submission], scores: dict[str, tuple[str, ParticipantScores]],
    problems: dict[str, Problem],
) -> list[ReportRow]:
    rows = []
    for participant in sorted(set(submissions) | set(scores), key=str.lower):
        submission = submissions.get(participant)
        notes = [t(note.key, **note.fields) for note in (submission.notes if submission else [])]
        problem = problems.get(participant)
        if participant not in scores:
            reason = t(problem.key, **problem.fields) if problem else ""
            rows.append(ReportRow(participant, NOT_GRADED, reason=" ".join([reason, *notes]).strip()))
            continue
        language, found = scores[participant]
        flagged = [part for part in found.parts.values() if part.needs_manual_grade]
        waiting = [part.grade_id for part in flagged if not part.graded_by_person]
        review = [part.grade_id for part in flagged if part.graded_by_person]
        status = NEEDS_MANUAL_GRADING if waiting or review else GRADED
        reasons = [t("grading.reason_written_answers", parts=", ".join(waiting))] if waiting else []
        if review:
            reasons.append(t("grading.reason_review_manual", parts=", ".join(review)))
        if problem is not None:
            reasons.append(t("grading.reason_kept_earlier", reason=t(problem.key, **problem.fields)))
        row = ReportRow(
            participant, status, found.score, found.max_score,
            # Keyed by the English notebook: a French edition's parts are the same parts.
            {(notebook.removesuffix(ASSIGNMENT_SUFFIX), grade_id):
             None if part.needs_manual_grade and not part.graded_by_person else part.score
             for (notebook, grade_id), part in found.parts.items()},
            " ".join([*reasons, *notes]), language,
        )
        rows.append(row)
    return rows


def _write_feedback(
    out: Path, editions: dict[str, str], notebooks: dict[str, list[str]], releases: dict[str, Path],
    rows: list[ReportRow], scores: dict[str, tuple[str, ParticipantScores]],
) -> None:
    """One page per notebook in the participant's language (a page saying why where nothing was
    graded, in the trainer's), in ``feedback/<participant>/<edition>/``."""
    for row in rows:
        language = row.language or get_language()
        assignment = editions.get(language, editions[SOURCE_LANGUAGE])
        for name in editions.values():
            shutil.rmtree(out / "feedback" / row.participant / name, ignore_errors=True)
        folder = out / "feedback" / row.participant / assignment
        folder.mkdir(parents=True)
        with in_language(language):
            for notebook in notebooks.get(language, notebooks[SOURCE_LANGUAGE]):
                page = folder / f"{Path(notebook).stem}.html"
                graded = out / "autograded" / row.participant / assignment / notebook
                if row.participant in scores and graded.exists():
                    text = feedback_page(graded, releases[language] / notebook, scores[row.participant][1],
                                         assignment=assignment)
                else:
                    text = not_graded_page(row.participant, assignment, row.reason)
                page.write_text(text, encoding="utf-8")


class _Progress:
    """A one-line progress bar on a terminal; one line per submission elsewhere (logs, CI)."""

    def __init__(self, total: int, stream: TextIO | None, sandbox: str, jobs: int) -> None:
        self.total, self.stream, self.done, self.not_graded = total, stream, 0, 0
        self.started = time.monotonic()
        self.terminal = bool(stream) and stream.isatty()
        self._say(f"grading {total} submissions, {jobs} at a time ({sandbox})\n")

    def advance(self, participant: str, *, graded: bool) -> None:
        self.done += 1
        self.not_graded += not graded
        elapsed = time.monotonic() - self.started
        if self.terminal:
            filled = int(30 * self.done / max(self.total, 1))
            self._say(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}"
                      f"  {self.not_graded} not graded  {elapsed:4.0f} s  {participant[:30]:30}")
        else:
            self._say(f"{self.done}/{self.total} {participant}: {'graded' if graded else 'not graded'}\n")

    def finish(self) -> None:
        if self.terminal:
            self._say("\n")
        self._say(f"done in {time.monotonic() - self.started:.0f} s\n")

    def _say(self, text: str) -> None:
        if self.stream is not None:
            self.stream.write(text)
            self.stream.flush()

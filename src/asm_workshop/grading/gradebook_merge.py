"""The real gradebook: set it up for an assignment, merge each isolated result in, read scores.

The real gradebook (``OUT/gradebook.db`` by default) is an ordinary nbgrader gradebook, so the
formgrader can be pointed at it for the written answers. Only this process writes to it, and
only scores read back from a submission's own throwaway course. Manual grades survive a
re-run: a person's score is never overwritten, and it is flagged for review only when the
submission itself changed since.
"""

from __future__ import annotations

import shutil
import sqlite3
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from sqlalchemy.exc import SAWarning


class GradebookMismatch(RuntimeError):
    """The gradebook already holds grades for another version of the assignment."""


class GradebookTampered(RuntimeError):
    """Something other than the grading command changed the gradebook's structure while it ran."""


@dataclass
class PartScore:
    """One graded part (an nbgrader grade cell) of one participant's submission."""

    notebook: str
    grade_id: str
    score: float
    max_score: float
    needs_manual_grade: bool
    graded_by_person: bool = False
    comment: str = ""


@dataclass
class ParticipantScores:
    """One participant's submission as the gradebook holds it (points, not percentages)."""

    participant: str
    score: float
    max_score: float
    parts: dict[tuple[str, str], PartScore] = field(default_factory=dict)

    @property
    def needs_manual_grade(self) -> bool:
        """True while any part still waits for a person."""
        return any(part.needs_manual_grade for part in self.parts.values())


def gradebook_url(path: Path) -> str:
    """Return the SQLAlchemy address nbgrader uses for the gradebook file ``path``."""
    return f"sqlite:///{Path(path).resolve()}"


def assignment_definition(gradebook: Path, assignment: str) -> dict | None:
    """Return the assignment's notebooks and cells as the gradebook knows them, or None."""
    with Gradebook(gradebook_url(gradebook)) as book:
        try:
            found = book.find_assignment(assignment)
        except MissingEntry:
            return None
        return {
            notebook.name: {
                "grade": sorted((c.name, c.cell_type, float(c.max_score)) for c in notebook.grade_cells),
                "solution": sorted(c.name for c in notebook.solution_cells),
                "task": sorted((c.name, float(c.max_score)) for c in notebook.task_cells),
                "source": sorted((c.name, c.cell_type, bool(c.locked), c.checksum)
                                 for c in notebook.source_cells),
            }
            for notebook in found.notebooks
        }


def prepare_gradebook(gradebook: Path, template: Path, assignment: str) -> None:
    """Make ``gradebook`` know ``assignment`` as the template course defines it.

    ``template`` is a course folder whose ``gradebook.db`` was made by generate_assignment.
    A new gradebook is a copy of the template's; an existing one is left untouched when it
    already defines the assignment the same way. Raises GradebookMismatch when it holds
    grades for a different version (nbgrader cannot add or remove cells then).
    """
    wanted = assignment_definition(template / "gradebook.db", assignment)
    if not gradebook.exists():
        gradebook.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(template / "gradebook.db", gradebook)
        return
    current = assignment_definition(gradebook, assignment)
    if current == wanted:
        return
    if current is not None and _has_submissions(gradebook, assignment):
        raise GradebookMismatch(
            f"{gradebook} already holds grades for another version of '{assignment}' (its notebooks "
            "or graded cells have changed since). Grade into a new --out folder, or move that "
            "gradebook aside if the old grades are no longer needed."
        )
    _define_assignment(gradebook, template, assignment)


def gradebook_schema(gradebook: Path) -> list[tuple[str, str, str]]:
    """Return the gradebook's tables, indexes, triggers and views with their SQL."""
    with sqlite3.connect(gradebook) as database:
        return sorted(database.execute("SELECT type, name, COALESCE(sql, '') FROM sqlite_master"))


def check_schema(gradebook: Path, expected: list[tuple[str, str, str]]) -> None:
    """Raise GradebookTampered if the gradebook's structure is no longer ``expected``.

    Only a notebook's code that reached the gradebook (possible without bubblewrap) adds a
    trigger or a table; merging into it then would spread whatever that code planted.
    """
    found = gradebook_schema(gradebook)
    if found != expected:
        added = sorted({name for _, name, _ in found} ^ {name for _, name, _ in expected})
        raise GradebookTampered(
            f"{gradebook} was changed while grading ({', '.join(added) or 'its tables'}): a submission's "
            "code reached it. Grading stopped. Restore the copy saved beside it before grading, and grade "
            "with bubblewrap (see the README)."
        )


def merge_outcome(
    gradebook: Path,
    assignment: str,
    participant: str,
    grades: dict[str, dict[str, float | None]],
    comments: dict[str, dict[str, str | None]],
    *,
    same_submission: bool,
) -> None:
    """Write one submission's automatic scores and comments into ``gradebook``.

    ``grades`` maps notebook -> grade cell -> points (None where a person must grade).
    A score a person gave is kept; it is flagged for review unless ``same_submission``
    (the files are the ones graded before).
    """
    with warnings.catch_warnings(), Gradebook(gradebook_url(gradebook)) as book:
        # nbgrader 0.9.6 triggers these SQLAlchemy 2 warnings on every new submission; harmless.
        warnings.simplefilter("ignore", SAWarning)
        book.update_or_create_student(participant)
        try:
            book.find_submission(assignment, participant)
        except MissingEntry:
            book.add_submission(assignment, participant)
        for notebook, scores in grades.items():
            for grade_id, auto_score in scores.items():
                grade = book.find_grade(grade_id, notebook, assignment, participant)
                grade.auto_score = auto_score
                if grade.manual_score is not None:
                    grade.needs_manual_grade = not same_submission
                else:
                    grade.needs_manual_grade = auto_score is None
        for notebook, texts in comments.items():
            for cell, text in texts.items():
                book.find_comment(cell, notebook, assignment, participant).auto_comment = text
        book.db.commit()


def read_scores(gradebook: Path, assignment: str) -> dict[str, ParticipantScores]:
    """Return every participant's scores for ``assignment``, manual grades included."""
    found: dict[str, ParticipantScores] = {}
    with Gradebook(gradebook_url(gradebook)) as book:
        try:
            submissions = book.find_assignment(assignment).submissions
        except MissingEntry:
            return found
        for submission in submissions:
            scores = ParticipantScores(submission.student.id, float(submission.score),
                                       float(submission.max_score))
            for notebook in submission.notebooks:
                comments = {c.name: c.manual_comment or "" for c in notebook.comments}
                for grade in notebook.grades:
                    scores.parts[(notebook.name, grade.name)] = PartScore(
                        notebook.name, grade.name, float(grade.score), float(grade.max_score),
                        bool(grade.needs_manual_grade), grade.manual_score is not None,
                        comments.get(grade.name, ""),
                    )
            found[scores.participant] = scores
    return found


def _has_submissions(gradebook: Path, assignment: str) -> bool:
    with Gradebook(gradebook_url(gradebook)) as book:
        return bool(book.find_assignment(assignment).submissions)


def _define_assignment(gradebook: Path, template: Path, assignment: str) -> None:
    from nbgrader.apps import NbGraderAPI

    from asm_workshop.grading.config import course_config, put_environment_on_path

    put_environment_on_path()
    config = course_config(template, source="source", release="release")
    config.CourseDirectory.db_url = gradebook_url(gradebook)
    api = NbGraderAPI(config=config)
    api.log.setLevel("ERROR")
    result = api.generate_assignment(assignment)
    if not result["success"]:
        log = result.get("log", "")
        raise GradebookMismatch(f"nbgrader could not add '{assignment}' to {gradebook}:\n{log}")

"""Build submissions for grading tests: notebooks plus the reference widget answers."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import nbformat

from asm_workshop.paths import repository_root

ROOT = repository_root()
REFERENCE_ANSWERS = Path(__file__).parent / "fixtures" / "answers"


def submission(tmp: Path, version: str, assignment: str, answers: str | dict | None) -> Path:
    """Copy ``version``/``assignment`` (solutions or exercises) to ``tmp`` with an answers folder.

    ``answers`` is "reference" (the facilitator's answers from tests/fixtures, if it has widgets),
    a mapping of key -> value written as the participant's widgets would, or None (no answers folder).
    """
    folder = tmp / f"{version}-{assignment}"
    shutil.copytree(ROOT / version / assignment, folder)
    # A French assignment (day1_fr) has its English source's widgets, keys and reference answers.
    reference = REFERENCE_ANSWERS / assignment.removesuffix("_fr")
    if answers == "reference" and reference.exists():
        shutil.copytree(reference, folder / "answers")
    elif answers == "reference":  # an assignment without widgets has no answers to give
        (folder / "answers").mkdir()
    elif answers:
        (folder / "answers").mkdir()
        for key, value in answers.items():
            content = {"format": 1, "key": key, "value": value}
            (folder / "answers" / f"{key}.json").write_text(json.dumps(content))
    return folder


def replace_solution_text(notebook_path: Path, right: str, wrong: str) -> None:
    """Put ``wrong`` in place of the solution text ``right`` (which must occur in exactly one cell)."""
    notebook = nbformat.read(notebook_path, as_version=4)
    holding = [cell for cell in notebook.cells if cell.source.count(right) == 1]
    assert len(holding) == 1, f"the solution text {right!r} is not in exactly one cell"
    holding[0].source = holding[0].source.replace(right, wrong)
    nbformat.write(notebook, notebook_path)


def changed_copy(value, change):
    """Return a copy of the JSON value ``value`` with ``change`` (edits its argument in place) applied."""
    value = json.loads(json.dumps(value))
    change(value)
    return value


def stated_points_problems(notebook_path: Path, expected: dict[str, float], total: float) -> list[str]:
    """What differs between an nbgrader source's graded cells and the points it should give:
    ``expected`` (grade id -> points) and the ``total`` its first cell must state."""
    graded = graded_cell_points(notebook_path)
    problems = [] if graded == expected else [f"graded cells {graded} instead of {expected}"]
    if sum(graded.values()) != total:
        problems.append(f"the graded cells add up to {sum(graded.values())}, not {total}")
    if f"**Total: {total:g} points**" not in nbformat.read(notebook_path, as_version=4).cells[0].source:
        problems.append(f"the first cell does not state **Total: {total:g} points**")
    return problems


def assignment_of(points: dict[str, dict], cell: str) -> str:
    """The assignment whose autograded cells (``points[assignment]["autograded"]``) hold ``cell``:
    a day's parts are split between its assignment and its optional practice."""
    (assignment,) = [name for name, spec in points.items() if cell in spec["autograded"]]
    return assignment


def autograded_points(points: dict[str, dict], assignment: str, score) -> dict[str, float]:
    """The points ``score`` gives each autograded cell of ``assignment``, as ``points`` lists them."""
    return {cell: score.by_cell[cell] for cell in points[assignment]["autograded"]}


def graded_cell_points(notebook_path: Path) -> dict[str, float]:
    """Return grade id -> points of every graded cell of an nbgrader source notebook."""
    notebook = nbformat.read(notebook_path, as_version=4)
    return {cell.metadata["nbgrader"]["grade_id"]: cell.metadata["nbgrader"].get("points")
            for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade")}


def load_corpus():
    """Import tests/fixtures/submissions/make_corpus.py, the generator of the grading corpus."""
    spec = importlib.util.spec_from_file_location(
        "make_corpus", Path(__file__).parent / "fixtures" / "submissions" / "make_corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def generated_course(folder: Path, assignment: str):
    """A throwaway nbgrader course in ``folder`` with ``assignment`` generated, ready for submissions."""
    from asm_workshop.grading.course import Course

    course = Course(folder, ROOT / "solutions")
    course.generate(assignment)
    return course


# The checks every day's grading test makes, for the day's assignment and for its practice: ``points``
# maps each assignment to {"total", "written": {cell: points}, "autograded": {cell: points}}.

def check_stated_points(points: dict[str, dict], assignment: str) -> None:
    spec = points[assignment]
    source = ROOT / "solutions" / assignment / f"{assignment}.ipynb"
    graded = {**spec["autograded"], **spec["written"]}
    assert stated_points_problems(source, graded, spec["total"]) == []


def check_perfect_submission(course, tmp_path: Path, points: dict[str, dict], assignment: str) -> None:
    """The solution with the reference answers gets every autograded point and none of the written ones."""
    spec = points[assignment]
    course.submit(assignment, "perfect", submission(tmp_path, "solutions", assignment, "reference"))
    score = course.autograde(assignment, "perfect")
    assert autograded_points(points, assignment, score) == spec["autograded"]
    assert score.max_score == spec["total"]
    assert score.score == sum(spec["autograded"].values())
    assert all(score.by_cell[cell] == 0.0 for cell in spec["written"])


def check_untouched_gets_zero(course, tmp_path: Path, assignment: str) -> None:
    course.submit(assignment, "untouched", submission(tmp_path, "exercises", assignment, None))
    assert course.autograde(assignment, "untouched").score == 0.0


def check_wrong_widget_answer(course, tmp_path: Path, points: dict[str, dict], key: str, wrong_value,
                              cell: str, student: str) -> None:
    """The reference answers with ``key``'s saved value replaced lose ``cell``'s points, and only those."""
    assignment = assignment_of(points, cell)
    folder = submission(tmp_path, "solutions", assignment, "reference")
    saved = json.loads((folder / "answers" / f"{key}.json").read_text())
    saved["value"] = wrong_value
    (folder / "answers" / f"{key}.json").write_text(json.dumps(saved))
    course.submit(assignment, student, folder)
    scored = autograded_points(points, assignment, course.autograde(assignment, student))
    assert scored == {**points[assignment]["autograded"], cell: 0.0}


def check_wrong_solution_text(course, tmp_path: Path, points: dict[str, dict], cell: str, right: str,
                              wrong: str, student: str) -> None:
    """The solution with ``wrong`` in place of ``right`` loses ``cell``'s points, and only those."""
    assignment = assignment_of(points, cell)
    folder = submission(tmp_path, "solutions", assignment, "reference")
    replace_solution_text(folder / f"{assignment}.ipynb", right, wrong)
    course.submit(assignment, student, folder)
    scored = autograded_points(points, assignment, course.autograde(assignment, student))
    assert scored == {**points[assignment]["autograded"], cell: 0.0}

"""The committed participant versions are exactly what nbgrader generates from solutions/."""

import shutil

import nbformat
import pytest

from asm_workshop.checks import _cells, exercise_problems, solution_problems
from asm_workshop.grading.release import assignments, generate_exercises
from grading_helpers import ROOT


def test_every_assignment_has_its_participant_version():
    assert assignments() == sorted(p.name for p in (ROOT / "exercises").iterdir() if p.is_dir())


@pytest.mark.slow
def test_exercises_are_what_nbgrader_generates_from_solutions():
    assert exercise_problems() == []


@pytest.mark.slow
def test_a_hand_edit_of_an_exercise_is_caught(tmp_path):
    shutil.copytree(ROOT / "solutions", tmp_path / "solutions")
    generate_exercises(tmp_path / "exercises", tmp_path)
    assert exercise_problems(tmp_path) == []
    notebook_path = tmp_path / "exercises" / "welcome" / "welcome.ipynb"
    notebook = nbformat.read(notebook_path, as_version=4)
    notebook.cells[0].source += "\nA hand edit."
    nbformat.write(notebook, notebook_path)
    assert any("edited by hand" in problem for problem in exercise_problems(tmp_path))


def test_participant_version_hides_solutions_hidden_tests_and_mark_schemes():
    for assignment in assignments():
        for path in (ROOT / "exercises" / assignment).glob("*.ipynb"):
            text = "".join(c.source for c in nbformat.read(path, as_version=4).cells)
            for secret in ("BEGIN SOLUTION", "HIDDEN TESTS", "Mark scheme", "Model answer"):
                assert secret not in text, f"{path.name} shows {secret!r}"
            assert "YOUR CODE HERE" in text


def test_solutions_hold_no_answer_files_to_hand_out():
    assert solution_problems() == []


def test_an_answers_folder_in_solutions_is_caught(tmp_path):
    (tmp_path / "solutions" / "welcome" / "answers").mkdir(parents=True)
    assert "would be handed to participants" in solution_problems(tmp_path)[0]


def test_release_cells_keep_nbgrader_ids_and_points():
    cells = _cells(ROOT / "exercises" / "welcome" / "welcome.ipynb")
    points = {meta["grade_id"]: meta.get("points") for _, _, meta in cells if meta.get("grade")}
    assert points == {"ratio_tests": 2, "training_tests": 2, "why_engage_answer": 2}

"""nbgrader's Validator (not the CLI, which exits 0 on failure) on every graded notebook."""

import pytest

from asm_workshop.grading.release import assignments
from asm_workshop.grading.validate import failing_tests, passing_tests
from grading_helpers import submission


@pytest.mark.slow
@pytest.mark.parametrize("assignment", assignments())
def test_solutions_pass_every_test_with_the_reference_answers(tmp_path, assignment):
    folder = submission(tmp_path, "solutions", assignment, "reference")
    for notebook in sorted(folder.glob("*.ipynb")):
        assert failing_tests(notebook) == [], f"{notebook.name}: these tests fail on the solution"


@pytest.mark.slow
@pytest.mark.parametrize("assignment", assignments())
def test_untouched_exercises_fail_every_autograded_test(tmp_path, assignment):
    folder = submission(tmp_path, "exercises", assignment, None)
    for notebook in sorted(folder.glob("*.ipynb")):
        assert passing_tests(notebook) == [], f"{notebook.name}: a test passes with no answer"


@pytest.mark.slow
def test_a_wrong_widget_answer_fails_validation(tmp_path):
    folder = submission(tmp_path, "solutions", "welcome", {"welcome.training_countries": ["benin"]})
    failures = failing_tests(folder / "welcome.ipynb")
    assert any("training_quiz" in source for source in failures)

"""The full nbgrader round trip, in a throwaway course: generate, submit, autograde, read."""

import pytest
from nbgrader.api import Gradebook

from grading_helpers import generated_course, submission

pytestmark = pytest.mark.slow
AUTOGRADED = {"ratio_tests": 2.0, "training_tests": 2.0}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return generated_course(tmp_path_factory.mktemp("course"), "welcome")


def test_perfect_submission_gets_every_autograded_point(course, tmp_path):
    course.submit("welcome", "perfect", submission(tmp_path, "solutions", "welcome", "reference"))
    score = course.autograde("welcome", "perfect")
    assert {cell: score.by_cell[cell] for cell in AUTOGRADED} == AUTOGRADED
    assert score.max_score == 6.0 and score.by_cell["why_engage_answer"] == 0.0


def test_manual_grade_completes_full_marks(course, tmp_path):
    course.submit("welcome", "manual", submission(tmp_path, "solutions", "welcome", "reference"))
    course.autograde("welcome", "manual")
    with Gradebook(course.api.coursedir.db_url) as gradebook:
        grade = gradebook.find_grade("why_engage_answer", "welcome", "welcome", "manual")
        grade.manual_score = 2
        gradebook.db.commit()
    assert course.score("welcome", "manual").score == 6.0


def test_untouched_participant_version_gets_zero(course, tmp_path):
    course.submit("welcome", "untouched", submission(tmp_path, "exercises", "welcome", None))
    assert course.autograde("welcome", "untouched").score == 0.0


def test_the_participants_own_answer_file_is_what_gets_graded(course, tmp_path):
    # Same notebook, two participants: only the answers folder differs.
    right = submission(tmp_path / "right", "exercises", "welcome",
                       {"welcome.training_countries": ["burkina_faso", "benin"]})
    wrong = submission(tmp_path / "wrong", "exercises", "welcome",
                       {"welcome.training_countries": ["benin", "ghana"]})
    course.submit("welcome", "right", right)
    course.submit("welcome", "wrong", wrong)
    assert course.autograde("welcome", "right").by_cell["training_tests"] == 2.0
    assert course.autograde("welcome", "wrong").by_cell["training_tests"] == 0.0
    graded = course.folder / "autograded" / "right" / "welcome" / "answers"
    assert "burkina_faso" in (graded / "welcome.training_countries.json").read_text()


def test_a_plausible_wrong_ratio_loses_its_points(course, tmp_path):
    # Gold over mercury (the ratio upside down) passes no hidden test.
    folder = submission(tmp_path, "solutions", "welcome", "reference")
    notebook = folder / "welcome.ipynb"
    upside_down = notebook.read_text().replace("mercury_kg / gold_kg", "gold_kg / mercury_kg")
    notebook.write_text(upside_down)
    course.submit("welcome", "upside_down", folder)
    assert course.autograde("welcome", "upside_down").by_cell["ratio_tests"] == 0.0

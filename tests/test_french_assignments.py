"""Each graded exercise's French edition is an nbgrader assignment of its own that grades like the
English one: the same answers get the same points in both languages, a blank French notebook gets
nothing, and a French check tells the participant what to fix in French."""

import shutil

import nbformat
import pytest

from asm_workshop.cli import main
from asm_workshop.grading.course import Course
from asm_workshop.grading.report import read_grades_csv
from asm_workshop.translation import ASSIGNMENT_SUFFIX, LANGUAGE_LINE, code_texts
from grading_helpers import ROOT, replace_solution_text, submission

pytestmark = pytest.mark.slow
ENGLISH = sorted(p.name for p in (ROOT / "solutions").iterdir()
                 if p.is_dir() and not p.name.endswith(ASSIGNMENT_SUFFIX))


def french(assignment: str) -> str:
    return assignment + ASSIGNMENT_SUFFIX


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = Course(tmp_path_factory.mktemp("course"), ROOT / "solutions")
    for assignment in ENGLISH:
        course.generate(assignment)
        course.generate(french(assignment))
    return course


def test_every_graded_exercise_has_a_french_assignment_with_its_grade_ids_and_points():
    for assignment in ENGLISH:
        def graded(name):
            notebook = nbformat.read(ROOT / "solutions" / name / f"{name}.ipynb", as_version=4)
            return [(c.metadata["nbgrader"]["grade_id"], c.metadata["nbgrader"].get("points"))
                    for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]
        assert graded(french(assignment)) == graded(assignment), assignment


@pytest.mark.parametrize("assignment", ENGLISH)
def test_the_same_answers_get_the_same_points_in_french_and_in_english(course, tmp_path, assignment):
    for name in (assignment, french(assignment)):
        course.submit(name, "awa", submission(tmp_path, "solutions", name, "reference"))
    english, in_french = course.autograde(assignment, "awa"), course.autograde(french(assignment), "awa")
    assert in_french.by_cell == english.by_cell
    assert (in_french.score, in_french.max_score) == (english.score, english.max_score)
    assert english.score > 0


@pytest.mark.parametrize("assignment", ENGLISH)
def test_an_untouched_french_exercise_gets_nothing(course, tmp_path, assignment):
    blank = submission(tmp_path, "exercises", french(assignment), None)
    course.submit(french(assignment), "blank", blank)
    assert course.autograde(french(assignment), "blank").score == 0.0


def test_a_wrong_french_answer_loses_the_same_part_as_in_english(course, tmp_path):
    share = 'women_share_benin_percent = benin_visits["women_count"].sum() / '
    right = share + 'benin_visits["workers_total"].sum() * 100'
    wrong = share + 'visits["workers_total"].sum() * 100'
    scores = {}
    for name in ("day2_practice", french("day2_practice")):
        folder = submission(tmp_path, "solutions", name, "reference")
        replace_solution_text(folder / f"{name}.ipynb", right, wrong)
        course.submit(name, "wrong_base", folder)
        scores[name] = course.autograde(name, "wrong_base").by_cell
    assert scores["day2_practice"]["women_benin_tests"] == 0.0
    assert scores[french("day2_practice")] == scores["day2_practice"]


def exercise(name: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "exercises" / name / f"{name}.ipynb", as_version=4)


@pytest.mark.parametrize("assignment", ENGLISH)
def test_the_french_exercise_speaks_french_from_its_first_code_cell_to_its_checks(assignment):
    english, in_french = exercise(assignment), exercise(french(assignment))
    first_code = next(cell for cell in in_french.cells if cell.cell_type == "code")
    assert first_code.source.startswith(LANGUAGE_LINE)
    assert "Total\u00a0:" in in_french.cells[0].source
    # Every text of the code a participant reads (a visible check's message when an answer is
    # wrong, a quiz), is French; a name the same in both languages ("Burkina Faso") aside.
    for e, f in zip(english.cells, in_french.cells, strict=True):
        if e.cell_type == "code":
            english_messages = [node.value for node in code_texts(e.source) if len(node.value.split()) > 2]
            assert not set(english_messages) & {node.value for node in code_texts(f.source)}, e.source


def test_a_class_that_mixes_languages_is_graded_in_one_command(tmp_path):
    submissions = tmp_path / "submissions"
    shutil.copytree(submission(tmp_path, "solutions", french("welcome"), "reference"), submissions / "awa")
    shutil.copytree(submission(tmp_path, "solutions", "welcome", "reference"), submissions / "boris")
    out = tmp_path / "out"
    assert main(["grade", "welcome", str(submissions), "--out", str(out), "--jobs", "2",
                 "--sandbox", "none"]) == 0
    rows = {row["id"]: row for row in read_grades_csv(out / "grades.csv")}
    assert {p: (row["language"], row["score"], row["status"]) for p, row in rows.items()} == {
        "awa": ("fr", "4", "needs manual grading"), "boris": ("en", "4", "needs manual grading")}
    assert rows["awa"]["ratio_tests"] == rows["boris"]["ratio_tests"] == "2"
    # Each participant's feedback is in the language they worked in.
    french_page = (out / "feedback" / "awa" / "welcome_fr" / "welcome_fr.html").read_text(encoding="utf-8")
    assert "Retour\u00a0: welcome_fr" in french_page and "Note provisoire\u00a0:" in french_page
    english_page = (out / "feedback" / "boris" / "welcome" / "welcome.html").read_text(encoding="utf-8")
    assert "Feedback: welcome" in english_page and "Retour" not in english_page
    # The formgrader finds both editions, whose written answers the trainer grades.
    assert {p.name for p in (out / "source").iterdir()} == {"welcome", "welcome_fr"}


def test_the_french_plan_builder_reads_the_french_day_2_answers():
    # A francophone participant saved their Day 2 grid in day2_fr: the French Day 3 reads it there.
    def code(name):
        return "".join(cell.source for cell in exercise(name).cells if cell.cell_type == "code")
    assert 'day2_folder="../day2_fr"' in code(french("day3"))
    assert 'day2_folder="../day2"' in code("day3")

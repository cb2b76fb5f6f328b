"""Each graded exercise fits the day: its first cell says "About N minutes", N is at most 45 for
the assignments done in the room, and N leaves time to read and answer every part.

The floor is a deliberately modest estimate for a non-programmer working in a second language:
reading at 100 words a minute (the Sources and the model answers are not read while working),
then per part 3 minutes for one to three lines of code, 1.5 for a question to click (plus reading
its choices), 5 for a tool to fill in (grid, matrix, checker, calculator, planner, plan builder),
6 for a written answer of a few sentences, and 1 for a check on a tool already filled in. What
does not fit goes to the optional practice assignment beside it (``<day>_practice``).
"""

import ast
import re

import nbformat
import pytest

from asm_workshop.grading.release import assignments
from asm_workshop.translation import ASSIGNMENT_SUFFIX
from grading_helpers import ROOT

ROOM_LIMIT = 45
WORDS_A_MINUTE = 100
CODE, QUESTION, TOOL, WRITTEN, CHECK = 3, 1.5, 5, 6, 1
# Day 3's Part 4 is the capstone: the team builds its plan in lesson 3.4 (whose 120 minutes hold
# the team work and the presentations) and each member hands it in here, so its minutes are the
# lesson's and not the exercise's.
DONE_IN_A_LESSON = {"day3": ("## Part 4 — Capstone", "3-4_case_studies_capstone")}
# The French editions (day1_fr...) have the same parts as their English source.
ASSIGNMENTS = [name for name in assignments() if not name.endswith(ASSIGNMENT_SUFFIX)]
ROOM = [name for name in ASSIGNMENTS if not name.endswith("_practice")]


def notebook_of(assignment: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)


def stated(assignment: str) -> int:
    match = re.search(r"About (\d+) minutes", notebook_of(assignment).cells[0].source)
    assert match, f"{assignment}: the first cell does not say 'About N minutes'"
    return int(match[1])


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def english_words(code: str) -> int:
    """The words a participant reads in a quiz: its English texts (the French ones are the same
    question in the other language)."""
    return sum(words(value.value)
               for node in ast.walk(ast.parse(code)) if isinstance(node, ast.Dict)
               for key, value in zip(node.keys, node.values, strict=True)
               if isinstance(key, ast.Constant) and key.value == "en" and isinstance(value, ast.Constant))


def work_cells(assignment: str) -> list[nbformat.NotebookNode]:
    """The cells worked through in the exercise's own time: all but the Sources and the part
    done in a lesson."""
    cells = notebook_of(assignment).cells
    stop = DONE_IN_A_LESSON.get(assignment, (None,))[0]
    kept = []
    for cell in cells:
        if cell.source.startswith("## Sources") or (stop and cell.source.startswith(stop)):
            break
        kept.append(cell)
    return kept


def floor_minutes(assignment: str) -> float:
    minutes = 0.0
    previous_id, previous = "", None
    for cell in work_cells(assignment):
        nbgrader = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "markdown":
            minutes += words(cell.source.split("### BEGIN SOLUTION")[0]) / WORDS_A_MINUTE
            if nbgrader.get("grade"):
                minutes += WRITTEN
        elif nbgrader.get("solution"):
            minutes += CODE
        elif nbgrader.get("grade"):  # a test cell after a widget: the widget is the work
            if previous_id.endswith("_widget"):
                if "Quiz(" in previous.source:
                    minutes += QUESTION + english_words(previous.source) / WORDS_A_MINUTE
                else:
                    minutes += TOOL
            elif not previous.metadata.get("nbgrader", {}).get("solution"):
                minutes += CHECK
        previous_id, previous = nbgrader.get("grade_id", ""), cell
    return minutes


@pytest.mark.parametrize("assignment", ROOM)
def test_a_room_exercise_takes_at_most_45_minutes(assignment):
    assert stated(assignment) <= ROOM_LIMIT


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_stated_minutes_leave_time_to_read_and_answer_every_part(assignment):
    assert stated(assignment) >= floor_minutes(assignment), round(floor_minutes(assignment), 1)


@pytest.mark.parametrize("assignment", [name for name in ASSIGNMENTS if name.endswith("_practice")])
def test_a_practice_assignment_says_it_is_optional_and_its_room_exercise_points_to_it(assignment):
    room = assignment.removesuffix("_practice")
    assert "optional" in notebook_of(assignment).cells[0].source.lower()
    assert f"`{assignment}`" in notebook_of(room).cells[0].source


@pytest.mark.parametrize("assignment, lesson", [(a, lesson) for a, (_, lesson) in DONE_IN_A_LESSON.items()])
def test_a_part_done_in_a_lesson_is_named_in_the_first_cell_and_held_by_the_lesson(assignment, lesson):
    assert "lesson 3.4" in notebook_of(assignment).cells[0].source
    lesson_text = (ROOT / "notebooks" / "day3" / f"{lesson}.ipynb").read_text()
    assert "EngagementPlanBuilder" in lesson_text

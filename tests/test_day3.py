"""The Day 3 capstone material: cases, toolkit steps and the rubric trainers and teams share."""

from __future__ import annotations

from asm_workshop import day3
from asm_workshop.cases import CAPSTONE_CASES
from asm_workshop.curriculum import lessons
from asm_workshop.i18n import set_language


def test_the_rubric_gives_two_points_per_criterion_and_twelve_in_all():
    assert [criterion.points for criterion in day3.RUBRIC] == [2] * 6
    assert day3.rubric_points() == 12


def test_the_rubric_table_says_what_earns_each_level_for_every_criterion():
    table = day3.rubric_table()
    assert list(table.columns) == ["Earns 2", "Earns 1", "Earns 0", "Points at most"]
    assert len(table) == len(day3.RUBRIC)
    assert table.drop(columns="Points at most").map(lambda text: len(text) > 5).all().all()
    assert table["Points at most"].sum() == day3.rubric_points()


def test_the_rubric_and_the_cases_read_in_french():
    set_language("fr")
    rubric = day3.rubric_table()
    cases = day3.case_table()
    assert "Points au maximum" in rubric.columns
    assert "Risques et environnement" in rubric.index
    assert "Dragage de sable dans les lagunes (Bénin)" in cases.index
    assert cases.index.name == "Cas"


def test_each_toolkit_step_names_a_lesson_that_exists():
    numbers = {path.name.split("_")[0].replace("-", ".") for path in lessons()}
    assert {lesson for _, lesson in day3.TOOLKIT_STEPS} <= numbers


def test_the_cases_table_has_one_row_per_case_and_no_empty_cell():
    table = day3.case_table()
    assert len(table) == len(CAPSTONE_CASES) == 3
    assert table.map(lambda text: bool(text.strip())).all().all()


def test_the_toolkit_table_lists_the_steps_in_order_with_lesson_and_tool():
    table = day3.toolkit_table()
    assert list(table.index) == list(range(1, len(day3.TOOLKIT_STEPS) + 1))
    assert list(table["Lesson"]) == [lesson for _, lesson in day3.TOOLKIT_STEPS]
    assert table.loc[7, "Tool"] == "Risk matrix"
    set_language("fr")
    assert day3.toolkit_table().loc[8, "Outil"] == "Générateur de plan d'engagement"

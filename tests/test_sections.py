"""Every lesson marks its sections core or optional with their minutes, and states their sums.

The agenda of the facilitator's kit is built from these marks, so they must be there, add up to
what the lesson's first cell says, fit the day's budget and leave time to read what they hold.
"""

import re

import pytest

from asm_workshop.curriculum import SECTION_KINDS, lessons, sections, stated_minutes

LESSONS = lessons()
# The most core minutes each lesson may take, for non-programmers working in a second language:
# a day of 08:30 to 17:00 with 90 minutes of breaks leaves 420 minutes, of which the graded
# exercise, the opening or closing and the daily recap take about 120.
CORE_BUDGET = {"00_welcome": 60, "3-4_case_studies_capstone": 120}
DAY_BUDGET = {"day1": 50, "day2": 55, "day3": 55}
WORDS_A_MINUTE = 100  # a second language, with the charts and tables to read


def budget(lesson):
    return CORE_BUDGET.get(lesson.stem) or DAY_BUDGET[lesson.parent.name]


def reading_floor(section):
    words = sum(len(re.findall(r"\w+", cell.source)) for cell in section.cells
                if cell.cell_type == "markdown")
    code_cells = sum(cell.cell_type == "code" for cell in section.cells)
    return words / WORDS_A_MINUTE + code_cells


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_section_is_marked_core_or_optional_with_its_minutes(lesson):
    unmarked = [s.title for s in sections(lesson) if s.kind not in SECTION_KINDS]
    assert unmarked == [], f"{lesson.name}: sections without marks: {unmarked}"
    for section in sections(lesson):
        assert (section.kind == "optional") == section.title.endswith("(optional)"), section.title
        assert section.minutes >= 0


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_the_first_cell_states_the_sums_of_the_marks(lesson):
    marks = sections(lesson)
    core = sum(s.minutes for s in marks if s.kind == "core")
    optional = sum(s.minutes for s in marks if s.kind == "optional")
    assert stated_minutes(lesson) == (core, optional)


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_the_core_fits_the_lessons_budget(lesson):
    core = sum(s.minutes for s in sections(lesson) if s.kind == "core")
    assert 0 < core <= budget(lesson)


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_each_section_leaves_time_to_read_and_run_what_it_holds(lesson):
    short = [(s.title, s.minutes, round(reading_floor(s), 1)) for s in sections(lesson)
             if s.title != "Sources" and s.minutes < reading_floor(s)]
    assert short == []

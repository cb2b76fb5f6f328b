"""The day2 assignment and its optional practice graded for real: full marks for the solutions,
nothing for a blank notebook, and plausible wrong answers (a stakeholder in the wrong quadrant, a
police force left off the duty-bearers, Topsoils before Technical Rehabilitation, a break-even
without the formal costs, a mean of ratios, a share over the wrong base) lose their points while
the other parts keep theirs."""

from __future__ import annotations

import json

import nbformat
import pytest

from asm_workshop.rehabilitation import TASKS
from grading_helpers import (
    ROOT,
    autograded_points,
    changed_copy,
    check_perfect_submission,
    check_stated_points,
    check_untouched_gets_zero,
    check_wrong_solution_text,
    check_wrong_widget_answer,
    generated_course,
    submission,
)

pytestmark = pytest.mark.slow
# The day's assignment (about 45 minutes in the room) and its optional practice: the parts that
# did not fit, with the same grade ids, points and hidden tests.
POINTS = {
    "day2": {
        "total": 17.0,
        "written": {"opponent_answer": 3.0},
        "autograded": {
            "most_connected_tests": 2.0,
            "grid_tests": 3.0,
            "duty_bearers_tests": 2.0,
            "break_even_tests": 3.0,
            "frm_order_tests": 2.0,
            "planner_tests": 2.0,
        },
    },
    "day2_practice": {
        "total": 12.0,
        "written": {"no_topsoil_answer": 3.0},
        "autograded": {
            "links_per_type_tests": 1.0,
            "women_benin_tests": 2.0,
            "calculator_tests": 2.0,
            "fairmined_tests": 1.0,
            "cost_tests": 2.0,
            "topsoil_tests": 1.0,
        },
    },
}

# Each: the test cell that must score 0, the solution text, and the plausible wrong text.
WRONG_ANSWERS = {
    "links_sent_only_counted": (
        "most_connected_tests",
        'most_connected = pd.concat([gold_links["source"], gold_links["target"]]).value_counts().idxmax()',
        'most_connected = gold_links["source"].value_counts().idxmax()',
    ),
    "women_of_benin_over_both_countries_workers": (
        "women_benin_tests",
        'women_share_benin_percent = benin_visits["women_count"].sum()'
        ' / benin_visits["workers_total"].sum() * 100',
        'women_share_benin_percent = benin_visits["women_count"].sum() / visits["workers_total"].sum() * 100',
    ),
    "break_even_without_the_formal_costs": (
        "break_even_tests",
        "formal_per_gram = reference_price_fcfa_per_gram * (1 - tax_share) - licence_per_gram",
        "formal_per_gram = reference_price_fcfa_per_gram",
    ),
    "premium_of_the_2014_2018_row_added_in": (
        "fairmined_tests",
        'premiums["period"].isin(["2016", "2017", "2018"])',
        'premiums["period"].isin(["2016", "2017", "2018", "2014-2018"])',
    ),
    "topsoils_before_technical_rehabilitation": (
        "frm_order_tests",
        '    "technical_rehabilitation",\n    "topsoils",\n',
        '    "topsoils",\n    "technical_rehabilitation",\n',
    ),
    "cost_per_hectare_as_a_mean_of_each_sites": (
        "cost_tests",
        'cost_per_hectare_fcfa = gold_sites["cost_fcfa"].sum() / gold_sites["area_ha"].sum()',
        'cost_per_hectare_fcfa = (gold_sites["cost_fcfa"] / gold_sites["area_ha"]).mean()',
    ),
}

def _reference(assignment: str, key: str):
    return json.loads((ROOT / "tests/fixtures/answers" / assignment / f"{key}.json").read_text())["value"]


_GRID = _reference("day2", "day2.stakeholder_grid")
_CALCULATOR = _reference("day2_practice", "day2.formalisation")
_PLAN = _reference("day2", "day2.rehabilitation_plan")


def _ministry_placed_high_interest(grid):
    grid[1]["interest"] = 8  # the ministry follows the site only from afar: low interest


def _topsoil_tasks_swapped_with_technical(plan):
    for task, step in TASKS.items():
        if step == "technical_rehabilitation":
            plan["steps"][task] = "topsoils"
        elif step == "topsoils":
            plan["steps"][task] = "technical_rehabilitation"


def _grams_left_at_practice_value(calculator):
    calculator["inputs"]["gold_grams_per_year"] = 300


# Each: the answer key, what the participant's widget saved, the test cell that must score 0.
WRONG_WIDGET_ANSWERS = {
    "ministry_managed_closely_instead_of_kept_satisfied": (
        "day2.stakeholder_grid", changed_copy(_GRID, _ministry_placed_high_interest), "grid_tests"),
    "police_left_off_the_duty_bearers": (
        "day2.duty_bearers", ["demas", "mono_prefect", "town_hall"], "duty_bearers_tests"),
    "topsoil_tasks_planned_as_technical_rehabilitation": (
        "day2.rehabilitation_plan", changed_copy(_PLAN, _topsoil_tasks_swapped_with_technical),
        "planner_tests"),
    "calculator_not_given_the_inputs_of_3a": (
        "day2.formalisation", changed_copy(_CALCULATOR, _grams_left_at_practice_value), "calculator_tests"),
}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = generated_course(tmp_path_factory.mktemp("course"), "day2")
    course.generate("day2_practice")
    return course


@pytest.mark.parametrize("assignment", POINTS)
def test_every_graded_cell_has_points_and_they_add_up_to_the_stated_total(assignment):
    check_stated_points(POINTS, assignment)


@pytest.mark.parametrize("assignment", POINTS)
def test_perfect_submission_gets_every_autograded_point(course, tmp_path, assignment):
    check_perfect_submission(course, tmp_path, POINTS, assignment)


@pytest.mark.parametrize("assignment", POINTS)
def test_untouched_participant_version_gets_zero(course, tmp_path, assignment):
    check_untouched_gets_zero(course, tmp_path, assignment)


@pytest.mark.parametrize("assignment", POINTS)
def test_graded_widgets_do_not_reveal_the_answer(assignment):
    source = "".join(cell.source for cell in nbformat.read(
        ROOT / "exercises" / assignment / f"{assignment}.ipynb", as_version=4).cells)
    assert "correct=" not in source
    if assignment == "day2":
        assert "feedback=False" in source
        assert 'StakeholderGrid("day2.stakeholder_grid", case=None)' in source


def test_a_grid_in_the_right_quadrants_earns_the_points_wherever_in_them(course, tmp_path):
    # Tolerance: other scores inside the same quadrants, and names typed without accents.
    grid = [{**entry, "power": 5 if entry["power"] >= 5 else 4,
             "interest": 10 if entry["interest"] >= 5 else 0} for entry in _GRID]
    grid[1]["name"] = "Ministere des Mines"
    folder = submission(tmp_path, "solutions", "day2", "reference")
    (folder / "answers" / "day2.stakeholder_grid.json").write_text(
        json.dumps({"format": 1, "key": "day2.stakeholder_grid", "value": grid}))
    course.submit("day2", "grid_elsewhere_in_the_quadrants", folder)
    score = course.autograde("day2", "grid_elsewhere_in_the_quadrants")
    assert autograded_points(POINTS, "day2", score) == POINTS["day2"]["autograded"]


@pytest.mark.parametrize("key, wrong_value, cell", WRONG_WIDGET_ANSWERS.values(), ids=WRONG_WIDGET_ANSWERS)
def test_a_wrong_widget_answer_loses_only_that_part(course, tmp_path, key, wrong_value, cell):
    student = f"wrong_{key.replace('.', '_')}"
    check_wrong_widget_answer(course, tmp_path, POINTS, key, wrong_value, cell, student)


@pytest.mark.parametrize("mistake", WRONG_ANSWERS)
def test_a_plausible_wrong_answer_loses_its_points(course, tmp_path, mistake):
    check_wrong_solution_text(course, tmp_path, POINTS, *WRONG_ANSWERS[mistake], student=mistake)

"""The day1 assignment and its optional practice graded for real: full marks for the solutions,
nothing for a blank notebook, and plausible wrong answers (wrong base, missing value as zero,
rows counted instead of workers summed, a ratio upside down) lose their points while the other
parts keep theirs."""

from __future__ import annotations

import pytest

from grading_helpers import (
    check_perfect_submission,
    check_stated_points,
    check_untouched_gets_zero,
    check_wrong_solution_text,
    check_wrong_widget_answer,
    generated_course,
)

pytestmark = pytest.mark.slow
# The day's assignment (about 45 minutes in the room) and its optional practice: the parts that
# did not fit, with the same grade ids, points and hidden tests.
POINTS = {
    "day1": {
        "total": 18.0,
        "written": {"filling_gaps_answer": 3.0, "before_engaging_answer": 3.0},
        "autograded": {
            "burkina_share_tests": 2.0,
            "kind_of_asm_tests": 2.0,
            "mean_ratio_tests": 2.0,
            "empty_cell_tests": 2.0,
            "quarry_status_tests": 2.0,
            "women_processing_tests": 2.0,
        },
    },
    "day1_practice": {
        "total": 13.0,
        "written": {},
        "autograded": {
            "top10_total_tests": 1.0,
            "missing_mercury_tests": 1.0,
            "computed_ratio_tests": 2.0,
            "gold_visits_tests": 1.0,
            "sites_visited_tests": 1.0,
            "workers_by_mineral_tests": 2.0,
            "women_share_tests": 2.0,
            "sud_ouest_ratio_tests": 2.0,
            "mining_income_tests": 1.0,
        },
    },
}

# Each: the test cell that must score 0, the solution line, and the plausible wrong line.
WRONG_ANSWERS = {
    "share_over_the_top_ten_instead_of_the_world": (
        "burkina_share_tests",
        "burkina_share_percent = burkina_workers / world_asm_workers * 100",
        'burkina_share_percent = burkina_workers / top10["people_working_in_asm"].sum() * 100',
    ),
    "missing_ratios_counted_as_zero": (
        "mean_ratio_tests",
        'mean_published_ratio = baseline["hg_to_au_ratio"].dropna().mean()',
        'mean_published_ratio = baseline["hg_to_au_ratio"].fillna(0).mean()',
    ),
    "ratio_upside_down": (
        "computed_ratio_tests",
        'baseline["computed_ratio"] = baseline["hg_use_kg_per_year"] / baseline["gold_output_kg_per_year"]',
        'baseline["computed_ratio"] = baseline["gold_output_kg_per_year"] / baseline["hg_use_kg_per_year"]',
    ),
    "visits_counted_instead_of_workers_summed": (
        "workers_by_mineral_tests",
        'workers_by_mineral = visits.groupby("mineral")["workers_total"].sum()',
        'workers_by_mineral = visits.groupby("mineral")["workers_total"].count()',
    ),
    "mean_of_each_visits_share": (
        "women_share_tests",
        'women_share_percent = visits["women_count"].sum() / visits["workers_total"].sum() * 100',
        'women_share_percent = (visits["women_count"] / visits["workers_total"]).mean() * 100',
    ),
    "missing_gold_output_counted_as_zero": (
        "sud_ouest_ratio_tests",
        'both_reported = sud_ouest.dropna(subset=["gold_g_per_month"])',
        'both_reported = sud_ouest.fillna({"gold_g_per_month": 0})',
    ),
    "share_over_the_whole_survey_instead_of_the_gold_community": (
        "women_processing_tests",
        'women_processing_percent = (gold_households["processing_done_by"] == "women").mean() * 100',
        'women_processing_percent = (gold_households["processing_done_by"] == "women").sum()'
        " / len(households) * 100",
    ),
}


# Each: the answer key, what the participant's widget saved, the test cell that must score 0 (all
# in the day's assignment).
WRONG_WIDGET_ANSWERS = {
    # An empty cell read as "no mercury": the most tempting wrong reading.
    "empty_cell_read_as_zero": ("day1.empty_cell_meaning", ["zero_kg"], "empty_cell_tests"),
    # The children seen at work overlooked: the status is right, but the red flag is missing.
    "minors_overlooked": (
        "day1.quarry_legal_status",
        {"country": "benin", "category": "formal", "reasons": ["legal_status.reason.bj_permit_valid"],
         "red_flags": [],
         "answers": {"permit": "valid", "zone": "ordinary_land", "mechanised": False,
                     "minors_present": False}},
        "quarry_status_tests",
    ),
}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = generated_course(tmp_path_factory.mktemp("course"), "day1")
    course.generate("day1_practice")
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



@pytest.mark.parametrize("key, wrong_value, cell", WRONG_WIDGET_ANSWERS.values(), ids=WRONG_WIDGET_ANSWERS)
def test_a_wrong_widget_answer_loses_only_that_part(course, tmp_path, key, wrong_value, cell):
    student = f"wrong_{key.replace('.', '_')}"
    check_wrong_widget_answer(course, tmp_path, POINTS, key, wrong_value, cell, student)


@pytest.mark.parametrize("mistake", WRONG_ANSWERS)
def test_a_plausible_wrong_answer_loses_its_points(course, tmp_path, mistake):
    check_wrong_solution_text(course, tmp_path, POINTS, *WRONG_ANSWERS[mistake], student=mistake)

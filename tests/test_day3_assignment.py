"""The day3 assignment graded for real: full marks for the solutions, nothing for a blank
notebook, and plausible wrong answers (a campaign where trust must be built first, a score of 5 left out of
the medium band, an owner of blank text taken for an owner, an activity that starts too
early left in, a share of activities instead of money, a risk minimised where it is avoided, a plan
not exported again after a change) lose their points while the other parts keep theirs."""

from __future__ import annotations

import json

import nbformat
import pytest

from asm_workshop import day3, plan_export
from asm_workshop.grading.course import Score
from grading_helpers import (
    ROOT,
    changed_copy,
    generated_course,
    replace_solution_text,
    stated_points_problems,
    submission,
)

pytestmark = pytest.mark.slow
ASSIGNMENT = "day3"
NOTEBOOK = "day3.ipynb"
TOTAL_POINTS = 33.0
WRITTEN = {"capstone_answer": 12.0}
AUTOGRADED = {
    "approach_voucher_tests": 1.0,
    "approach_rush_tests": 1.0,
    "approach_bank_tests": 1.0,
    "top_risk_tests": 2.0,
    "medium_risks_tests": 2.0,
    "matrix_tests": 3.0,
    "monitoring_tests": 1.0,
    "no_owner_tests": 1.0,
    "outside_tests": 2.0,
    "budget_tests": 1.0,
    "unowned_budget_tests": 2.0,
    "plan_tests": 3.0,
    "export_tests": 1.0,
}
REFERENCE = ROOT / "tests" / "fixtures" / "answers" / ASSIGNMENT

# Each: the test cell that must score 0, the solution text, and the plausible wrong text.
WRONG_ANSWERS = {
    "highest_severity_instead_of_highest_score": (
        "top_risk_tests",
        'top_risk = sand_risks.loc[sand_risks["score"].idxmax(), "risk"]',
        'top_risk = sand_risks.loc[sand_risks["severity"].idxmax(), "risk"]',
    ),
    "score_of_exactly_9_left_out_of_medium": (
        "medium_risks_tests",
        '(gold_risks["score"] >= 5) & (gold_risks["score"] <= 9)',
        '(gold_risks["score"] >= 5) & (gold_risks["score"] < 9)',
    ),
    "blank_owner_taken_for_an_owner": (
        "no_owner_tests",
        'no_owner = draft[draft["owner"].fillna("").str.strip() == ""]["activity"].tolist()',
        'no_owner = draft[draft["owner"].isna()]["activity"].tolist()',
    ),
    "only_the_end_checked": (
        "outside_tests",
        'outside = (draft["start"] < project_start) | (draft["end"] > project_end)',
        'outside = draft["end"] > project_end',
    ),
    "share_of_activities_instead_of_money": (
        "unowned_budget_tests",
        'unowned_budget_percent = draft[unowned]["cost_fcfa"].sum() / draft["cost_fcfa"].sum() * 100',
        "unowned_budget_percent = unowned.sum() / len(draft) * 100",
    ),
}


def reference(key: str):
    return json.loads((REFERENCE / f"{key}.json").read_text(encoding="utf-8"))["value"]


def _night_loading_minimised(rows):
    next(row for row in rows if row["risk"] == "Night loading accidents")["mitigation"] = "minimise"


def _miners_left_out_of_monitoring(rows):
    rows[0]["miners_take_part"] = False


def _activity_without_owner(plan):
    plan["activities"][0]["owner"] = " "


def _activity_after_the_period(plan):
    plan["activities"][-1]["end"] = "2099-01-01"


# Each: the answer key, what the participant's widget saved, the test cell that must score 0.
WRONG_WIDGET_ANSWERS = {
    "campaign_where_trust_must_be_built_first": (
        "day3.approach_rush", ["communication_campaign"], "approach_rush_tests"),
    "training_where_a_message_is_urgent": (
        "day3.approach_voucher", ["technical_training"], "approach_voucher_tests"),
    "night_loading_minimised_where_it_is_avoided": (
        "day3.risk_matrix", changed_copy(reference("day3.risk_matrix"), _night_loading_minimised),
        "matrix_tests"),
    "miners_left_out_of_monitoring_a_high_risk": (
        "day3.risk_matrix", changed_copy(reference("day3.risk_matrix"), _miners_left_out_of_monitoring),
        "monitoring_tests"),
    "an_activity_without_owner": (
        "day3.plan", changed_copy(reference("day3.plan"), _activity_without_owner), "plan_tests"),
    "an_activity_after_the_project_period": (
        "day3.plan", changed_copy(reference("day3.plan"), _activity_after_the_period), "plan_tests"),
}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return generated_course(tmp_path_factory.mktemp("course"), ASSIGNMENT)


def autograded_points(score: Score) -> dict[str, float]:
    return {cell: score.by_cell[cell] for cell in AUTOGRADED}


def test_every_graded_cell_has_points_and_they_add_up_to_the_stated_total():
    source = ROOT / "solutions" / ASSIGNMENT / NOTEBOOK
    assert stated_points_problems(source, {**AUTOGRADED, **WRITTEN}, TOTAL_POINTS) == []


def test_the_capstone_is_worth_exactly_what_its_rubric_gives():
    assert WRITTEN["capstone_answer"] == day3.rubric_points()


def test_graded_widgets_do_not_reveal_the_answer():
    source = "".join(cell.source for cell in nbformat.read(ROOT / "exercises" / ASSIGNMENT / NOTEBOOK,
                                                          as_version=4).cells)
    assert "correct=" not in source
    assert "ScenarioQuiz" not in source  # its situations' answers are in the package
    assert 'RiskMatrix("day3.risk_matrix", case=None)' in source


def test_perfect_submission_gets_every_autograded_point(course, tmp_path):
    course.submit(ASSIGNMENT, "perfect", submission(tmp_path, "solutions", ASSIGNMENT, "reference"))
    score = course.autograde(ASSIGNMENT, "perfect")
    assert autograded_points(score) == AUTOGRADED
    assert score.max_score == TOTAL_POINTS
    assert score.score == sum(AUTOGRADED.values())
    assert score.by_cell["capstone_answer"] == 0.0


def test_untouched_participant_version_gets_zero(course, tmp_path):
    course.submit(ASSIGNMENT, "untouched", submission(tmp_path, "exercises", ASSIGNMENT, None))
    assert course.autograde(ASSIGNMENT, "untouched").score == 0.0


@pytest.mark.parametrize("mistake", WRONG_WIDGET_ANSWERS)
def test_a_wrong_widget_answer_loses_only_that_part(course, tmp_path, mistake):
    key, wrong_value, cell = WRONG_WIDGET_ANSWERS[mistake]
    folder = submission(tmp_path, "solutions", ASSIGNMENT, "reference")
    saved = json.loads((folder / "answers" / f"{key}.json").read_text())
    saved["value"] = wrong_value
    (folder / "answers" / f"{key}.json").write_text(json.dumps(saved))
    course.submit(ASSIGNMENT, mistake, folder)
    assert autograded_points(course.autograde(ASSIGNMENT, mistake)) == {**AUTOGRADED, cell: 0.0}


def test_a_plan_changed_after_its_export_loses_the_export_point_only(course, tmp_path):
    # The plan still holds together, but the exported page no longer shows its activities.
    folder = submission(tmp_path, "solutions", ASSIGNMENT, "reference")
    saved = json.loads((folder / "answers" / "day3.plan.json").read_text())
    saved["value"]["activities"][0]["name"] = "A new first activity"
    (folder / "answers" / "day3.plan.json").write_text(json.dumps(saved))
    course.submit(ASSIGNMENT, "changed_after_export", folder)
    points = autograded_points(course.autograde(ASSIGNMENT, "changed_after_export"))
    assert points == {**AUTOGRADED, "export_tests": 0.0}


def test_a_plan_never_exported_loses_the_export_point_only(course, tmp_path):
    folder = submission(tmp_path, "solutions", ASSIGNMENT, "reference")
    for page in (folder / "answers" / "exports").iterdir():
        page.unlink()
    course.submit(ASSIGNMENT, "never_exported", folder)
    points = autograded_points(course.autograde(ASSIGNMENT, "never_exported"))
    assert points == {**AUTOGRADED, "export_tests": 0.0}


def test_a_plan_whose_names_hold_an_apostrophe_and_an_ampersand_keeps_the_export_point(course, tmp_path):
    # The page escapes "'" and "&" in its own way; the check reads the page back as text.
    folder = submission(tmp_path, "solutions", ASSIGNMENT, "reference")
    saved = json.loads((folder / "answers" / "day3.plan.json").read_text())
    saved["value"]["activities"][0]["name"] = "Réunion avec l'association des orpailleurs & les acheteurs"
    (folder / "answers" / "day3.plan.json").write_text(json.dumps(saved))
    for page in (folder / "answers" / "exports").iterdir():
        page.unlink()
    plan_export.export(saved["value"], folder / "answers" / "exports")
    course.submit(ASSIGNMENT, "apostrophe", folder)
    assert autograded_points(course.autograde(ASSIGNMENT, "apostrophe")) == AUTOGRADED


@pytest.mark.parametrize("mistake", WRONG_ANSWERS)
def test_a_plausible_wrong_answer_loses_its_points(course, tmp_path, mistake):
    cell, right, wrong = WRONG_ANSWERS[mistake]
    folder = submission(tmp_path, "solutions", ASSIGNMENT, "reference")
    replace_solution_text(folder / NOTEBOOK, right, wrong)
    course.submit(ASSIGNMENT, mistake, folder)
    points = autograded_points(course.autograde(ASSIGNMENT, mistake))
    assert points == {**AUTOGRADED, cell: 0.0}

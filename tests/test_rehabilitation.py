"""The Frugal Rehabilitation Methodology: step order, the triple test, the site log, and the planner."""

import json
import math
import re

import ipywidgets as widgets
import pandas as pd
import pytest

from asm_workshop import data, i18n
from asm_workshop.rehabilitation import (
    STEP_NAMES,
    STEPS,
    TASKS,
    TESTS,
    OrderProblem,
    RehabilitationError,
    check_task_order,
    cost_per_hectare,
    in_step_order,
    overall_cost_per_hectare,
    score_site,
    sites_without_stored_topsoil,
    steps_matching,
    topsoil_scenario,
)
from asm_workshop.widgets.rehabilitation_planner import STARTING_ORDER, RehabilitationPlanner

LOG = pd.DataFrame({
    "site_id": ["RH-BF-01", "RH-BJ-Comé", "RH-BF-03"],
    "case": ["burkina_gold", "benin_sand", "burkina_gold"],
    "area_ha": [2.0, 8.0, 1.0],
    "topsoil_stockpiled_m3": pd.array([500, 0, None], dtype="Int64"),
    "distance_to_topsoil_m": pd.array([100, 2000, 500], dtype="Int64"),
    "cost_fcfa": pd.array([4_000_000, 8_000_000, None], dtype="Int64"),
})


@pytest.fixture(autouse=True)
def close_widgets():
    """Close this test's widgets: open ones keep listening, and redraw on every language switch."""
    yield
    widgets.Widget.close_all()


# Steps and order ---------------------------------------------------------------------------------
def test_the_six_steps_are_the_methodologys_in_order():
    assert [STEP_NAMES[step] for step in STEPS] == [
        "Preparation & Planning", "Technical Rehabilitation", "Topsoils", "Biological Rehabilitation",
        "Mitigation Hierarchy / whole mine-cycle approach", "Handover"]
    assert TESTS == ("affordable", "acceptable", "viable")
    assert set(TASKS.values()) == set(STEPS), "every step has at least one example task"


def test_a_plan_in_step_order_has_no_problem():
    assert check_task_order(TASKS) == []
    assert check_task_order([("fill_pits", "technical_rehabilitation"),
                             ("reshape_land", "technical_rehabilitation"),
                             ("store_topsoil", None), ("hand_over_for_signoff", "handover")]) == []


def test_a_task_after_a_later_step_is_reported_against_the_latest_step():
    plan = {"assess_degradation": "preparation_planning", "spread_topsoil": "topsoils",
            "hand_over_for_signoff": "handover", "fill_pits": "technical_rehabilitation",
            "sow_and_plant": "biological_rehabilitation"}
    problems = check_task_order(plan)
    assert problems == [
        OrderProblem(4, "fill_pits", "technical_rehabilitation", "hand_over_for_signoff", "handover"),
        OrderProblem(5, "sow_and_plant", "biological_rehabilitation", "hand_over_for_signoff", "handover"),
    ]
    assert problems[0].explain() == (
        'Out of order: "fill_pits" (step 2, Technical Rehabilitation) comes after '
        '"hand_over_for_signoff" (step 6, Handover).')
    i18n.set_language("fr")
    assert "(étape 2, Réhabilitation technique) vient après" in problems[0].explain()


def test_an_unknown_step_or_a_repeated_task_is_refused():
    with pytest.raises(RehabilitationError, match='"replanting" .*is not one of the six steps'):
        check_task_order({"sow_and_plant": "replanting"})
    with pytest.raises(RehabilitationError, match='"fill_pits" appears twice'):
        check_task_order([("fill_pits", "topsoils"), ("fill_pits", "topsoils")])


def test_in_step_order_sorts_by_step_and_keeps_ties_in_place():
    plan = {"store_topsoil": None, "reshape_land": "technical_rehabilitation",
            "fill_pits": "technical_rehabilitation", "assess_degradation": "preparation_planning"}
    assert list(in_step_order(plan)) == ["assess_degradation", "reshape_land", "fill_pits", "store_topsoil"]


def test_steps_matching_counts_tasks_given_the_methodologys_step():
    assert steps_matching(TASKS) == len(TASKS)
    assert steps_matching({"fill_pits": "topsoils", "store_topsoil": "topsoils", "spread_topsoil": None}) == 1


# The triple test --------------------------------------------------------------------------------
def test_a_site_passes_when_every_test_reaches_the_pass_mark():
    result = score_site(4, 3, 5)
    assert result.passes and result.mean == 4 and result.weakest == ["acceptable"]
    failing = score_site(5, 2, 2)
    assert not failing.passes and failing.weakest == ["acceptable", "viable"]


@pytest.mark.parametrize("scores, bad", [
    ((6, 3, 3), "affordable"), ((3, -1, 3), "acceptable"), ((3, 3, 2.5), "viable"), ((3, 3, "4"), "viable"),
    ((True, 3, 3), "affordable"),
])
def test_scores_must_be_whole_numbers_from_0_to_5(scores, bad):
    with pytest.raises(RehabilitationError, match="whole number from 0 to 5") as caught:
        score_site(*scores)
    assert list(caught.value.problems) == [bad]


def test_score_messages_come_in_french():
    i18n.set_language("fr")
    with pytest.raises(RehabilitationError, match="Écologiquement viable se note avec un nombre entier"):
        score_site(1, 1, 9)


# The site log ---------------------------------------------------------------------------------------
def test_cost_per_hectare_divides_each_sites_cost_by_its_area():
    costs = cost_per_hectare(LOG)
    assert list(costs["site_id"]) == ["RH-BF-01", "RH-BJ-Comé", "RH-BF-03"]
    assert costs["cost_fcfa_per_ha"].iloc[:2].tolist() == [2_000_000, 1_000_000]
    assert math.isnan(costs["cost_fcfa_per_ha"].iloc[2]), "an unrecorded cost is missing, never 0"


def test_overall_cost_per_hectare_weighs_sites_by_their_area():
    assert overall_cost_per_hectare(LOG) == pytest.approx(12_000_000 / 10)  # not the mean 1,500,000
    assert math.isnan(overall_cost_per_hectare(LOG.assign(cost_fcfa=pd.array([None] * 3, dtype="Int64"))))


@pytest.mark.parametrize("column, value, words", [
    ("area_ha", 0.0, "Site RH-BJ-Comé: the area must be a number of hectares above 0, not 0.0"),
    ("area_ha", None, "the area must be a number of hectares above 0"),
    ("cost_fcfa", -5, "Site RH-BJ-Comé: the cost cannot be negative (-5"),
])
def test_impossible_site_values_are_refused_naming_the_site(column, value, words):
    log = LOG.copy()
    log[column] = log[column].astype("object")
    log.loc[1, column] = value
    with pytest.raises(RehabilitationError, match=re.escape(words)):
        cost_per_hectare(log)


def test_a_log_without_a_needed_column_is_refused():
    with pytest.raises(RehabilitationError, match="lacks the column.*cost_fcfa"):
        cost_per_hectare(LOG.drop(columns="cost_fcfa"))
    with pytest.raises(RehabilitationError, match="lacks the column.*topsoil_stockpiled_m3"):
        sites_without_stored_topsoil(LOG.drop(columns="topsoil_stockpiled_m3"))


def test_sites_with_no_or_unrecorded_topsoil_are_flagged():
    flagged = sites_without_stored_topsoil(LOG)
    assert list(flagged["site_id"]) == ["RH-BJ-Comé", "RH-BF-03"]
    assert list(flagged["topsoil_problem"]) == ["none_stored", "not_recorded"]
    with pytest.raises(RehabilitationError, match="stored topsoil cannot be negative"):
        sites_without_stored_topsoil(LOG.assign(topsoil_stockpiled_m3=[1, -2, 3]))


def test_topsoil_scenario_gives_the_volume_stripping_first_would_have_kept():
    scenario = topsoil_scenario(LOG, topsoil_depth_m=0.1)
    # 2 ha x 10,000 m2 x 0.1 m = 2,000 m3 needed, 500 stored: 1,500 m3 to find, hauled 100 m.
    assert scenario["topsoil_needed_m3"].tolist() == pytest.approx([2_000, 8_000, 1_000])
    assert scenario["volume_avoided_m3"].tolist() == pytest.approx([1_500, 8_000, 1_000])
    assert scenario["haulage_avoided_m3_km"].tolist() == pytest.approx([150, 16_000, 500])
    assert topsoil_scenario(LOG, topsoil_depth_m=0.01)["volume_avoided_m3"].iloc[0] == 0, "never below 0"


@pytest.mark.parametrize("depth", [0, -0.2, float("nan"), "0.2"])
def test_topsoil_scenario_needs_a_depth_above_zero(depth):
    with pytest.raises(RehabilitationError, match="topsoil depth must be a number of metres above 0"):
        topsoil_scenario(LOG, topsoil_depth_m=depth)


def test_the_site_log_dataset_gives_costs_and_topsoil_flags():
    log = data.load("rehabilitation_site_log")
    costs = cost_per_hectare(log)
    assert (costs["cost_fcfa_per_ha"] > 0).all()
    stored = log["topsoil_stockpiled_m3"]
    assert len(sites_without_stored_topsoil(log)) == int(((stored == 0) | stored.isna()).sum()) > 0
    assert (topsoil_scenario(log, topsoil_depth_m=0.2)["volume_avoided_m3"] >= 0).all()


# The planner ----------------------------------------------------------------------------------------------
def saved(folder, key="day2.rehabilitation"):
    return json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))["value"]


def planner(folder, **options):
    options.setdefault("site_log", LOG)
    return RehabilitationPlanner("day2.rehabilitation", folder=folder, **options)


def test_the_planner_starts_mixed_up_with_no_step_and_no_score(tmp_path):
    plan = planner(tmp_path)
    assert list(plan.value["steps"]) == list(STARTING_ORDER) != list(TASKS)
    assert set(plan.value["steps"].values()) == {None}
    assert plan.value["scores"] == {"affordable": 0, "acceptable": 0, "viable": 0}
    assert plan.value["site"] is None
    assert "0 of 11 tasks have a step" in plan._feedback.value
    assert not (tmp_path / "day2.rehabilitation.json").exists()


def test_choosing_steps_saves_them_and_flags_tasks_out_of_order(tmp_path):
    plan = planner(tmp_path)
    plan._dropdowns["hand_over_for_signoff"].value = "handover"  # first in the starting order
    plan._dropdowns["collect_native_seed"].value = "biological_rehabilitation"
    assert saved(tmp_path)["steps"]["collect_native_seed"] == "biological_rehabilitation"
    assert "Out of order" in plan.problem("task:collect_native_seed")
    assert "Hand the site to the local administration" in plan.problem("task:collect_native_seed")
    assert plan.problem("task:hand_over_for_signoff") == ""
    assert "2 of 11 tasks have the step the methodology gives them" in plan._feedback.value


def test_the_move_buttons_change_the_plan_order_and_clear_the_flag(tmp_path):
    plan = planner(tmp_path)
    plan.set_step("hand_over_for_signoff", "handover")
    plan.set_step("collect_native_seed", "biological_rehabilitation")
    up = plan._rows["collect_native_seed"].children[0].children[0]
    up.click()
    assert list(saved(tmp_path)["steps"])[:2] == ["collect_native_seed", "hand_over_for_signoff"]
    assert plan.problem("task:collect_native_seed") == ""
    assert plan._task_box.children[0] is plan._rows["collect_native_seed"]
    up.click()  # already first: nothing moves
    assert list(plan.steps)[0] == "collect_native_seed"
    plan.move("collect_native_seed", +20)
    assert list(plan.steps)[-1] == "collect_native_seed"


def test_a_complete_plan_in_order_is_confirmed_and_gradable(tmp_path):
    plan = planner(tmp_path, feedback=False)
    for task in TASKS:
        plan.set_step(task, TASKS[task])
    for position, task in enumerate(TASKS):
        plan.move(task, position - list(plan.steps).index(task))
    assert saved(tmp_path)["steps"] == TASKS and list(saved(tmp_path)["steps"]) == list(TASKS)
    assert "follows the order of the steps" in plan._feedback.value
    assert "methodology gives them" not in plan._feedback.value, "no answers given away in a graded exercise"
    frame = plan.to_frame()
    assert frame["step_number"].tolist() == [1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6]
    assert not frame["out_of_order"].any()


def test_an_unknown_step_or_task_is_refused_beside_the_task(tmp_path):
    plan = planner(tmp_path)
    with pytest.raises(RehabilitationError, match='"replanting"'):
        plan.set_step("sow_and_plant", "replanting")
    assert "not one of the six steps" in plan.problem("task:sow_and_plant")
    with pytest.raises(RehabilitationError, match='no task "dig_more"'):
        plan.set_step("dig_more", "handover")
    assert plan.steps["sow_and_plant"] is None


def test_the_sliders_score_the_site_and_save(tmp_path):
    plan = planner(tmp_path)
    assert "Move the sliders" in plan._verdict.value
    plan._sliders["affordable"].value = 4
    assert saved(tmp_path)["scores"] == {"affordable": 4, "acceptable": 0, "viable": 0}
    assert "work first on Socially acceptable, Ecologically viable" in plan._verdict.value
    plan.set_scores(acceptable=3, viable=5)
    assert saved(tmp_path)["scores"] == {"affordable": 4, "acceptable": 3, "viable": 5}
    assert "meets all three tests (mean 4.0 of 5)" in plan._verdict.value


def test_a_score_out_of_range_is_refused_beside_its_slider(tmp_path):
    plan = planner(tmp_path)
    plan.set_scores(affordable=2)
    with pytest.raises(RehabilitationError):
        plan.set_scores(affordable=3, viable=7)
    assert "whole number from 0 to 5, not 7" in plan.problem("viable")
    assert saved(tmp_path)["scores"]["affordable"] == 2


def test_the_planner_shows_cost_per_hectare_and_flags_sites_without_topsoil(tmp_path):
    plan = planner(tmp_path)
    assert "2 of 3 sites have no stored topsoil on record" in plan._sites_table.value
    assert "1,200,000 FCFA per hectare" in plan._sites_table.value
    plan._site.value = "RH-BJ-Comé"
    assert saved(tmp_path)["site"] == "RH-BJ-Comé"
    assert "1,000,000 FCFA per hectare" in plan._site_facts.value
    assert "No topsoil stored" in plan._site_facts.value
    plan.choose_site("RH-BF-03")
    assert "not recorded" in plan._site_facts.value
    with pytest.raises(RehabilitationError, match='no site "RH-XX"'):
        plan.choose_site("RH-XX")


def test_a_case_keeps_only_its_sites(tmp_path):
    plan = planner(tmp_path, case="benin_sand")
    assert [value for _, value in plan._site.options] == ["", "RH-BJ-Comé"]
    with pytest.raises(RehabilitationError, match='no case "ghana_gold".*benin_sand, burkina_gold'):
        planner(tmp_path, case="ghana_gold")


def test_the_planner_loads_the_site_log_dataset_by_default(tmp_path):
    plan = RehabilitationPlanner("day2.rehabilitation", case="burkina_gold", folder=tmp_path)
    log = data.load("rehabilitation_site_log")
    assert len(plan._site.options) == 1 + (log["case"] == "burkina_gold").sum()


def test_running_the_cell_again_restores_order_steps_scores_and_site(tmp_path):
    plan = planner(tmp_path)
    plan.set_step("spread_topsoil", "topsoils")
    plan.move("spread_topsoil", -3)
    plan.set_scores(affordable=2, acceptable=5, viable=1)
    plan.choose_site("RH-BJ-Comé")
    again = planner(tmp_path)
    assert again.value == plan.value and list(again.steps) == list(plan.steps)
    assert again._task_box.children[list(plan.steps).index("spread_topsoil")] is again._rows["spread_topsoil"]


@pytest.mark.parametrize("value, words", [
    ({"steps": {"fill_pits": "topsoils"}, "scores": {}}, "the tasks differ"),
    ({"steps": dict.fromkeys(TASKS, "replanting"), "scores": {}}, "unknown step"),
    ({"steps": dict.fromkeys(TASKS), "scores": {"affordable": 9, "acceptable": 1, "viable": 1}}, "not 9"),
    (["fill_pits"], "expected a dict"),
])
def test_a_saved_answer_that_does_not_fit_is_set_aside(tmp_path, value, words):
    (tmp_path / "day2.rehabilitation.json").write_text(json.dumps({"format": 1, "key": "day2.rehabilitation",
                                                                    "value": value}))
    plan = planner(tmp_path)
    assert set(plan.steps.values()) == {None}
    assert words in plan.status.value and ".bak" in plan.status.value


def test_switching_to_french_relabels_the_planner(tmp_path):
    plan = planner(tmp_path)
    plan.set_step("hand_over_for_signoff", "handover")
    plan.set_step("fill_pits", "technical_rehabilitation")
    plan.choose_site("RH-BJ-Comé")
    i18n.set_language("fr")
    assert ("6. Remise du site", "handover") in plan._dropdowns["fill_pits"].options
    assert plan._dropdowns["fill_pits"].value == "technical_rehabilitation"
    assert "Combler les fosses" in plan._labels["fill_pits"].value
    assert "Dans le désordre" in plan.problem("task:fill_pits")
    assert plan._sliders["viable"].description == "Écologiquement viable"
    assert "1\u202f000\u202f000 FCFA par hectare" in plan._site_facts.value
    assert plan.value["site"] == "RH-BJ-Comé"

"""An engagement plan's problems, budget, timeline and target stakeholders, without any widget."""

from __future__ import annotations

import copy
import json
from datetime import date

import matplotlib.pyplot as plt
import pytest
from matplotlib.patches import Rectangle

from asm_workshop import plan
from asm_workshop.answers import AnswerStore, answers_folder, saved_value
from asm_workshop.i18n import set_language
from conftest import FIXTURES

BEFORE = date(2026, 6, 1)  # a "today" before every date of the example plans
GRID = json.loads((FIXTURES / "answers" / "day2" / "day2.stakeholder_grid.json").read_text(encoding="utf-8"))


@pytest.fixture
def good():
    return plan.example_plan("burkina_gold")


def test_the_example_plans_are_ready_and_shaped_like_plans():
    for case in ("burkina_gold", "benin_sand"):
        example = plan.example_plan(case)
        assert plan.plan_shape_problem(example) is None
        assert plan.plan_problems(example, BEFORE) == {}
        json.dumps(example)  # a plan is what JSON can hold


def _set(path: str, value):
    def change(target):
        *parents, last = path.split(".")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return change


def _duplicate(target):
    target["activities"][1]["name"] = "  introductory VISITS and consent "


# (what is changed, field, severity, English text, French text)
BAD_INPUTS = {
    "empty objectives": (_set("objectives", []), "objectives", "incomplete",
                         "Write at least one objective", "Écrivez au moins un objectif"),
    "activity with no owner": (_set("activities.2.owner", "  "), "activities", "incomplete",
                               "Activity 3 (“Baseline: who uses mercury, how much”): no owner",
                               "Activité 3 (« Baseline: who uses mercury, how much ») : pas de responsable"),
    "no project dates": (_set("period", {"start": None, "end": None}), "period", "incomplete",
                         "Give the project's first and last day", "Indiquez le premier et le dernier jour"),
    "no project end": (_set("period.end", None), "period", "incomplete",
                       "Give the project's last day", "Indiquez le dernier jour du projet"),
    "activity with no dates": (_set("activities.0.start", None), "activities", "incomplete",
                               "no start date", "pas de date de début"),
    "project ends before it starts": (
        _set("period.end", "2026-12-01"), "period", "invalid",
        "The project ends (1 December 2026) before it starts (4 January 2027)",
        "Le projet se termine (1er décembre 2026) avant de commencer (4 janvier 2027)"),
    "activity ends before it starts": (
        _set("activities.1.end", "2027-02-01"), "activities", "invalid",
        "it ends (1 February 2027) before it starts (8 February 2027)",
        "elle se termine (1er février 2027) avant de commencer (8 février 2027)"),
    "activity outside the project period": (
        _set("activities.7.end", "2028-01-15"), "activities", "incomplete",
        "outside the project period (4 January 2027 to 17 December 2027)",
        "sort de la période du projet (du 4 janvier 2027 au 17 décembre 2027)"),
    "negative cost": (_set("activities.4.cost", -1000), "activities", "invalid",
                      "the cost cannot be negative (-1000 FCFA)",
                      "le coût ne peut pas être négatif (-1000 FCFA)"),
    "cost that is not a number": (_set("activities.4.cost", "beaucoup"), "activities", "invalid",
                                  "the cost “beaucoup” is not a number",
                                  "le coût « beaucoup » n'est pas un nombre"),
    "duplicate activity names": (_duplicate, "activities", "invalid",
                                 "activity 1 has the same name", "l'activité 1 porte le même nom"),
    "a date that is not a date": (_set("period.start", "15/01/2027"), "period", "invalid",
                                  "“15/01/2027” is not a date: write it as YYYY-MM-DD",
                                  "« 15/01/2027 » n'est pas une date : écrivez-la sous la forme AAAA-MM-JJ"),
    "an impossible day": (_set("activities.0.end", "2027-02-30"), "activities", "invalid",
                          "“2027-02-30” is not a date", "« 2027-02-30 » n'est pas une date"),
    "empty activity name": (_set("activities.3.name", " "), "activities", "invalid",
                            "Activity 4: give this activity a name",
                            "Activité 4 : donnez un nom à cette activité"),
    "no title": (_set("title", ""), "title", "incomplete", "Give the plan a title",
                 "Donnez un titre au plan"),
    "no stakeholders": (_set("stakeholders", []), "stakeholders", "incomplete",
                        "Name at least one stakeholder", "Nommez au moins une partie prenante"),
    "no activities": (_set("activities", []), "activities", "incomplete",
                      "Add at least one activity", "Ajoutez au moins une activité"),
    "no indicators": (_set("indicators", [" "]), "indicators", "incomplete",
                      "Give at least one indicator", "Donnez au moins un indicateur"),
    "no risks": (_set("risks_assumptions", []), "risks_assumptions", "incomplete",
                 "at least one risk or assumption", "au moins un risque ou une hypothèse"),
    "unknown case": (_set("case", "ghana_gold"), "case", "invalid", "Unknown case “ghana_gold”",
                     "Cas inconnu « ghana_gold »"),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_each_bad_input_gets_a_clear_message_for_its_field_in_english_and_french(good, name):
    change, field, severity, english, french = BAD_INPUTS[name]
    change(good)
    found = plan.find_problems(good, BEFORE)
    assert [(p.field, p.severity) for p in found] == [(field, severity)]
    assert english in plan.plan_problems(good, BEFORE)[field][0]
    set_language("fr")
    assert french in plan.plan_problems(good, BEFORE)[field][0]


def test_only_invalid_values_keep_a_plan_from_being_saved(good):
    BAD_INPUTS["negative cost"][0](good)
    BAD_INPUTS["activity with no owner"][0](good)
    assert list(plan.invalid_problems(good)) == ["activities"]
    assert len(plan.invalid_problems(good)["activities"]) == 1
    assert "negative" in plan.invalid_problems(good)["activities"][0]


def test_dates_in_the_past_are_a_warning_that_does_not_block_saving(good):
    later = date(2027, 3, 1)
    found = plan.find_problems(good, later)
    assert {p.severity for p in found} == {"warning"}
    assert [p.activity for p in found if p.field == "activities"] == [1, 2]
    message = plan.plan_problems(good, later)["period"][0]
    assert "The project starts on 4 January 2027, which is already past" in message
    assert plan.invalid_problems(good) == {}


def test_activities_are_not_checked_against_a_period_that_cannot_be(good):
    good["period"]["end"] = "2026-01-01"
    good["activities"][0]["start"] = "2020-01-01"
    assert [p.code for p in plan.find_problems(good, date(2019, 1, 1))] == ["period_end_before_start"]


def test_something_that_is_not_a_plan_is_refused_by_name():
    with pytest.raises(plan.PlanError, match="no activities"):
        plan.find_problems({"title": "x", "case": None, "period": {"start": None, "end": None},
                            "objectives": [], "stakeholders": [], "indicators": [], "risks_assumptions": []})
    assert plan.plan_shape_problem([]) == "a plan is a dict"
    broken = plan.empty_plan()
    broken["activities"] = [{"name": "Visit", "start": None}]
    assert "activity 1 must have exactly" in plan.plan_shape_problem(broken)


def test_the_budget_is_the_sum_of_the_costs_and_is_split_by_owner(good):
    assert plan.budget_total(good) == 4_900_000
    good["activities"][1]["owner"] = "  coordinator "
    good["activities"][2]["owner"] = ""
    by_owner = plan.budget_by_owner(good)
    assert by_owner["Coordinator"] == 250_000 + 400_000 + 300_000 + 350_000
    assert by_owner[""] == 600_000
    assert list(by_owner)[0] == "Technical trainer"  # the largest share first
    assert sum(by_owner.values()) == plan.budget_total(good)
    assert plan.budget_total(plan.empty_plan()) == 0


def test_a_cost_that_is_not_a_number_stops_the_budget_with_a_message(good):
    good["activities"][0]["cost"] = "250 000"
    with pytest.raises(plan.PlanError, match="is not a number of FCFA"):
        plan.budget_total(good)


def test_the_activities_table_has_dates_costs_and_lengths_in_days(good):
    good["activities"][0]["end"] = None
    table = plan.activities_frame(good)
    assert list(table.columns) == ["name", "start", "end", "owner", "cost", "days"]
    assert len(table) == 8
    assert str(table["start"].dtype).startswith("datetime64")
    assert table["days"].isna().iloc[0] and table["days"].iloc[1] == 26
    assert table["cost"].sum() == 4_900_000


def _bars(figure):
    return [patch for patch in figure.axes[0].patches if isinstance(patch, Rectangle) and patch.zorder == 3]


def test_the_timeline_draws_one_mark_per_activity_and_the_project_period(good):
    figures_before = plt.get_fignums()
    figure = plan.timeline_figure(good)
    axes = figure.axes[0]
    one_day = [a for a in good["activities"] if a["start"] == a["end"]]
    assert len(_bars(figure)) == len(good["activities"]) - len(one_day)
    assert len([line for line in axes.lines if line.get_marker() == "D"]) == len(one_day)
    assert len([line for line in axes.lines if line.get_linestyle() == "--"]) == 2  # the period's edges
    assert [label.get_text() for label in axes.get_yticklabels()][0].startswith("1. Introductory")
    assert plt.get_fignums() == figures_before  # closed in pyplot: nothing accumulates


def test_the_timeline_marks_months_in_the_participants_language_and_hatches_what_lies_outside(good):
    good["activities"][6]["end"] = "2028-01-20"
    set_language("fr")
    figure = plan.timeline_figure(good)
    figure.canvas.draw()
    labels = [label.get_text() for label in figure.axes[0].get_xticklabels()]
    assert labels[0] == "janv.\n2027" and "févr." in labels and "janv.\n2028" in labels
    assert [bar.get_hatch() for bar in _bars(figure)].count("////") == 1
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert legend == ["Activité (responsable à côté)", "Période du projet", "Hors de la période du projet"]


def test_an_empty_plan_gives_a_chart_that_says_what_to_do():
    figure = plan.timeline_figure(plan.empty_plan())
    assert "Add activities with their dates" in figure.axes[0].texts[0].get_text()


def _save_grid(folder, entries, key=plan.DAY2_GRID_KEY):
    AnswerStore(answers_folder(folder)).save(key, entries)


def day2_names(folder):
    """What the plan builder starts from: the Day 2 grid saved in ``folder``, key players first."""
    return plan.prioritised_names(saved_value(plan.DAY2_GRID_KEY, folder) or [])


def test_stakeholders_come_from_the_day2_grid_key_players_first(tmp_path):
    _save_grid(tmp_path, GRID["value"])
    names = day2_names(tmp_path)
    assert names[:3] == ["DEMAS", "Comptoirs d'achat d'or", "Ministère des Mines"]
    assert set(names) == {entry["name"] for entry in GRID["value"]}
    power_interest = {e["name"]: (e["power"] >= 5, e["interest"] >= 5) for e in GRID["value"]}
    order = [(True, True), (True, False), (False, True), (False, False)]
    ranks = [order.index(power_interest[name]) for name in names]
    assert ranks == sorted(ranks)


def test_grid_entries_that_cannot_be_read_are_left_out_and_names_kept_once():
    entries = [{"name": "Chef de terre", "power": 3, "interest": 3},
               {"name": "Mairie de Comé", "power": 8, "interest": 8},
               {"name": " mairie de comé ", "power": 9, "interest": 9},
               {"name": "", "power": 9, "interest": 9},
               {"name": "Police", "power": "haut", "interest": 9},
               "not an entry"]
    assert plan.prioritised_names(entries) == ["Mairie de Comé", "Chef de terre"]


def test_a_missing_day2_grid_gives_no_names(tmp_path):
    assert day2_names(tmp_path) == []
    assert day2_names(tmp_path / "nowhere") == []


@pytest.mark.parametrize("content", ["", "{not json", json.dumps({"format": 1, "key": "other", "value": []}),
                                     json.dumps({"format": 1, "key": plan.DAY2_GRID_KEY, "value": "x"})])
def test_a_broken_day2_grid_gives_no_names_and_is_left_as_it_was(tmp_path, content):
    path = AnswerStore(answers_folder(tmp_path)).path(plan.DAY2_GRID_KEY)
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    assert day2_names(tmp_path) == []
    assert path.read_text(encoding="utf-8") == content
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # nothing moved aside


def test_a_case_without_day2_grid_gives_its_stakeholders_key_players_first():
    names = plan.case_target_stakeholders("benin_sand")
    assert len(names) == len(set(names)) > 5
    assert names[0] in {"Préfet du Mono", "Ministère en charge des Mines"} or names


def test_slugs_are_safe_file_names_for_accented_titles():
    assert plan.plan_slug("Carrières de Comé : réhabilitation") == "carrieres-de-come-rehabilitation"
    assert plan.plan_slug("Œuvre à Houéyogbé / 2027 !") == "oeuvre-a-houeyogbe-2027"
    assert plan.plan_slug("  ") == "engagement-plan"
    assert plan.plan_slug("x" * 200) == "x" * 60


def test_dates_are_read_only_in_iso_form_and_written_per_language():
    assert plan.parse_date("2027-03-01") == date(2027, 3, 1)
    assert plan.parse_date(None) is None and plan.parse_date(" ") is None
    for bad in ("01/03/2027", "2027-3-1", 20270301):
        with pytest.raises(ValueError):
            plan.parse_date(bad)
    assert plan.format_date("2027-03-01") == "1 March 2027"
    set_language("fr")
    assert plan.format_date("2027-03-01") == "1er mars 2027"
    assert plan.format_date(date(2027, 8, 15), abbreviated=True) == "15 août 2027"


def test_problems_are_rendered_again_in_the_language_shown(good):
    good["activities"][0]["owner"] = ""
    problem = plan.find_problems(good, BEFORE)[0]
    assert problem.message.startswith("Activity 1")
    set_language("fr")
    assert problem.message.startswith("Activité 1")
    assert copy.deepcopy(problem) == problem

"""The engagement plan builder: prefill from Day 2, save and restore, bad input, budget, export."""

from __future__ import annotations

import base64
import json
import re
from datetime import date

import pytest
from fake_voila import FakeVoilaQuery

from asm_workshop import plan
from asm_workshop.answers import AnswerStore, answers_folder
from asm_workshop.errors import CaseError
from asm_workshop.i18n import set_language
from asm_workshop.widgets.plan_builder import EngagementPlanBuilder
from conftest import FIXTURES

KEY = "day3_3.plan"
TODAY = date(2026, 6, 1)
GRID = json.loads((FIXTURES / "answers" / "day2" / "day2.stakeholder_grid.json").read_text(encoding="utf-8"))
GRID_NAMES = plan.prioritised_names(GRID["value"])


@pytest.fixture
def answers(tmp_path):
    return tmp_path / "lesson" / "answers"


@pytest.fixture
def day2(tmp_path):
    folder = tmp_path / "day2"
    AnswerStore(answers_folder(folder)).save(plan.DAY2_GRID_KEY, GRID["value"])
    return folder


def builder(answers, **options):
    options.setdefault("today", TODAY)
    return EngagementPlanBuilder(KEY, folder=answers, **options)


def saved(answers):
    return json.loads((answers / f"{KEY}.json").read_text(encoding="utf-8"))["value"]


def fill(widget):
    widget.set_title("Moins de mercure à Bouroum-Bouroum")
    widget.set_period("2027-01-04", date(2027, 12, 17))
    widget.set_lines("objectives", ["D'ici décembre 2027, 40 femmes ont vu une table à secousses."])
    widget.add_activity("Visites d'introduction", "2027-01-11", "2027-01-29", "Coordinatrice", 250_000)
    widget.add_activity("Démonstrations", "2027-06-07", "2027-09-24", "Formateur technique", 1_800_000)
    widget.set_lines("indicators", ["Femmes ayant vu la méthode (cible : 40)."])
    widget.set_lines("risks_assumptions", ["Risque : la route est coupée."])


def test_target_stakeholders_start_from_the_day2_grid_key_players_first(answers, day2):
    widget = builder(answers, case="burkina_gold", day2_folder=day2)
    assert widget.value["stakeholders"] == plan.prioritised_names(GRID["value"])
    assert widget.value["stakeholders"][:2] == ["DEMAS", "Comptoirs d'achat d'or"]
    assert "Day 2 stakeholder grid" in widget._source.value


def test_without_a_day2_grid_they_start_from_the_case_or_from_nothing(answers, tmp_path):
    from_case = builder(answers, case="benin_sand", day2_folder=tmp_path / "no_day2")
    assert from_case.value["stakeholders"] == plan.case_target_stakeholders("benin_sand")
    assert "invented for practice" in from_case._source.value
    from_nothing = EngagementPlanBuilder("tools.engagement_plan_builder", folder=answers,
                                         day2_folder=tmp_path / "no_day2")
    assert from_nothing.value["stakeholders"] == [] and from_nothing._source.value == ""


def test_a_broken_day2_grid_is_left_alone_and_the_case_is_used(answers, day2):
    path = AnswerStore(answers_folder(day2)).path(plan.DAY2_GRID_KEY)
    path.write_text("{ broken", encoding="utf-8")
    widget = builder(answers, case="burkina_gold", day2_folder=day2)
    assert widget.value["stakeholders"] == plan.case_target_stakeholders("burkina_gold")
    assert path.read_text(encoding="utf-8") == "{ broken"


def test_the_day2_button_adds_only_the_names_not_there_yet(answers, day2):
    widget = builder(answers, day2_folder=day2)
    widget.set_lines("stakeholders", ["demas", "Radio locale"])
    added = widget.add_stakeholders_from_day2()
    assert "DEMAS" not in added and added[0] == "Comptoirs d'achat d'or"
    assert saved(answers)["stakeholders"][:3] == ["demas", "Radio locale", "Comptoirs d'achat d'or"]


def test_the_plan_is_saved_as_json_with_iso_dates_and_comes_back_unchanged(answers):
    widget = builder(answers, case="burkina_gold")
    fill(widget)
    value = saved(answers)
    assert value == widget.value
    assert value["period"] == {"start": "2027-01-04", "end": "2027-12-17"}
    assert value["activities"][0] == {"name": "Visites d'introduction", "start": "2027-01-11",
                                      "end": "2027-01-29", "owner": "Coordinatrice", "cost": 250_000}
    assert value["title"] == "Moins de mercure à Bouroum-Bouroum"  # accents kept as typed
    again = builder(answers, case="burkina_gold")
    assert again.value == value
    assert again._start.value == date(2027, 1, 4) and len(again._rows) == 2
    assert again._rows[1].name.value == "Démonstrations"
    assert again._source.value == ""  # the stakeholders are the participant's own now
    assert again.problems == {}


def test_an_impossible_value_is_refused_beside_its_row_and_the_saved_plan_kept(answers):
    widget = builder(answers)
    fill(widget)
    before = saved(answers)
    widget.edit_activity(2, end="2027-05-01")
    assert "it ends (1 May 2027) before it starts (7 June 2027)" in widget._rows[1].problem.value
    assert "Not saved" in widget.status.value
    assert saved(answers) == before and widget.value == before
    widget._rows[0].cost.value = -5  # as typed into the cost box
    assert "cannot be negative" in widget._rows[0].problem.value
    assert saved(answers) == before
    widget.edit_activity(2, end="2027-09-24")
    widget._rows[0].cost.value = 300_000
    assert widget.status.value == ""
    assert saved(answers)["activities"][0]["cost"] == 300_000


def test_two_activities_with_one_name_are_refused(answers):
    widget = builder(answers)
    fill(widget)
    widget.add_activity(" démonstrations ", "2027-10-01", "2027-10-02", "Coordinatrice", 1)
    assert "activity 2 has the same name" in widget._rows[2].problem.value
    assert len(saved(answers)["activities"]) == 2


def test_a_date_that_is_not_a_date_is_refused_and_nothing_changes(answers):
    widget = builder(answers)
    fill(widget)
    with pytest.raises(plan.PlanError, match="is not a date"):
        widget.set_period("17/12/2027", "2027-12-31")
    assert "is not a date" in widget.problem("period")
    assert saved(answers)["period"]["end"] == "2027-12-17"


def test_an_incomplete_plan_is_saved_as_a_draft_with_what_is_missing_shown(answers):
    widget = builder(answers)
    widget.set_title("Brouillon")
    widget.add_activity("Réunion", "2027-02-01", "2027-02-01")
    assert saved(answers)["activities"][0]["owner"] == ""
    assert "no owner" in widget._rows[0].problem.value
    assert "Write at least one objective" in widget.problem("objectives")
    assert "Still to do before the plan is ready" in widget._readiness.value
    assert widget.status.value == ""


def test_dates_in_the_past_are_a_warning_and_the_plan_is_saved(answers):
    widget = builder(answers, case="burkina_gold", today=date(2027, 3, 1))
    fill(widget)
    assert "already past" in widget.problem("period")
    assert "already past" in widget._rows[0].problem.value
    assert saved(answers)["title"].startswith("Moins de mercure")
    assert "The plan is ready" in widget._readiness.value


def test_problems_and_labels_follow_the_language(answers):
    widget = builder(answers)
    widget.add_activity("Réunion", "2027-02-01", "2027-02-01")
    set_language("fr")
    assert "pas de responsable" in widget._rows[0].problem.value
    assert "Écrivez au moins un objectif" in widget.problem("objectives")
    assert widget._add_activity.description == "Ajouter une activité"
    assert "Budget total : 0 FCFA" in widget._budget.value


def test_the_budget_total_changes_as_activities_are_added_and_removed(answers):
    widget = builder(answers)
    fill(widget)
    assert "Total budget: 2,050,000 FCFA" in widget._budget.value
    widget.add_activity("Radio", "2027-06-01", "2027-11-30", "Chargée de communication", 720_000)
    assert "Total budget: 2,770,000 FCFA" in widget._budget.value
    chart = widget._chart.value
    widget._rows[0].remove.click()
    assert "Total budget: 2,520,000 FCFA" in widget._budget.value
    assert [a["name"] for a in saved(answers)["activities"]] == ["Démonstrations", "Radio"]
    assert widget._chart.value != chart and bytes(widget._chart.value).startswith(b"\x89PNG")
    set_language("fr")
    assert "Budget total : 2\u202f520\u202f000 FCFA" in widget._budget.value


def test_a_row_left_blank_is_not_part_of_the_plan(answers):
    widget = builder(answers)
    fill(widget)
    widget._add_activity.click()
    assert len(widget._rows) == 3 and len(widget.value["activities"]) == 2
    assert widget._rows[2].problem.value == ""


def test_export_writes_both_files_in_the_answers_folder_and_offers_them_for_download(answers):
    widget = builder(answers, case="burkina_gold")
    fill(widget)
    widget._export_button.click()
    html_path = answers / "exports" / "moins-de-mercure-a-bouroum-bouroum.html"
    assert html_path.exists() and html_path.with_suffix(".md").exists()
    links = dict(re.findall(r"download='([^']+)'[^>]*href='data:[^;]+;charset=utf-8;base64,([^']+)'",
                            widget._links.value))
    assert sorted(links) == [html_path.name, html_path.with_suffix(".md").name]
    assert base64.b64decode(links[html_path.name]) == html_path.read_bytes()
    assert str(answers / "exports") in widget._links.value


def test_export_into_a_folder_that_cannot_be_written_says_so(answers, tmp_path):
    widget = builder(answers)
    fill(widget)
    blocked = tmp_path / "a_file"
    blocked.write_text("not a folder")
    with pytest.raises(plan.PlanError):
        widget.export(blocked / "exports")
    assert "Could not write the plan" in widget.problem("export")


def test_a_saved_plan_that_is_not_possible_is_set_aside_and_reported(answers):
    widget = builder(answers)
    fill(widget)
    broken = saved(answers)
    broken["activities"][0]["cost"] = -1
    AnswerStore(answers).save(KEY, broken)
    again = builder(answers)
    assert again.value["activities"] == []
    assert (answers / f"{KEY}.json.bak").exists()
    assert "cannot be negative" in again.status.value


def test_to_frame_gives_the_activities_table(answers):
    widget = builder(answers)
    fill(widget)
    table = widget.to_frame()
    assert list(table["name"]) == ["Visites d'introduction", "Démonstrations"]
    assert table["cost"].sum() == 2_050_000 and table["days"].tolist() == [19, 110]


def test_an_unknown_case_is_refused(answers):
    with pytest.raises(CaseError):
        builder(answers, case="ghana_gold")


# A preheated Voila kernel builds the plan before its participant opens the page -----------------

@pytest.fixture
def voila_query(monkeypatch, in_tmp_path):
    """A preheated kernel, working in a temporary folder, whose participant has not come yet."""
    fake = FakeVoilaQuery(monkeypatch)
    yield fake
    fake.close()


def test_before_the_participant_is_known_the_case_prefills_then_their_day2_grid(voila_query, in_tmp_path):
    day2 = in_tmp_path / "day2"
    AnswerStore(day2 / "answers" / "participants" / "awa").save(plan.DAY2_GRID_KEY, GRID["value"])
    widget = EngagementPlanBuilder(KEY, case="burkina_gold", day2_folder=day2, today=TODAY)
    assert widget.value["stakeholders"] == plan.case_target_stakeholders("burkina_gold")
    voila_query.bind("participant=awa")
    assert widget.value["stakeholders"] == GRID_NAMES
    assert widget._lists["stakeholders"].lines == GRID_NAMES
    assert "Day 2 stakeholder grid" in widget._source.value
    widget.set_title("Plan d'Awa")
    assert saved(in_tmp_path / "answers" / "participants" / "awa")["stakeholders"] == GRID_NAMES
    assert not (in_tmp_path / "answers" / f"{KEY}.json").exists()


def test_a_participants_saved_plan_wins_over_their_day2_grid_once_known(voila_query, in_tmp_path):
    day2 = in_tmp_path / "day2"
    AnswerStore(day2 / "answers" / "participants" / "awa").save(plan.DAY2_GRID_KEY, GRID["value"])
    mine = builder(in_tmp_path / "answers" / "participants" / "awa", case="burkina_gold")
    mine.set_lines("stakeholders", ["Chef de village"])
    widget = EngagementPlanBuilder(KEY, case="burkina_gold", day2_folder=day2, today=TODAY)
    voila_query.bind("participant=awa")
    assert widget.value["stakeholders"] == ["Chef de village"] and widget._source.value == ""


def test_a_change_checks_the_plan_once_and_reading_the_fields_changes_nothing(answers, monkeypatch):
    from asm_workshop.widgets import plan_builder

    widget = builder(answers, case="burkina_gold")
    checks = []
    real = plan_builder.find_problems
    monkeypatch.setattr(plan_builder, "find_problems", lambda *args: checks.append(args) or real(*args))
    widget.set_title("Moins de mercure à Bouroum-Bouroum")
    assert len(checks) == 1, "the save's redraw shows the check the change made"
    assert saved(answers)["title"] == "Moins de mercure à Bouroum-Bouroum"
    widget.relabel()
    widget.refresh()  # a redraw on its own (a language switch) checks the fields again
    assert len(checks) == 2


def test_an_export_waits_for_the_participant_and_never_goes_to_the_shared_folder(voila_query, in_tmp_path,
                                                                               monkeypatch):
    monkeypatch.setattr(EngagementPlanBuilder, "BINDING_WAIT_SECONDS", 0.2)
    widget = EngagementPlanBuilder(KEY, case="burkina_gold", today=TODAY)
    with pytest.raises(plan.PlanError):
        widget.export()
    assert "does not know your name yet" in widget.problem("export")
    assert not (in_tmp_path / "answers" / "exports").exists()
    voila_query.bind("participant=awa")
    html_page, _ = widget.export()
    assert html_page.parent == in_tmp_path / "answers" / "participants" / "awa" / "exports"

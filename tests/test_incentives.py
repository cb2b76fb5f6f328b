"""Carrots, sticks and enablers: the net incentive score, grouping by barrier, and the matrix widget."""

import json
import re

import ipywidgets as widgets
import pandas as pd
import pytest

from asm_workshop import data, i18n
from asm_workshop.errors import CaseError
from asm_workshop.incentives import (
    BARRIER_GROUP_OF,
    BARRIER_GROUPS,
    BARRIERS,
    IncentiveError,
    by_barrier,
    by_kind,
    case_measures,
    incentive_chart,
    make_measure,
    measure_problems,
    net_incentive_score,
    score_incentives,
)
from asm_workshop.widgets.incentive_matrix import IncentiveMatrix


@pytest.fixture(autouse=True)
def close_widgets():
    """Close this test's widgets: open ones keep listening, and redraw on every language switch."""
    yield
    widgets.Widget.close_all()


COUNTER = dict(measure="Comptoir d'achat à Houndé", kind="carrot", barrier="no_market_access",
               cost_to_miner=1, benefit_to_miner=4, months_to_benefit=3)
SEIZURE = dict(measure="Seizure of gold at Comé", kind="stick", barrier="weak_enforcement",
               cost_to_miner=4, benefit_to_miner=0, months_to_benefit=None)
CREDIT = dict(measure="Credit for gravity tables", kind="enabler", barrier="no_finance",
              cost_to_miner=1, benefit_to_miner=3, months_to_benefit=12)


# The score --------------------------------------------------------------------------------
def test_a_benefit_a_year_away_counts_half():
    assert net_incentive_score(1, 4, 12) == pytest.approx(1.0)
    assert net_incentive_score(0, 5, 0) == 5
    assert net_incentive_score(5, 0, 0) == -5
    assert net_incentive_score(0, 3, 24) == pytest.approx(1.0)


def test_a_benefit_with_no_date_counts_for_nothing():
    assert net_incentive_score(4, 0, None) == -4
    assert net_incentive_score(2, 1, None) == -2


@pytest.mark.parametrize("cost, benefit, months, field, words", [
    (6, 2, 0, "cost_to_miner", "scored from 0 to 5; 6 is outside"),
    (2, -1, 0, "benefit_to_miner", "scored from 0 to 5; -1 is outside"),
    (2, 2, -3, "months_to_benefit", "cannot be negative (-3)"),
    ("3", 2, 0, "cost_to_miner", "must be a number from 0 to 5"),
    (2, True, 0, "benefit_to_miner", "must be a number from 0 to 5"),
    (2, float("nan"), 0, "benefit_to_miner", "must be a number"),
    (2, 2, "six", "months_to_benefit", "must be a number"),
])
def test_scores_outside_the_scale_are_refused_naming_the_field(cost, benefit, months, field, words):
    with pytest.raises(IncentiveError, match=re.escape(words)) as caught:
        net_incentive_score(cost, benefit, months)
    assert caught.value.field == field and isinstance(caught.value, ValueError)


def test_every_bad_field_of_a_measure_is_reported_at_once():
    problems = measure_problems("  ", "reward", "corruption", 9, 2, -1)
    assert set(problems) == {"measure", "kind", "barrier", "cost_to_miner", "months_to_benefit"}
    assert "Give the measure a name" in problems["measure"]
    assert '"reward" is not a kind of measure' in problems["kind"]
    assert "carrot, stick, enabler" in problems["kind"]
    assert '"corruption" is not a barrier' in problems["barrier"]


def test_a_repeated_measure_is_refused_whatever_its_case_and_spaces():
    problems = measure_problems(" comptoir D'ACHAT à houndé ", "carrot", "no_market_access", 1, 1, 1,
                                other_measures=[COUNTER["measure"]])
    assert "already in the table" in problems["measure"]


def test_make_measure_keeps_accents_and_strips_spaces():
    measure = make_measure(**{**COUNTER, "measure": "  Comptoir d'achat à Houndé "})
    assert measure == {**COUNTER, "measure": "Comptoir d'achat à Houndé"}
    assert json.loads(json.dumps(measure, ensure_ascii=False)) == measure


def test_messages_come_in_french():
    i18n.set_language("fr")
    problems = measure_problems("", "carotte", "no_finance", 7, 2, 0)
    assert problems["measure"] == "Donnez un nom à la mesure."
    assert "« carotte » n'est pas un type de mesure" in problems["kind"]
    assert "se note de 0 à 5 ; 7 est en dehors" in problems["cost_to_miner"]


# Tables -------------------------------------------------------------------------------------
def test_score_incentives_adds_the_net_score_and_the_barrier_group():
    scored = score_incentives([COUNTER, SEIZURE, CREDIT])
    assert list(scored["net_incentive"]) == pytest.approx([4 * 12 / 15 - 1, -4, 0.5])
    assert list(scored["barrier_group"]) == ["structural", "weak_enforcement", "structural"]


def test_score_incentives_names_the_first_bad_row():
    with pytest.raises(IncentiveError, match=r"Row 2: .*scored from 0 to 5; 8 is outside"):
        score_incentives([COUNTER, {**CREDIT, "cost_to_miner": 8}])
    with pytest.raises(IncentiveError, match="Row 2: .*already in the table"):
        score_incentives(pd.DataFrame([COUNTER, COUNTER]))


def test_a_table_without_a_needed_column_is_refused():
    with pytest.raises(IncentiveError, match="lacks the column.*barrier"):
        score_incentives(pd.DataFrame([{k: v for k, v in COUNTER.items() if k != "barrier"}]))


def test_every_barrier_belongs_to_one_of_the_five_categories():
    assert len(BARRIER_GROUPS) == 5
    assert set(BARRIER_GROUP_OF) == set(BARRIERS)
    assert set(BARRIER_GROUP_OF.values()) == set(BARRIER_GROUPS)
    assert {b for b, g in BARRIER_GROUP_OF.items() if g == "structural"} == {
        "no_finance", "no_technology", "no_market_access"}


def test_by_barrier_lists_all_five_categories_so_that_gaps_show():
    table = by_barrier([COUNTER, SEIZURE, CREDIT])
    assert list(table.index) == list(BARRIER_GROUPS)
    assert table.loc["structural", ["carrot", "enabler", "measures"]].tolist() == [1, 1, 2]
    assert table.loc["absent_framework", "measures"] == 0
    assert pd.isna(table.loc["absent_framework", "mean_net_incentive"])
    assert table.loc["weak_enforcement", "mean_net_incentive"] == -4


def test_by_kind_and_by_barrier_work_on_an_empty_table():
    assert by_barrier([])["measures"].sum() == 0
    kinds = by_kind([])
    assert list(kinds.index) == ["carrot", "stick", "enabler"] and kinds["measures"].sum() == 0
    assert by_kind([COUNTER, CREDIT]).loc["enabler", "months_to_benefit"] == 12


def test_the_chart_draws_one_bubble_per_measure_with_labels_in_the_current_language():
    figure = incentive_chart([COUNTER, SEIZURE, CREDIT])
    axes = figure.axes[0]
    assert sum(len(collection.get_offsets()) for collection in axes.collections) == 3
    assert axes.get_xlabel() == "Cost to the miner (0-5)"
    i18n.set_language("fr")
    axes = incentive_chart([COUNTER]).axes[0]
    assert axes.get_ylabel() == "Bénéfice pour l'orpailleur (0-5)"
    assert [text.get_text() for text in axes.get_legend().get_texts()] == ["Carotte (une récompense)"]


def test_the_incentive_dataset_scores_and_groups_without_error():
    table = data.load("incentives")
    scored = score_incentives(table)
    assert scored["net_incentive"].between(-5, 5).all()
    assert set(scored["barrier_group"]) <= set(BARRIER_GROUPS)
    for case in ("burkina_gold", "benin_sand"):
        assert by_barrier(case_measures(case))["measures"].sum() == (table["case"] == case).sum()


def test_an_unknown_case_is_refused_naming_the_cases_there_are():
    with pytest.raises(CaseError, match='no case study "ghana_gold".*burkina_gold, benin_sand'):
        case_measures("ghana_gold")


# The widget ----------------------------------------------------------------------------------
def saved(folder, key="day2.incentives"):
    return json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))["value"]


def empty(folder):
    return IncentiveMatrix("day2.incentives", case=None, folder=folder)


def fill_form(matrix, measure):
    matrix._measure_field.value = measure["measure"]
    matrix._kind.value = measure["kind"]
    matrix._barrier.value = measure["barrier"]
    matrix._cost.value = measure["cost_to_miner"]
    matrix._benefit.value = measure["benefit_to_miner"]
    matrix._months.value = measure["months_to_benefit"] or 0


def test_the_matrix_starts_from_the_case_in_the_dataset(tmp_path):
    matrix = IncentiveMatrix("day2.incentives", case="benin_sand", folder=tmp_path)
    expected = case_measures("benin_sand")
    assert [m["measure"] for m in matrix.value] == list(expected["measure"])
    assert f"the {len(expected)} measures of the case" in matrix._source_note.value
    assert "synthetic" in matrix._source_note.value
    assert matrix.to_frame()["net_incentive"].between(-5, 5).all()
    assert bytes(matrix._chart.value).startswith(b"\x89PNG")


def test_an_empty_matrix_has_an_empty_table_and_saves_nothing(tmp_path):
    matrix = empty(tmp_path)
    assert matrix.value == [] and matrix.to_frame().empty
    assert "No measure yet" in matrix._table.value
    assert not (tmp_path / "day2.incentives.json").exists()


def test_clicking_add_saves_the_measure_and_draws_it(tmp_path):
    matrix = empty(tmp_path)
    fill_form(matrix, COUNTER)
    matrix._add.click()
    assert saved(tmp_path) == [COUNTER]
    assert "Comptoir d&#x27;achat à Houndé" in matrix._table.value
    assert matrix._measure_field.value == "", "the form is ready for the next measure"
    structural = matrix._barrier_table.value.split("Structural challenges")[1]
    assert structural.startswith(" (finance, technology, markets)</td><td style='padding:2px 8px'>1</td>")


def test_bad_input_is_shown_beside_its_field_and_loses_nothing(tmp_path):
    matrix = empty(tmp_path)
    matrix.add_measure(**COUNTER)
    before = (tmp_path / "day2.incentives.json").read_text(encoding="utf-8")
    fill_form(matrix, {**CREDIT, "measure": "comptoir d'achat à houndé", "months_to_benefit": -2})
    matrix._add.click()
    assert "already in the table" in matrix.problem("measure")
    assert "cannot be negative" in matrix.problem("months_to_benefit")
    assert matrix.problem("kind") == ""
    assert matrix.value == [COUNTER]
    assert (tmp_path / "day2.incentives.json").read_text(encoding="utf-8") == before
    with pytest.raises(IncentiveError, match="scored from 0 to 5; 9 is outside"):
        matrix.add_measure(**{**CREDIT, "benefit_to_miner": 9})
    assert "9 is outside" in matrix.problem("benefit_to_miner") and matrix.value == [COUNTER]


def test_choosing_a_measure_fills_the_form_and_save_changes_edits_it(tmp_path):
    matrix = empty(tmp_path)
    matrix.add_measure(**COUNTER)
    matrix.add_measure(**SEIZURE)
    matrix._chosen.value = SEIZURE["measure"]
    assert matrix._measure_field.value == SEIZURE["measure"] and matrix._cost.value == 4
    assert not matrix._update.disabled and not matrix._remove.disabled
    matrix._cost.value = 5
    matrix._measure_field.value = "Saisie de l'or à Comé"
    matrix._update.click()
    assert saved(tmp_path)[1] == {**SEIZURE, "measure": "Saisie de l'or à Comé", "cost_to_miner": 5,
                                  "months_to_benefit": 0}
    assert matrix._chosen.value == "Saisie de l'or à Comé"


def test_renaming_to_an_existing_measure_is_refused(tmp_path):
    matrix = empty(tmp_path)
    matrix.add_measure(**COUNTER)
    matrix.add_measure(**CREDIT)
    with pytest.raises(IncentiveError, match="already in the table"):
        matrix.edit_measure(CREDIT["measure"], measure=COUNTER["measure"].upper())
    with pytest.raises(IncentiveError, match="not a field of a measure"):
        matrix.edit_measure(CREDIT["measure"], price=3)
    with pytest.raises(IncentiveError, match='no measure "Bribes"'):
        matrix.edit_measure("Bribes", cost_to_miner=1)
    assert saved(tmp_path) == [COUNTER, CREDIT]


def test_remove_takes_the_chosen_measure_out(tmp_path):
    matrix = empty(tmp_path)
    for measure in (COUNTER, SEIZURE, CREDIT):
        matrix.add_measure(**measure)
    matrix._chosen.value = SEIZURE["measure"]
    matrix._remove.click()
    assert [m["measure"] for m in saved(tmp_path)] == [COUNTER["measure"], CREDIT["measure"]]
    assert matrix._chosen.value == "" and matrix._remove.disabled


def test_running_the_cell_again_restores_the_measures_not_the_case(tmp_path):
    matrix = IncentiveMatrix("day2.incentives", case="burkina_gold", folder=tmp_path)
    first = matrix.value[0]["measure"]
    matrix.remove_measure(first)
    matrix.add_measure(**COUNTER)
    again = IncentiveMatrix("day2.incentives", case="burkina_gold", folder=tmp_path)
    assert again.value == matrix.value and first not in [m["measure"] for m in again.value]
    matrix.remove_measure(COUNTER["measure"])
    for measure in list(matrix.value):
        matrix.remove_measure(measure["measure"])
    assert IncentiveMatrix("day2.incentives", case="burkina_gold", folder=tmp_path).value == []


def test_a_saved_answer_with_a_bad_measure_is_set_aside(tmp_path):
    bad = {"format": 1, "key": "day2.incentives", "value": [{**COUNTER, "kind": "bribe"}]}
    (tmp_path / "day2.incentives.json").write_text(json.dumps(bad))
    matrix = empty(tmp_path)
    assert matrix.value == []
    assert "bribe" in matrix.status.value and "day2.incentives.json.bak" in matrix.status.value


def test_a_folder_that_cannot_be_written_still_lets_the_matrix_work(tmp_path):
    blocked = tmp_path / "answers"
    blocked.write_text("a file where the folder should be")
    matrix = IncentiveMatrix("day2.incentives", case=None, folder=blocked)
    matrix.add_measure(**COUNTER)
    assert matrix.value == [COUNTER] and "could not be saved" in matrix.status.value


def test_an_unknown_case_is_refused_when_the_matrix_is_made(tmp_path):
    with pytest.raises(CaseError, match="ghana_gold"):
        IncentiveMatrix("day2.incentives", case="ghana_gold", folder=tmp_path)


def test_switching_to_french_relabels_the_matrix(tmp_path):
    matrix = empty(tmp_path)
    matrix.add_measure(**SEIZURE)
    i18n.set_language("fr")
    assert matrix._add.description == "Ajouter"
    assert ("Bâton (une sanction)", "stick") in matrix._kind.options
    assert "Incitation nette" in matrix._table.value and "Bâton (une sanction)" in matrix._table.value
    assert "Obstacles structurels" in matrix._barrier_table.value
    assert matrix._chosen.options[0] == ("(une nouvelle mesure)", "")
    assert matrix.value == [SEIZURE]

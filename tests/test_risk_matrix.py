"""The risk matrix widget: editing the register, messages beside the fields in both languages,
the heat map and sorted register it shows, and the answer saved and restored."""

import json

import pytest

from asm_workshop import i18n
from asm_workshop.errors import CaseError
from asm_workshop.risks import RISK_FIELDS, RiskError, case_risks
from asm_workshop.widgets import RiskMatrix

KEY = "day3_2.risks"
MERCURY = {"risk": "Vapeur de mercure à Gaoua", "likelihood": 5, "severity": 5, "mitigation": "minimise",
           "monitored_by": "Association des orpailleurs", "miners_take_part": True}
PITS = {"risk": "Open pits", "likelihood": 4, "severity": 3, "mitigation": "restore",
        "monitored_by": "Commune", "miners_take_part": False}


def saved(folder):
    return json.loads((folder / f"{KEY}.json").read_text(encoding="utf-8"))["value"]


def fill_form(matrix, risk):
    for field in RISK_FIELDS:
        matrix._inputs[field].value = risk[field]


def test_an_empty_register_shows_an_empty_map_and_saves_nothing(tmp_path):
    matrix = RiskMatrix(KEY, folder=tmp_path)
    assert matrix.value == [] and matrix.to_frame().empty
    assert "No risk in the register yet." in matrix._table.value
    assert bytes(matrix._chart.value).startswith(b"\x89PNG")
    assert not (tmp_path / f"{KEY}.json").exists()


def test_the_matrix_starts_from_the_case_and_warns_about_high_risks_nobody_mines_monitors(tmp_path):
    matrix = RiskMatrix(KEY, case="benin_sand", folder=tmp_path)
    assert matrix.value == case_risks("benin_sand")
    assert "the 9 risks of the case &quot;benin_sand&quot;" in matrix._source_note.value
    frame = matrix.to_frame()
    assert list(frame["score"]) == sorted(frame["score"], reverse=True)
    assert matrix._table.value.index("Lagoon banks eroded") < matrix._table.value.index("Dust from trucks")
    assert "is a high risk, but no miner takes part in monitoring it" in matrix._warnings.value


def test_clicking_add_saves_the_risk_and_shows_it_sorted(tmp_path):
    matrix = RiskMatrix(KEY, folder=tmp_path)
    fill_form(matrix, PITS)
    matrix._add.click()
    fill_form(matrix, {**MERCURY, "risk": "  Vapeur de mercure à Gaoua "})
    matrix._add.click()
    assert saved(tmp_path) == [PITS, MERCURY], "accents round-trip, spaces are trimmed"
    table = matrix._table.value
    assert table.index("Vapeur de mercure à Gaoua") < table.index("Open pits"), "highest score first"
    assert "<td style='padding:2px 8px'>25</td>" in table
    assert "Risk 1: &quot;Open pits&quot; is a high risk" in matrix._warnings.value
    assert matrix._risk_field.value == "", "the form is ready for the next risk"


def test_bad_input_is_shown_beside_its_field_and_loses_nothing(tmp_path):
    matrix = RiskMatrix(KEY, folder=tmp_path)
    matrix.add_risk(**PITS)
    before = (tmp_path / f"{KEY}.json").read_text(encoding="utf-8")
    fill_form(matrix, {**MERCURY, "risk": "  open PITS "})
    matrix._add.click()
    assert '&quot;open PITS&quot; is already in the register.' in matrix.problem("risk")
    fill_form(matrix, {**MERCURY, "risk": "   "})
    matrix._add.click()
    assert "Give the risk a name: it is empty." in matrix.problem("risk")
    with pytest.raises(RiskError):
        matrix.add_risk(**{**MERCURY, "likelihood": 7, "mitigation": "pray"})
    assert "Likelihood (1-5) must be a whole number from 1 to 5, not 7." in matrix.problem("likelihood")
    assert "&quot;pray&quot; is not one of them" in matrix.problem("mitigation")
    assert matrix.problem("severity") == ""
    assert matrix.value == [PITS]
    assert (tmp_path / f"{KEY}.json").read_text(encoding="utf-8") == before


def test_messages_beside_the_fields_speak_french_and_follow_a_language_switch(tmp_path):
    matrix = RiskMatrix(KEY, folder=tmp_path)
    with pytest.raises(RiskError):
        matrix.add_risk(**{**PITS, "severity": 0})
    assert "Severity (1-5) must be a whole number from 1 to 5, not 0." in matrix.problem("severity")
    i18n.set_language("fr")
    assert "Gravité (1-5) doit être un nombre entier de 1 à 5, pas 0." in matrix.problem("severity")
    matrix.add_risk(**PITS)
    with pytest.raises(RiskError):
        matrix.add_risk(**{**MERCURY, "risk": "Open pits"})
    assert "« Open pits » figure déjà dans le registre." in matrix.problem("risk")
    assert matrix._add.description == "Ajouter" and ("Compenser", "offset") in matrix._mitigation.options
    assert "Risque 1 : « Open pits » est un risque élevé" in matrix._warnings.value
    assert "Priorité" in matrix._table.value and "Élevée" in matrix._table.value


def test_choosing_a_risk_fills_the_form_and_save_changes_edits_it(tmp_path):
    matrix = RiskMatrix(KEY, folder=tmp_path)
    matrix.add_risk(**PITS)
    matrix.add_risk(**MERCURY)
    matrix._chosen.value = "Open pits"
    assert matrix._likelihood.value == 4 and matrix._monitored_by.value == "Commune"
    assert not matrix._update.disabled and not matrix._remove.disabled
    matrix._severity.value = 2
    matrix._miners_take_part.value = True
    matrix._update.click()
    assert saved(tmp_path)[0] == {**PITS, "severity": 2, "miners_take_part": True}
    assert matrix._chosen.value == "Open pits"
    assert matrix.to_frame().loc[1, "priority"] == "medium"


def test_edit_and_remove_refuse_what_does_not_exist(tmp_path):
    matrix = RiskMatrix(KEY, folder=tmp_path)
    matrix.add_risk(**PITS)
    matrix.add_risk(**MERCURY)
    with pytest.raises(RiskError, match='no risk "Floods"'):
        matrix.edit_risk("Floods", likelihood=2)
    with pytest.raises(RiskError, match='"cost" is not a field of a risk'):
        matrix.edit_risk("Open pits", cost=3)
    with pytest.raises(RiskError, match="already in the register"):
        matrix.edit_risk("open pits", risk="VAPEUR DE MERCURE À GAOUA")
    matrix.choose("Vapeur de mercure à Gaoua")
    matrix._remove.click()
    assert saved(tmp_path) == [PITS] and matrix._chosen.value == "" and matrix._remove.disabled
    assert "Removed" in matrix._notice.value


def test_running_the_cell_again_restores_the_register_not_the_case(tmp_path):
    matrix = RiskMatrix(KEY, case="burkina_gold", folder=tmp_path)
    first = matrix.value[0]["risk"]
    matrix.remove_risk(first)
    matrix.edit_risk(matrix.value[0]["risk"], monitored_by="Chef de site et femmes transformatrices",
                     miners_take_part=True)
    again = RiskMatrix(KEY, case="burkina_gold", folder=tmp_path)
    assert again.value == matrix.value and first not in [risk["risk"] for risk in again.value]
    assert again.value[0]["monitored_by"] == "Chef de site et femmes transformatrices"


def test_a_saved_register_with_a_bad_row_is_set_aside(tmp_path):
    bad = {"format": 1, "key": KEY, "value": [PITS, {**MERCURY, "severity": 9}]}
    (tmp_path / f"{KEY}.json").write_text(json.dumps(bad), encoding="utf-8")
    matrix = RiskMatrix(KEY, case="benin_sand", folder=tmp_path)
    assert matrix.value == case_risks("benin_sand")
    assert "not 9" in matrix.status.value and f"{KEY}.json.bak" in matrix.status.value


def test_a_folder_that_cannot_be_written_still_lets_the_matrix_work(tmp_path):
    blocked = tmp_path / "answers"
    blocked.write_text("a file where the folder should be")
    matrix = RiskMatrix(KEY, folder=blocked)
    matrix.add_risk(**PITS)
    assert matrix.value == [PITS] and "could not be saved" in matrix.status.value


def test_an_unknown_case_is_refused_when_the_matrix_is_made(tmp_path):
    with pytest.raises(CaseError, match="ghana_gold"):
        RiskMatrix(KEY, case="ghana_gold", folder=tmp_path)

"""The risk register: score, priority bands, checks, the sorted register, the heat map, the dataset."""

import pandas as pd
import pytest

from asm_workshop import i18n, risks
from asm_workshop.cases import CASES
from asm_workshop.errors import CaseError
from asm_workshop.risks import (
    MITIGATIONS,
    RiskError,
    case_risks,
    check_risk,
    heat_map,
    priority,
    register_frame,
    register_problems,
    score,
)

MERCURY = {"risk": "Vapeur de mercure à Gaoua", "likelihood": 5, "severity": 5, "mitigation": "minimise",
           "monitored_by": "Association des orpailleurs", "miners_take_part": True}
PITS = {"risk": "Open pits", "likelihood": 4, "severity": 3, "mitigation": "restore",
        "monitored_by": "Commune", "miners_take_part": False}
DUST = {"risk": "Dust", "likelihood": 2, "severity": 2, "mitigation": "minimise",
        "monitored_by": "", "miners_take_part": False}


def test_score_is_likelihood_times_severity():
    assert score(1, 1) == 1 and score(3, 4) == 12 and score(5, 5) == 25
    assert score("4", 2) == 8, "text from a form or a CSV is read"


@pytest.mark.parametrize("value, band", [(1, "low"), (4, "low"), (5, "medium"), (9, "medium"),
                                         (10, "high"), (25, "high")])
def test_priority_bands_are_low_1_to_4_medium_5_to_9_high_10_to_25(value, band):
    assert priority(value) == band
    assert risks.PRIORITY_BANDS[band][0] <= value <= risks.PRIORITY_BANDS[band][1]


def test_the_bands_cover_every_possible_score_once():
    covered = [value for low, high in risks.PRIORITY_BANDS.values() for value in range(low, high + 1)]
    assert covered == list(range(1, 26))


@pytest.mark.parametrize("value", [0, 26, 2.5, -3, True, "high", None])
def test_priority_refuses_a_score_that_cannot_be(value):
    with pytest.raises(RiskError, match="whole number from 1 to 25"):
        priority(value)


@pytest.mark.parametrize("likelihood, severity, field, words", [
    (0, 3, "likelihood", "Likelihood (1-5) must be a whole number from 1 to 5, not 0."),
    (3, 6, "severity", "Severity (1-5) must be a whole number from 1 to 5, not 6."),
    (2.5, 3, "likelihood", "not 2.5"),
    ("often", 3, "likelihood", '"often" is not a number'),
    (None, 3, "likelihood", "is not a number"),
])
def test_levels_outside_one_to_five_are_refused_naming_the_field(likelihood, severity, field, words):
    with pytest.raises(RiskError) as caught:
        score(likelihood, severity)
    assert caught.value.field == field and words in caught.value.problems[field]


def test_check_risk_trims_names_and_keeps_accents():
    cleaned = check_risk({**MERCURY, "risk": "  Vapeur de  mercure à Gaoua "})
    assert cleaned == MERCURY
    assert list(cleaned) == list(risks.RISK_FIELDS)
    assert check_risk({"risk": "Dust", "likelihood": 2, "severity": 2, "mitigation": "minimise"}) == DUST


def test_register_problems_finds_every_kind_of_error():
    rows = [MERCURY, {**PITS, "risk": "   "}, {**DUST, "risk": " vapeur DE mercure à gaoua "},
            {**PITS, "likelihood": 7}, {**PITS, "risk": "Roads", "mitigation": "compensate"}]
    problems = register_problems(rows)
    assert problems["errors"] == [
        "Risk 2: Give the risk a name: it is empty.",
        'Risk 3: "vapeur DE mercure à gaoua" is already in the register.',
        "Risk 4: Likelihood (1-5) must be a whole number from 1 to 5, not 7.",
        'Risk 5: Choose the mitigation among avoid, minimise, restore, offset; "compensate" is not one '
        "of them.",
    ]


def test_a_high_risk_that_no_miner_monitors_is_a_warning_not_an_error():
    rows = [MERCURY, {**PITS, "risk": "Pit collapse", "likelihood": 2, "severity": 5}, PITS, DUST]
    problems = register_problems(rows)
    assert problems["errors"] == []
    assert problems["warnings"] == [
        'Risk 2: "Pit collapse" is a high risk, but no miner takes part in monitoring it.',
        'Risk 3: "Open pits" is a high risk, but no miner takes part in monitoring it.',
    ]
    assert register_problems([MERCURY, DUST]) == {"errors": [], "warnings": []}


def test_register_problems_speak_french():
    i18n.set_language("fr")
    problems = register_problems([PITS, {**DUST, "severity": 0}])
    assert problems["errors"] == ["Risque 2 : Gravité (1-5) doit être un nombre entier de 1 à 5, pas 0."]
    assert problems["warnings"] == [
        "Risque 1 : « Open pits » est un risque élevé, mais aucun exploitant ne participe à son suivi."]


def test_register_frame_adds_score_and_priority_and_sorts_highest_first():
    frame = register_frame([DUST, PITS, MERCURY, {**DUST, "risk": "Noise"}])
    assert list(frame["risk"]) == ["Vapeur de mercure à Gaoua", "Open pits", "Dust", "Noise"]
    assert list(frame["number"]) == [3, 2, 1, 4], "numbers stay those of the register's order"
    assert list(frame["score"]) == [25, 12, 4, 4]
    assert list(frame["priority"]) == ["high", "high", "low", "low"]
    assert list(frame.columns) == ["number", "risk", "likelihood", "severity", "score", "priority",
                                   "mitigation", "monitored_by", "miners_take_part"]


def test_register_frame_of_nothing_is_an_empty_table_and_bad_rows_are_refused():
    assert register_frame([]).empty and "priority" in register_frame([]).columns
    with pytest.raises(RiskError, match="Risk 2: .* is already in the register"):
        register_frame([PITS, PITS])


def test_the_heat_map_colours_cells_by_band_and_numbers_each_risk_in_its_cell():
    figure = heat_map([DUST, PITS, MERCURY, {**DUST, "risk": "Noise"}])
    axes = figure.axes[0]
    assert len(axes.patches) == 25
    texts = {text.get_text(): text.get_position() for text in axes.texts}
    assert texts["3"] == (5, 5) and texts["2"] == (4, 3) and texts["1, 4"] == (2, 2)
    legend = "\n".join(text.get_text() for text in figure.texts)
    assert "1. Dust (4)" in legend and "3. Vapeur de mercure à Gaoua (25)" in legend
    colours = {tuple(round(c, 3) for c in patch.get_facecolor()[:3]) for patch in axes.patches}
    assert len(colours) == 3


def test_the_heat_map_of_an_empty_register_says_so_in_the_current_language():
    i18n.set_language("fr")
    figure = heat_map([])
    assert "Aucun risque" in "\n".join(text.get_text() for text in figure.texts)
    assert figure.axes[0].get_xlabel().startswith("Probabilité")


def test_case_risks_come_from_the_dataset_with_no_monitor_yet():
    table = pd.read_csv(risks.data.datasets_folder() / "risks.csv")
    for case in CASES:
        rows = case_risks(case)
        expected = table[table["case"] == case]
        assert [row["risk"] for row in rows] == list(expected["risk"])
        assert [row["mitigation"] for row in rows] == list(expected["suggested_mitigation"])
        assert all(row["monitored_by"] == "" and row["miners_take_part"] is False for row in rows)
        assert register_problems(rows)["errors"] == []
        assert set(register_frame(rows)["priority"]) == {"low", "medium", "high"}
        # Avoid first: offset, the last resort, answers none of the cases' risks.
        assert {row["mitigation"] for row in rows} == set(MITIGATIONS) - {"offset"}
    with pytest.raises(CaseError, match="ghana_gold"):
        case_risks("ghana_gold")


def test_the_risk_dataset_says_what_is_real_and_invented_in_every_row():
    table = pd.read_csv(risks.data.datasets_folder() / "risks.csv")
    assert 7 <= table.groupby("case").size().min() and table.groupby("case").size().max() <= 10
    assert table["note"].str.contains("Invented").all()
    names = " ".join(table["risk"]).lower()
    for words in ("mercury vapour", "collapse", "bank", "night", "farmers", "children", "cyanide"):
        assert words in names

"""The small rules every tool shares about what a participant types (asm_workshop.text)."""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd
import pytest

from asm_workshop.text import is_blank, is_missing, is_number, name_key, plain_number, shortened

# Names ------------------------------------------------------------------------------------------

def test_a_name_with_and_without_its_accent_is_one_name_both_ways():
    assert name_key("Comé") == name_key("Come") == "come"
    assert name_key("Houéyogbé") == name_key("HOUEYOGBE")
    assert name_key("Préfet du Mono") == name_key("prefet du mono")


def test_a_composed_accent_and_a_combining_accent_give_one_name():
    composed = unicodedata.normalize("NFC", "Mairie de Comé")
    combining = unicodedata.normalize("NFD", "Mairie de Comé")
    assert composed != combining
    assert name_key(composed) == name_key(combining) == name_key(" mairie  de COMÉ ")


def test_names_that_differ_in_letters_stay_different():
    assert name_key("Comé") != name_key("Como")
    assert name_key("Mairie de Comé") != name_key("Mairie de Grand-Popo")


# Missing values ---------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [None, pd.NA, pd.NaT, float("nan"), np.nan, np.float32("nan"),
                                   np.datetime64("NaT")],
                         ids=["None", "pd.NA", "pd.NaT", "float nan", "np.nan", "np.float32 nan", "np NaT"])
def test_no_value_at_all_is_missing(value):
    assert is_missing(value) and is_blank(value)


@pytest.mark.parametrize("value", ["", " ", "Comé", 0, 0.0, False, True, np.bool_(False), [], {}, (),
                                   [None], np.array([np.nan])],
                         ids=["empty text", "spaces", "text", "0", "0.0", "False", "True", "np False",
                              "empty list", "empty dict", "empty tuple", "list of None", "array of nan"])
def test_text_numbers_flags_and_containers_are_values(value):
    assert not is_missing(value)


def test_only_missing_values_and_text_of_spaces_are_blank():
    assert is_blank("") and is_blank(" \t") and not is_blank("x") and not is_blank(0)


# Numbers ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [0, 7, -2.5, np.int64(3), np.float64(6.5)])
def test_real_finite_numbers_are_numbers(value):
    assert is_number(value)


@pytest.mark.parametrize("value", [True, False, float("nan"), float("inf"), "6", None, pd.NA, 2 + 1j])
def test_flags_text_nan_and_infinity_are_not_numbers(value):
    assert not is_number(value)


@pytest.mark.parametrize(("value", "expected"), [(7.0, 7), (7, 7), (np.int64(4), 4), (6.5, 6.5),
                                                 (6.333333, 6.333333), (np.float64(2.25), 2.25)])
def test_numbers_are_saved_as_int_when_whole_and_never_rounded(value, expected):
    saved = plain_number(value)
    assert saved == expected and type(saved) is type(expected)


# Cutting text -----------------------------------------------------------------------------------

def test_long_text_is_cut_to_its_length_with_an_ellipsis_and_short_text_is_kept():
    assert shortened("Mairie de Comé", 24) == "Mairie de Comé"
    assert shortened("Direction générale des mines et de la géologie", 24) == "Direction générale des…"
    assert len(shortened("Direction générale des mines", 12)) <= 12
    assert shortened("abcdef", 6) == "abcdef" and shortened("abcdefg", 6) == "abcde…"


def test_every_tool_finds_the_same_name_typed_with_or_without_its_accents():
    from asm_workshop.incentives import measure_problems
    from asm_workshop.risks import risk_problems
    from asm_workshop.stakeholders import StakeholderError, check_name

    combining = unicodedata.normalize("NFD", "Mairie de Comé")
    with pytest.raises(StakeholderError, match="already on the list"):
        check_name("mairie de come", [combining])
    risk = {"risk": "erosion des berges", "likelihood": 2, "severity": 3, "mitigation": "avoid"}
    assert "risk" in risk_problems(risk, [unicodedata.normalize("NFD", "Érosion des berges")])
    assert "measure" in measure_problems("Credit a taux reduit", "carrot", "absent_law", 1, 3, 6,
                                         other_measures=["Crédit à taux réduit"])

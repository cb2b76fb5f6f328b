"""Bad-input errors keep a message key and values, and are rendered in the language shown."""

from __future__ import annotations

import pytest

from asm_workshop import i18n
from asm_workshop.errors import Message, WorkshopError
from asm_workshop.risks import RiskError, check_risk
from asm_workshop.stakeholders import StakeholderError, check_score


def test_a_message_on_screen_follows_a_language_switch():
    with pytest.raises(StakeholderError) as caught:
        check_score(12, "power")
    assert str(caught.value).startswith("Power: 12 is off the scale")
    i18n.set_language("fr")
    assert str(caught.value).startswith("Pouvoir : 12 est hors de l'échelle")
    assert caught.value.field == "power" and caught.value.message_key == "stakeholders.score_out_of_range"


def test_an_error_about_several_fields_names_each_and_renders_each_when_read():
    with pytest.raises(RiskError) as caught:
        check_risk({"risk": "", "likelihood": 9, "severity": 2, "mitigation": "avoid"})
    error = caught.value
    assert error.field == "risk" and set(error.problems) == {"risk", "likelihood"}
    i18n.set_language("fr")
    assert error.problems["likelihood"].startswith("Probabilité (1-5)") and isinstance(error, WorkshopError)


def test_every_area_error_is_a_workshop_error_and_a_value_error():
    from asm_workshop import (
        data,
        day2,
        engagement,
        formalisation,
        incentives,
        legal_status,
        mercury,
        plan,
        rehabilitation,
    )
    from asm_workshop.errors import CaseError, NumberError

    for kind in (StakeholderError, RiskError, engagement.EngagementError, incentives.IncentiveError,
                 formalisation.FormalisationError, plan.PlanError, rehabilitation.RehabilitationError,
                 data.DataError, day2.Day2Error, mercury.MercuryError, legal_status.LegalStatusError,
                 CaseError, NumberError):
        assert issubclass(kind, WorkshopError) and issubclass(kind, ValueError)


def test_a_data_error_raised_in_english_reads_in_french_after_a_switch():
    from asm_workshop import data

    with pytest.raises(data.DataError) as caught:
        data.load("zzz")
    i18n.set_language("fr")
    assert "Il n'existe pas de jeu de données « zzz »" in str(caught.value)


def test_a_mapping_of_messages_or_of_text_already_written_is_kept_in_order():
    error = WorkshopError({"gold": Message.of("number.empty"), "ratio": "Already written."})
    assert error.field == "gold" and str(error) == "Enter a number. Already written."
    with pytest.raises(TypeError):
        WorkshopError({})


def test_a_table_without_the_columns_a_tool_needs_is_refused_with_that_tools_error():
    import pandas as pd

    from asm_workshop import data, day2

    table = pd.DataFrame({"site_id": ["A"], "area_ha": [1.0]})
    assert data.require_columns(table, ["site_id"]) is None
    with pytest.raises(day2.Day2Error) as caught:
        data.require_columns(table, ["site_id", "cost_fcfa_per_ha"], day2.Day2Error)
    assert caught.value.field == "columns"
    i18n.set_language("fr")
    assert str(caught.value) == ("Il manque au tableau la ou les colonnes cost_fcfa_per_ha. "
                                 "Ses colonnes sont : site_id, area_ha.")

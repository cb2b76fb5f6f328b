"""The case studies, listed once (asm_workshop.cases), and the one check of a case id."""

from __future__ import annotations

import pytest

from asm_workshop import cases, data, day3, i18n
from asm_workshop.errors import CaseError, WorkshopError


def test_every_case_has_rows_in_the_datasets_that_name_cases():
    for name in ("stakeholders", "risks", "incentives"):
        assert set(data.load(name)["case"].dropna()) == set(cases.CASES), name


def test_a_known_case_is_given_back_and_an_unknown_one_named_with_the_cases_there_are():
    assert cases.check_case("benin_sand") == "benin_sand"
    with pytest.raises(CaseError) as caught:
        cases.check_case("mali_gold")
    assert str(caught.value) == 'There is no case study "mali_gold". Choose one of: burkina_gold, benin_sand.'
    assert caught.value.field == "case" and isinstance(caught.value, WorkshopError)


def test_the_unknown_case_message_is_french_in_french_even_when_raised_in_english():
    with pytest.raises(CaseError) as caught:
        cases.check_case(None)
    i18n.set_language("fr")
    assert str(caught.value) == ("Il n'y a pas d'étude de cas « None ». "
                                 "Choisissez parmi : burkina_gold, benin_sand.")


def test_each_case_has_a_name_in_both_languages():
    assert cases.case_label("burkina_gold") == "Artisanal gold, Sud-Ouest region of Burkina Faso"
    i18n.set_language("fr")
    assert cases.case_label("benin_sand") == "Sable et gravier, sud du Bénin"


def test_each_capstone_case_works_with_the_data_of_one_workshop_case():
    assert set(cases.CAPSTONE_CASES.values()) == set(cases.CASES)
    assert cases.workshop_case("benin_lagoon_sand") == "benin_sand"
    assert len(day3.case_table()) == len(cases.CAPSTONE_CASES)
    with pytest.raises(CaseError, match="benin_gravel, benin_lagoon_sand, burkina_gold"):
        cases.workshop_case("benin_sand_and_gravel")


@pytest.mark.parametrize("check", ["stakeholders.case_stakeholders", "risks.case_risks",
                                   "engagement.scenarios", "incentives.case_measures", "plan.example_plan"])
def test_every_tool_refuses_an_unknown_case_the_same_way(check):
    import importlib

    module, function = check.split(".")
    with pytest.raises(CaseError, match='no case study "togo_gold"'):
        getattr(importlib.import_module(f"asm_workshop.{module}"), function)("togo_gold")

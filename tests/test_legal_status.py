"""The legal status classification (plain functions) and the LegalStatusChecker widget over it.

A site's legal status (formal, informal, illegal) and its labour and safety red flags are kept
apart: a red flag is shown beside the status and never changes it (content review, row 37)."""

import html
import json
import re

import pandas as pd
import pytest

from asm_workshop import data, i18n, law
from asm_workshop.legal_status import (
    CATEGORIES,
    QUESTIONS,
    RED_FLAG_QUESTIONS,
    SiteAnswers,
    classify_site,
    classify_sites,
    country_code,
)
from asm_workshop.widgets.legal_status import LegalStatusChecker

BENIN_CLEAN = {"permit": "valid", "zone": "ordinary_land", "mechanised": False, "minors_present": False}
BURKINA_CLEAN = {"permit": "valid", "zone": "ordinary_land", "mercury": "none", "cyanide_used": False,
                 "mechanised": False, "minors_present": False, "sexual_exploitation": False,
                 "armed_groups": False}
CLEAN = {"benin": BENIN_CLEAN, "burkina_faso": BURKINA_CLEAN}
OPEN = []


@pytest.fixture(autouse=True)
def close_checkers():
    yield
    while OPEN:
        OPEN.pop().close()


def checker(folder, country="benin", key=None):
    OPEN.append(LegalStatusChecker(key or f"day1.legal_status_{country}", country=country, folder=folder))
    return OPEN[-1]


def version(path):
    """Which write of the file this is: os.replace gives every save a new inode."""
    status = path.stat()
    return status.st_ino, status.st_mtime_ns


def saved(folder, key):
    return json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))["value"]


def reason_names(status):
    return [key.rsplit(".", 1)[1] for key in status.reasons]


def note_names(status):
    return [key.rsplit(".", 1)[1] for key in status.notes]


def red_flag_names(status):
    return [key.rsplit(".", 1)[1] for key in status.red_flags]


# Benin -------------------------------------------------------------------------------------------

def test_benin_site_with_a_valid_authorisation_is_formal_with_its_conditions_to_check():
    status = classify_site(BENIN_CLEAN, "benin")
    assert status.category == "formal" and reason_names(status) == ["bj_permit_valid"]
    assert note_names(status) == ["bj_permit_conditions"]
    assert "maximum depth" in status.note_texts()[0] and "18 July 2023" in status.note_texts()[0]


@pytest.mark.parametrize("permit", ["none", "expired"])
def test_benin_site_without_a_valid_authorisation_is_informal(permit):
    status = classify_site({**BENIN_CLEAN, "permit": permit}, "benin")
    assert status.category == "informal" and reason_names(status) == [f"bj_permit_{permit}"]


@pytest.mark.parametrize("permit", ["none", "expired", "valid"])
def test_beach_sand_is_illegal_in_benin_whatever_the_permit(permit):
    status = classify_site({**BENIN_CLEAN, "zone": "beach", "permit": permit}, "benin")
    assert status.category == "illegal" and reason_names(status)[0] == "bj_beach"
    assert "Decree 2008-615 of 22 October 2008" in status.reason_texts()[0]


def test_a_valid_permit_is_not_given_as_a_reason_for_illegal():
    status = classify_site({**BENIN_CLEAN, "zone": "beach"}, "benin")
    assert reason_names(status) == ["bj_beach", "valid_permit_not_enough"]
    assert "bj_permit_conditions" not in note_names(status)


def test_children_at_a_benin_quarry_are_a_red_flag_that_names_the_broken_permit_condition():
    status = classify_site({**BENIN_CLEAN, "minors_present": True}, "benin")
    assert status.category == "formal" and reason_names(status) == ["bj_permit_valid"]
    assert red_flag_names(status) == ["bj_children_at_work"]
    assert "no minors" in status.red_flag_texts()[0] and "not a status" in status.red_flag_texts()[0]


# Red flags beside the status ----------------------------------------------------------------------

def _every_site(country):
    """Every combination of the answers that decide the category, with no red flag raised."""
    questions = {question: choices for question, choices in QUESTIONS[country].items()
                 if question not in RED_FLAG_QUESTIONS}
    sites = [{}]
    for question, choices in questions.items():
        sites = [{**site, question: choice} for site in sites for choice in choices]
    return [{**site, **{flag: False for flag in RED_FLAG_QUESTIONS if flag in QUESTIONS[country]}}
            for site in sites]


@pytest.mark.parametrize("country", ["benin", "burkina_faso"])
def test_red_flags_never_change_the_status_its_reasons_or_its_notes(country):
    flags = [question for question in RED_FLAG_QUESTIONS if question in QUESTIONS[country]]
    for site in _every_site(country):
        without = classify_site(site, country)
        assert without.red_flags == ()
        for raised in [{flag: True} for flag in flags] + [dict.fromkeys(flags, True)]:
            flagged = classify_site({**site, **raised}, country)
            assert (flagged.category, flagged.reasons, flagged.notes) == (
                without.category, without.reasons, without.notes), (site, raised)
            assert len(flagged.red_flags) == len(raised)


@pytest.mark.parametrize(("raised", "flags"), [
    ({"minors_present": True}, ["bf_children_at_work"]),
    ({"sexual_exploitation": True}, ["bf_sexual_exploitation"]),
    ({"armed_groups": True}, ["bf_armed_groups"]),
    ({"minors_present": True, "sexual_exploitation": True, "armed_groups": True},
     ["bf_children_at_work", "bf_sexual_exploitation", "bf_armed_groups"]),
])
def test_each_burkina_red_flag_is_raised_by_its_own_answer(raised, flags):
    status = classify_site({**BURKINA_CLEAN, "permit": "none", **raised}, "burkina_faso")
    assert status.category == "informal" and red_flag_names(status) == flags
    assert all("not a legal status" in text for text in status.red_flag_texts())


def test_a_child_seen_at_work_is_never_a_reason_for_illegal_and_the_flag_says_why():
    status = classify_site({**BURKINA_CLEAN, "permit": "none", "minors_present": True}, "burkina_faso")
    assert status.category == "informal" and "minors" not in " ".join(status.reasons)
    assert "closure" in status.red_flag_texts()[0] and "19,881 children" in status.red_flag_texts()[0]


def test_red_flags_come_in_french():
    i18n.set_language("fr")
    status = classify_site({**BENIN_CLEAN, "minors_present": True}, "benin")
    assert status.red_flag_texts()[0].startswith(
        "Des enfants travaillent sur le site. C'est un signal d'alerte")


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(("country", "change", "category", "reason"), [
    ("burkina_faso", {"permit": "valid"}, "formal", "bf_permit_valid"),
    ("burkina_faso", {"permit": "expired"}, "informal", "bf_permit_expired"),
    ("burkina_faso", {"permit": "none"}, "informal", "bf_permit_none"),
    ("burkina_faso", {"zone": "protected_area"}, "illegal", "protected_area"),
    ("benin", {"permit": "valid"}, "formal", "bj_permit_valid"),
    ("benin", {"permit": "expired"}, "informal", "bj_permit_expired"),
    ("benin", {"permit": "none"}, "informal", "bj_permit_none"),
    ("benin", {"zone": "beach"}, "illegal", "bj_beach"),
])
def test_each_status_comes_with_its_reason_in_both_languages(language, country, change, category, reason):
    i18n.set_language(language)
    status = classify_site({**CLEAN[country], **change}, country)
    assert status.category == category and reason_names(status)[0] == reason
    text = status.reason_texts()[0]
    assert text and text != status.reasons[0]
    other = "fr" if language == "en" else "en"
    assert text != i18n.catalog()[status.reasons[0]][other]


def test_mechanised_dredging_in_a_lagoon_stays_formal_with_notes_on_the_law():
    status = classify_site({**BENIN_CLEAN, "zone": "river_bed_or_lagoon", "mechanised": True}, "benin")
    assert status.category == "formal"
    assert note_names(status) == ["bj_permit_conditions", "bj_mechanised", "bj_river_or_lagoon"]
    assert "semi-industrial" in status.note_texts()[1] and "2006-17" in status.note_texts()[1]


# Burkina Faso ------------------------------------------------------------------------------------

def test_burkina_site_with_a_valid_authorisation_is_formal_under_the_2024_code_with_its_zones_to_check():
    status = classify_site(BURKINA_CLEAN, "burkina_faso")
    assert status.category == "formal" and note_names(status) == ["bf_site_zones"]
    assert "mining code of July 2024" in status.reason_texts()[0]
    assert "5 December 2024" in status.note_texts()[0] and "comptoirs" in status.note_texts()[0]


def test_no_reason_or_note_cites_the_replaced_code_or_agency_as_in_force():
    for key, texts in i18n.catalog().items():
        if key.startswith(("legal_status.reason.", "legal_status.note.", "legal_status.red_flag.")):
            assert "ANEEMAS" not in texts["en"] and "036-2015/CNT" not in texts["en"], key


def test_the_burkina_site_without_authorisation_is_pointed_to_the_carte_and_the_couloirs():
    text = classify_site({**BURKINA_CLEAN, "permit": "none"}, "burkina_faso").reason_texts()[0]
    assert "carte d'artisan minier" in text and "couloirs d'exploitation artisanale" in text


@pytest.mark.parametrize("permit", ["none", "expired"])
def test_burkina_site_without_a_valid_authorisation_is_informal(permit):
    status = classify_site({**BURKINA_CLEAN, "permit": permit}, "burkina_faso")
    assert status.category == "informal" and reason_names(status) == [f"bf_permit_{permit}"]


def test_formal_is_not_harmless_whole_ore_amalgamation_is_noted_not_hidden():
    status = classify_site({**BURKINA_CLEAN, "mercury": "whole_ore", "cyanide_used": True}, "burkina_faso")
    assert status.category == "formal"
    assert note_names(status) == ["bf_site_zones", "bf_whole_ore", "cyanide_with_mercury"]
    assert all("Annex C" in text for text in status.note_texts()[1:])


def test_mercury_on_a_concentrate_points_to_the_national_action_plan():
    status = classify_site({**BURKINA_CLEAN, "mercury": "concentrate"}, "burkina_faso")
    assert note_names(status) == ["bf_site_zones", "bf_mercury"] and "2020–2029" in status.note_texts()[1]


def test_rules_the_sources_do_not_detail_are_said_to_be_teaching_simplifications():
    status = classify_site({**BURKINA_CLEAN, "permit": "none", "zone": "protected_area"}, "burkina_faso")
    assert status.category == "illegal" and reason_names(status) == ["protected_area", "bf_permit_none"]
    assert "teaching simplification, not legal advice" in status.reason_texts()[0]


def test_protected_area_is_the_same_teaching_rule_in_benin():
    status = classify_site({**BENIN_CLEAN, "zone": "protected_area"}, "benin")
    assert status.category == "illegal" and reason_names(status)[0] == "protected_area"


# Input ---------------------------------------------------------------------------------------------

def test_site_answers_and_yes_no_words_give_the_same_result():
    by_dataclass = classify_site(SiteAnswers("none", "river_bed_or_lagoon", mechanised=True), "benin")
    by_words = classify_site({"permit": "none", "zone": "river_bed_or_lagoon", "mechanised": "yes",
                              "minors_present": "no"}, "benin")
    assert by_dataclass == by_words


@pytest.mark.parametrize("written", ["Benin", "Bénin", "BENIN", " benin "])
def test_country_names_are_understood_however_written(written):
    assert country_code(written) == "benin"
    assert country_code("Burkina Faso") == country_code("burkina-faso") == "burkina_faso"


@pytest.mark.parametrize(("answers", "country", "message"), [
    ({**BENIN_CLEAN, "minors_present": None}, "benin", "Answer the question \"Do children"),
    ({**BURKINA_CLEAN, "armed_groups": None}, "burkina_faso", "Answer the question \"Are armed groups"),
    ({key: value for key, value in BENIN_CLEAN.items() if key != "zone"}, "benin", "Where is the site"),
    ({**BENIN_CLEAN, "minors": True}, "benin", "\"minors\" is not a question"),
    ({**BENIN_CLEAN, "zone": "moon"}, "benin", "\"moon\" is not an answer"),
    ({**BURKINA_CLEAN, "zone": "beach"}, "burkina_faso", "\"beach\" is not an answer"),
    ({**BURKINA_CLEAN, "mercury": "lots"}, "burkina_faso", "\"lots\" is not an answer"),
    ({**BENIN_CLEAN, "mechanised": "maybe"}, "benin", "\"maybe\" is not an answer"),
    ({**BENIN_CLEAN, "mechanised": 1}, "benin", "\"1\" is not an answer"),
    (BENIN_CLEAN, "togo", "\"togo\" is not a country"),
    (["valid", "beach"], "benin", "must be a dict"),
])
def test_unanswered_unknown_and_impossible_answers_are_refused(answers, country, message):
    with pytest.raises(ValueError, match=message):
        classify_site(answers, country)


def test_beach_is_refused_for_burkina_faso_even_as_site_answers():
    with pytest.raises(ValueError, match="beach"):
        classify_site(SiteAnswers("valid", "beach"), "burkina_faso")


def test_reasons_and_errors_come_in_french():
    i18n.set_language("fr")
    status = classify_site({**BENIN_CLEAN, "zone": "beach", "permit": "none"}, "benin")
    assert "a interdit l'extraction du sable marin" in status.reason_texts()[0]
    with pytest.raises(ValueError, match=re.escape("n'est pas une réponse à « Où se trouve le site ? »")):
        classify_site({**BENIN_CLEAN, "zone": "lune"}, "benin")


# The site visits dataset ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def visits():
    return data.load("site_visits")


@pytest.mark.parametrize(("country", "name"), [("burkina_faso", "Burkina Faso"), ("benin", "Benin")])
def test_every_visit_of_the_country_gets_one_row_and_a_category(visits, country, name):
    table = classify_sites(visits, country)
    assert list(table.columns) == ["visit_id", "category", "reasons", "notes", "red_flags"]
    assert list(table["visit_id"]) == list(visits.loc[visits["country"] == name, "visit_id"])
    assert set(table["category"]) <= set(CATEGORIES) and table["reasons"].str.len().gt(0).all()


def test_site_records_are_read_column_by_column():
    visits = pd.DataFrame({
        "visit_id": ["A", "B", "C", "D"],
        "country": ["Benin", "Benin", "Benin", "Burkina Faso"],
        "extraction_method": ["mechanised_dredging", "manual_diving", "manual_quarrying", "shaft"],
        "children_present": pd.array([False, False, True, False], dtype="boolean"),
        "mercury_used": pd.array([pd.NA, pd.NA, pd.NA, True], dtype="boolean"),
        "amalgamation_method": [None, None, None, "whole_ore"],
        "cyanide_used": pd.array([pd.NA, pd.NA, pd.NA, False], dtype="boolean"),
        "authorisation_status": ["valid", "none", "valid", "valid"],
        "distance_to_water_m": pd.array([0, 0, 800, 300], dtype="Int64"),
        "in_or_near_protected_area": pd.array([True, False, False, False], dtype="boolean"),
    })
    benin = classify_sites(visits, "benin")
    assert list(benin["category"]) == ["formal", "informal", "formal"]
    assert benin.loc[0, "notes"] == ("check the authorisation's conditions; mechanised: semi-industrial "
                                     "operation; river, lake or lagoon: depth, perimeter, restoration; "
                                     "in or next to a protected area: find out which")
    assert benin.loc[2, "reasons"] == "valid authorisation"
    assert benin.loc[2, "red_flags"] == "children at work (breaks a condition of the authorisation)"
    assert list(benin["red_flags"])[:2] == ["", ""]
    burkina = classify_sites(visits, "Burkina Faso")
    assert list(burkina["visit_id"]) == ["D"] and burkina.loc[0, "category"] == "formal"
    assert burkina.loc[0, "notes"] == ("check the four zones and the cahier des charges; "
                                       "whole-ore amalgamation (to eliminate under Minamata)")
    i18n.set_language("fr")
    assert classify_sites(visits, "benin").loc[1, "reasons"] == "pas d'autorisation"


def test_visits_missing_a_column_are_refused_naming_it(visits):
    with pytest.raises(ValueError, match="authorisation_status"):
        classify_sites(visits.drop(columns="authorisation_status"), "benin")


def test_a_visit_without_an_authorisation_status_is_refused_naming_it(visits):
    broken = visits.copy()
    broken.loc[broken["visit_id"] == "V001", "authorisation_status"] = None
    with pytest.raises(ValueError, match="Visit V001"):
        classify_sites(broken, "benin")


# The widget ----------------------------------------------------------------------------------------

def test_checker_asks_each_country_its_own_questions(tmp_path):
    benin, burkina = checker(tmp_path, "benin"), checker(tmp_path, "burkina_faso")
    assert list(benin.inputs) == list(QUESTIONS["benin"])
    assert "beach" in benin.inputs["zone"].options[-1]
    assert "beach" not in [choice for _, choice in burkina.inputs["zone"].options]
    assert "mercury" in burkina.inputs and "mercury" not in benin.inputs


def test_unanswered_checker_has_no_category_and_saves_nothing(tmp_path):
    tool = checker(tmp_path)
    unanswered = {"permit": None, "zone": None, "mechanised": None, "minors_present": None}
    assert tool.value == {"country": "benin", "category": None, "reasons": [], "red_flags": [],
                          "answers": unanswered}
    assert "(4)" in tool._progress.value and tool._category.value == ""
    assert not (tmp_path / "day1.legal_status_benin.json").exists()


def test_each_click_saves_and_the_category_appears_once_all_is_answered(tmp_path):
    tool = checker(tmp_path)
    tool.inputs["permit"].value = "none"
    assert saved(tmp_path, "day1.legal_status_benin")["answers"]["permit"] == "none"
    assert saved(tmp_path, "day1.legal_status_benin")["category"] is None
    tool.inputs["zone"].value = "river_bed_or_lagoon"
    tool.inputs["mechanised"].value = False
    tool.inputs["minors_present"].value = False
    assert "Legal status: Informal" in tool._category.value
    assert "Why:" in tool._reasons.value and "Also check:" in tool._notes.value
    value = saved(tmp_path, "day1.legal_status_benin")
    assert value["category"] == "informal" and value["answers"]["minors_present"] is False
    tool.inputs["zone"].value = "beach"
    assert "Legal status: Illegal" in tool._category.value
    assert saved(tmp_path, "day1.legal_status_benin")["category"] == "illegal"


def test_the_checker_shows_red_flags_beside_the_status_and_saves_them(tmp_path):
    tool = checker(tmp_path)
    tool.answer(**{**BENIN_CLEAN, "minors_present": True})
    assert "Legal status: Formal" in tool._category.value
    assert "Red flags" in tool._red_flags.value and "Children work" in tool._red_flags.value
    value = saved(tmp_path, "day1.legal_status_benin")
    assert value["category"] == "formal"
    assert value["red_flags"] == ["legal_status.red_flag.bj_children_at_work"]
    tool.answer(minors_present=False)
    assert "No red flag" in tool._red_flags.value
    assert saved(tmp_path, "day1.legal_status_benin")["red_flags"] == []


@pytest.mark.parametrize("country", ["benin", "burkina_faso"])
def test_the_checker_shows_its_country_law_in_force_and_the_day_last_checked(tmp_path, country):
    tool = checker(tmp_path, country)
    box = html.unescape(tool.law_in_force.box.value)
    assert f"last checked on {law.last_checked_text()}" in box
    assert all(text.title() in box for text in law.texts_in_force(country))
    i18n.set_language("fr")
    assert "dernière vérification le 3 décembre 2026" in html.unescape(tool.law_in_force.box.value)


def test_running_the_cell_again_restores_the_answers_without_rewriting_them(tmp_path):
    checker(tmp_path, "burkina_faso").answer(**{**BURKINA_CLEAN, "mercury": "whole_ore"})
    before = version(tmp_path / "day1.legal_status_burkina_faso.json")
    again = checker(tmp_path, "burkina_faso")
    assert again.value["category"] == "formal" and again.value["answers"]["mercury"] == "whole_ore"
    assert "Minamata" in html.unescape(again._notes.value)
    assert version(tmp_path / "day1.legal_status_burkina_faso.json") == before


def test_an_answer_not_offered_is_shown_next_to_its_question_and_changes_nothing(tmp_path):
    tool = checker(tmp_path)
    tool.answer(**BENIN_CLEAN)
    before = version(tmp_path / "day1.legal_status_benin.json")
    with pytest.raises(ValueError, match="\"moon\" is not an answer"):
        tool.answer(permit="none", zone="moon")
    assert "moon" in tool.problem("zone") and tool.value["answers"]["permit"] == "valid"
    assert version(tmp_path / "day1.legal_status_benin.json") == before


def test_a_saved_answer_for_the_other_country_is_set_aside(tmp_path):
    checker(tmp_path, "burkina_faso", key="day1.legal_status").answer(permit="valid")
    tool = checker(tmp_path, "benin", key="day1.legal_status")
    assert tool.value["answers"]["permit"] is None
    assert "burkina_faso" in tool.status.value and (tmp_path / "day1.legal_status.json.bak").exists()


def test_switching_to_french_relabels_and_keeps_the_answers_without_saving(tmp_path):
    tool = checker(tmp_path)
    tool.answer(**{**BENIN_CLEAN, "zone": "beach"})
    before = version(tmp_path / "day1.legal_status_benin.json")
    i18n.set_language("fr")
    assert "Statut légal : Illégal" in tool._category.value
    assert html.unescape(tool._labels["zone"].value) == "Où se trouve le site\u00a0?"
    assert tool.inputs["minors_present"].options == (("Non", False), ("Oui", True))
    assert tool.value["answers"] == {**BENIN_CLEAN, "zone": "beach"}
    assert version(tmp_path / "day1.legal_status_benin.json") == before

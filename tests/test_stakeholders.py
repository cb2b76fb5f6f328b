"""asm_workshop.stakeholders: quadrants and strategies, checks of what participants enter,
their CSV files, and who is connected on an influence map - without any widget."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from asm_workshop import i18n
from asm_workshop.errors import CaseError
from asm_workshop.stakeholders import (
    QUADRANTS,
    STRATEGIES,
    THRESHOLD,
    StakeholderError,
    case_actors,
    case_links,
    case_stakeholders,
    check_link,
    check_name,
    check_score,
    check_stance,
    clean_stakeholders,
    influence_summary,
    link_problems,
    quadrant,
    read_stakeholders_csv,
    stakeholder_problems,
    stakeholder_table,
    strategy,
    strategy_for,
    strategy_label,
    write_stakeholders_csv,
)
from asm_workshop.text import name_key
from conftest import FIXTURES, ROOT

CSV = FIXTURES / "csv"


# --- the grid -------------------------------------------------------------------------------

@pytest.mark.parametrize(("power", "interest", "expected"), [
    (9, 9, "high_power_high_interest"),
    (9, 1, "high_power_low_interest"),
    (1, 9, "low_power_high_interest"),
    (1, 1, "low_power_low_interest"),
    (10, 10, "high_power_high_interest"),
    (0, 0, "low_power_low_interest"),
])
def test_quadrant_places_each_corner_of_the_grid(power, interest, expected):
    assert quadrant(power, interest) == expected


def test_a_score_of_five_counts_as_high_and_just_below_as_low():
    assert THRESHOLD == 5
    assert quadrant(5, 5) == "high_power_high_interest"
    assert quadrant(4.99, 5) == "low_power_high_interest"
    assert quadrant(5, 4.5) == "high_power_low_interest"


def test_each_quadrant_has_mendelows_strategy():
    assert [strategy(q) for q in QUADRANTS] == ["manage_closely", "keep_satisfied", "keep_informed",
                                                 "monitor"]
    assert strategy_for(8, 2) == "keep_satisfied"
    assert strategy_label("manage_closely") == "Manage closely"
    i18n.set_language("fr")
    assert strategy_label("keep_informed") == "Tenir informé"


def test_quadrant_refuses_scores_off_the_scale_or_not_numbers():
    with pytest.raises(StakeholderError, match="Power: 11 is off the scale"):
        quadrant(11, 5)
    with pytest.raises(StakeholderError, match="Interest: \"beaucoup\" is not a number"):
        quadrant(5, "beaucoup")


# --- checks -----------------------------------------------------------------------------------

def test_empty_names_are_refused_in_english_and_french():
    for empty in ("", "   ", None, float("nan")):
        with pytest.raises(StakeholderError, match="needs a name") as caught:
            check_name(empty)
        assert caught.value.field == "name"
    i18n.set_language("fr")
    with pytest.raises(StakeholderError, match="doit avoir un nom"):
        check_name("  ")


def test_duplicates_are_found_after_trimming_case_folding_and_accent_composition():
    decomposed = unicodedata.normalize("NFD", "Mairie de Comé")
    for same in (" mairie de comé ", "MAIRIE DE COMÉ", "Mairie  de Comé", decomposed):
        with pytest.raises(StakeholderError, match="already on the list") as caught:
            check_name(same, ["Préfet du Mono", "Mairie de Comé"])
        assert "Mairie de Comé" in str(caught.value)
    assert check_name("  Mairie de Houéyogbé ", ["Mairie de Comé"]) == "Mairie de Houéyogbé"


def test_a_stakeholder_may_keep_its_name_or_change_its_case_when_renamed():
    names = ["Préfet du Mono", "Mairie de Comé"]
    assert check_name("mairie de comé", names, renaming="Mairie de Comé") == "mairie de comé"
    with pytest.raises(StakeholderError, match="already on the list"):
        check_name("préfet du mono", names, renaming="Mairie de Comé")


def test_names_keep_their_accents_exactly_as_typed():
    assert check_name("Houéyogbé") == "Houéyogbé"
    assert name_key("Comé") == name_key(unicodedata.normalize("NFD", "COMÉ"))


@pytest.mark.parametrize(("value", "expected"), [(0, 0), (10, 10), (6.5, 6.5), ("6,5", 6.5), (" 7 ", 7),
                                                 (7.0, 7)])
def test_scores_are_read_as_plain_numbers(value, expected):
    score = check_score(value)
    assert score == expected and type(score) is type(expected)


@pytest.mark.parametrize(("value", "message"), [
    (11, "11 is off the scale"), (-1, "-1 is off the scale"), ("élevé", "\"élevé\" is not a number"),
    (True, "is not a number"), (float("inf"), "is not a number"), (None, "give a number from 0 to 10"),
    ("", "give a number from 0 to 10"),
])
def test_bad_scores_are_refused_with_a_clear_message(value, message):
    with pytest.raises(StakeholderError, match=message) as caught:
        check_score(value, "interest")
    assert caught.value.field == "interest" and str(caught.value).startswith("Interest")


def test_out_of_range_score_message_is_french_in_french():
    i18n.set_language("fr")
    with pytest.raises(StakeholderError, match="Pouvoir : 12 est hors de l'échelle"):
        check_score(12, "power")


def test_stances_are_read_in_english_french_or_signs_and_unknown_ones_refused():
    assert [check_stance(s) for s in ("Supportive", "favorable", "+", "neutre", "0", "Opposé", "-")] == [
        "supportive", "supportive", "supportive", "neutral", "neutral", "opposed", "opposed"]
    with pytest.raises(StakeholderError, match="Unknown stance \"hostile\". Choose one of: supportive"):
        check_stance("hostile")
    i18n.set_language("fr")
    with pytest.raises(StakeholderError, match="Position inconnue « hostile ». Choisissez parmi : favorable"):
        check_stance("hostile")


def test_a_message_follows_the_language_after_the_error_was_raised():
    with pytest.raises(StakeholderError) as caught:
        check_score(12, "power")
    assert "off the scale" in str(caught.value)
    i18n.set_language("fr")
    assert "hors de l'échelle" in str(caught.value)


def test_stakeholder_problems_lists_every_problem_with_its_position():
    problems = stakeholder_problems([
        {"name": "ANEEMAS", "power": 8, "interest": 9, "stance": "supportive"},
        {"name": " aneemas", "power": 12, "interest": 9},
        {"name": "", "power": 3, "interest": 3, "stance": "hostile"},
        "not a record",
    ])
    assert [(position, error.field) for position, error in problems] == [
        (2, "name"), (2, "power"), (3, "name"), (3, "stance"), (4, "name")]


def test_clean_stakeholders_trims_names_and_gives_neutral_to_missing_stances():
    cleaned = clean_stakeholders([{"name": " Chef de terre ", "power": "7", "interest": 8.0}])
    assert cleaned == [{"name": "Chef de terre", "power": 7, "interest": 8, "stance": "neutral"}]


# --- the case studies -------------------------------------------------------------------------

def test_case_stakeholders_come_from_the_dataset_with_their_accents():
    benin = case_stakeholders("benin_sand")
    names = [entry["name"] for entry in benin]
    assert "Préfet du Mono" in names and "Mairie de Houéyogbé" in names and "Mairie de Comé" in names
    assert all(set(entry) == {"name", "power", "interest", "stance"} for entry in benin)
    assert {quadrant(e["power"], e["interest"]) for e in case_stakeholders("burkina_gold")} == set(QUADRANTS)
    with pytest.raises(CaseError, match="no case study \"togo_gold\""):
        case_stakeholders("togo_gold")


def test_case_links_join_actors_of_the_same_case():
    for case in ("burkina_gold", "benin_sand"):
        assert link_problems(case_actors(case), case_links(case)) == []


# --- CSV files --------------------------------------------------------------------------------

@pytest.mark.parametrize(("fixture", "names"), [
    ("stakeholders_french_excel_semicolons_decimal_commas.csv",
     ["Préfet du Mono", "Mairie de Houéyogbé", "Chefs de carrière"]),
    ("stakeholders_utf8_bom.csv", ["Mairie de Comé", "Pêcheurs du lac Ahémé"]),
    ("stakeholders_latin1_accents.csv", ["Préfet du Mono", "Mairie de Houéyogbé", "Mairie de Comé"]),
])
def test_french_spreadsheet_exports_load_with_their_accents(fixture, names):
    found = read_stakeholders_csv(CSV / fixture)
    assert [entry["name"] for entry in found.stakeholders] == names
    assert found.notes() == []


def test_decimal_commas_and_french_headers_and_words_are_understood():
    found = read_stakeholders_csv(CSV / "stakeholders_french_excel_semicolons_decimal_commas.csv")
    assert found.stakeholders[1] == {"name": "Mairie de Houéyogbé", "power": 6.5, "interest": 7.5,
                                     "stance": "supportive"}
    assert found.read_as == {"encoding": "utf-8", "separator": ";", "decimal_mark": ","}


def test_extra_columns_are_named_as_not_used_and_a_missing_stance_means_neutral():
    extra = read_stakeholders_csv(CSV / "stakeholders_extra_columns.csv")
    assert extra.notes() == ["Columns not used: category, notes."]
    no_stance = read_stakeholders_csv(CSV / "stakeholders_no_stance_column.csv")
    assert {entry["stance"] for entry in no_stance.stakeholders} == {"neutral"}
    i18n.set_language("fr")
    assert no_stance.notes() == ["Le fichier n'a pas de colonne position : chacun y est mis à neutre."]


# Not "english": that name is the autouse fixture that resets the language.
@pytest.mark.parametrize(("fixture", "in_english", "in_french"), [
    ("stakeholders_missing_interest_column.csv", "no column for interest",
     "pas de colonne pour intérêt"),
    ("stakeholders_duplicate_names_after_trimming.csv",
     "Line 3: \"mairie de COMÉ\" is already on the list", "Ligne 3 : « mairie de COMÉ » est déjà"),
    ("stakeholders_empty_name.csv", "Line 3: A stakeholder needs a name", "Ligne 3 : Une partie prenante"),
    ("stakeholders_values_out_of_range.csv", "Line 2: Power: 12 is off the scale",
     "Ligne 3 : Intérêt : -1 est hors de l'échelle"),
    ("stakeholders_unknown_stance.csv", "Line 2: Unknown stance \"hostile\"",
     "Position inconnue « hostile »"),
    ("stakeholders_words_instead_of_numbers.csv", "Power: \"élevé\" is not a number",
     "Pouvoir : « élevé » n'est pas un nombre"),
    ("stakeholders_header_only.csv", "it has no stakeholders in it", "aucune partie prenante"),
    ("does_not_exist.csv", "was not loaded", "n'a pas été chargé"),
])
def test_each_bad_file_is_refused_with_a_clear_message_in_both_languages(fixture, in_english, in_french):
    with pytest.raises(StakeholderError) as caught:
        read_stakeholders_csv(CSV / fixture)
    error = caught.value
    assert error.field == "file"
    assert in_english in str(error) and "nothing on the grid was changed" in str(error).lower()
    i18n.set_language("fr")
    assert in_french in str(error) and "rien n'a été modifié" in str(error).lower()


def test_a_spreadsheet_workbook_renamed_csv_is_refused():
    with pytest.raises(StakeholderError, match="was not loaded"):
        read_stakeholders_csv(CSV / "excel_workbook_named_csv.csv")


def test_the_dataset_file_loads_one_case_and_says_how_many_lines_it_left_out():
    found = read_stakeholders_csv(ROOT / "datasets" / "stakeholders.csv", case="benin_sand")
    assert found.stakeholders == case_stakeholders("benin_sand")
    assert found.other_case_rows == len(case_stakeholders("burkina_gold"))
    assert "category" in found.ignored_columns and "case" not in found.ignored_columns


@pytest.mark.parametrize("french", [False, True])
def test_written_csv_reads_back_unchanged_with_accents_and_decimals(tmp_path, french):
    entries = [{"name": "Préfet du Mono", "power": 9, "interest": 6, "stance": "neutral"},
               {"name": "Mairie de Houéyogbé", "power": 6.5, "interest": 7.5, "stance": "supportive"},
               {"name": "Pêcheurs, lac Ahémé", "power": 3, "interest": 8, "stance": "opposed"}]
    path = write_stakeholders_csv(entries, tmp_path / "grille.csv", french=french)
    content = path.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    header = "nom;pouvoir;intérêt;position" if french else "name,power,interest,stance"
    assert content.decode("utf-8-sig").startswith(header)
    again = read_stakeholders_csv(path)
    assert again.stakeholders == entries and again.notes() == []


def test_stakeholder_table_adds_quadrant_and_strategy():
    table = stakeholder_table([{"name": "ANEEMAS", "power": 8, "interest": 9, "stance": "supportive"}])
    assert table.iloc[0].to_dict() == {"name": "ANEEMAS", "power": 8, "interest": 9, "stance": "supportive",
                                       "quadrant": "high_power_high_interest", "strategy": "manage_closely"}
    assert set(STRATEGIES) == set(QUADRANTS)


# --- links and the influence map -------------------------------------------------------------

ACTORS = ["Préfet du Mono", "Brigade mobile de contrôle", "Chefs de carrière", "Pêcheurs"]


def test_a_link_takes_the_names_as_they_are_on_the_map():
    link = check_link(" préfet du mono", "BRIGADE MOBILE DE CONTRÔLE", "autorité", ACTORS)
    assert link == {"source": "Préfet du Mono", "target": "Brigade mobile de contrôle",
                    "link_type": "command"}


@pytest.mark.parametrize(("source", "target", "link_type", "field", "message"), [
    ("Préfet du Mono", "Mairie de Lokossa", "command", "target",
     "goes to \"Mairie de Lokossa\", who is not on the map"),
    ("Mairie de Lokossa", "Préfet du Mono", "command", "source", "starts from \"Mairie de Lokossa\""),
    ("Préfet du Mono", "Préfet du Mono", "command", "target", "cannot be linked to itself"),
    ("Préfet du Mono", "Pêcheurs", "friendship", "link_type", "Unknown link type \"friendship\""),
    ("", "Pêcheurs", "money", "source", "Choose the actor the link starts from"),
])
def test_bad_links_are_refused_next_to_the_end_that_is_wrong(source, target, link_type, field, message):
    with pytest.raises(StakeholderError, match=message) as caught:
        check_link(source, target, link_type, ACTORS)
    assert caught.value.field == field


def test_a_link_already_on_the_map_is_refused_but_another_type_between_the_same_actors_is_not():
    links = [{"source": "Chefs de carrière", "target": "Pêcheurs", "link_type": "conflict"}]
    with pytest.raises(StakeholderError, match="already on the map: Chefs de carrière → Pêcheurs"):
        check_link("chefs de carrière", "pêcheurs", "conflict", ACTORS, links)
    assert check_link("Chefs de carrière", "Pêcheurs", "money", ACTORS, links)["link_type"] == "money"
    i18n.set_language("fr")
    with pytest.raises(StakeholderError, match="déjà sur la carte\u00a0: .* \\(conflit\\)"):
        check_link("Chefs de carrière", "Pêcheurs", "conflit", ACTORS, links)


def test_influence_summary_finds_the_hub_the_go_between_and_the_isolated():
    # Two groups joined only through the Brigade: it is the go-between; the Préfet has most links.
    actors = ["Préfet du Mono", "Brigade mobile de contrôle", "Mairie de Comé", "Mairie de Houéyogbé",
              "Chefs de carrière", "Chargeurs de camions", "Pêcheurs"]
    links = [
        {"source": "Préfet du Mono", "target": "Mairie de Comé", "link_type": "command"},
        {"source": "Préfet du Mono", "target": "Mairie de Houéyogbé", "link_type": "command"},
        {"source": "Préfet du Mono", "target": "Brigade mobile de contrôle", "link_type": "command"},
        {"source": "Mairie de Comé", "target": "Préfet du Mono", "link_type": "support"},
        {"source": "Brigade mobile de contrôle", "target": "Chefs de carrière", "link_type": "command"},
        {"source": "Chefs de carrière", "target": "Chargeurs de camions", "link_type": "money"},
    ]
    summary = influence_summary(actors, links)
    assert summary.most_connected[0] == "Préfet du Mono" and summary.links["Préfet du Mono"] == 4
    assert summary.go_betweens[0] in ("Préfet du Mono", "Brigade mobile de contrôle")
    assert summary.betweenness["Brigade mobile de contrôle"] > summary.betweenness["Chefs de carrière"] > 0
    assert summary.betweenness["Mairie de Comé"] == 0
    assert summary.isolated == ["Pêcheurs"]


def test_influence_summary_keeps_ties_and_skips_actors_with_no_links():
    summary = influence_summary(["A", "B", "C", "D", "E"], [
        {"source": "A", "target": "B", "link_type": "money"},
        {"source": "C", "target": "D", "link_type": "money"}])
    assert summary.most_connected == ["A", "B", "C", "D"]
    assert summary.go_betweens == [] and summary.isolated == ["E"]


def test_influence_summary_takes_dataframes_and_names_the_case_actors_left_alone():
    stakeholders = pd.read_csv(ROOT / "datasets" / "stakeholders.csv")
    links = pd.read_csv(ROOT / "datasets" / "stakeholder_links.csv")
    burkina = influence_summary(stakeholders[stakeholders["case"] == "burkina_gold"],
                                links[links["case"] == "burkina_gold"])
    assert burkina.isolated == ["Agriculteurs riverains"]
    assert "Chef de site" in burkina.most_connected and "Chef de site" in burkina.go_betweens
    benin = influence_summary(case_actors("benin_sand"), case_links("benin_sand"))
    assert benin.isolated == ["Groupement de femmes de Comé"]
    assert benin.most_connected[0] == "Chefs de carrière"


def test_influence_summary_refuses_a_link_to_an_actor_not_on_the_map():
    with pytest.raises(StakeholderError, match="\"Mairie de Lokossa\", who is not on the map"):
        influence_summary(["Préfet du Mono"], [{"source": "Préfet du Mono", "target": "Mairie de Lokossa",
                                                "link_type": "command"}])


def test_link_problems_lists_each_bad_link_by_position():
    problems = link_problems(ACTORS, [
        {"source": "Préfet du Mono", "target": "Pêcheurs", "link_type": "support"},
        {"source": "Préfet du Mono", "target": "Pêcheurs", "link_type": "support"},
        {"source": "Pêcheurs", "target": "Pêcheurs", "link_type": "money"},
        {"source": "Nobody", "target": "Pêcheurs", "link_type": "money"},
    ])
    assert [(position, error.field) for position, error in problems] == [(2, "link_type"), (3, "target"),
                                                                        (4, "source")]

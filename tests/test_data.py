"""asm_workshop.data: datasets load with their declared types and missing values kept, errors
speak the participant's language, and read_csv copes with what French spreadsheets export."""

from __future__ import annotations

import io
import json
import shutil
import warnings

import pandas as pd
import pytest

from asm_workshop import data, i18n
from conftest import FIXTURES, ROOT

DATASETS = ROOT / "datasets"
CSV_FIXTURES = FIXTURES / "csv"
PACKAGE = json.loads((DATASETS / "datapackage.json").read_text(encoding="utf-8"))
DTYPE_CHECKS = {
    "integer": lambda dtype: dtype == "Int64",
    "year": lambda dtype: dtype == "Int64",
    "number": lambda dtype: dtype == "float64",
    "boolean": lambda dtype: dtype == "boolean",
    "date": pd.api.types.is_datetime64_dtype,
    "string": pd.api.types.is_string_dtype,
}


@pytest.fixture
def datasets_copy(tmp_path, monkeypatch):
    """A copy of datasets/ that ASM_WORKSHOP_DATASETS points to, free to break."""
    copy = tmp_path / "datasets"
    shutil.copytree(DATASETS, copy)
    monkeypatch.setenv(data.DATASETS_VARIABLE, str(copy))
    return copy


# --- the workshop's datasets ----------------------------------------------------------------

def test_names_lists_every_dataset_in_package_order():
    assert data.names() == [resource["name"] for resource in PACKAGE["resources"]]


def test_describe_gives_the_resource_metadata_as_a_copy():
    description = data.describe("site_visits")
    assert description["synthetic"] is True
    assert description["schema"]["fields"][0]["name"] == "visit_id"
    description["title"] = "changed"
    assert data.describe("site_visits")["title"] != "changed"


@pytest.mark.parametrize("name", [resource["name"] for resource in PACKAGE["resources"]])
def test_load_gives_each_column_the_type_its_schema_declares(name):
    frame = data.load(name)
    fields = data.describe(name)["schema"]["fields"]
    assert list(frame.columns) == [field["name"] for field in fields]
    for field in fields:
        dtype = frame[field["name"]].dtype
        assert DTYPE_CHECKS[field["type"]](dtype), f"{field['name']}: {field['type']} -> {dtype}"


def test_missing_cells_stay_missing_and_are_never_zero():
    baseline = data.load("burkina_mercury_baseline").set_index("region")
    assert baseline.loc["Sud-Ouest", "hg_use_kg_per_year"] == 20393
    assert pd.isna(baseline.loc["Centre-Nord", "hg_to_au_ratio"])
    assert pd.isna(baseline.loc["Sahel", "hg_use_kg_per_year"])
    assert baseline["hg_use_kg_per_year"].notna().sum() == 4
    assert (baseline["hg_use_kg_per_year"] != 0).all()  # missing is neither 0 nor False
    visits = data.load("site_visits")
    sand = visits[visits["mineral"] == "sand"]
    assert sand["mercury_used"].isna().all() and sand["mercury_g_per_month"].isna().all()


def test_load_keeps_title_units_and_sources_in_attrs():
    baseline = data.load("burkina_mercury_baseline")
    assert baseline.attrs["title"].startswith("Burkina Faso")
    assert baseline.attrs["units"]["hg_use_kg_per_year"] == "kg/year"
    assert baseline.attrs["synthetic"] is False
    assert baseline.attrs["sources"][0]["path"].startswith("https://www.ecoburkina.info/")
    assert data.load("household_survey").attrs["units"]["income_mining_fcfa"] == "FCFA/year"


def test_an_unknown_name_suggests_the_closest_one_in_english():
    with pytest.raises(data.DataError) as raised:
        data.load("burkina_mercury")
    message = str(raised.value)
    assert 'There is no dataset called "burkina_mercury"' in message
    assert 'Did you mean "burkina_mercury_baseline"?' in message
    assert "site_visits" in message  # the known names are listed


def test_an_unknown_name_is_reported_in_french():
    i18n.set_language("fr")
    with pytest.raises(data.DataError, match="Vouliez-vous dire « site_visits » ?"):
        data.describe("site_visit")
    with pytest.raises(data.DataError, match="Il n'existe pas de jeu de données « zzz »"):
        data.load("zzz")


def test_an_unknown_name_far_from_all_names_gets_no_suggestion():
    with pytest.raises(data.DataError) as raised:
        data.load("zzz")
    assert "Did you mean" not in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_the_datasets_folder_follows_the_environment_variable(datasets_copy):
    gold = datasets_copy / "burkina_industrial_gold.csv"
    gold.write_text(gold.read_text(encoding="utf-8").replace("2020,60,", "2020,61,"),
                    encoding="utf-8")
    assert data.datasets_folder() == datasets_copy
    industrial = data.load("burkina_industrial_gold").set_index("year")
    assert industrial.loc[2020, "gold_tonnes"] == 61


def test_a_missing_datasets_folder_is_reported_with_the_way_out(tmp_path, monkeypatch):
    monkeypatch.setenv(data.DATASETS_VARIABLE, str(tmp_path / "nowhere"))
    with pytest.raises(data.DataError, match="ASM_WORKSHOP_DATASETS") as raised:
        data.names()
    assert str(tmp_path / "nowhere") in str(raised.value)


def test_a_missing_dataset_file_is_reported(datasets_copy):
    (datasets_copy / "site_visits.csv").unlink()
    with pytest.raises(data.DataError, match="generate.py"):
        data.load("site_visits")


def test_a_file_whose_columns_differ_from_the_schema_is_refused(datasets_copy):
    delve = datasets_copy / "delve_top10_asm_workforce.csv"
    delve.write_text(delve.read_text(encoding="utf-8").replace("country,", "pays,", 1),
                     encoding="utf-8")
    with pytest.raises(data.DataError, match="Declared: country, .*Found: pays,"):
        data.load("delve_top10_asm_workforce")


def test_a_value_that_does_not_fit_its_type_is_reported_with_its_line(datasets_copy):
    baseline = datasets_copy / "burkina_mercury_baseline.csv"
    baseline.write_text(baseline.read_text(encoding="utf-8").replace("20393", "20 t"),
                        encoding="utf-8")
    with pytest.raises(data.DataError, match='line 14: "20 t" cannot be read as a whole number'):
        data.load("burkina_mercury_baseline")


# --- read_csv on what participants bring -----------------------------------------------------

def test_semicolons_and_decimal_commas_are_read_as_numbers():
    frame = data.read_csv(CSV_FIXTURES / "semicolon_decimal_comma.csv")
    assert list(frame.columns) == ["région", "mercure_kg_an", "or_kg_an", "ratio_hg_or"]
    assert frame["ratio_hg_or"].tolist() == [2.37, 2.31, 1.58]
    assert frame["mercure_kg_an"].dtype == "Int64"
    assert pd.isna(frame.loc[2, "mercure_kg_an"])
    assert frame.attrs["read_as"] == {"encoding": "utf-8", "separator": ";", "decimal_mark": ","}


def test_latin1_accents_are_decoded():
    frame = data.read_csv(CSV_FIXTURES / "latin1_accents.csv")
    assert "méthode" in frame.columns
    assert frame["zone"].tolist()[:2] == ["Ouémé delta and Porto-Novo lagoon", "Lake Ahémé"]
    assert frame.attrs["read_as"]["encoding"] == "cp1252"


def test_a_byte_order_mark_does_not_end_up_in_the_first_column_name():
    frame = data.read_csv(CSV_FIXTURES / "utf8_bom.csv", expected_columns=["region"])
    assert list(frame.columns) == ["region", "workers_total"]


def test_excel_unicode_text_is_read():
    frame = data.read_csv(CSV_FIXTURES / "utf16_tab_separated.csv")
    assert frame.to_dict("list") == {"région": ["Lake Ahémé", "Coastal lagoon"], "sites": [6, 8]}
    assert frame.attrs["read_as"]["separator"] == "\t"


def test_thousands_written_with_spaces_are_numbers():
    frame = data.read_csv(CSV_FIXTURES / "french_thousands_spaces.csv")
    assert frame["mercure_kg_an"].tolist() == [20393, 13649, 9135]


def test_empty_rows_and_columns_that_excel_adds_are_dropped():
    frame = data.read_csv(CSV_FIXTURES / "excel_trailing_separators.csv")
    assert frame.to_dict("list") == {"region": ["Sud-Ouest", "Est"], "workers_total": [120, 80]}


def test_missing_expected_columns_are_named_with_those_found():
    with pytest.raises(data.DataError) as raised:
        data.read_csv(CSV_FIXTURES / "missing_column.csv",
                      expected_columns=["region", "workers_total", "women_count"])
    assert str(raised.value) == (
        "The file " + str(CSV_FIXTURES / "missing_column.csv") + " lacks the column(s) "
        "workers_total, women_count. Columns found: region, workers."
    )


def test_missing_expected_columns_are_named_in_french():
    i18n.set_language("fr")
    with pytest.raises(data.DataError, match="Il manque au fichier .* la ou les colonnes "
                                             "workers_total. Colonnes trouvées : region, workers."):
        data.read_csv(CSV_FIXTURES / "missing_column.csv", expected_columns="workers_total")


def test_an_empty_file_gets_a_clear_message():
    with pytest.raises(data.DataError, match="is empty: it has no header row and no data"):
        data.read_csv(CSV_FIXTURES / "empty.csv")


def test_numbers_with_both_decimal_marks_stay_text_with_a_warning():
    with pytest.warns(data.DataWarning, match='"hg_to_au_ratio" .* "2,37" and "2.31"'):
        frame = data.read_csv(CSV_FIXTURES / "mixed_decimal_marks.csv")
    assert frame["hg_to_au_ratio"].tolist() == ["2,37", "2.31"]


def test_points_beside_decimal_commas_are_not_taken_for_decimals():
    """In a file with decimal commas, "8.605" may be 8605 written with a thousands point."""
    with pytest.warns(data.DataWarning, match='"gold_kg_per_year" .* "8.605"'):
        frame = data.read_csv(CSV_FIXTURES / "point_thousands_beside_decimal_commas.csv")
    assert frame["gold_kg_per_year"].tolist()[:2] == ["8.605", "9.100"]
    assert frame["hg_to_au_ratio"].tolist()[:1] == [2.37]


def test_two_columns_with_the_same_name_are_refused():
    with pytest.raises(data.DataError, match='more than one column called "region"'):
        data.read_csv(b"region;region;sites\nEst;Est;3\n")


def test_a_decimal_comma_in_a_comma_separated_file_is_reported_by_line():
    with pytest.raises(data.DataError, match="Line 3 of the file .* has 3 values, but the header "
                                             "has 2 columns"):
        data.read_csv(CSV_FIXTURES / "decimal_comma_in_comma_separated.csv")


def test_a_quoted_comma_number_in_a_comma_separated_file_is_not_guessed():
    with pytest.warns(data.DataWarning, match="decimals or thousands"):
        frame = data.read_csv(b'site,gold_g\nA,"1,250"\nB,"2,500"\n')
    assert frame["gold_g"].tolist() == ["1,250", "2,500"]


def test_an_excel_workbook_is_recognised():
    with pytest.raises(data.DataError, match="is an Excel workbook, not a CSV file"):
        data.read_csv(CSV_FIXTURES / "excel_workbook_named_csv.csv")


def test_a_missing_file_is_reported_with_the_folder_paths_start_from(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(data.DataError, match=f"There is no file at sites.csv.*{tmp_path}"):
        data.read_csv("sites.csv")


def test_open_files_bytes_and_text_are_read_like_paths():
    content = (CSV_FIXTURES / "semicolon_decimal_comma.csv").read_bytes()
    expected = data.read_csv(CSV_FIXTURES / "semicolon_decimal_comma.csv")
    with open(CSV_FIXTURES / "semicolon_decimal_comma.csv", "rb") as opened:
        pd.testing.assert_frame_equal(data.read_csv(opened), expected)
    pd.testing.assert_frame_equal(data.read_csv(io.BytesIO(content)), expected)
    pd.testing.assert_frame_equal(data.read_csv(content), expected)
    pd.testing.assert_frame_equal(data.read_csv(io.StringIO(content.decode("utf-8"))), expected)


def test_a_plain_comma_separated_file_is_read_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frame = data.read_csv(b"region,ratio,note\nSud-Ouest,2.37,\nEst,,NA\n")
    assert frame["ratio"].tolist()[0] == 2.37 and pd.isna(frame.loc[1, "ratio"])
    assert frame["note"].isna().all()
    assert frame.attrs["read_as"]["separator"] == ","

"""The files in datasets/: datapackage.json describes them, real rows cite their source,
missing cells stay missing, and the generator rewrites the synthetic ones byte for byte."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT

DATASETS = ROOT / "datasets"
PACKAGE = json.loads((DATASETS / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {resource["name"]: resource for resource in PACKAGE["resources"]}
REAL = [name for name, resource in RESOURCES.items() if resource.get("synthetic") is False]
SYNTHETIC = [name for name, resource in RESOURCES.items() if resource.get("synthetic") is True]
FIELD_TYPES = {"string", "integer", "number", "boolean", "date", "year"}
# Where the sourced facts may be: named by an environment variable, copied into the repository,
# or in the shared folder beside the checkout where the curriculum was written.
FACTS_CANDIDATES = [
    Path(os.environ.get("ASM_WORKSHOP_FACTS", "/nonexistent")),
    ROOT / "reference" / "facts.md",
    ROOT.parent / "shared" / "reference" / "facts.md",
]
FACTS = next((path for path in FACTS_CANDIDATES if path.is_file()), None)
ECOBURKINA = "https://www.ecoburkina.info/exploitation-de-lor-103-sites-repartis-dans-11-regions-minieres/"
REGIONS = [
    "Boucle du Mouhoun", "Cascades", "Centre", "Centre-Est", "Centre-Nord", "Centre-Ouest",
    "Centre-Sud", "Est", "Hauts-Bassins", "Nord", "Plateau-Central", "Sahel", "Sud-Ouest",
]
# Every published cell of the NAP regional baseline (facts.md §4.3 and §5.3); all others empty.
PUBLISHED_REGIONAL_CELLS = {
    ("Sud-Ouest", "hg_use_kg_per_year"): 20393,
    ("Sud-Ouest", "gold_output_kg_per_year"): 8605,
    ("Sud-Ouest", "hg_to_au_ratio"): 2.37,
    ("Centre-Nord", "hg_use_kg_per_year"): 13649,
    ("Centre-Nord", "gold_output_kg_per_year"): 9100,
    ("Hauts-Bassins", "hg_use_kg_per_year"): 9841,
    ("Hauts-Bassins", "hg_to_au_ratio"): 2.31,
    ("Est", "hg_use_kg_per_year"): 9135,
    ("Est", "gold_output_kg_per_year"): 7944,
    ("Centre-Est", "hg_to_au_ratio"): 1.58,
}
# Hg:Au ratios the synthetic site visits are calibrated on: published, or published Hg over
# published Au (Centre-Nord, Est).
TARGET_RATIOS = {
    "Sud-Ouest": 2.37, "Hauts-Bassins": 2.31, "Centre-Est": 1.58,
    "Centre-Nord": 13649 / 9100, "Est": 9135 / 7944,
}


def raw(name: str) -> pd.DataFrame:
    """The CSV of resource ``name`` as text, empty cells as NaN: the file, not data.load."""
    return pd.read_csv(DATASETS / RESOURCES[name]["path"], dtype=str, keep_default_na=False,
                       na_values=[""])


# --- a small structural check in place of frictionless ------------------------------------

VALUE_PATTERNS = {
    "integer": re.compile(r"-?\d+"),
    "year": re.compile(r"\d{4}"),
    "number": re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?"),
    "boolean": re.compile(r"true|false"),
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
}


def resource_problems(resource: dict, folder: Path) -> list[str]:
    """Return what in ``resource``'s CSV breaks its schema: header, types, constraints, keys."""
    schema = resource["schema"]
    fields = schema["fields"]
    path = folder / resource["path"]
    content = path.read_bytes()
    if content.startswith(b"\xef\xbb\xbf"):
        return [f"{path.name}: starts with a byte order mark"]
    rows = list(csv.reader(content.decode("utf-8").splitlines()))
    header, body = rows[0], rows[1:]
    names = [field["name"] for field in fields]
    if header != names:
        return [f"{path.name}: header {header} is not the schema's {names}"]
    problems = []
    missing_values = schema["missingValues"]
    for number, row in enumerate(body, start=2):
        if len(row) != len(names):
            problems.append(f"{path.name} line {number}: {len(row)} cells, not {len(names)}")
            continue
        for field, cell in zip(fields, row, strict=True):
            constraints = field.get("constraints", {})
            where = f"{path.name} line {number}, {field['name']}"
            if cell in missing_values:
                if constraints.get("required"):
                    problems.append(f"{where}: required but empty")
                continue
            pattern = VALUE_PATTERNS.get(field["type"])
            if pattern and not pattern.fullmatch(cell):
                problems.append(f"{where}: {cell!r} is not a {field['type']}")
                continue
            if "enum" in constraints and cell not in constraints["enum"]:
                problems.append(f"{where}: {cell!r} not in {constraints['enum']}")
            if field["type"] in ("integer", "number"):
                if "minimum" in constraints and float(cell) < constraints["minimum"]:
                    problems.append(f"{where}: {cell} below {constraints['minimum']}")
                if "maximum" in constraints and float(cell) > constraints["maximum"]:
                    problems.append(f"{where}: {cell} above {constraints['maximum']}")
    for position, field in enumerate(fields):
        if field.get("constraints", {}).get("unique"):
            values = [row[position] for row in body]
            if len(set(values)) != len(values):
                problems.append(f"{path.name}: {field['name']} is not unique")
    key = schema.get("primaryKey")
    if key:
        positions = [names.index(name) for name in key]
        keys = [tuple(row[position] for position in positions) for row in body]
        if len(set(keys)) != len(keys):
            problems.append(f"{path.name}: primary key {key} has duplicates")
    return problems


def test_package_describes_itself_and_its_licence():
    assert PACKAGE["profile"] == "tabular-data-package"
    assert re.fullmatch(r"[a-z0-9._-]+", PACKAGE["name"])
    assert PACKAGE["title"] and PACKAGE["description"]
    assert PACKAGE["licenses"][0]["name"] == "CC-BY-4.0"
    assert len(RESOURCES) == len(PACKAGE["resources"]), "resource names must be unique"


@pytest.mark.parametrize("name", RESOURCES)
def test_every_resource_has_what_the_lessons_rely_on(name):
    resource = RESOURCES[name]
    assert re.fullmatch(r"[a-z][a-z0-9_]*", name)
    assert resource["path"] == f"{name}.csv" and (DATASETS / resource["path"]).is_file()
    assert resource["format"] == "csv" and resource["encoding"] == "utf-8"
    assert resource["title"] and resource["description"]
    assert isinstance(resource["synthetic"], bool)
    assert resource["licenses"] and all(licence["name"] for licence in resource["licenses"])
    assert resource["sources"]
    for source in resource["sources"]:
        assert source["title"] and source["path"].startswith(("http://", "https://"))
    schema = resource["schema"]
    assert schema["missingValues"] == [""]
    names = [field["name"] for field in schema["fields"]]
    for field in schema["fields"]:
        assert field["type"] in FIELD_TYPES, field
        assert field["description"], field
    assert set(schema.get("primaryKey", [])) <= set(names)
    for foreign in schema.get("foreignKeys", []):
        assert foreign["reference"]["resource"] in RESOURCES


@pytest.mark.parametrize("name", RESOURCES)
def test_every_csv_follows_its_schema(name):
    assert resource_problems(RESOURCES[name], DATASETS) == []


def test_the_schema_check_catches_a_broken_file(tmp_path):
    text = (DATASETS / "burkina_industrial_gold.csv").read_text(encoding="utf-8")
    (tmp_path / "burkina_industrial_gold.csv").write_text(
        text.replace("2020,60,false", "2020,60 t,maybe"), encoding="utf-8")
    problems = resource_problems(RESOURCES["burkina_industrial_gold"], tmp_path)
    assert len(problems) == 2, problems


def test_foreign_keys_point_to_existing_rows():
    for name, resource in RESOURCES.items():
        for foreign in resource["schema"].get("foreignKeys", []):
            reference = foreign["reference"]
            known = set(raw(reference["resource"])[reference["fields"][0]])
            assert set(raw(name)[foreign["fields"][0]]) <= known


@pytest.mark.parametrize("name", REAL)
def test_every_real_row_cites_a_source_the_package_lists(name):
    listed = {source["path"] for source in RESOURCES[name]["sources"]}
    addresses = raw(name)["source_url"]
    assert addresses.notna().all()
    assert set(addresses) <= listed


# CI always has shared/ beside the checkout; a contributor's clone may not.
@pytest.mark.skipif(FACTS is None and not os.environ.get("CI"), reason="facts.md is not beside this checkout")
def test_every_source_address_appears_in_the_sourced_facts():
    facts = FACTS.read_text(encoding="utf-8")
    addresses = {source["path"] for resource in RESOURCES.values()
                 for source in resource["sources"]}
    for name in REAL:
        addresses |= set(raw(name)["source_url"])
    # Whole addresses only: ".../faq" must not pass because facts.md cites ".../faqs".
    absent = [address for address in addresses
              if not re.search(re.escape(address) + r"(?=[\s)\],;|*]|$)", facts)]
    assert sorted(absent) == []


def test_every_resource_says_whether_it_is_synthetic_and_synthetic_ones_say_invented():
    assert set(REAL) | set(SYNTHETIC) == set(RESOURCES)
    assert set(SYNTHETIC) == {"household_survey", "household_monthly_income", "site_visits"}
    for name in SYNTHETIC:
        assert "invented for practice" in RESOURCES[name]["description"].lower()
        assert "synthetic" in RESOURCES[name]["title"].lower()


def test_regional_baseline_has_the_thirteen_regions_and_only_the_published_cells():
    baseline = pd.read_csv(DATASETS / "burkina_mercury_baseline.csv").set_index("region")
    assert list(baseline.index) == REGIONS
    for region in REGIONS:
        for column in ("hg_use_kg_per_year", "gold_output_kg_per_year", "hg_to_au_ratio"):
            published = PUBLISHED_REGIONAL_CELLS.get((region, column))
            cell = baseline.loc[region, column]
            if published is None:
                assert pd.isna(cell), f"{region} {column} is not published but holds {cell}"
            else:
                assert cell == published, (region, column)
    assert (baseline["source_url"] == ECOBURKINA).all()


def test_national_totals_are_kept_apart_from_the_regional_table():
    national = pd.read_csv(DATASETS / "burkina_national_baseline.csv").set_index("indicator")
    assert national.loc["asgm_mercury_use", "value"] == 77624
    assert national.loc["asgm_gold_output", "value"] == 49581
    assert national.loc["asgm_sites_in_baseline", "value"] == 103
    assert national.loc["mining_regions_in_baseline", "value"] == 11
    regional = pd.read_csv(DATASETS / "burkina_mercury_baseline.csv")
    assert not regional["region"].str.contains("total", case=False).any()
    assert regional["hg_use_kg_per_year"].sum() < 77624


def test_real_tables_hold_the_published_figures():
    delve = raw("delve_top10_asm_workforce").set_index("country")["people_working_in_asm"]
    assert delve.to_dict() == {
        "India": "15000000", "China": "9000000", "Indonesia": "3600000", "DR Congo": "2000000",
        "Ethiopia": "1260000", "Ghana": "1100000", "Burkina Faso": "1000000",
        "Zimbabwe": "1000000", "Sudan": "1000000", "Tanzania": "1000000",
    }
    gold = raw("burkina_industrial_gold")
    assert dict(zip(gold["year"], gold["gold_tonnes"], strict=True)) == {
        "2008": "5.5", "2009": "11.7", "2013": "33", "2017": "45.5", "2018": "53",
        "2019": "50", "2020": "60", "2022": "58",
    }
    assert list(gold.loc[gold["approximate"] == "true", "year"]) == ["2018", "2019", "2022"]
    sand = raw("benin_sand_site_inventory")
    assert list(sand["sand_mining_sites"]) == ["29", "8", "6"]
    figures = raw("asm_global_figures")
    sand_2019 = figures[(figures["indicator"] == "sand_and_gravel_extraction")
                        & (figures["year"] == "2019")]
    assert pd.isna(sand_2019["value"].item())
    assert (sand_2019["value_low"].item(), sand_2019["value_high"].item()) == (
        "40000000000", "50000000000")
    gold_share = figures[(figures["indicator"] == "asm_share_of_world_supply")
                         & (figures["commodity"] == "gold")]
    assert (gold_share["qualifier"].item(), gold_share["value"].item()) == ("up to", "20")


# --- synthetic data -------------------------------------------------------------------------

def test_regenerating_gives_byte_identical_files(tmp_path):
    run = subprocess.run([sys.executable, str(DATASETS / "generate.py"), "--out", str(tmp_path)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == sorted(RESOURCES[name]["path"] for name in SYNTHETIC)
    for name in written:
        assert (tmp_path / name).read_bytes() == (DATASETS / name).read_bytes(), name


def test_generator_calibrates_on_the_real_tables_beside_it(tmp_path):
    """Changing a published ratio changes the synthetic visits: the target is read, not typed."""
    copy = tmp_path / "datasets"
    shutil.copytree(DATASETS, copy, ignore=shutil.ignore_patterns("household*", "site_visits*"))
    baseline = copy / "burkina_mercury_baseline.csv"
    baseline.write_text(baseline.read_text(encoding="utf-8").replace(",2.37,", ",4.74,"),
                        encoding="utf-8")
    run = subprocess.run([sys.executable, str(copy / "generate.py")], capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stderr
    ratios = regional_ratios(pd.read_csv(copy / "site_visits.csv"))
    assert ratios["Sud-Ouest"] == pytest.approx(4.74, rel=0.02)


def regional_ratios(visits: pd.DataFrame) -> pd.Series:
    """Mercury over gold per region, over the gold visits that report both."""
    gold = visits[visits["mineral"] == "gold"].dropna(
        subset=["mercury_g_per_month", "gold_g_per_month"])
    totals = gold.groupby("region")[["mercury_g_per_month", "gold_g_per_month"]].sum()
    return totals["mercury_g_per_month"] / totals["gold_g_per_month"]


def test_site_visit_mercury_to_gold_ratios_are_near_the_published_ones():
    ratios = regional_ratios(pd.read_csv(DATASETS / "site_visits.csv"))
    for region, published in TARGET_RATIOS.items():
        assert ratios[region] == pytest.approx(published, rel=0.05), region
    others = ratios.drop(list(TARGET_RATIOS))
    assert (others < 1.58).all(), "unpublished regions stay below the third highest ratio"


def test_benin_sand_sites_are_spread_like_the_real_inventory():
    visits = pd.read_csv(DATASETS / "site_visits.csv")
    sites = visits[visits["mineral"] == "sand"].drop_duplicates("site_code")
    per_water_body = sites["region"].value_counts()
    assert per_water_body["Ouémé delta"] + per_water_body["Porto-Novo lagoon"] == 29
    assert per_water_body["Coastal lagoon"] == 8
    assert per_water_body["Lake Ahémé"] == 6
    gravel = visits[visits["mineral"] == "gravel"]
    assert set(gravel["region"]) == {"Mono and Couffo"}


def test_site_visits_are_many_dated_2023_2024_and_fill_only_the_columns_that_apply():
    visits = pd.read_csv(DATASETS / "site_visits.csv", parse_dates=["visit_date"])
    assert len(visits) >= 150
    assert visits["visit_date"].dt.year.isin([2023, 2024]).all()
    gold = visits["mineral"] == "gold"
    assert set(visits.loc[gold, "country"]) == {"Burkina Faso"}
    assert set(visits.loc[~gold, "country"]) == {"Benin"}
    for column in ("mercury_used", "cyanide_used", "mercury_g_per_month", "amalgamation_method"):
        assert visits.loc[~gold, column].isna().all(), column
    assert visits.loc[gold, "mercury_used"].notna().all()
    assert visits.loc[gold, "sand_gravel_m3_per_month"].isna().all()
    assert visits.loc[~gold, "sand_gravel_m3_per_month"].notna().all()
    no_mercury = gold & visits["mercury_used"].eq(False)
    assert (visits.loc[no_mercury, "mercury_g_per_month"] == 0).all()
    assert (visits["women_count"] <= visits["workers_total"]).all()
    assert visits.loc[gold, "gold_g_per_month"].isna().sum() > 0, "some miners do not say"


def test_household_survey_adds_up():
    households = pd.read_csv(DATASETS / "household_survey.csv").set_index("household_id")
    monthly = pd.read_csv(DATASETS / "household_monthly_income.csv")
    assert len(households) >= 300
    assert set(households["community"]) == {"gold_sud_ouest", "sand_oueme_lagoon"}
    yearly = monthly.pivot_table(index="household_id", columns="source", values="income_fcfa",
                                 aggfunc="sum")
    for source in ("mining", "farming", "fishing", "trade", "other"):
        assert (yearly[source] == households[f"income_{source}_fcfa"]).all(), source
    mining_months = (monthly[monthly["source"] == "mining"]
                     .assign(active=lambda frame: frame["income_fcfa"] > 0)
                     .groupby("household_id")["active"].sum())
    assert (mining_months == households["months_in_mining"]).all()
    incomes = households[[f"income_{source}_fcfa" for source in
                          ("mining", "farming", "fishing", "trade", "other")]]
    assert (incomes.idxmax(axis=1).str.split("_").str[1] == households["main_livelihood"]).all()
    no_mining = households["income_mining_fcfa"] == 0
    for task in ("digging", "processing", "selling"):
        assert (households.loc[no_mining, f"{task}_done_by"] == "nobody").all()
        assert (households.loc[~no_mining, f"{task}_done_by"] != "nobody").all()


def test_households_show_the_seasons_and_the_division_of_work():
    monthly = pd.read_csv(DATASETS / "household_monthly_income.csv")
    gold = monthly[monthly["household_id"].str.startswith("BF-")]
    by_month = gold.pivot_table(index="month", columns="source", values="income_fcfa")
    rainy, dry = [6, 7, 8, 9], [11, 12, 1, 2, 3, 4]
    assert by_month.loc[rainy, "mining"].mean() < 0.6 * by_month.loc[dry, "mining"].mean()
    assert by_month["farming"].idxmax() in (10, 11, 12)
    households = pd.read_csv(DATASETS / "household_survey.csv")
    miners = households[households["income_mining_fcfa"] > 0]
    gold_miners = miners[miners["community"] == "gold_sud_ouest"]
    sand_miners = miners[miners["community"] == "sand_oueme_lagoon"]
    assert (gold_miners["processing_done_by"] == "women").mean() > 0.5
    assert (sand_miners["digging_done_by"] == "men").mean() > 0.8


def test_frictionless_validates_the_package():
    from frictionless import validate

    report = validate(str(DATASETS / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])

"""The files in datasets/: datapackage.json describes them, real rows cite their source,
missing cells stay missing, and the generator rewrites the synthetic ones byte for byte."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import FACTS, ROOT, needs_facts

DATASETS = ROOT / "datasets"
PACKAGE = json.loads((DATASETS / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {resource["name"]: resource for resource in PACKAGE["resources"]}
REAL = [name for name, resource in RESOURCES.items() if resource.get("synthetic") is False]
SYNTHETIC = [name for name, resource in RESOURCES.items() if resource.get("synthetic") is True]
FIELD_TYPES = {"string", "integer", "number", "boolean", "date", "year"}
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
@needs_facts
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
    assert set(SYNTHETIC) == {
        "household_survey", "household_monthly_income", "site_visits", "stakeholders",
        "stakeholder_links", "incentives", "rehabilitation_site_log", "risks",
    }
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


# --- Day 2: stakeholders, links, incentives, rehabilitation, Fairmined, FRM pilots ----------

BARRIERS = {"absent_law", "unsuited_law", "weak_enforcement", "costly_licence", "no_finance",
            "no_market_access"}


def test_stakeholder_links_join_stakeholders_of_the_same_case():
    stakeholders = raw("stakeholders")
    known = set(zip(stakeholders["case"], stakeholders["stakeholder"], strict=True))
    links = raw("stakeholder_links")
    for end in ("source", "target"):
        ends = set(zip(links["case"], links[end], strict=True))
        assert ends <= known, f"{end}s that are not stakeholders of their case: {sorted(ends - known)}"
    assert (links["source"] != links["target"]).all()
    for case, actors in stakeholders.groupby("case"):
        in_case = links[links["case"] == case]
        linked = set(in_case["source"]) | set(in_case["target"])
        assert len(set(actors["stakeholder"]) - linked) == 1, f"{case}: one actor is left without a link"


def test_stakeholders_fill_every_quadrant_of_both_cases_and_keep_their_accents():
    stakeholders = pd.read_csv(DATASETS / "stakeholders.csv")
    assert set(stakeholders["case"]) == {"burkina_gold", "benin_sand"}
    for case, actors in stakeholders.groupby("case"):
        assert len(actors) >= 15 and actors["stakeholder"].is_unique
        high_power, high_interest = actors["power"] >= 5, actors["interest"] >= 5
        quadrants = set(zip(high_power, high_interest, strict=True))
        assert len(quadrants) == 4, f"{case} leaves a quadrant of the grid empty"
    assert not stakeholders[["power", "interest"]].isin([5]).any().any(), "5 sits on the line"
    text = (DATASETS / "stakeholders.csv").read_bytes().decode("utf-8")
    for name in ("Préfet du Mono", "Mairie de Houéyogbé", "Mairie de Comé", "Pêcheurs du lac Ahémé",
                 "Ministère des Mines", "Propriétaires de puits"):
        assert name in text
    burkina = set(stakeholders.loc[stakeholders["case"] == "burkina_gold", "stakeholder"])
    assert {"DEMAS", "Chef de site", "Comptoirs d'achat d'or", "planetGOLD / AGC"} <= burkina


def test_incentives_cover_every_barrier_kind_and_case_and_say_what_is_invented():
    incentives = pd.read_csv(DATASETS / "incentives.csv")
    assert set(incentives["barrier"]) == BARRIERS
    for _, measures in incentives.groupby("case"):
        assert set(measures["kind"]) == {"carrot", "stick", "enabler"}
    no_benefit = incentives["benefit_to_miner"] == 0
    assert incentives.loc[no_benefit, "months_to_benefit"].isna().all()
    assert incentives.loc[~no_benefit, "months_to_benefit"].notna().all()
    assert incentives["evidence"].str.contains("Invented").all()


def test_rehabilitation_sites_are_calibrated_on_the_frm_pilots():
    sites = pd.read_csv(DATASETS / "rehabilitation_site_log.csv", parse_dates=["government_signoff_date"])
    pilots = pd.read_csv(DATASETS / "frm_pilots.csv")
    hectares_per_site = (pilots["area_ha"] / pilots["sites"]).mean()
    assert 8 < hectares_per_site < 9.5, "73.3 ha / 8 sites and 144 ha / 17 locations"
    assert sites["area_ha"].mean() == pytest.approx(hectares_per_site, rel=0.05)
    assert set(sites.loc[sites["case"] == "burkina_gold", "deposit_type"]) == {"alluvial", "hard_rock"}
    assert set(sites.loc[sites["case"] == "benin_sand", "deposit_type"]) == {"lagoon_sand"}
    for case, log in sites.groupby("case"):
        assert (log["topsoil_stockpiled_m3"] == 0).any(), f"{case} has no site without stored topsoil"
        assert (log["topsoil_stockpiled_m3"] > 0).any()
    assert (sites["government_signoff_date"].notna() == sites["handed_over"]).all()
    assert (sites.loc[~sites["native_species_present"], "seed_collected_kg"] == 0).all()
    # The cost is the labour, machine hours and seed at the prices the description gives.
    cost = (sites["labour_person_days"] * 2_500 + sites["machinery_hours"] * 30_000
            + sites["seed_collected_kg"] * 1_000)
    assert ((sites["cost_fcfa"] - cost).abs() <= 500).all()
    description = RESOURCES["rehabilitation_site_log"]["description"]
    assert "2,500 FCFA a person-day" in description and "30,000 FCFA a machine hour" in description


def test_generator_reads_the_site_size_from_the_frm_pilots(tmp_path):
    copy = tmp_path / "datasets"
    shutil.copytree(DATASETS, copy, ignore=shutil.ignore_patterns("household*", "site_visits*"))
    pilots = copy / "frm_pilots.csv"
    doubled_areas = pilots.read_text(encoding="utf-8").replace(",73.3,", ",146.6,").replace(",144,", ",288,")
    pilots.write_text(doubled_areas, encoding="utf-8")
    run = subprocess.run([sys.executable, str(copy / "generate.py")], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    doubled = pd.read_csv(copy / "rehabilitation_site_log.csv")["area_ha"].mean()
    original = pd.read_csv(DATASETS / "rehabilitation_site_log.csv")["area_ha"].mean()
    assert doubled == pytest.approx(2 * original, rel=0.02)


def test_fairmined_and_frm_pilot_tables_hold_the_published_figures():
    fairmined = raw("fairmined_premium_and_sales").set_index(["indicator", "period"])
    assert fairmined.loc[("gold_sold", "2018"), "value"] == "361.5"
    assert fairmined.loc[("gold_sold", "2014-2018"), "value"] == "968.1"
    assert fairmined.loc[("premium_paid", "2018"), "value"] == "1459729"
    assert fairmined.loc[("premium_paid", "2014-2018"), "value"] == "3665928.52"
    assert fairmined.loc[("premium_paid", "2014 to the first quarter of 2016"), "value"] == "1025226"
    assert fairmined.loc[("gold_sold", "2014 to the first quarter of 2016"), "value"] == "265"
    yearly = {period: fairmined.loc[("premium_paid", period), "value"]
              for period in ("2014-2015", "2016", "2017")}
    assert yearly == {"2014-2015": "895000", "2016": "575000", "2017": "719000"}
    rates = fairmined.loc[["premium_per_kg_fairmined_gold", "premium_per_kg_fairmined_ecological_gold"]]
    assert list(rates["value"]) == ["4000", "6000"] and set(rates["qualifier"]) == {"up to"}
    assert fairmined.loc[("premium_paid", "2014 to the one-tonne milestone"), "qualifier"] == "more than"
    pilots = raw("frm_pilots").set_index("period")
    assert pilots.loc["2014", ["area_ha", "sites", "miners_qualifier", "miners"]].tolist() == [
        "73.3", "8", "more than", "350"]
    assert pilots.loc["2014-2015", ["reported_year", "area_ha", "sites", "miners", "aimags"]].tolist() == [
        "2016", "144", "17", "650", "9"]
    assert pd.isna(pilots.loc["2014", "aimags"])

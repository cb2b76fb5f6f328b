"""Write the workshop's synthetic datasets: invented for practice, calibrated on real figures.

    python datasets/generate.py               # rewrite the CSV files beside this script
    python datasets/generate.py --out FOLDER  # write them somewhere else (tests compare)

Every run gives byte-identical files: each table draws from its own numpy generator with a
fixed seed, so changing one table leaves the others as they are. The column order comes from
``datapackage.json``; the calibration targets are read from the real tables beside this script
(``burkina_mercury_baseline.csv``, ``benin_sand_site_inventory.csv``), never typed in twice.
A different numpy version may draw different numbers; the committed files are the reference.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
SEED = 20200310  # the workshop this curriculum follows was given in Benin in March 2020
SOURCES = ("mining", "farming", "fishing", "trade", "other")
MONTHS = np.arange(1, 13)

# --- Households ---------------------------------------------------------------------------
# Yearly income medians (FCFA) and the chance that a household has each source. Invented.
HOUSEHOLD_COMMUNITIES = {
    "gold_sud_ouest": {
        "households": 170,
        "country": "Burkina Faso",
        "region": "Sud-Ouest",
        "prefix": "BF",
        "has_source": {
            "mining": 0.8, "farming": 0.75, "fishing": 0.03, "trade": 0.35, "other": 0.2,
        },
        "median_income": {
            "mining": 650_000, "farming": 250_000, "fishing": 60_000, "trade": 300_000,
            "other": 150_000,
        },
        # Chance of mining in each month. In the rainy season (June to September) households
        # that farm leave the pits for their fields; those that do not farm mostly keep digging.
        "mining_months_if_farming": [.9, .9, .9, .85, .8, .35, .15, .1, .2, .6, .85, .9],
        "mining_months_if_not_farming": [.95, .95, .95, .9, .9, .75, .6, .55, .65, .85, .9, .95],
        # Farm income comes with the harvest (October to January).
        "farming_weights": [.08, .02, .02, .02, .02, .02, .02, .02, .06, .22, .3, .2],
        "fishing_weights": [1] * 12,
        "migrant": 0.45,
        "roles": {
            "digging": {"men": .78, "both": .14, "women": .08},
            "processing": {"women": .72, "both": .2, "men": .08},
            "selling": {"men": .58, "both": .22, "women": .2},
        },
    },
    "sand_oueme_lagoon": {
        "households": 150,
        "country": "Benin",
        "region": "Ouémé",
        "prefix": "BJ",
        "has_source": {"mining": 0.7, "farming": 0.25, "fishing": 0.6, "trade": 0.4, "other": 0.2},
        "median_income": {
            "mining": 550_000, "farming": 150_000, "fishing": 350_000, "trade": 300_000,
            "other": 150_000,
        },
        # Dredging slows when the lagoon floods (August to October), fishing then peaks.
        "mining_months_if_farming": [.9, .9, .9, .85, .8, .75, .6, .3, .2, .25, .6, .85],
        "mining_months_if_not_farming": [.95, .95, .95, .9, .9, .85, .7, .4, .3, .35, .7, .9],
        "farming_weights": [.12, .15, .12, .05, .03, .03, .08, .12, .05, .05, .1, .1],
        "fishing_weights": [.06, .05, .05, .05, .06, .07, .08, .12, .14, .13, .11, .08],
        "migrant": 0.2,
        "roles": {
            "digging": {"men": .93, "both": .05, "women": .02},
            "processing": {"women": .4, "both": .35, "men": .25},
            "selling": {"women": .45, "both": .3, "men": .25},
        },
    },
}

# --- Site visits ----------------------------------------------------------------------------
# Gold sites per region of Burkina Faso. The Sud-Ouest, the case study, has the most.
GOLD_SITES = {
    "Sud-Ouest": 16, "Centre-Nord": 8, "Hauts-Bassins": 7, "Est": 5, "Centre-Est": 5,
    "Boucle du Mouhoun": 5, "Centre-Ouest": 4, "Nord": 4,
}
# Regions without a published ratio, nor published mercury and gold, get this invented one: it
# is below Centre-Est's 1.58, the third highest published, as the NAP summary implies.
DEFAULT_HG_TO_AU_RATIO = 1.2
REGION_CODES = {
    "Sud-Ouest": "SO", "Centre-Nord": "CN", "Hauts-Bassins": "HB", "Est": "ES",
    "Centre-Est": "CE", "Boucle du Mouhoun": "BM", "Centre-Ouest": "CO", "Nord": "NO",
    "Ouémé delta": "OD", "Porto-Novo lagoon": "PN", "Coastal lagoon": "CL",
    "Lake Ahémé": "AH", "Mono and Couffo": "MC",
}
# The inventory groups the Ouémé delta with the Porto-Novo lagoon; this split of its sites is
# invented. Gravel quarries are not in the inventory: their number is invented too.
OUEME_DELTA_SHARE = 0.6
GRAVEL_QUARRIES = 12
# Share of sites worked by hand (diving) rather than with dredges, per water body: the Ouémé
# is mostly manual and the Coastal lagoon mechanised (Lalèyè et al. 2019); Ahémé is invented.
MANUAL_SHARE = {"Ouémé delta": .85, "Porto-Novo lagoon": .85, "Coastal lagoon": .2,
                "Lake Ahémé": .6}
PROTECTED_SHARE = {"Ouémé delta": .35, "Porto-Novo lagoon": .25, "Coastal lagoon": .3,
                   "Lake Ahémé": .4, "Mono and Couffo": .1}
RAINY_MONTHS = (6, 7, 8, 9)
FIRST_DAY, LAST_DAY = date(2023, 1, 1), date(2024, 12, 31)


def main(argv: list[str] | None = None) -> None:
    """Write every synthetic table as CSV into ``--out`` (default: this script's folder)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write the CSV files to")
    out = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)
    fields = _schema_fields()

    households, monthly = household_survey(np.random.default_rng([SEED, 1]))
    visits = site_visits(np.random.default_rng([SEED, 2]))
    for name, frame in (
        ("household_survey", households),
        ("household_monthly_income", monthly),
        ("site_visits", visits),
    ):
        _write(frame, fields[name], out / f"{name}.csv")


def household_survey(rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the household table and its monthly income table (FCFA), for both communities."""
    households, monthly = [], []
    for community, spec in HOUSEHOLD_COMMUNITIES.items():
        for number in range(1, spec["households"] + 1):
            household_id = f"{spec['prefix']}-{number:03d}"
            income = _monthly_income(rng, spec)
            yearly = {source: int(income[source].sum()) for source in SOURCES}
            mines = yearly["mining"] > 0
            head_gender = "female" if rng.random() < 0.22 else "male"
            migrant = bool(rng.random() < spec["migrant"])
            years = int(1 + rng.integers(0, 12)) if migrant else int(rng.integers(12, 55))
            households.append({
                "household_id": household_id,
                "community": community,
                "country": spec["country"],
                "region": spec["region"],
                "household_size": int(1 + rng.poisson(5.2)),
                "head_gender": head_gender,
                "main_livelihood": max(SOURCES, key=lambda source: yearly[source]),
                **{f"income_{source}_fcfa": yearly[source] for source in SOURCES},
                "months_in_mining": int((income["mining"] > 0).sum()),
                **{
                    f"{task}_done_by": _choose(rng, shares) if mines else "nobody"
                    for task, shares in spec["roles"].items()
                },
                "migrant": migrant,
                "years_in_place": pd.NA if rng.random() < 0.03 else years,
            })
            for month in MONTHS:
                for source in SOURCES:
                    monthly.append({
                        "household_id": household_id,
                        "month": int(month),
                        "source": source,
                        "income_fcfa": int(income[source][month - 1]),
                    })
    return pd.DataFrame(households), pd.DataFrame(monthly)


def _monthly_income(rng: np.random.Generator, spec: dict) -> dict[str, np.ndarray]:
    """Return, for each source, the household's income in each month (FCFA, rounded to 100)."""
    has = {source: rng.random() < spec["has_source"][source] for source in SOURCES}
    if not any(has.values()):
        has["other"] = True
    income = {}
    for source in SOURCES:
        if not has[source]:
            income[source] = np.zeros(12, dtype=int)
            continue
        yearly = spec["median_income"][source] * rng.lognormal(0, 0.5)
        if source == "mining":
            chances = spec["mining_months_if_farming" if has["farming"] else
                           "mining_months_if_not_farming"]
            active = rng.random(12) < np.array(chances)
            if not active.any():
                active[int(np.argmax(chances))] = True
            weights = active * rng.gamma(4, 1, 12)
        elif source in ("farming", "fishing"):
            weights = np.array(spec[f"{source}_weights"]) * rng.gamma(4, 1, 12)
        else:
            weights = rng.gamma(4, 1, 12)
        income[source] = np.round(yearly * weights / weights.sum(), -2).astype(int)
    return income


def site_visits(rng: np.random.Generator) -> pd.DataFrame:
    """Return one row per site visit in 2023-2024: gold in Burkina Faso, sand, gravel in Benin."""
    ratios = _published_ratios()
    sites = []
    for region, count in GOLD_SITES.items():
        sites += [_gold_site(rng, region, ratios.get(region, DEFAULT_HG_TO_AU_RATIO))
                  for _ in range(count)]
    for water_body, count in _sand_site_counts().items():
        sites += [_sand_site(rng, water_body) for _ in range(count)]
    sites += [_gravel_site(rng) for _ in range(GRAVEL_QUARRIES)]

    numbers: dict[str, int] = {}
    visits = []
    for site in sites:
        code = REGION_CODES[site["region"]]
        numbers[code] = numbers.get(code, 0) + 1
        site["site_code"] = f"{site['prefix']}-{code}-{numbers[code]:02d}"
        for day in _visit_days(rng, int(rng.choice([1, 2, 2, 3]))):
            visits.append(_visit(rng, site, day))
    frame = pd.DataFrame(visits).sort_values(["visit_date", "site_code"], ignore_index=True)
    frame = _calibrate_mercury(frame, ratios)
    frame.insert(0, "visit_id", [f"V{number:03d}" for number in range(1, len(frame) + 1)])
    return frame


def _published_ratios() -> dict[str, float]:
    """Return the mercury to gold ratio (kg/kg) of each region where the baseline gives one.

    A published ratio comes first; otherwise the ratio of published mercury to published gold.
    """
    baseline = pd.read_csv(HERE / "burkina_mercury_baseline.csv")
    ratios = {}
    for row in baseline.itertuples():
        if pd.notna(row.hg_to_au_ratio):
            ratios[row.region] = float(row.hg_to_au_ratio)
        elif pd.notna(row.hg_use_kg_per_year) and pd.notna(row.gold_output_kg_per_year):
            ratios[row.region] = row.hg_use_kg_per_year / row.gold_output_kg_per_year
    return ratios


def _sand_site_counts() -> dict[str, int]:
    """Return the number of synthetic sand sites per water body, as in the real inventory."""
    inventory = pd.read_csv(HERE / "benin_sand_site_inventory.csv")
    counts = dict(zip(inventory.water_body, inventory.sand_mining_sites, strict=True))
    oueme_and_porto_novo = int(counts["Ouémé delta and Porto-Novo lagoon"])
    oueme = round(oueme_and_porto_novo * OUEME_DELTA_SHARE)
    return {
        "Ouémé delta": oueme,
        "Porto-Novo lagoon": oueme_and_porto_novo - oueme,
        "Coastal lagoon": int(counts["Coastal lagoon"]),
        "Lake Ahémé": int(counts["Lake Ahémé, its channels and the Mono basin"]),
    }


def _gold_site(rng: np.random.Generator, region: str, ratio: float) -> dict:
    shaft = rng.random() < 0.6
    mercury = rng.random() < 0.85
    whole_ore = mercury and rng.random() < 0.4
    return {
        "prefix": "BF", "country": "Burkina Faso", "region": region, "mineral": "gold",
        "extraction_method": "shaft" if shaft else "scraping",
        "workers": rng.lognormal(np.log(250 if shaft else 80), 0.6),
        "women_share": rng.beta(6, 11) if shaft else rng.beta(9, 11),
        "children": 0.35,
        "mercury_used": mercury,
        "amalgamation_method": ("whole_ore" if whole_ore else "concentrate") if mercury else None,
        "cyanide_used": bool(rng.random() < (0.15 if shaft else 0.04)),
        "gold_per_worker_g": rng.lognormal(np.log(1.5 if shaft else 0.8), 0.4),
        # Whole-ore amalgamation loses far more mercury than amalgamating a concentrate.
        "ratio": ratio * (1.6 if whole_ore else 0.8) * rng.lognormal(0, 0.25) if mercury else 0.0,
        "authorisation_status": _choose(rng, {"none": .7, "expired": .1, "valid": .2}),
        "distance_to_water_m": int(rng.lognormal(np.log(400 if shaft else 80), 0.8)),
        "protected": bool(rng.random() < 0.15),
        "restoration_done": bool(rng.random() < 0.1),
        "cso_contacted": bool(rng.random() < 0.3),
    }


def _sand_site(rng: np.random.Generator, water_body: str) -> dict:
    manual = rng.random() < MANUAL_SHARE[water_body]
    return {
        "prefix": "BJ", "country": "Benin", "region": water_body, "mineral": "sand",
        "extraction_method": "manual_diving" if manual else "mechanised_dredging",
        "workers": rng.lognormal(np.log(25 if manual else 8), 0.5),
        "women_share": rng.beta(1, 14),
        "children": 0.15,
        "volume_m3": (lambda workers: workers * rng.uniform(20, 40)) if manual
        else (lambda workers: rng.uniform(1500, 4000)),
        "authorisation_status": _choose(rng, {"none": .5, "expired": .15, "valid": .35}),
        "distance_to_water_m": 0,
        "protected": bool(rng.random() < PROTECTED_SHARE[water_body]),
        "restoration_done": bool(rng.random() < 0.05),
        "cso_contacted": bool(rng.random() < 0.3),
    }


def _gravel_site(rng: np.random.Generator) -> dict:
    return {
        "prefix": "BJ", "country": "Benin", "region": "Mono and Couffo", "mineral": "gravel",
        "extraction_method": "manual_quarrying",
        "workers": rng.lognormal(np.log(40), 0.5),
        # At the Lokossa quarries women, who carry, wash and sieve, outnumber the men who dig.
        "women_share": rng.beta(12, 8),
        "children": 0.3,
        "volume_m3": lambda workers: workers * rng.uniform(4, 8),
        "authorisation_status": _choose(rng, {"none": .3, "expired": .15, "valid": .55}),
        "distance_to_water_m": int(rng.uniform(100, 2000)),
        "protected": bool(rng.random() < PROTECTED_SHARE["Mono and Couffo"]),
        "restoration_done": bool(rng.random() < 0.15),
        "cso_contacted": bool(rng.random() < 0.3),
    }


def _visit(rng: np.random.Generator, site: dict, day: date) -> dict:
    gold = site["mineral"] == "gold"
    season = 0.5 if gold and day.month in RAINY_MONTHS else 1.0
    workers = max(3, int(round(site["workers"] * season * rng.lognormal(0, 0.2))))
    gold_g = None
    if gold:
        gold_g = int(round(workers * site["gold_per_worker_g"] * rng.lognormal(0, 0.2)))
    return {
        "site_code": site["site_code"],
        "visit_date": day,
        "country": site["country"],
        "region": site["region"],
        "mineral": site["mineral"],
        "extraction_method": site["extraction_method"],
        "workers_total": workers,
        "women_count": int(rng.binomial(workers, site["women_share"])),
        "children_present": bool(rng.random() < site["children"]),
        "mercury_used": site["mercury_used"] if gold else None,
        "amalgamation_method": site["amalgamation_method"] if gold else None,
        "cyanide_used": site["cyanide_used"] if gold else None,
        "mercury_g_per_month": gold_g * site["ratio"] if gold else None,
        # A few miners do not say how much gold they produce.
        "gold_g_per_month": gold_g if gold and rng.random() > 0.05 else None,
        "sand_gravel_m3_per_month": None if gold else int(round(site["volume_m3"](workers))),
        "authorisation_status": site["authorisation_status"],
        "distance_to_water_m": site["distance_to_water_m"],
        "in_or_near_protected_area": site["protected"],
        "restoration_done": site["restoration_done"],
        "cso_contacted": site["cso_contacted"],
    }


def _calibrate_mercury(visits: pd.DataFrame, ratios: dict[str, float]) -> pd.DataFrame:
    """Scale each region's mercury so that its total over its gold total is the target ratio.

    Only visits that report both mercury and gold count, as a participant would compute it.
    """
    visits = visits.copy()
    mercury = visits["mercury_g_per_month"].astype(float)
    complete = mercury.notna() & visits["gold_g_per_month"].notna()
    for region in GOLD_SITES:
        rows = complete & (visits["region"] == region)
        target = ratios.get(region, DEFAULT_HG_TO_AU_RATIO)
        actual = mercury[rows].sum() / visits.loc[rows, "gold_g_per_month"].astype(float).sum()
        in_region = visits["region"] == region
        mercury[in_region] = mercury[in_region] * target / actual
    visits["mercury_g_per_month"] = mercury.round().astype("Int64")
    return visits


def _visit_days(rng: np.random.Generator, count: int) -> list[date]:
    """Return ``count`` different days between FIRST_DAY and LAST_DAY, in order."""
    span = (LAST_DAY - FIRST_DAY).days + 1
    offsets = sorted(rng.choice(span, size=count, replace=False))
    return [FIRST_DAY + timedelta(days=int(offset)) for offset in offsets]


def _choose(rng: np.random.Generator, shares: dict[str, float]) -> str:
    """Return one key of ``shares``, drawn with its share as probability."""
    keys = list(shares)
    weights = np.array([shares[key] for key in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=weights / weights.sum()))]


def _schema_fields() -> dict[str, list[dict]]:
    """Return each resource's schema fields from datapackage.json, by resource name."""
    package = json.loads((HERE / "datapackage.json").read_text(encoding="utf-8"))
    return {resource["name"]: resource["schema"]["fields"] for resource in package["resources"]}


def _write(frame: pd.DataFrame, fields: list[dict], path: Path) -> None:
    """Write ``frame`` as UTF-8 CSV in the schema's column order; booleans as true/false."""
    names = [field["name"] for field in fields]
    if sorted(names) != sorted(frame.columns):
        raise ValueError(
            f"{path.name}: the generator makes columns {sorted(frame.columns)}, "
            f"but datapackage.json declares {sorted(names)}"
        )
    frame = frame[names].copy()
    for field in fields:
        column = frame[field["name"]]
        if field["type"] == "boolean":
            frame[field["name"]] = column.map(
                lambda value: "" if value is None or pd.isna(value) else str(bool(value)).lower()
            )
        elif field["type"] == "integer":
            frame[field["name"]] = column.astype("Int64")
        elif field["type"] == "date":
            frame[field["name"]] = column.map(lambda day: day.isoformat())
    path.write_bytes(frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))


if __name__ == "__main__":
    main()

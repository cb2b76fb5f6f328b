"""Tables the Day 1 lessons compute from the workshop's datasets.

Each function takes a dataset as ``data.load`` returns it and gives back a small table,
so a lesson cell stays one call. Missing values stay missing: a figure nobody published
is never counted as zero.

    from asm_workshop import data, day1
    survey = data.load("household_survey")
    day1.household_income_summary(survey, by=["community", "head_gender"])
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from asm_workshop.i18n import t

INCOME_SOURCES = ("mining", "farming", "fishing", "trade", "other")
"""The income sources of the household survey, in the order the lessons show them."""

MINING_TASKS = ("digging", "processing", "selling")
"""The mining tasks the household survey asks about (columns ``<task>_done_by``)."""

WHO = ("men", "women", "both")
"""Who can do a task in a household that does it ("nobody" means the household does not)."""


def global_figure(figures: pd.DataFrame, indicator: str, *, year: int | None = None,
                  area: str = "World", commodity: str | None = None) -> float:
    """Return the single value of ``indicator`` in ``asm_global_figures`` (in the row's unit).

    ``year`` and ``commodity`` narrow the choice when the table holds several figures for the
    indicator. Raises ValueError when no row, several rows, or a range (no single value) match.
    """
    chosen = (figures["indicator"] == indicator) & (figures["area"] == area)
    if year is not None:
        chosen &= figures["year"] == year
    if commodity is not None:
        chosen &= figures["commodity"] == commodity
    rows = figures[chosen.fillna(False).astype(bool)]
    where = ", ".join(f"{name}={value}" for name, value in
                      (("area", area), ("year", year), ("commodity", commodity)) if value is not None)
    if rows.empty:
        raise ValueError(t("day1.figure_not_found", indicator=indicator, where=where))
    if len(rows) > 1:
        years = ", ".join(str(year) for year in rows["year"].tolist())
        raise ValueError(t("day1.figure_ambiguous", indicator=indicator, where=where,
                           count=len(rows), years=years))
    value = rows["value"].iloc[0]
    if pd.isna(value):
        raise ValueError(t("day1.figure_is_range", indicator=indicator, where=where))
    return float(value)


def yearly_income(survey: pd.DataFrame) -> pd.DataFrame:
    """Return each household's yearly income by source and in total (FCFA/year), one row each."""
    income = pd.DataFrame({source: survey[f"income_{source}_fcfa"].astype("int64")
                           for source in INCOME_SOURCES}, index=survey.index)
    income["total"] = income.sum(axis=1)
    return income


def income_by_source(survey: pd.DataFrame, by: str | Sequence[str] = "community") -> pd.DataFrame:
    """Return the average yearly income per household from each source (FCFA/year), by group."""
    income = yearly_income(survey)
    groups = [survey[column] for column in _columns(by)]
    return income.groupby(groups).mean().round(0)


def household_income_summary(survey: pd.DataFrame,
                             by: str | Sequence[str] = "community") -> pd.DataFrame:
    """Return, by group, how much households earn and how much of it comes from mining.

    Columns: ``households``; ``average_income_fcfa`` and ``average_mining_income_fcfa``
    (FCFA/year per household); ``mining_share_percent``, the group's mining income as a
    percentage of all its income; ``mostly_mining_percent``, the percentage of households
    that earn more than half their income from mining.
    """
    income = yearly_income(survey)
    # A household with no income at all has no share; it is not "0 % from mining".
    own_share = (income["mining"] / income["total"].where(income["total"] > 0))
    table = pd.DataFrame({
        "mining": income["mining"],
        "total": income["total"],
        "mostly_mining": (own_share > 0.5).where(own_share.notna()),
    })
    grouped = table.groupby([survey[column] for column in _columns(by)])
    summary = pd.DataFrame({
        "households": grouped.size(),
        "average_income_fcfa": grouped["total"].mean().round(0),
        "average_mining_income_fcfa": grouped["mining"].mean().round(0),
        "mining_share_percent": (grouped["mining"].sum() / grouped["total"].sum() * 100).round(1),
        "mostly_mining_percent": (grouped["mostly_mining"].mean() * 100).astype(float).round(1),
    })
    return summary


def seasonal_calendar_table(monthly_income: pd.DataFrame, survey: pd.DataFrame) -> pd.DataFrame:
    """Return the average income per household by community, month and source (FCFA/month).

    One row per community and month (1 = January), one column per income source. The
    average is over every surveyed household of the community, including those that earned
    nothing from a source that month.
    """
    communities = survey.set_index("household_id")["community"]
    unknown = sorted(set(monthly_income["household_id"]) - set(communities.index))
    if unknown:
        raise ValueError(t("day1.households_not_in_survey", count=len(unknown),
                           examples=", ".join(unknown[:3])))
    income = monthly_income.assign(community=monthly_income["household_id"].map(communities))
    totals = (income.groupby(["community", "month", "source"])["income_fcfa"].sum()
              .unstack("source").reindex(columns=list(INCOME_SOURCES)).fillna(0))
    households = communities.value_counts()
    per_household = totals.div(households, axis=0, level="community")
    return per_household.round(0)


def task_roles(survey: pd.DataFrame) -> pd.DataFrame:
    """Return who does each mining task, in percent of the households that do it.

    One row per community and task (digging, processing, selling); columns ``men``,
    ``women``, ``both`` (percent, adding up to 100) and ``households`` (how many households
    do the task). Households where nobody does the task are left out of the percentages.
    """
    rows = []
    for community, households in survey.groupby("community"):
        for task in MINING_TASKS:
            done_by = households[f"{task}_done_by"]
            doing = done_by[done_by != "nobody"]
            counts = doing.value_counts().reindex(list(WHO), fill_value=0)
            percent = (counts / len(doing) * 100).round(1) if len(doing) else counts * float("nan")
            rows.append({"community": community, "task": task, **percent.to_dict(),
                         "households": len(doing)})
    return pd.DataFrame(rows).set_index(["community", "task"])


def migration_summary(survey: pd.DataFrame, by: str | Sequence[str] = "community") -> pd.DataFrame:
    """Return, by group, how many heads of household came from elsewhere and how long ago.

    Columns: ``households``; ``migrant_percent`` (head born elsewhere); ``median_years_in_place``
    over the households that gave a number; ``years_not_given`` (households that did not know,
    left out of the median rather than counted as 0 years).
    """
    grouped = survey.groupby([survey[column] for column in _columns(by)])
    return pd.DataFrame({
        "households": grouped.size(),
        "migrant_percent": (grouped["migrant"].mean() * 100).astype(float).round(1),
        "median_years_in_place": grouped["years_in_place"].median().astype(float),
        "years_not_given": grouped["years_in_place"].apply(lambda years: int(years.isna().sum())),
    })


def ratio_where_published(baseline: pd.DataFrame) -> pd.DataFrame:
    """Return mercury over gold (kg Hg per kg Au) for the regions whose two figures are published.

    Columns: ``hg_use_kg_per_year``, ``gold_output_kg_per_year``, ``computed_ratio`` (rounded
    to 2 decimals) and ``published_ratio`` (missing where the source gives none), indexed by
    region. Regions missing either figure are left out: nothing is filled in.
    """
    both = baseline.dropna(subset=["hg_use_kg_per_year", "gold_output_kg_per_year"])
    mercury = both["hg_use_kg_per_year"].astype(float)
    gold = both["gold_output_kg_per_year"].astype(float)
    return pd.DataFrame({
        "hg_use_kg_per_year": both["hg_use_kg_per_year"].to_numpy(),
        "gold_output_kg_per_year": both["gold_output_kg_per_year"].to_numpy(),
        "computed_ratio": (mercury / gold).round(2).to_numpy(),
        "published_ratio": both["hg_to_au_ratio"].to_numpy(),
    }, index=pd.Index(both["region"].to_numpy(), name="region"))


def compare_missing_with_zero(values: pd.Series) -> pd.DataFrame:
    """Return what a column's count, total and average become when missing values are filled with 0.

    Two columns: ``left_missing`` (pandas skips missing values) and ``filled_with_zero``;
    three rows: ``values_counted``, ``total`` and ``average`` (in the column's unit).
    """
    numbers = values.astype(float)
    zeros = numbers.fillna(0)
    return pd.DataFrame(
        {"left_missing": [numbers.count(), numbers.sum(), numbers.mean()],
         "filled_with_zero": [zeros.count(), zeros.sum(), zeros.mean()]},
        index=pd.Index(["values_counted", "total", "average"], name=values.name),
    ).round(1)


def sand_methods_summary(site_visits: pd.DataFrame) -> pd.DataFrame:
    """Return, for each way of taking sand, what a typical visit found.

    One row per extraction method of the sand sites; columns ``visits``, ``median_workers``
    (people), ``median_sand_m3_per_month`` and ``median_m3_per_worker`` (m3 per person per
    month, over visits with at least one worker).
    """
    sand = site_visits[site_visits["mineral"] == "sand"]
    workers = sand["workers_total"].astype(float)
    volume = sand["sand_gravel_m3_per_month"].astype(float)
    per_worker = volume / workers.where(workers > 0)
    grouped = sand.assign(workers=workers, volume=volume, per_worker=per_worker).groupby(
        "extraction_method")
    return pd.DataFrame({
        "visits": grouped.size(),
        "median_workers": grouped["workers"].median(),
        "median_sand_m3_per_month": grouped["volume"].median(),
        "median_m3_per_worker": grouped["per_worker"].median().round(1),
    })


def _columns(by: str | Sequence[str]) -> list[str]:
    return [by] if isinstance(by, str) else list(by)

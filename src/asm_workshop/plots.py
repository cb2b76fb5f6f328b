"""Charts for the lessons: each function draws one chart and returns its matplotlib Figure.

The figures are taken off pyplot's list of open figures as soon as they are made, so a
lesson can draw many charts without memory growing, and a notebook shows each returned
figure exactly once. A value missing from our source is drawn as "not in our source", never as a
zero bar.

Every text a chart shows (titles, axis labels, notes, legends, month names, the words written in
the chart) comes from the catalog (``messages/plots.json``) in the language current when the chart
is drawn, and its numbers are written the way that language writes them: after
``i18n.set_language("fr")`` the same call draws the chart in French. A value of the data shown as a
label (an income source, a task, a commodity, a country...) is shown through the message
``plots.<kind>.<value>`` ("plots.income_source.mining"; see ``_data_label``) when the catalog has
one, and as it is in the data otherwise.

    from asm_workshop import data, plots
    plots.mercury_by_region(data.load("burkina_mercury_baseline"))
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, ScalarFormatter

from asm_workshop.i18n import catalog, format_number, get_language, t

GOLD = "#c9a227"
SAND = "#8d6e63"
GREY = "#9e9e9e"
HIGHLIGHT = "#b71c1c"
SOURCE_COLOURS = {"mining": "#c9a227", "farming": "#558b2f", "fishing": "#1565c0",
                  "trade": "#8e24aa", "other": "#9e9e9e"}
CATEGORY_COLOURS = {"formal": "#2e7d32", "informal": "#ef6c00", "illegal": "#b71c1c"}
WHO_COLOURS = {"men": "#1565c0", "women": "#c2185b", "both": "#7e57c2"}
_MONTH_KEYS = tuple(f"plots.month.{name}" for name in (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december"))


def bar_chart_of_workforce(table: pd.DataFrame, highlight: str = "Burkina Faso") -> Figure:
    """Bar chart of people working in ASM by country (millions), ``highlight`` in red.

    ``table`` has the columns ``country`` and ``people_working_in_asm``, as in
    ``delve_top10_asm_workforce``; countries are drawn largest first.
    """
    ordered = table.sort_values("people_working_in_asm", ascending=True, kind="stable")
    millions = ordered["people_working_in_asm"].astype(float) / 1e6
    figure, axes = _new_figure(7, 0.4 * len(ordered) + 1.2)
    colours = [HIGHLIGHT if country == highlight else GOLD for country in ordered["country"]]
    bars = axes.barh([_data_label("place", country) for country in ordered["country"]], millions,
                     color=colours)
    axes.bar_label(bars, labels=[t("plots.millions", value=_number(value)) for value in millions],
                   padding=3, fontsize=9)
    axes.set_xlabel(t("plots.people_in_asm_millions"))
    axes.set_title(t("plots.workforce.title"))
    axes.set_xlim(0, millions.max() * 1.15)
    _tidy(axes)
    return figure


def workforce_over_time(figures: pd.DataFrame) -> Figure:
    """Points of the world's ASM workforce by year (millions), one marker per source."""
    rows = figures[(figures["indicator"] == "people_working_in_asm") & (figures["area"] == "World")]
    rows = rows.dropna(subset=["value"]).sort_values("year")
    # Estimates a year or two apart would print over each other: alternate above and below.
    label_below, previous_year, previous_below = {}, None, True
    for year in rows["year"].astype(int):
        below = previous_year is not None and year - previous_year < 4 and not previous_below
        label_below[year], previous_year, previous_below = below, year, below
    figure, axes = _new_figure(7, 3.6)
    for (source, group), marker in zip(rows.groupby("source_name", sort=False), "osD^v", strict=False):
        millions = group["value"].astype(float) / 1e6
        label = ("IGF (2018)" if source.startswith("IGF")
                 else _data_label("source", source.split(",")[0].split(" (")[0]))
        axes.plot(group["year"].astype(int), millions, marker=marker, linestyle="", markersize=8,
                  label=label, color=GOLD if source.startswith("IGF") else SAND)
        for year, value, qualifier in zip(group["year"], millions, group["qualifier"], strict=True):
            estimate = t("plots.millions", value=_number(value))
            if qualifier == "at least":
                estimate = t("plots.over_time.at_least", value=estimate)
            axes.annotate(estimate, (int(year), value), textcoords="offset points",
                          xytext=(0, -14 if label_below[int(year)] else 8), ha="center", fontsize=8)
    axes.set_ylim(0, rows["value"].max() / 1e6 * 1.25)
    axes.set_ylabel(t("plots.people_in_asm_millions"))
    axes.set_title(t("plots.over_time.title"))
    axes.legend(loc="upper left", fontsize=8, frameon=False)
    _tidy(axes)
    return figure


def share_of_world_supply(figures: pd.DataFrame) -> Figure:
    """Bars of ASM's share of world supply by commodity (percent); a range is drawn as a range."""
    rows = figures[figures["indicator"] == "asm_share_of_world_supply"].copy()
    rows["high"] = rows["value"].fillna(rows["value_high"]).astype(float)
    rows = rows.sort_values("high")
    figure, axes = _new_figure(7, 0.45 * len(rows) + 1.2)
    for position, row in enumerate(rows.itertuples()):
        colour = GOLD if row.commodity == "gold" else SAND
        if pd.notna(row.value):
            axes.barh(position, row.value, color=colour)
            label = _qualified(row.qualifier, t("plots.supply.percent", value=_number(row.value)))
            end = row.value
        else:
            # The low end solid, the rest of the range lighter: the source gives no single value.
            axes.barh(position, row.value_low, color=colour)
            axes.barh(position, row.value_high - row.value_low, left=row.value_low, color=colour,
                      alpha=0.35, hatch="//", edgecolor="white")
            label = t("plots.supply.percent", value=f"{_number(row.value_low)}–{_number(row.value_high)}")
            end = row.value_high
        axes.text(end + 1, position, label, va="center", fontsize=9)
    axes.set_yticks(range(len(rows)), [_data_label("commodity", name) for name in rows["commodity"]])
    axes.set_xlim(0, 100)
    axes.set_xlabel(t("plots.supply.axis"))
    axes.set_title(t("plots.supply.title"))
    _tidy(axes)
    return figure


def sand_sites_by_water_body(inventory: pd.DataFrame) -> Figure:
    """Bars of the number of lagoon and estuarine sand-mining sites in southern Benin by water body."""
    ordered = inventory.sort_values("sand_mining_sites")
    figure, axes = _new_figure(7, 2.6)
    labels = [_wrap(_data_label("water_body", name), 24) for name in ordered["water_body"]]
    bars = axes.barh(labels, ordered["sand_mining_sites"].astype(int), color=SAND)
    method_labels = [
        t("plots.sand_sites.count_with_method", count=format_number(count),
          method=_data_label("sand_site_method", method))
        if isinstance(method, str) else t("plots.sand_sites.count", count=format_number(count))
        for count, method in zip(ordered["sand_mining_sites"], ordered["main_method"], strict=True)]
    axes.bar_label(bars, labels=method_labels, padding=3, fontsize=9)
    axes.set_xlim(0, ordered["sand_mining_sites"].max() * 1.6)
    axes.set_xlabel(t("plots.sand_sites.axis"))
    total = int(inventory["sand_mining_sites"].sum())
    axes.set_title(t("plots.sand_sites.title", count=format_number(total)), fontsize=10)
    _tidy(axes)
    return figure


def industrial_gold_by_year(gold: pd.DataFrame) -> Figure:
    """Bars of Burkina Faso's industrial gold output (tonnes) for the years with a published figure.

    Years between them without a figure are marked "no figure", not drawn as zero;
    approximate figures are hatched.
    """
    years = gold["year"].astype(int)
    figure, axes = _new_figure(7, 3.4)
    for year, tonnes, approximate in zip(years, gold["gold_tonnes"].astype(float), gold["approximate"],
                                         strict=True):
        axes.bar(year, tonnes, color=GOLD, hatch="//" if approximate else None, edgecolor="white")
        axes.text(year, tonnes + 1, f"{'~' if approximate else ''}{_number(tonnes)}", ha="center", fontsize=8)
    for year in sorted(set(range(years.min(), years.max() + 1)) - set(years)):
        axes.text(year, 1, t("plots.industrial_gold.no_figure"), rotation=90, ha="center", va="bottom",
                  fontsize=7, color=GREY)
    axes.set_xticks(range(years.min(), years.max() + 1))
    axes.tick_params(axis="x", labelsize=8, rotation=45)
    axes.set_ylabel(t("plots.industrial_gold.axis"))
    axes.set_ylim(0, gold["gold_tonnes"].max() * 1.15)
    axes.set_title(t("plots.industrial_gold.title"))
    _tidy(axes)
    return figure


def income_by_source_chart(income: pd.DataFrame) -> Figure:
    """Stacked bars of average yearly income per household by source (thousand FCFA), one per group.

    ``income`` is what ``day1.income_by_source`` returns: one row per group, one column per source.
    """
    sources = [source for source in SOURCE_COLOURS if source in income.columns]
    figure, axes = _new_figure(7, 0.8 * len(income) + 1.6)
    labels = [_wrap(_data_label("community", name), 26) for name in income.index]
    left = pd.Series(0.0, index=income.index)
    for source in sources:
        thousands = income[source].astype(float) / 1000
        axes.barh(labels, thousands, left=left, color=SOURCE_COLOURS[source],
                  label=_data_label("income_source", source))
        left += thousands
    axes.set_xlabel(t("plots.income.axis"))
    axes.set_title(t("plots.income.title", note=t("plots.synthetic_survey_note")), fontsize=10)
    axes.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=8)
    _tidy(axes, thousands_on_x=True)
    return figure


def seasonal_calendar(monthly_income: pd.DataFrame, community: str) -> Figure:
    """Stacked bars of a community's average income per household by month and source (thousand FCFA).

    ``monthly_income`` is what ``day1.seasonal_calendar_table`` returns (rows: community and
    month; columns: income sources).
    """
    communities = monthly_income.index.get_level_values("community")
    if community not in set(communities):
        raise ValueError(t("day1.community_unknown", community=community,
                           known=", ".join(sorted(set(communities)))))
    months = monthly_income.xs(community, level="community").reindex(range(1, 13))
    figure, axes = _new_figure(7.5, 3.6)
    bottom = pd.Series(0.0, index=months.index)
    for source, colour in SOURCE_COLOURS.items():
        if source not in months.columns:
            continue
        thousands = months[source].astype(float) / 1000
        axes.bar(months.index, thousands, bottom=bottom, color=colour,
                 label=_data_label("income_source", source), width=0.75)
        bottom += thousands.fillna(0)
    axes.set_xticks(range(1, 13), [t(key) for key in _MONTH_KEYS])
    axes.set_ylabel(t("plots.calendar.axis"))
    axes.set_title(t("plots.calendar.title", community=_data_label("community", community),
                     note=t("plots.synthetic_survey_note")), fontsize=10)
    axes.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=8)
    _tidy(axes)
    return figure


def task_roles_chart(roles: pd.DataFrame) -> Figure:
    """Stacked bars of who does each mining task (percent of households doing it), by community.

    ``roles`` is what ``day1.task_roles`` returns (rows: community and task; columns men,
    women, both).
    """
    communities = list(dict.fromkeys(roles.index.get_level_values("community")))
    figure, all_axes = plt.subplots(1, len(communities), figsize=(4 * len(communities) + 1, 3),
                                    sharey=True, squeeze=False)
    plt.close(figure)
    for axes, community in zip(all_axes[0], communities, strict=True):
        tasks = roles.xs(community, level="community")
        task_labels = [_data_label("task", task) for task in tasks.index]
        left = pd.Series(0.0, index=tasks.index)
        for who, colour in WHO_COLOURS.items():
            axes.barh(task_labels, tasks[who].fillna(0), left=left, color=colour,
                      label=_data_label("who", who))
            for task, share, start in zip(task_labels, tasks[who], left, strict=True):
                if pd.notna(share) and share >= 8:
                    axes.text(start + share / 2, task, t("plots.roles.percent", value=format_number(share)),
                              ha="center", va="center", color="white", fontsize=8)
            left += tasks[who].fillna(0)
        axes.set_xlim(0, 100)
        axes.invert_yaxis()
        axes.set_title(_wrap(_data_label("community", community), 30), fontsize=9)
        axes.set_xlabel(t("plots.roles.axis"))
        _tidy(axes)
    all_axes[0][-1].legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=8)
    figure.suptitle(t("plots.roles.title", note=t("plots.synthetic_survey_note")), fontsize=10)
    figure.tight_layout()
    return figure


def mercury_by_region(baseline: pd.DataFrame) -> Figure:
    """Side-by-side bars of mercury used and gold produced by region (kg/year) in Burkina Faso.

    Regions without a figure in our source show "not in our source" where the bar would be,
    never a zero bar. ``baseline`` is ``burkina_mercury_baseline``.
    """
    regions = baseline["region"].tolist()
    panels = (("hg_use_kg_per_year", t("plots.mercury.mercury_used"), "#546e7a"),
              ("gold_output_kg_per_year", t("plots.mercury.gold_produced"), GOLD))
    figure, all_axes = plt.subplots(1, 2, figsize=(9, 0.36 * len(regions) + 1.6), sharey=True)
    plt.close(figure)
    for axes, (column, title, colour) in zip(all_axes, panels, strict=True):
        values = baseline[column]
        top = float(values.max()) if values.notna().any() else 1.0
        for position, value in enumerate(values):
            if pd.isna(value):
                axes.text(top * 0.02, position, t("plots.not_published"), va="center", fontsize=8,
                          color=GREY, style="italic")
            else:
                axes.barh(position, float(value), color=colour)
                axes.text(float(value) + top * 0.02, position, format_number(int(value)), va="center",
                          fontsize=8)
        axes.set_yticks(range(len(regions)), regions)
        axes.set_xlim(0, top * 1.3)
        axes.set_title(title, fontsize=10)
        _tidy(axes, thousands_on_x=True)
    all_axes[0].invert_yaxis()
    published = int(baseline[[panel[0] for panel in panels]].notna().sum().sum())
    figure.suptitle(t("plots.mercury.title", published=format_number(published),
                      total=format_number(2 * len(regions))), fontsize=10)
    figure.tight_layout(rect=(0, 0, 1, 0.97))
    return figure


def sand_methods_chart(summary: pd.DataFrame) -> Figure:
    """Two bar panels comparing sand extraction methods: median workers, median m3 per worker a month.

    ``summary`` is what ``day1.sand_methods_summary`` returns.
    """
    names = [_data_label("extraction_method", name, name.replace("_", " ")) for name in summary.index]
    figure, all_axes = plt.subplots(1, 2, figsize=(8, 2.6))
    plt.close(figure)
    panels = (("median_workers", t("plots.sand_methods.workers")),
              ("median_m3_per_worker", t("plots.sand_methods.m3_per_worker")))
    for axes, (column, title) in zip(all_axes, panels, strict=True):
        values = summary[column].astype(float)
        bars = axes.bar(names, values, color=[SAND, "#455a64"][: len(names)])
        axes.bar_label(bars, labels=[_number(value) for value in values], fontsize=9)
        axes.set_title(title, fontsize=10)
        axes.set_ylim(0, float(summary[column].max()) * 1.2)
        _tidy(axes)
    figure.suptitle(t("plots.sand_methods.title"), fontsize=10)
    figure.tight_layout()
    return figure


def legal_status_counts(classified: Mapping[str, pd.DataFrame]) -> Figure:
    """Grouped bars of site visits by legal category (formal, informal, illegal), one group per country.

    ``classified`` maps a name (e.g. "Burkina Faso") to what ``legal_status.classify_sites``
    returns for it (a table with a ``category`` column).
    """
    figure, axes = _new_figure(7, 3.4)
    width = 0.8 / len(CATEGORY_COLOURS)
    names = list(classified)
    for offset, (category, colour) in enumerate(CATEGORY_COLOURS.items()):
        counts = [int((classified[name]["category"] == category).sum()) for name in names]
        positions = [index + (offset - 1) * width for index in range(len(names))]
        bars = axes.bar(positions, counts, width, color=colour, label=_data_label("legal_category", category))
        axes.bar_label(bars, labels=[format_number(count) for count in counts], fontsize=8, padding=2)
    axes.set_xticks(range(len(names)), [t("plots.legal_status.group", name=_data_label("place", name),
                                          count=format_number(len(classified[name]))) for name in names])
    axes.set_ylabel(t("plots.legal_status.axis"))
    axes.set_title(t("plots.legal_status.title"), fontsize=10)
    axes.legend(frameon=False, fontsize=8)
    _tidy(axes)
    return figure


def _new_figure(width: float, height: float) -> tuple[Figure, Axes]:
    """Return a figure and its axes, already off pyplot's list (nothing left open to leak)."""
    figure, axes = plt.subplots(figsize=(width, height))
    plt.close(figure)
    return figure, axes


def _tidy(axes: Axes, thousands_on_x: bool = False) -> None:
    """Hide the top and right spines; write the axes' numbers in the current language.

    The language is taken now, when the chart is drawn: saving the figure after a language
    change does not mix two languages in one chart.
    """
    axes.spines[["top", "right"]].set_visible(False)
    language = get_language()
    for axis in (axes.xaxis, axes.yaxis):
        if type(axis.get_major_formatter()) is ScalarFormatter:  # numbers, not category names
            axis.set_major_formatter(_TickNumbers(language))
    if thousands_on_x:
        thousands = FuncFormatter(lambda value, _: format_number(value, language=language))
        axes.xaxis.set_major_formatter(thousands)


class _TickNumbers(ScalarFormatter):
    """Matplotlib's tick numbers, with the decimal mark of ``language`` ("0,5" in French)."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def __call__(self, x: float, pos: int | None = None) -> str:
        text = super().__call__(x, pos)
        return text.replace(".", ",") if self.language == "fr" else text


def _data_label(kind: str, value: object, default: str | None = None) -> str:
    """A value of the data shown as a label, in the current language.

    The message ``plots.<kind>.<value>`` ("plots.task.digging", "plots.place.dr_congo": the value
    in lower case, accents dropped, other characters than letters and digits turned into "_") when
    the catalog has one; otherwise ``default``, or the value as it is in the data.
    """
    plain = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode().lower()
    key = f"plots.{kind}.{re.sub(r'[^a-z0-9]+', '_', plain).strip('_')}"
    if key in catalog():
        return t(key)
    return str(value) if default is None else default


def _qualified(qualifier: object, value: str) -> str:
    """``value`` with the source's qualifier ("up to", "about", "at least"), in the current language."""
    if not isinstance(qualifier, str):
        return value
    key = f"plots.qualifier.{qualifier.replace(' ', '_')}"
    return t(key, value=value) if key in catalog() else f"{qualifier} {value}"


def _number(value: float) -> str:
    """``value`` written in the current language with up to six significant digits, as ``{:g}``
    writes it in English ("1.26", "44.67", "15"; French "1,26"), thousands grouped."""
    value = float(value)
    if value == 0 or not math.isfinite(value):
        return format_number(value)
    return format_number(value, max(0, 5 - math.floor(math.log10(abs(value)))), trim=True)


def _wrap(text: str, width: int) -> str:
    """Return ``text`` broken into lines of at most about ``width`` characters."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])

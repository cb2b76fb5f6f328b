"""Tables and charts the Day 2 lessons compute: rights, gender, Fairmined and the FRM pilots.

Each function takes a dataset as ``data.load`` returns it (or a participant's answer) and gives
back a small table or a chart, so a lesson cell stays one call. Charts are matplotlib Figures
taken off pyplot's list as soon as they are made, so nothing is left open.

    from asm_workshop import data, day2
    day2.women_at_sites(data.load("site_visits"))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from asm_workshop.data import require_columns
from asm_workshop.errors import WorkshopError
from asm_workshop.i18n import format_number, localize, t
from asm_workshop.stakeholders import InfluenceSummary

ROLES = ("rights_holder", "duty_bearer")
"""The two sides of a human rights-based approach: who holds rights, who must uphold them."""

SORTING_ACTORS = {
    "women_ore_processors": ({"en": "Women who crush and wash gold ore in the Sud-Ouest",
                              "fr": "Les femmes qui concassent et lavent le minerai d'or dans le Sud-Ouest"},
                             "rights_holder"),
    "diggers": ({"en": "Diggers in the pits of a gold site",
                 "fr": "Les creuseurs dans les puits d'un site d'orpaillage"}, "rights_holder"),
    "children_near_sites": ({"en": "Children living next to a gold site",
                             "fr": "Les enfants qui vivent à côté d'un site d'orpaillage"}, "rights_holder"),
    "sand_divers": ({"en": "Sand divers of the Grand-Nokoué lagoon",
                     "fr": "Les plongeurs qui extraient le sable de la lagune du Grand-Nokoué"},
                    "rights_holder"),
    "gravel_washers": ({"en": "Women who wash gravel at the Lokossa quarries",
                        "fr": "Les femmes qui lavent le gravier dans les carrières de Lokossa"},
                       "rights_holder"),
    "lake_aheme_fishers": ({"en": "Fishers of Lake Ahémé", "fr": "Les pêcheurs du lac Ahémé"},
                           "rights_holder"),
    # The id stays "aneemas" so that saved sortings and lesson 2.3's example keep working; the
    # actor is DEMAS, since ANEEMAS became the state company SONASP in 2023 (facts.md 6.1.1).
    "aneemas": ({"en": "DEMAS, the mines ministry's directorate of artisanal mining (Burkina Faso)",
                 "fr": "La DEMAS, direction du ministère des Mines chargée de l'exploitation artisanale "
                       "(Burkina Faso)"}, "duty_bearer"),
    "ministry_of_water_and_mines": ({"en": "Benin's ministry in charge of mines and water",
                                     "fr": "Le ministère béninois chargé des mines et de l'eau"},
                                    "duty_bearer"),
    "prefect_of_mono": ({"en": "The prefect of Mono and the Brigade mobile de contrôle",
                         "fr": "Le préfet du Mono et la Brigade mobile de contrôle"}, "duty_bearer"),
    "town_hall_houeyogbe": ({"en": "The town hall of Houéyogbé", "fr": "La mairie de Houéyogbé"},
                            "duty_bearer"),
    "gendarmerie": ({"en": "Police and gendarmerie posted near a gold site",
                     "fr": "La police et la gendarmerie postées près d'un site d'orpaillage"}, "duty_bearer"),
}
"""Actor id -> (who the actor is, in English and French; the side the actor is on in the sorting
exercise). A quiz shows the text in the reader's language (``i18n.localize``).

Kept to clear cases: people whose rights are at stake, and public authorities that must
respect, protect and fulfil them."""

WOMEN_COLOUR = "#c2185b"
CHILDREN_COLOUR = "#ef6c00"
PREMIUM_COLOUR = "#c9a227"
FRM_COLOURS = ("#7cb342", "#33691e")


class Day2Error(WorkshopError):
    """Input a Day 2 function cannot use; the message is in the participant's language when read."""


@dataclass(frozen=True)
class RightsSorting:
    """How a participant sorted the actors: ids sorted right, sorted wrong, and not sorted yet;
    ``answer`` is what was given (actor id -> side)."""

    right: list[str]
    wrong: list[str]
    unsorted: list[str]
    answer: dict[str, str]

    @property
    def score(self) -> int:
        """How many actors are on the right side."""
        return len(self.right)

    def table(self) -> pd.DataFrame:
        """One row per actor (in the order of SORTING_ACTORS): who it is, the side given ("not
        sorted yet" in the participant's language when none) and whether it is right (None when
        not sorted yet). The expected side is not shown, so
        the table can be used to try again."""
        return pd.DataFrame(
            [{"actor": localize(text), "your_answer": self.answer.get(actor, t("day2.not_sorted")),
              "right": (actor in self.right) if actor in self.answer else None}
             for actor, (text, _) in SORTING_ACTORS.items()],
            index=pd.Index(list(SORTING_ACTORS), name="actor_id"),
        )


def check_rights_sorting(answer: Mapping[str, str]) -> RightsSorting:
    """Return which actors of SORTING_ACTORS ``answer`` (actor id -> "rights_holder" or
    "duty_bearer") puts on the right side. Actors left out count as not sorted.

    Raises Day2Error for an actor id that is not in the exercise or a side that is not one
    of ROLES.
    """
    for actor, role in answer.items():
        if actor not in SORTING_ACTORS:
            raise Day2Error("actor", "day2.actor_unknown", actor=actor, known=", ".join(SORTING_ACTORS))
        if role not in ROLES:
            raise Day2Error("role", "day2.role_unknown", actor=actor, role=role, known=", ".join(ROLES))
    right = [actor for actor, (_, role) in SORTING_ACTORS.items() if answer.get(actor) == role]
    wrong = [actor for actor, (_, role) in SORTING_ACTORS.items()
             if actor in answer and answer[actor] != role]
    unsorted = [actor for actor in SORTING_ACTORS if actor not in answer]
    return RightsSorting(right, wrong, unsorted, dict(answer))


def influence_in_words(summary: InfluenceSummary) -> str:
    """Return what an influence summary says, as three or four sentences in the participant's
    language: the most connected actors, the go-betweens, and who has no link at all."""
    def names(actors: Sequence[str]) -> str:
        return ", ".join(actors) if actors else t("day2.influence.nobody")

    sentences = [
        t("day2.influence.most_connected", names=names(summary.most_connected),
          links=", ".join(str(summary.links[name]) for name in summary.most_connected) or "0"),
        t("day2.influence.go_betweens", names=names(summary.go_betweens)),
        t("day2.influence.isolated", names=names(summary.isolated)) if summary.isolated
        else t("day2.influence.none_isolated"),
    ]
    return " ".join(sentences)


def women_at_sites(site_visits: pd.DataFrame,
                   by: str | Sequence[str] = ("mineral", "extraction_method")) -> pd.DataFrame:
    """Return, by group of site visits, how many people worked and how many were women.

    Columns: ``visits``; ``workers`` and ``women`` (people counted on the days of the visits);
    ``women_percent``, women as a percentage of all workers counted in the group (not an
    average of each visit's percentage, so large sites weigh more); ``visits_with_children_percent``,
    the percentage of visits where children were seen working. A visit without a worker count
    is left out of the worker figures, never counted as 0.
    """
    columns = [by] if isinstance(by, str) else list(by)
    _check_columns(site_visits, [*columns, "workers_total", "women_count", "children_present"])
    counted = site_visits.dropna(subset=["workers_total", "women_count"])
    grouped = counted.groupby(columns)
    workers = grouped["workers_total"].sum().astype(float)
    women = grouped["women_count"].sum().astype(float)
    children = site_visits.groupby(columns)["children_present"].mean().astype(float) * 100
    return pd.DataFrame({
        "visits": site_visits.groupby(columns).size(),
        "workers": workers.astype(int),
        "women": women.astype(int),
        "women_percent": (women / workers.where(workers > 0) * 100).round(1),
        "visits_with_children_percent": children.round(1),
    })


def women_at_sites_chart(summary: pd.DataFrame) -> Figure:
    """Horizontal bars of the share of women among workers (percent), one bar per group, with
    the share of visits where children were seen working beside it.

    ``summary`` is what ``women_at_sites`` returns.
    """
    names = [" / ".join(str(part).replace("_", " ") for part in (key if isinstance(key, tuple) else (key,)))
             for key in summary.index]
    figure, axes = plt.subplots(figsize=(8, 0.55 * len(names) + 1.6))
    plt.close(figure)
    positions = range(len(names))
    height = 0.38
    women = axes.barh([p - height / 2 for p in positions], summary["women_percent"].fillna(0), height,
                      color=WOMEN_COLOUR, label=t("day2.chart.women_label"))
    children = axes.barh([p + height / 2 for p in positions],
                         summary["visits_with_children_percent"].fillna(0), height, color=CHILDREN_COLOUR,
                         label=t("day2.chart.children_label"))
    axes.bar_label(women, fmt="%.0f%%", fontsize=8, padding=2)
    axes.bar_label(children, fmt="%.0f%%", fontsize=8, padding=2)
    axes.set_yticks(list(positions), names)
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xlabel(t("day2.chart.percent"))
    axes.set_title(t("day2.chart.women_title", note=t("day2.chart.synthetic_note")), fontsize=10)
    axes.legend(loc="lower right", frameon=False, fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return figure


def finest_periods(table: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """Return the rows of ``indicator`` in ``fairmined_premium_and_sales`` whose periods do not
    hold another row's period, in time order: the finest split the source gives, with no
    overlap, so the values may be compared side by side (but their sum need not match a
    published total).

    Rows with no end year (an open period) are left out. Raises Day2Error for an indicator the
    table does not have.
    """
    _check_columns(table, ["indicator", "period", "first_year", "last_year", "value"])
    rows = table[(table["indicator"] == indicator) & table["last_year"].notna()]
    if rows.empty:
        raise Day2Error("indicator", "day2.indicator_unknown", indicator=indicator,
                        known=", ".join(dict.fromkeys(table["indicator"].astype(str))))
    spans = list(zip(rows["first_year"].astype(int), rows["last_year"].astype(int), strict=True))

    def holds_another(span: tuple[int, int]) -> bool:
        return any(other != span and span[0] <= other[0] and other[1] <= span[1] for other in spans)

    keep = [not holds_another(span) for span in spans]
    return rows[keep].sort_values(["first_year", "last_year"]).reset_index(drop=True)


def fairmined_premium_chart(table: pd.DataFrame) -> Figure:
    """Bars of the Fairmined premium paid to certified mining organisations by period (US$
    thousands), from ``fairmined_premium_and_sales``, with the published 2014-2018 total."""
    yearly = finest_periods(table, "premium_paid")
    figure, axes = plt.subplots(figsize=(7, 3.4))
    plt.close(figure)
    thousands = yearly["value"].astype(float) / 1000
    bars = axes.bar(yearly["period"].astype(str), thousands, color=PREMIUM_COLOUR)
    axes.bar_label(bars, labels=[format_number(round(value)) for value in thousands], fontsize=9, padding=2)
    total = table[(table["indicator"] == "premium_paid") & (table["period"] == "2014-2018")]["value"]
    published = format_number(round(float(total.iloc[0]))) if len(total) else None
    note = t("day2.chart.premium_total", total=published) if published else ""
    axes.set_ylabel(t("day2.chart.premium_axis"))
    axes.set_ylim(0, float(thousands.max()) * 1.2)
    axes.set_title(t("day2.chart.premium_title", note=note), fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return figure


def frm_pilot_ratios(pilots: pd.DataFrame) -> pd.DataFrame:
    """Return the FRM pilots with ``hectares_per_site`` and ``hectares_per_miner_at_most``.

    The sources give the miners as "more than" a number, so the area per miner is an upper
    bound. Our own arithmetic on published figures, for calibration only.
    """
    _check_columns(pilots, ["period", "area_ha", "sites", "miners"])
    area = pilots["area_ha"].astype(float)
    return pd.DataFrame({
        "area_ha": area.to_numpy(),
        "sites": pilots["sites"].to_numpy(),
        "miners_more_than": pilots["miners"].to_numpy(),
        "hectares_per_site": (area / pilots["sites"].astype(float)).round(1).to_numpy(),
        "hectares_per_miner_at_most": (area / pilots["miners"].astype(float)).round(2).to_numpy(),
    }, index=pd.Index(pilots["period"].astype(str).to_numpy(), name="period"))


def frm_pilots_chart(pilots: pd.DataFrame) -> Figure:
    """Three panels comparing the FRM pilot reports: hectares, sites and miners (more than)."""
    periods = [t("day2.chart.frm_reported", period=period, year=year) for period, year in
               zip(pilots["period"].astype(str), pilots["reported_year"], strict=True)]
    panels = (("area_ha", t("day2.chart.frm_area")), ("sites", t("day2.chart.frm_sites")),
              ("miners", t("day2.chart.frm_miners")))
    figure, all_axes = plt.subplots(1, 3, figsize=(9, 3))
    plt.close(figure)
    for axes, (column, title) in zip(all_axes, panels, strict=True):
        values = pilots[column].astype(float)
        bars = axes.bar(periods, values, color=FRM_COLOURS[: len(periods)])
        axes.bar_label(bars, fmt="%g", fontsize=9, padding=2)
        axes.set_ylim(0, float(values.max()) * 1.25)
        axes.set_title(title, fontsize=10)
        axes.tick_params(axis="x", labelsize=8)
        axes.spines[["top", "right"]].set_visible(False)
    figure.suptitle(t("day2.chart.frm_title"), fontsize=10)
    figure.tight_layout()
    return figure


def site_costs_chart(costs: pd.DataFrame, without_topsoil: Sequence[str] = ()) -> Figure:
    """Bars of each site's rehabilitation cost per hectare (FCFA thousands), the sites named in
    ``without_topsoil`` drawn in red.

    ``costs`` is what ``rehabilitation.cost_per_hectare`` returns; a site whose cost is not
    recorded is written "no cost recorded", never drawn as 0.
    """
    _check_columns(costs, ["site_id", "cost_fcfa_per_ha"])
    flagged = set(without_topsoil)
    figure, axes = plt.subplots(figsize=(8, 0.32 * len(costs) + 1.4))
    plt.close(figure)
    values = costs["cost_fcfa_per_ha"].astype(float) / 1000
    top = float(values.max()) if values.notna().any() else 1.0
    for position, (site, value) in enumerate(zip(costs["site_id"], values, strict=True)):
        if pd.isna(value):
            axes.text(top * 0.02, position, t("day2.chart.no_cost"), va="center", fontsize=8, style="italic",
                      color="#9e9e9e")
            continue
        colour = "#b71c1c" if site in flagged else "#6d8b3a"
        axes.barh(position, value, color=colour)
        axes.text(value + top * 0.01, position, format_number(round(value)), va="center", fontsize=7)
    axes.set_yticks(range(len(costs)), costs["site_id"].astype(str), fontsize=8)
    axes.invert_yaxis()
    axes.set_xlim(0, top * 1.15)
    axes.set_xlabel(t("day2.chart.cost_axis"))
    axes.legend(handles=[Patch(color="#b71c1c", label=t("day2.chart.no_topsoil")),
                         Patch(color="#6d8b3a", label=t("day2.chart.topsoil"))],
                loc="lower right", frameon=False, fontsize=8)
    axes.set_title(t("day2.chart.cost_title", note=t("day2.chart.synthetic_note")), fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return figure


def _check_columns(table: pd.DataFrame, columns: Sequence[str]) -> None:
    require_columns(table, columns, Day2Error)

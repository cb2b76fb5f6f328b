"""Carrots, sticks and enablers: how a measure looks from the miner's side.

Each measure that a government, a buyer or a CSO might use to move miners towards formal
work is scored from the miner's point of view, on three plain scales:

- ``cost_to_miner`` (0-5): what it costs the miner in money, time or risk;
- ``benefit_to_miner`` (0-5): what the miner gains;
- ``months_to_benefit``: how long the miner waits before the benefit arrives.

The **net incentive score** (``net_incentive_score``) folds the three into one number. It is a
teaching construct of this workshop, not a published method: the facts file (section 3.2)
found no named carrot-and-stick matrix in the IUCN and Levin Sources material, and suggests
this kind of score as an exercise. It follows Levin Sources' first principle, "be miner-led":
judge a measure by the incentive it gives the miner.

Measures are also grouped by the barrier to formalisation they address. The five categories
of barriers are absent frameworks, inappropriate frameworks, weak enforcement, exclusionary
(costly, complex) licensing, and structural challenges (finance, technology, markets), from
the University of Johannesburg paper "Breaking the informal cycle..." (Mineral Economics,
accepted 2025): https://pure.uj.ac.za/en/publications/breaking-the-informal-cycle-integrating-artisanal-and-small-scale/
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from asm_workshop import data
from asm_workshop.cases import check_case
from asm_workshop.errors import Message, WorkshopError, rendered_problems
from asm_workshop.i18n import t
from asm_workshop.text import is_missing, is_number, name_key, plain_number

KINDS = ("carrot", "stick", "enabler")
"""Kinds of measure: a reward for formal work, a penalty for informal work, or help to get there."""

SCORE_RANGE = (0, 5)
"""Cost and benefit to the miner are scored on this scale, both ends included."""

BARRIERS = (
    "absent_law",
    "unsuited_law",
    "weak_enforcement",
    "costly_licence",
    "no_finance",
    "no_technology",
    "no_market_access",
)
"""The barrier a measure addresses, as the ``barrier`` column of the incentive table writes it."""

BARRIER_GROUPS = (
    "absent_framework",
    "inappropriate_framework",
    "weak_enforcement",
    "exclusionary_licensing",
    "structural",
)
"""The five categories of barriers to formalisation, in the order of the source."""

BARRIER_GROUP_OF = {
    "absent_law": "absent_framework",
    "unsuited_law": "inappropriate_framework",
    "weak_enforcement": "weak_enforcement",
    "costly_licence": "exclusionary_licensing",
    "no_finance": "structural",
    "no_technology": "structural",
    "no_market_access": "structural",
}
"""Barrier -> the one of the five categories it belongs to."""

MONTHS_FOR_HALF_WEIGHT = 12
"""A benefit this many months away counts half as much as one today (see net_incentive_score)."""

COLUMNS = ("measure", "kind", "barrier", "cost_to_miner", "benefit_to_miner", "months_to_benefit")
"""The columns of a measure, in order (what ``make_measure`` returns and the matrix saves)."""

KIND_COLOURS = {"carrot": "#e67e22", "stick": "#8e44ad", "enabler": "#16a085"}


class IncentiveError(WorkshopError):
    """A measure that cannot be scored. ``problems`` maps each bad field to its message."""


def net_incentive_score(cost_to_miner: float, benefit_to_miner: float,
                        months_to_benefit: float | None) -> float:
    """Return the net incentive of a measure for a miner, from -5 (all cost) to +5 (all gain).

    net = benefit_to_miner x 12 / (12 + months_to_benefit) - cost_to_miner

    The miner pays the cost now but waits for the benefit, and a poor miner cannot wait long:
    a benefit a year away counts half, two years away a third. A teaching construct, not a
    published method. ``months_to_benefit`` is None when the measure brings the miner no benefit
    they can date (the incentive table leaves it empty then): the benefit counts for nothing.
    Raises IncentiveError for scores outside 0-5 or negative months.
    """
    problems = _score_problems(cost_to_miner, benefit_to_miner, months_to_benefit)
    if problems:
        raise IncentiveError(problems)
    if is_missing(months_to_benefit):
        return -float(cost_to_miner)
    weight = MONTHS_FOR_HALF_WEIGHT / (MONTHS_FOR_HALF_WEIGHT + months_to_benefit)
    return benefit_to_miner * weight - cost_to_miner


def measure_problems(
    measure: Any,
    kind: Any,
    barrier: Any,
    cost_to_miner: Any,
    benefit_to_miner: Any,
    months_to_benefit: Any,
    *,
    other_measures: Iterable[str] = (),
) -> dict[str, str]:
    """Return what is wrong with one measure: field name -> message ({} when all is well).

    ``other_measures`` are the names already in the table; a measure may not repeat one
    (compared by ``text.name_key``: without case, accents or surrounding spaces).
    """
    return rendered_problems(_measure_messages(measure, kind, barrier, cost_to_miner, benefit_to_miner,
                                               months_to_benefit, other_measures))


def _measure_messages(measure: Any, kind: Any, barrier: Any, cost_to_miner: Any, benefit_to_miner: Any,
                      months_to_benefit: Any, other_measures: Iterable[str]) -> dict[str, Message]:
    """Return what is wrong with one measure, field -> Message not yet rendered."""
    problems: dict[str, Message] = {}
    name = measure.strip() if isinstance(measure, str) else ""
    if not name:
        problems["measure"] = Message.of("incentives.measure_empty")
    elif name_key(name) in {name_key(other) for other in other_measures}:
        problems["measure"] = Message.of("incentives.measure_duplicate", measure=name)
    if kind not in KINDS:
        problems["kind"] = Message.of("incentives.kind_unknown", kind=kind, known=", ".join(KINDS))
    if barrier not in BARRIERS:
        problems["barrier"] = Message.of("incentives.barrier_unknown", barrier=barrier,
                                         known=", ".join(BARRIERS))
    problems.update(_score_problems(cost_to_miner, benefit_to_miner, months_to_benefit))
    return problems


def make_measure(
    measure: str,
    kind: str,
    barrier: str,
    cost_to_miner: float,
    benefit_to_miner: float,
    months_to_benefit: float | None,
    *,
    other_measures: Iterable[str] = (),
) -> dict[str, Any]:
    """Return the measure as a plain dict with the keys of ``COLUMNS`` (name stripped of spaces).

    Raises IncentiveError naming every bad field.
    """
    problems = _measure_messages(measure, kind, barrier, cost_to_miner, benefit_to_miner,
                                 months_to_benefit, other_measures)
    if problems:
        raise IncentiveError(problems)
    return {
        "measure": measure.strip(),
        "kind": kind,
        "barrier": barrier,
        "cost_to_miner": plain_number(cost_to_miner),
        "benefit_to_miner": plain_number(benefit_to_miner),
        "months_to_benefit": None if is_missing(months_to_benefit) else plain_number(months_to_benefit),
    }


def score_incentives(measures: pd.DataFrame | Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Return the measures with their ``net_incentive`` (-5 to +5) and ``barrier_group`` added.

    Takes a table with at least the columns of ``COLUMNS`` (the incentive dataset has more,
    which are kept). Raises IncentiveError naming the first bad row: missing column, empty or
    repeated measure, unknown kind or barrier, score outside 0-5, negative months.
    """
    if isinstance(measures, pd.DataFrame):
        frame = measures.copy()
    else:
        rows = list(measures)
        frame = pd.DataFrame(rows) if rows else pd.DataFrame(columns=list(COLUMNS))
    data.require_columns(frame, COLUMNS, IncentiveError)
    seen: list[str] = []
    for position, row in enumerate(frame[list(COLUMNS)].itertuples(index=False), start=1):
        values = [None if is_missing(value) else value for value in row]
        problems = _measure_messages(*values, other_measures=seen)
        if problems:
            field, message = next(iter(problems.items()))
            raise IncentiveError(field, "incentives.row_problem", row=position, problem=message)
        seen.append(values[0])
    for column in ("cost_to_miner", "benefit_to_miner", "months_to_benefit"):
        frame[column] = pd.to_numeric(frame[column])
    frame["net_incentive"] = [
        net_incentive_score(float(cost), float(benefit), None if is_missing(months) else float(months))
        for cost, benefit, months in zip(frame["cost_to_miner"], frame["benefit_to_miner"],
                                         frame["months_to_benefit"], strict=True)
    ]
    frame["barrier_group"] = frame["barrier"].map(BARRIER_GROUP_OF)
    return frame


def by_barrier(measures: pd.DataFrame | Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Return one row per category of barrier (all five, in order, even with no measure).

    Columns: the number of carrots, sticks and enablers, ``measures`` (their total) and
    ``mean_net_incentive`` (missing where no measure addresses that barrier). A row of zeros
    is a gap: nothing in the table helps miners past that barrier.
    """
    scored = score_incentives(measures)
    counts = pd.crosstab(scored["barrier_group"], scored["kind"]) if len(scored) else pd.DataFrame()
    table = counts.reindex(index=list(BARRIER_GROUPS), columns=list(KINDS), fill_value=0).astype(int)
    table["measures"] = table.sum(axis=1)
    table["mean_net_incentive"] = scored.groupby("barrier_group")["net_incentive"].mean().reindex(
        list(BARRIER_GROUPS)).astype(float)
    table.index.name = "barrier_group"
    table.columns.name = None
    return table


def by_kind(measures: pd.DataFrame | Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Return one row per kind (carrot, stick, enabler): how many, and their mean cost to the
    miner, benefit to the miner (0-5), months to benefit and net incentive."""
    scored = score_incentives(measures)
    columns = ["cost_to_miner", "benefit_to_miner", "months_to_benefit", "net_incentive"]
    means = scored.groupby("kind")[columns].mean().astype(float) if len(scored) else pd.DataFrame(
        columns=columns, dtype=float)
    table = means.reindex(list(KINDS))
    table.insert(0, "measures", scored["kind"].value_counts().reindex(list(KINDS), fill_value=0).astype(int))
    table.index.name = "kind"
    return table


def incentive_chart(measures: pd.DataFrame | Iterable[dict[str, Any]], *, width: float = 6.4,
                    height: float = 4.6) -> Figure:
    """Return a chart of benefit against cost to the miner: one bubble per measure, coloured by
    kind, larger when the benefit comes sooner, numbered in table order.

    Above the diagonal a measure gives the miner more than it costs. Labels are in the current
    language. The figure is not attached to pyplot, so nothing needs closing.
    """
    scored = score_incentives(measures)
    figure = Figure(figsize=(width, height))
    # Fixed margins rather than constrained layout, which draws the figure twice (redraws are slow).
    figure.subplots_adjust(left=0.11, right=0.97, top=0.93, bottom=0.25)
    axes = figure.add_subplot()
    low, high = SCORE_RANGE
    axes.plot([low, high], [low, high], color="#9e9e9e", linestyle="--", linewidth=1)
    axes.text(high - 0.1, high - 0.35, t("incentives.chart_diagonal"), ha="right", va="top",
              rotation=0, fontsize=8, color="#616161")
    positions = _spread_overlaps(list(zip(scored["cost_to_miner"], scored["benefit_to_miner"], strict=True)))
    for kind in KINDS:
        rows = [i for i, row_kind in enumerate(scored["kind"]) if row_kind == kind]
        if not rows:
            continue
        sizes = [160 + 440 * _time_weight(scored["months_to_benefit"].iloc[i]) for i in rows]
        axes.scatter([positions[i][0] for i in rows], [positions[i][1] for i in rows], s=sizes,
                     color=KIND_COLOURS[kind], alpha=0.75, edgecolors="white", linewidths=1,
                     label=t(f"incentives.kind.{kind}"))
    for i, (x, y) in enumerate(positions):
        axes.annotate(str(i + 1), (x, y), ha="center", va="center", fontsize=8, color="white",
                      fontweight="bold")
    axes.set_xlim(low - 0.6, high + 0.6)
    axes.set_ylim(low - 0.6, high + 0.6)
    axes.set_xticks(range(low, high + 1))
    axes.set_yticks(range(low, high + 1))
    axes.set_xlabel(t("incentives.chart_cost_axis"))
    axes.set_ylabel(t("incentives.chart_benefit_axis"))
    axes.set_title(t("incentives.chart_title"))
    axes.grid(alpha=0.3)
    if len(scored):
        # Below the axes: inside, it would hide the bubbles in a corner (sticks sit bottom right).
        legend = axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=len(KINDS), fontsize=8,
                             title=t("incentives.chart_size_note"), title_fontsize=7, frameon=False)
        for handle in legend.legend_handles:
            handle.set_sizes([70])
    else:
        axes.text((low + high) / 2, (low + high) / 2, t("incentives.chart_empty"), ha="center", va="center",
                  color="#616161")
    return figure


def _score_problems(cost: Any, benefit: Any, months: Any) -> dict[str, Message]:
    problems = {}
    low, high = SCORE_RANGE
    for field, score in (("cost_to_miner", cost), ("benefit_to_miner", benefit)):
        if not is_number(score):
            problems[field] = Message.of(f"incentives.{field}_not_a_number", value=score)
        elif not low <= score <= high:
            problems[field] = Message.of(f"incentives.{field}_out_of_range", value=score, low=low, high=high)
    if is_missing(months):
        pass  # no date for the benefit: it counts for nothing (see net_incentive_score)
    elif not is_number(months):
        problems["months_to_benefit"] = Message.of("incentives.months_not_a_number", value=months)
    elif months < 0:
        problems["months_to_benefit"] = Message.of("incentives.months_negative", value=months)
    return problems


def _time_weight(months: Any) -> float:
    """How much a benefit this many months away counts (1 now, 0 when there is none)."""
    return 0.0 if is_missing(months) else MONTHS_FOR_HALF_WEIGHT / (MONTHS_FOR_HALF_WEIGHT + float(months))


def _spread_overlaps(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Return the points with those at the same place moved apart on a small circle, so that
    every bubble stays visible (scores are whole numbers and often coincide)."""
    at: dict[tuple[float, float], list[int]] = {}
    for index, point in enumerate(points):
        at.setdefault((float(point[0]), float(point[1])), []).append(index)
    spread = [(float(x), float(y)) for x, y in points]
    for (x, y), indexes in at.items():
        if len(indexes) < 2:
            continue
        radius = 0.25 if len(indexes) < 5 else 0.35
        for turn, index in enumerate(indexes):
            angle = 2 * math.pi * turn / len(indexes)
            spread[index] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
    return spread


def case_measures(case: str) -> pd.DataFrame:
    """Return the rows of the synthetic ``incentives`` dataset for ``case`` (e.g. "burkina_gold").

    Raises CaseError for a case the workshop does not have.
    """
    table = data.load("incentives")
    return table[table["case"] == check_case(case)].reset_index(drop=True)

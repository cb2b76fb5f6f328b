"""Mercury used and released by artisanal gold mining, from gold output and a mercury to gold ratio.

The arithmetic is the one behind a national action plan's baseline under the Minamata
Convention: mercury used = gold output x mercury to gold ratio. Mercury released is the part
of it that is not recovered. Everything is in kilograms per year; a ratio of 2.37 means
2.37 kg of mercury used for each kilogram of gold (Sud-Ouest, Burkina Faso, as published).

    from asm_workshop import data
    from asm_workshop.mercury import estimate_mercury, compare_with_published

    estimate = estimate_mercury(8605, 2.37)              # kg/year
    comparison = compare_with_published(estimate, data.load("burkina_mercury_baseline"), "Sud-Ouest")
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from asm_workshop.data import require_columns
from asm_workshop.errors import WorkshopError
from asm_workshop.i18n import format_number
from asm_workshop.text import is_missing, is_number

TECHNIQUES = ("whole_ore_amalgamation", "concentrate_amalgamation", "mercury_free")
"""Processing techniques, in the order they are shown: mercury mixed with all the crushed ore;
mercury mixed only with a gravity concentrate; no mercury at all (for contrast)."""

MAXIMUM_RATIO = 50.0
"""Highest mercury to gold ratio (kg Hg per kg Au) accepted: far above any published regional
figure for Burkina Faso (the highest is 2.37), so anything larger is almost surely a typing slip."""


class MercuryError(WorkshopError):
    """Inputs the mercury estimate cannot use, in the participant's language when read."""


@dataclass(frozen=True)
class Assumptions:
    """Starting values a participant can change: a ratio per technique and the share released."""

    mercury_to_gold_ratio: Mapping[str, float]
    """kg of mercury used per kg of gold, by technique."""
    released_share: float
    """Share of the mercury used that ends up released (0 to 1)."""


# ASSUMPTIONS FOR DISCUSSION, NOT PUBLISHED FIGURES. The workshop's sources give regional
# ratios for Burkina Faso (Sud-Ouest 2.37, Hauts-Bassins 2.31, Centre-Est 1.58) and national
# totals (77,624 kg of mercury for 49,581 kg of gold, about 1.57), but no ratio for each
# technique and no share released. These round numbers are chosen to sit either side of the
# published ratios, so that a participant sees the choice of technique matter; a released
# share of 1 means "nothing is recovered" (no retort). The lesson says so, and participants
# replace them with what they know.
ASSUMPTIONS_FOR_DISCUSSION = Assumptions(
    mercury_to_gold_ratio=MappingProxyType({
        "whole_ore_amalgamation": 3.0,
        "concentrate_amalgamation": 1.0,
        "mercury_free": 0.0,
    }),
    released_share=1.0,
)


@dataclass(frozen=True)
class MercuryEstimate:
    """Mercury used and released for one gold output and one ratio (all flows in kg/year)."""

    gold_kg_per_year: float
    mercury_to_gold_ratio: float
    """kg of mercury used per kg of gold."""
    released_share: float
    """Share of the mercury used that is released (0 to 1)."""
    mercury_used_kg_per_year: float
    mercury_released_kg_per_year: float
    technique: str | None = None
    """One of TECHNIQUES, or None when the ratio is not tied to a technique."""


@dataclass(frozen=True)
class RegionalBaseline:
    """What Burkina Faso's baseline publishes for one region; None where nothing is published.

    None means *not published*, never zero. ``computed_ratio`` is mercury use divided by
    gold output when both are published (our arithmetic, not a published ratio).
    """

    region: str
    published_ratio: float | None
    """kg Hg per kg Au, as published."""
    mercury_use_kg_per_year: float | None
    gold_output_kg_per_year: float | None
    computed_ratio: float | None
    source_url: str | None


@dataclass(frozen=True)
class RatioComparison:
    """An estimate beside a region's published ratio (ratios in kg Hg per kg Au, flows in kg/year)."""

    region: str
    estimated_ratio: float
    published_ratio: float | None
    """None when the region has no published ratio (missing, not zero)."""
    difference: float | None
    """estimated_ratio - published_ratio; None when nothing is published."""
    estimated_mercury_used_kg_per_year: float
    mercury_used_at_published_ratio_kg_per_year: float | None
    """The same gold output times the published ratio; None when nothing is published."""


def estimate_mercury(
    gold_kg_per_year: float,
    mercury_to_gold_ratio: float,
    released_share: float = ASSUMPTIONS_FOR_DISCUSSION.released_share,
    *,
    technique: str | None = None,
) -> MercuryEstimate:
    """Return mercury used (gold x ratio) and released (used x share), both in kg/year.

    ``released_share`` defaults to an assumption for discussion (1: nothing recovered), not a
    published figure. Raises MercuryError, in the participant's language, for a gold output that
    is negative or not a number, a ratio outside 0 to MAXIMUM_RATIO, a share outside 0 to 1, or
    an unknown technique.
    """
    gold = _number(gold_kg_per_year, "gold", "mercury.gold_not_a_number")
    if gold < 0:
        raise MercuryError("gold", "mercury.gold_negative", value=_shown(gold))
    ratio = check_ratio(mercury_to_gold_ratio)
    share = _number(released_share, "share", "mercury.share_not_a_number")
    if not 0 <= share <= 1:
        raise MercuryError("share", "mercury.share_out_of_range", value=_shown(share))
    if technique is not None:
        check_technique(technique)
    used = gold * ratio
    return MercuryEstimate(
        gold_kg_per_year=gold,
        mercury_to_gold_ratio=ratio,
        released_share=share,
        mercury_used_kg_per_year=used,
        mercury_released_kg_per_year=used * share,
        technique=technique,
    )


def estimate_by_technique(
    gold_kg_per_year: float,
    ratios: Mapping[str, float] | None = None,
    released_share: float = ASSUMPTIONS_FOR_DISCUSSION.released_share,
) -> dict[str, MercuryEstimate]:
    """Return one estimate per technique (in TECHNIQUES order), for the same gold output.

    ``ratios`` gives kg Hg per kg Au for some or all techniques; the others take the
    assumptions for discussion in ASSUMPTIONS_FOR_DISCUSSION.
    """
    chosen = dict(ASSUMPTIONS_FOR_DISCUSSION.mercury_to_gold_ratio)
    for technique, ratio in (ratios or {}).items():
        chosen[check_technique(technique)] = ratio
    return {
        technique: estimate_mercury(gold_kg_per_year, chosen[technique], released_share, technique=technique)
        for technique in TECHNIQUES
    }


def regional_baseline(baseline: pd.DataFrame, region: str) -> RegionalBaseline:
    """Return what ``baseline`` (``data.load("burkina_mercury_baseline")``) publishes for ``region``.

    Raises MercuryError naming the known regions when ``region`` is not in the table.
    """
    require_columns(baseline, _BASELINE_COLUMNS, MercuryError, field="baseline",
                    message_key="mercury.baseline_columns_missing")
    rows = baseline[baseline["region"] == region]
    if rows.empty:
        known = ", ".join(str(name) for name in baseline["region"].dropna())
        raise MercuryError("region", "mercury.region_unknown", region=region, known=known)
    row = rows.iloc[0]
    mercury = _present(row["hg_use_kg_per_year"])
    gold = _present(row["gold_output_kg_per_year"])
    source = row["source_url"] if "source_url" in row.index and not is_missing(row["source_url"]) else None
    return RegionalBaseline(
        region=region,
        published_ratio=_present(row["hg_to_au_ratio"]),
        mercury_use_kg_per_year=mercury,
        gold_output_kg_per_year=gold,
        computed_ratio=mercury / gold if mercury is not None and gold else None,
        source_url=source,
    )


def compare_with_published(estimate: MercuryEstimate, baseline: pd.DataFrame, region: str) -> RatioComparison:
    """Return ``estimate`` beside ``region``'s published ratio (None fields where none is published)."""
    published = regional_baseline(baseline, region).published_ratio
    return RatioComparison(
        region=region,
        estimated_ratio=estimate.mercury_to_gold_ratio,
        published_ratio=published,
        difference=None if published is None else estimate.mercury_to_gold_ratio - published,
        estimated_mercury_used_kg_per_year=estimate.mercury_used_kg_per_year,
        mercury_used_at_published_ratio_kg_per_year=(
            None if published is None else estimate.gold_kg_per_year * published
        ),
    )


def check_ratio(mercury_to_gold_ratio: float) -> float:
    """Return the ratio as a float if it is a number from 0 to MAXIMUM_RATIO; else raise MercuryError."""
    ratio = _number(mercury_to_gold_ratio, "ratio", "mercury.ratio_not_a_number")
    if not 0 <= ratio <= MAXIMUM_RATIO:
        raise MercuryError("ratio", "mercury.ratio_out_of_range", value=_shown(ratio),
                           maximum=_shown(MAXIMUM_RATIO))
    return ratio


def check_technique(technique: str) -> str:
    """Return ``technique`` if it is one of TECHNIQUES; else raise MercuryError."""
    if technique not in TECHNIQUES:
        raise MercuryError("technique", "mercury.technique_unknown", technique=technique,
                           known=", ".join(TECHNIQUES))
    return technique


_BASELINE_COLUMNS = ("region", "hg_use_kg_per_year", "gold_output_kg_per_year", "hg_to_au_ratio")


def _number(value: object, field: str, message_key: str) -> float:
    # bool is a number to Python, never to a participant typing a gold output.
    if not is_number(value):
        raise MercuryError(field, message_key, value=value)
    return float(value)


def _present(value: object) -> float | None:
    return None if is_missing(value) else float(value)


def _shown(value: float) -> functools.partial[str]:
    """The number as a message shows it, written in the language of the moment it is read."""
    return functools.partial(format_number, value, 6, trim=True, grouping=False)

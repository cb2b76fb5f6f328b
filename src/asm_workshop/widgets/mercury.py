"""The mercury use estimator: gold output and a technique give mercury used and released.

A thin view over ``asm_workshop.mercury``: it collects the gold output, the technique, its
mercury to gold ratio and the share released, calls ``estimate_mercury``, shows the result,
a bar chart of the techniques and the region's published ratio, and saves the answer.

    from asm_workshop import data
    from asm_workshop.widgets.mercury import MercuryEstimator

    MercuryEstimator("day1.mercury_estimate", data.load("burkina_mercury_baseline"), region="Sud-Ouest")
"""

from __future__ import annotations

import html
import io
import os
import textwrap
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from asm_workshop.i18n import format_number, get_language, parse_number, t
from asm_workshop.mercury import (
    ASSUMPTIONS_FOR_DISCUSSION,
    TECHNIQUES,
    MercuryEstimate,
    RegionalBaseline,
    check_technique,
    estimate_by_technique,
    estimate_mercury,
    regional_baseline,
)
from asm_workshop.widgets.base import AnswerWidget, message_html

_USED_COLOUR = "#8d6e63"
_RELEASED_COLOUR = "#b71c1c"
_PUBLISHED_COLOUR = "#37474f"
_LABEL_LAYOUT = {"width": "20em"}


def technique_chart(
    estimates: Mapping[str, MercuryEstimate],
    *,
    selected: str | None = None,
    published: RegionalBaseline | None = None,
) -> Figure:
    """Bar chart of mercury used and released (kg/year) for each technique, same gold output.

    ``selected`` marks the participant's technique. With ``published``, a last bar shows the
    mercury the region's published ratio gives for that gold output (left out, and said so in
    the title, when the region has no published ratio). The figure is not on pyplot's list:
    nothing to close, and nothing shown twice in a notebook.
    """
    names = [technique for technique in TECHNIQUES if technique in estimates]
    labels = [t(f"mercury.technique.{technique}") + (f" {t('mercury.chart_your_choice')}"
                                                     if technique == selected else "")
              for technique in names]
    used = [estimates[technique].mercury_used_kg_per_year for technique in names]
    released = [estimates[technique].mercury_released_kg_per_year for technique in names]
    gold = next(iter(estimates.values())).gold_kg_per_year if estimates else 0.0
    figure = Figure(figsize=(7.5, 3.8), layout="constrained")
    axes = figure.subplots()
    width = 0.38
    positions = list(range(len(names)))
    bars = [
        axes.bar([p - width / 2 for p in positions], used, width, color=_USED_COLOUR,
                 label=t("mercury.chart_used")),
        axes.bar([p + width / 2 for p in positions], released, width, color=_RELEASED_COLOUR,
                 label=t("mercury.chart_released")),
    ]
    heights = used + released
    if published is not None and published.published_ratio is not None:
        at_published = gold * published.published_ratio
        labels.append(t("mercury.chart_published", region=published.region,
                         ratio=format_number(published.published_ratio, 2)))
        positions.append(len(names))
        bars.append(axes.bar([len(names)], [at_published], width, color=_PUBLISHED_COLOUR,
                             label=t("mercury.chart_published_legend")))
        heights.append(at_published)
    for group in bars:
        axes.bar_label(group, labels=[format_number(bar.get_height()) for bar in group],
                       padding=2, fontsize=8)
    axes.set_xticks(positions, [textwrap.fill(label, 20) for label in labels], fontsize=8)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: format_number(value)))
    axes.set_ylabel(t("mercury.chart_axis"))
    title = t("mercury.chart_title", gold=format_number(gold))
    if published is not None and published.published_ratio is None:
        title += "\n" + t("mercury.chart_no_published", region=published.region)
    axes.set_title(title, fontsize=10)
    top = max([*heights, 1.0])
    axes.set_ylim(0, top * 1.3)
    axes.legend(fontsize=8, frameon=False, loc="upper center", ncol=3)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return figure


def figure_png(figure: Figure) -> bytes:
    """Return ``figure`` as PNG bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=96)
    return buffer.getvalue()


class MercuryEstimator(AnswerWidget):
    """Estimate a region's mercury used and released from its gold output; saved under ``key``.

    ``baseline`` is ``data.load("burkina_mercury_baseline")``; with it, the gold output starts
    at the region's published figure (empty when none is published) and the region's published
    ratio is shown beside the estimate. The ratio of each technique and the share released
    start from ``ASSUMPTIONS_FOR_DISCUSSION`` (assumptions, not published figures).

    ``value`` is a dict: region, gold_kg_per_year, technique, mercury_to_gold_ratio,
    released_share, mercury_used_kg_per_year, mercury_released_kg_per_year, published_ratio
    (flows in kg/year, ratios in kg Hg per kg Au; None where there is nothing).
    """

    def __init__(
        self,
        key: str,
        baseline: pd.DataFrame | None = None,
        *,
        region: str | None = "Sud-Ouest",
        folder: str | os.PathLike[str] | None = None,
    ) -> None:
        self.region = region if baseline is not None else None
        self.baseline = regional_baseline(baseline, region) if baseline is not None else None
        published_gold = self.baseline.gold_output_kg_per_year if self.baseline else None
        self._gold: float | None = published_gold
        self._technique = TECHNIQUES[0]
        self._ratio = ASSUMPTIONS_FOR_DISCUSSION.mercury_to_gold_ratio[self._technique]
        self._share = ASSUMPTIONS_FOR_DISCUSSION.released_share
        self._drawn: tuple | None = None
        super().__init__(key, folder=folder)

    # Fields ---------------------------------------------------------------------------
    def build(self) -> list[widgets.Widget]:
        self._heading = widgets.HTML()
        self._gold_label = widgets.HTML(layout=_LABEL_LAYOUT)
        self._technique_label = widgets.HTML(layout=_LABEL_LAYOUT)
        self._ratio_label = widgets.HTML(layout=_LABEL_LAYOUT)
        self._share_label = widgets.HTML(layout=_LABEL_LAYOUT)
        self.gold = widgets.Text(value=self._number_text(self._gold), layout={"width": "10em"})
        self.technique = widgets.Dropdown(options=[], layout={"width": "18em"})
        self.ratio = widgets.Text(value=self._number_text(self._ratio), layout={"width": "10em"})
        self.share = widgets.FloatSlider(value=self._share, min=0.0, max=1.0, step=0.05,
                                         readout_format=".0%", continuous_update=False)
        self._assumption_note = widgets.HTML()
        self._result = widgets.HTML()
        self._comparison = widgets.HTML()
        self.chart = widgets.Image(format="png", layout={"max_width": "720px"})
        # Stable names for browser tests and for facilitators' custom styling.
        for name, widget in (("gold", self.gold), ("technique", self.technique), ("ratio", self.ratio),
                             ("share", self.share), ("chart", self.chart)):
            widget.add_class(f"asm-mercury-{name}")
        self.relabel()
        self.technique.value = self._technique
        self.gold.observe(lambda _: self._number_typed("gold", lambda gold: estimate_mercury(
            gold, self._ratio, self._share)), "value")
        self.ratio.observe(lambda _: self._number_typed("ratio", lambda ratio: estimate_mercury(
            0, ratio, self._share)), "value")
        self.technique.observe(lambda _: self._technique_chosen(), "value")
        self.share.observe(lambda _: self._share_moved(), "value")
        return [
            self._heading,
            widgets.HBox([self._gold_label, self.field("gold", self.gold)]),
            widgets.HBox([self._technique_label, self.field("technique", self.technique)]),
            widgets.HBox([self._ratio_label, self.field("ratio", self.ratio)]),
            widgets.HBox([self._share_label, self.field("share", self.share)]),
            self._assumption_note,
            self._result,
            self._comparison,
            self.chart,
        ]

    def relabel(self) -> None:
        heading = t("mercury.title")
        if self.region:
            heading += f" · {self.region}"
        self._heading.value = f"<b>{html.escape(heading)}</b>"
        self._gold_label.value = html.escape(t("mercury.gold_label"))
        self._technique_label.value = html.escape(t("mercury.technique_label"))
        self._ratio_label.value = html.escape(t("mercury.ratio_label"))
        self._share_label.value = html.escape(t("mercury.share_label"))
        self._assumption_note.value = message_html(t("mercury.assumption_note"), "info")
        # New option labels pass the list through "nothing chosen": not a participant's choice.
        with self.syncing_fields():
            chosen = self.technique.value
            self.technique.options = [(t(f"mercury.technique.{name}"), name) for name in TECHNIQUES]
            self.technique.value = chosen if chosen is not None else self._technique

    # The answer -------------------------------------------------------------------------
    @property
    def estimate(self) -> MercuryEstimate | None:
        """The estimate for the last good inputs, or None while there is no gold output."""
        if self._gold is None:
            return None
        return estimate_mercury(self._gold, self._ratio, self._share, technique=self._technique)

    @property
    def value(self) -> dict[str, Any]:
        estimate = self.estimate
        return {
            "region": self.region,
            "gold_kg_per_year": self._gold,
            "technique": self._technique,
            "mercury_to_gold_ratio": self._ratio,
            "released_share": self._share,
            "mercury_used_kg_per_year": estimate.mercury_used_kg_per_year if estimate else None,
            "mercury_released_kg_per_year": estimate.mercury_released_kg_per_year if estimate else None,
            "published_ratio": self.baseline.published_ratio if self.baseline else None,
        }

    def check_saved(self, value: Any) -> str | None:
        if not isinstance(value, dict):
            return "expected a dict of inputs and results"
        if value.get("region") != self.region:
            return f"it is the answer for the region {value.get('region')!r}, not {self.region!r}"
        try:
            check_technique(value.get("technique"))
            gold = value.get("gold_kg_per_year")
            estimate_mercury(0 if gold is None else gold, value.get("mercury_to_gold_ratio"),
                             value.get("released_share"))
        except ValueError as problem:
            return str(problem)
        return None

    def restore(self, value: dict[str, Any]) -> None:
        self.set_inputs(
            gold_kg_per_year=value["gold_kg_per_year"],
            technique=value["technique"],
            mercury_to_gold_ratio=value["mercury_to_gold_ratio"],
            released_share=value["released_share"],
        )

    def set_inputs(
        self,
        *,
        gold_kg_per_year: float | None = None,
        technique: str | None = None,
        mercury_to_gold_ratio: float | None = None,
        released_share: float | None = None,
    ) -> None:
        """Fill the fields given (as a participant's typing would); check them all first.

        Raises ValueError, and changes nothing, when one is impossible. A new technique
        brings its assumed ratio unless ``mercury_to_gold_ratio`` is given too.
        """
        gold = self._gold if gold_kg_per_year is None else gold_kg_per_year
        chosen = self._technique if technique is None else check_technique(technique)
        ratio = mercury_to_gold_ratio
        if ratio is None:
            ratio = (ASSUMPTIONS_FOR_DISCUSSION.mercury_to_gold_ratio[chosen]
                     if technique is not None else self._ratio)
        share = self._share if released_share is None else released_share
        estimate_mercury(0 if gold is None else gold, ratio, share, technique=chosen)
        with self.syncing_fields():
            self._gold, self._technique, self._ratio, self._share = (
                None if gold is None else float(gold), chosen, float(ratio), float(share))
            self.gold.value = self._number_text(self._gold)
            self.technique.value = chosen
            self.ratio.value = self._number_text(self._ratio)
            self.share.value = self._share
            for name in ("gold", "technique", "ratio", "share"):
                self.show_problem(name, None)
        self.answer_changed()

    # Reacting to the participant -----------------------------------------------------------
    def _number_typed(self, name: str, check: Callable[[float], object]) -> None:
        """Read the number typed in field ``name`` ("gold" or "ratio"); keep it when ``check``
        accepts it, else show why next to the field and keep the last good one."""
        if self.syncing:
            return
        try:
            number = parse_number(getattr(self, name).value, field=name)
            check(number)
        except ValueError as problem:
            self.show_problem(name, str(problem))
            return
        self.show_problem(name, None)
        setattr(self, f"_{name}", number)
        self.answer_changed()

    def _technique_chosen(self) -> None:
        if self.syncing or self.technique.value is None:
            return
        self._technique = self.technique.value
        self._ratio = ASSUMPTIONS_FOR_DISCUSSION.mercury_to_gold_ratio[self._technique]
        with self.syncing_fields():
            self.ratio.value = self._number_text(self._ratio)
        self.show_problem("ratio", None)
        self.answer_changed()

    def _share_moved(self) -> None:
        if self.syncing:
            return
        self._share = float(self.share.value)
        self.answer_changed()

    # Showing the result ----------------------------------------------------------------------
    def refresh(self) -> None:
        estimate = self.estimate
        if estimate is None:
            text = (t("mercury.gold_not_published", region=self.region) if self.baseline
                    else t("mercury.enter_gold"))
            self._result.value = message_html(text, "warning")
        else:
            used = t("mercury.result_used", used=format_number(estimate.mercury_used_kg_per_year))
            released = t("mercury.result_released",
                         released=format_number(estimate.mercury_released_kg_per_year),
                         share=format_number(estimate.released_share * 100))
            self._result.value = (f'<p style="margin:4px 0"><b>{html.escape(used)}</b><br>'
                                  f"{html.escape(released)}</p>")
        self._comparison.value = self._comparison_html(estimate)
        gold = estimate.gold_kg_per_year if estimate else None
        if gold is None:
            self.chart.value, self._drawn = b"", None
            self.chart.layout.display = "none"
            return
        self.chart.layout.display = None
        # Drawing takes a tenth of a second or more: only when something drawn has changed.
        drawn = (gold, self._technique, self._ratio, self._share, get_language())
        if drawn == self._drawn:
            return
        estimates = estimate_by_technique(gold, {self._technique: self._ratio}, self._share)
        self.chart.value = figure_png(technique_chart(estimates, selected=self._technique,
                                                      published=self.baseline))
        self._drawn = drawn

    def _comparison_html(self, estimate: MercuryEstimate | None) -> str:
        if self.baseline is None:
            return message_html(t("mercury.no_baseline"), "info")
        region = self.baseline.region
        lines = []
        published = self.baseline.published_ratio
        if published is None:
            lines.append(message_html(t("mercury.no_published_ratio", region=region), "warning"))
        else:
            lines.append(message_html(t("mercury.published_ratio", region=region,
                                        ratio=format_number(published, 2)), "info"))
            if estimate is not None:
                difference = estimate.mercury_to_gold_ratio - published
                if abs(difference) < 0.005:
                    key = "mercury.ratio_same_as_published"
                elif difference > 0:
                    key = "mercury.ratio_above_published"
                else:
                    key = "mercury.ratio_below_published"
                lines.append(message_html(t(
                    key, difference=format_number(abs(difference), 2),
                    mercury=format_number(estimate.gold_kg_per_year * published)), "info"))
        if self.baseline.computed_ratio is not None and published is None:
            lines.append(message_html(t(
                "mercury.computed_ratio", region=region,
                mercury=format_number(self.baseline.mercury_use_kg_per_year),
                gold=format_number(self.baseline.gold_output_kg_per_year),
                ratio=format_number(self.baseline.computed_ratio, 2)), "info"))
        if self.baseline.source_url:
            lines.append(message_html(t("mercury.source", url=self.baseline.source_url), "info"))
        return "".join(lines)

    def _number_text(self, value: float | None) -> str:
        # What a participant would type: no thousands separator, the language's decimal mark.
        if value is None:
            return ""
        return format_number(value, 4, trim=True, grouping=False)

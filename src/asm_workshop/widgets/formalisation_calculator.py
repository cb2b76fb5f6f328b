"""The formalisation calculator: a miner's year informal and formal, and the break-even point."""

from __future__ import annotations

import html
import io
import os
from typing import Any

import ipywidgets as widgets
from matplotlib.figure import Figure

from asm_workshop.formalisation import (
    SHARE_FIELDS,
    FormalisationError,
    MinerYear,
    break_even_output,
    break_even_premium,
    fairmined_premium_fcfa_per_gram,
    field_name,
    formal_income,
    income_chart,
    informal_income,
    miner_year_problems,
)
from asm_workshop.i18n import format_number, t
from asm_workshop.widgets.base import AnswerWidget, message_html

PRACTICE_YEAR = MinerYear(
    gold_grams_per_year=300,
    informal_price_fcfa_per_gram=48_000,
    reference_price_fcfa_per_gram=50_000,
    middleman_loss_share=0.05,
    licence_and_fees_fcfa_per_year=1_000_000,
    tax_share=0.10,
    premium_fcfa_per_gram=0,
)
"""Starting values, invented for practice (the calculator says so): replace them with what the
miners you work with tell you; the on-site price is the participant's own estimate. Both prices
lie within the roughly 45,000-51,000 FCFA per gram a miner would get in December 2024 (facts.md
section 6.5, our arithmetic): spot was about 54,000 FCFA per gram on 12 December 2024
(1,679,841 FCFA per ounce, https://www.buygoldbarsafrica.com/gold-price-in-burkina-faso), and
miners were paid 83.8 % to 94 % of spot in 2020
(https://www.planetgold.org/burkina-faso-gold-prices-inch-back-towards-pre-covid-levels-0).
No 2025 price in FCFA was found, so none is used."""

INPUTS = (
    "gold_grams_per_year",
    "informal_price_fcfa_per_gram",
    "middleman_loss_share",
    "reference_price_fcfa_per_gram",
    "tax_share",
    "licence_and_fees_fcfa_per_year",
    "premium_fcfa_per_gram",
)
"""The calculator's fields, top to bottom (MinerYear's fields); shares are typed as percentages."""


class FormalisationCalculator(AnswerWidget):
    """Compare a miner's (or a mining group's) yearly income informal and formal; saved under its key.

    Shows both incomes, the premium per gram and the gold output at which formal work pays as
    much as informal work, and a chart of both incomes against gold output. A field with bad
    input gets a message beside it; the last good answer stays on screen and in the file.
    ``value`` is a dict: ``inputs`` (MinerYear's fields, shares from 0 to 1),
    ``informal_fcfa_per_year``, ``formal_fcfa_per_year``, ``break_even_premium_fcfa_per_gram``
    and ``break_even_output_grams_per_year`` (None where there is no break-even point).
    """

    def __init__(self, key: str, *, start: MinerYear | None = None,
                 folder: str | os.PathLike[str] | None = None) -> None:
        self._year = PRACTICE_YEAR if start is None else start
        super().__init__(key, folder=folder)

    # Fields ---------------------------------------------------------------------------
    def build(self) -> list[widgets.Widget]:
        self._title = widgets.HTML()
        self._practice_note = widgets.HTML()
        self._inputs = {name: widgets.FloatText(layout={"width": "30em"}, style={"description_width": "18em"})
                        for name in INPUTS}
        self._show_inputs(self._year)
        for name, widget in self._inputs.items():
            widget.observe(lambda _: self._inputs_changed(), "value")
            widget.add_class(f"asm-formalisation-{name}")
        self._exchange_rate = widgets.FloatText(value=0, layout={"width": "30em"},
                                                style={"description_width": "18em"})
        self._fairmined = widgets.Button(icon="certificate", layout={"width": "auto"})
        self._ecological = widgets.Button(icon="leaf", layout={"width": "auto"})
        self._fairmined.on_click(lambda _: self._use_fairmined(ecological=False))
        self._ecological.on_click(lambda _: self._use_fairmined(ecological=True))
        self._exchange_rate.add_class("asm-formalisation-exchange-rate")
        self._fairmined_note = widgets.HTML()
        self._results = widgets.HTML()
        self._results.add_class("asm-formalisation-results")
        self._chart = widgets.Image(format="png", layout={"max_width": "640px"})
        self._chart.add_class("asm-formalisation-chart")
        self.relabel()
        fields = [self.field(name, self._inputs[name]) for name in INPUTS]
        return [
            self._title, self._practice_note, *fields,
            self._fairmined_note, self.field("fcfa_per_us_dollar", self._exchange_rate),
            widgets.HBox([self._fairmined, self._ecological]),
            self._results, self._chart,
        ]

    def relabel(self) -> None:
        self._title.value = f"<b>{html.escape(t('formalisation.title'))}</b>"
        self._practice_note.value = message_html(t("formalisation.practice_values"), "warning")
        for name, widget in self._inputs.items():
            widget.description = t("formalisation.percent_of", name=field_name(name)) \
                if name in SHARE_FIELDS else field_name(name)
        self._exchange_rate.description = t("formalisation.field.fcfa_per_us_dollar")
        self._fairmined_note.value = message_html(t("formalisation.fairmined_note"))
        self._fairmined.description = t("formalisation.use_fairmined")
        self._ecological.description = t("formalisation.use_fairmined_ecological")

    # The answer -----------------------------------------------------------------------
    @property
    def year(self) -> MinerYear:
        """The last good inputs (what the results on screen and the saved answer are for)."""
        return self._year

    @property
    def value(self) -> dict[str, Any]:
        year = self._year
        return {
            "inputs": year.to_dict(),
            "informal_fcfa_per_year": informal_income(year).net_fcfa_per_year,
            "formal_fcfa_per_year": formal_income(year).net_fcfa_per_year,
            "break_even_premium_fcfa_per_gram": break_even_premium(year).value,
            "break_even_output_grams_per_year": break_even_output(year).value,
        }

    def restore(self, value: dict[str, Any]) -> None:
        self._year = MinerYear(**value["inputs"])
        self._show_inputs(self._year)

    def check_saved(self, value: Any) -> str | None:
        if not isinstance(value, dict) or not isinstance(value.get("inputs"), dict):
            return "expected a dict with the calculator's inputs"
        problems = miner_year_problems(**value["inputs"])
        return next(iter(problems.values()), None)

    # What a participant can do ------------------------------------------------------------
    def set_inputs(self, **inputs: float) -> None:
        """Type these values into the fields (MinerYear's field names; shares from 0 to 1), as a
        participant would. Raises FormalisationError, with each problem shown beside its field,
        when they cannot describe a miner's year; the last good answer is kept."""
        unknown = [name for name in inputs if name not in INPUTS]
        if unknown:
            raise FormalisationError(unknown[0], "formalisation.field_unknown", field=unknown[0],
                                     known=", ".join(INPUTS))
        with self.syncing_fields():  # one check of all the fields at the end, not one per field
            for name, number in inputs.items():
                self._inputs[name].value = number * 100 if name in SHARE_FIELDS else number
        problems = self._inputs_changed()
        if problems:
            raise FormalisationError(problems)

    def refresh(self) -> None:
        year = self._year
        informal, formal = informal_income(year), formal_income(year)
        self._results.value = self._results_html(informal, formal, year)
        self._chart.value = _png(income_chart(year))

    # Inside -------------------------------------------------------------------------
    def _typed(self) -> dict[str, float]:
        return {name: widget.value / 100 if name in SHARE_FIELDS else widget.value
                for name, widget in self._inputs.items()}

    def _inputs_changed(self) -> dict[str, str]:
        """Check the fields; show each problem beside its field; on good input, recompute and save."""
        if self.syncing:
            return {}
        typed = self._typed()
        problems = miner_year_problems(**typed)
        for name in SHARE_FIELDS:
            if name in problems:  # the participant typed a percentage: say it in those terms
                problems[name] = t("formalisation.percent_out_of_range", name=field_name(name),
                                   value=format_number(typed[name] * 100, 1))
        for name in INPUTS:
            self.show_problem(name, problems.get(name))
        if problems:
            self.show_status(t("formalisation.showing_last_good"), "warning")
            return problems
        self.show_status(None)
        self._year = MinerYear(**typed)
        self.answer_changed()
        return {}

    def _use_fairmined(self, *, ecological: bool) -> None:
        try:
            premium = fairmined_premium_fcfa_per_gram(self._exchange_rate.value, ecological=ecological)
        except FormalisationError as error:
            self.show_problem("fcfa_per_us_dollar", error.problems["fcfa_per_us_dollar"])
            return
        self.show_problem("fcfa_per_us_dollar", None)
        self._inputs["premium_fcfa_per_gram"].value = round(premium, 2)

    def _show_inputs(self, year: MinerYear) -> None:
        with self.syncing_fields():
            for name, number in year.to_dict().items():
                self._inputs[name].value = round(number * 100, 6) if name in SHARE_FIELDS else number

    @staticmethod
    def _results_html(informal, formal, year: MinerYear) -> str:
        def row(label: str, amount: float, sign: str = "") -> str:
            return (f"<tr><td style='padding:1px 10px 1px 0'>{html.escape(label)}</td>"
                    f"<td style='text-align:right'>{sign}{format_number(amount)}</td></tr>")

        informal_rows = (row(t("formalisation.gold_sales"), informal.gold_sales_fcfa_per_year)
                         + row(t("formalisation.lost_to_middlemen"), informal.middlemen_fcfa_per_year, "− "))
        formal_rows = (row(t("formalisation.gold_sales"), formal.gold_sales_fcfa_per_year)
                       + row(t("formalisation.taxes"), formal.taxes_fcfa_per_year, "− ")
                       + row(t("formalisation.licence_and_fees"), formal.licence_and_fees_fcfa_per_year, "− ")
                       + row(t("formalisation.premium"), formal.premium_fcfa_per_year, "+ "))

        def block(title: str, rows: str, net: float, colour: str) -> str:
            return (f"<div style='display:inline-block;vertical-align:top;margin-right:2em'>"
                    f"<b style='color:{colour}'>{html.escape(title)}</b><table>{rows}"
                    f"<tr style='font-weight:bold'><td>{html.escape(t('formalisation.net'))}</td>"
                    f"<td style='text-align:right' class='asm-net'>{format_number(net)}</td></tr>"
                    "</table></div>")

        difference = formal.net_fcfa_per_year - informal.net_fcfa_per_year
        if difference > 0:
            verdict = t("formalisation.formal_pays_more", amount=format_number(difference))
        elif difference < 0:
            verdict = t("formalisation.formal_pays_less", amount=format_number(-difference))
        else:
            verdict = t("formalisation.pay_the_same")
        return (
            f"<p style='margin:6px 0 2px'>{html.escape(t('formalisation.amounts_in'))}</p>"
            + block(t("formalisation.informal"), informal_rows, informal.net_fcfa_per_year, "#c0392b")
            + block(t("formalisation.formal"), formal_rows, formal.net_fcfa_per_year, "#1f618d")
            + f"<p class='asm-verdict'><b>{html.escape(verdict)}</b></p>"
            + f"<p class='asm-break-even-premium'>{html.escape(break_even_premium(year).explain())}</p>"
            + f"<p class='asm-break-even-output'>{html.escape(break_even_output(year).explain())}</p>"
        )


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    return buffer.getvalue()

"""A miner's year, informal and formal: which pays more, and where the two break even.

A miner, or a mining group that sells together, sells ``gold_grams_per_year`` grams of gold.

- **Informal**, on the site, to a buyer who pays ``informal_price_fcfa_per_gram`` (usually below
  the reference price), and loses a share of that, ``middleman_loss_share``, to middlemen:
  advances repaid in gold, short weighing, commissions.
- **Formal**, to a licensed buyer at ``reference_price_fcfa_per_gram``, less taxes and
  royalties (``tax_share`` of the sales) and the yearly licence and fees
  (``licence_and_fees_fcfa_per_year``), plus any premium per gram
  (``premium_fcfa_per_gram``), such as the Fairmined premium.

Yearly incomes (FCFA per year)::

    informal = grams x informal price x (1 - middleman loss share)
    formal   = grams x (reference price x (1 - tax share) + premium) - licence and fees

Both are straight lines in the grams sold, which is why there is at most one break-even point.
The model is a simplification for discussion: it leaves out, among others, the cost of
mining itself (the same either way), the time spent on paperwork, and risks such as seizure.

Fairmined premium (facts.md section 3.6): up to US$4,000 per kg of gold, plus US$2,000 per kg
for Fairmined Ecological Gold, https://fairmined.org/we-have-reached-over-2500000-dollars-in-fairmined-premium
The exchange rate to FCFA changes; it is an input here, never a constant.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from asm_workshop.errors import Message, WorkshopError, rendered_problems
from asm_workshop.i18n import format_number, t
from asm_workshop.text import is_number, plain_number

FAIRMINED_PREMIUM_USD_PER_KG = 4_000
"""The Fairmined premium: up to US$4,000 per kg of gold (an upper bound, not a fixed price)."""

FAIRMINED_ECOLOGICAL_PREMIUM_USD_PER_KG = 2_000
"""Added to the Fairmined premium for Fairmined Ecological Gold: US$2,000 per kg."""

FAIRMINED_SOURCE = "https://fairmined.org/we-have-reached-over-2500000-dollars-in-fairmined-premium"

SHARE_FIELDS = ("middleman_loss_share", "tax_share")
PRICE_FIELDS = ("informal_price_fcfa_per_gram", "reference_price_fcfa_per_gram")

INFORMAL_COLOUR = "#c0392b"
FORMAL_COLOUR = "#1f618d"


class FormalisationError(WorkshopError):
    """Inputs that cannot describe a miner's year. ``problems`` maps each bad field to its message."""


@dataclass(frozen=True)
class MinerYear:
    """One year of a miner's (or a mining group's) gold sales, and what formal work would change.

    Quantities cannot be negative, prices must be above zero and shares lie between 0 and 1;
    otherwise FormalisationError names every bad field.
    """

    gold_grams_per_year: float
    """Gold sold in a year, in grams."""
    informal_price_fcfa_per_gram: float
    """What an informal buyer on the site pays, in FCFA per gram."""
    reference_price_fcfa_per_gram: float
    """What a licensed buyer pays, in FCFA per gram."""
    middleman_loss_share: float = 0.0
    """Share (0-1) of informal sales lost to middlemen."""
    licence_and_fees_fcfa_per_year: float = 0.0
    """Licence, permit and other fixed fees of formal work, in FCFA per year."""
    tax_share: float = 0.0
    """Share (0-1) of formal sales paid in taxes and royalties."""
    premium_fcfa_per_gram: float = 0.0
    """Premium paid on top of the price for formal, certified gold, in FCFA per gram."""

    def __post_init__(self) -> None:
        problems = _miner_year_messages(asdict(self))
        if problems:
            raise FormalisationError(problems)

    def to_dict(self) -> dict[str, float]:
        """Return the inputs as a plain dict (field name -> number), as the calculator saves them."""
        return {name: plain_number(value) for name, value in asdict(self).items()}


@dataclass(frozen=True)
class Income:
    """A year's income from gold, and where the money went; every amount in FCFA per year."""

    gold_sales_fcfa_per_year: float
    """What buyers pay for the gold."""
    middlemen_fcfa_per_year: float = 0.0
    """Lost to middlemen (informal only)."""
    taxes_fcfa_per_year: float = 0.0
    """Taxes and royalties (formal only)."""
    licence_and_fees_fcfa_per_year: float = 0.0
    """Licence and fees (formal only)."""
    premium_fcfa_per_year: float = 0.0
    """Premium received (formal only)."""

    @property
    def net_fcfa_per_year(self) -> float:
        """What the miner keeps, in FCFA per year."""
        return (self.gold_sales_fcfa_per_year - self.middlemen_fcfa_per_year - self.taxes_fcfa_per_year
                - self.licence_and_fees_fcfa_per_year + self.premium_fcfa_per_year)


@dataclass(frozen=True)
class BreakEven:
    """Where formal work starts to pay as much as informal work, or why it never does.

    ``value`` is the break-even point in ``unit`` (None when there is none); ``reason`` is a
    short code saying why there is none (None when there is one).
    """

    value: float | None
    unit: str
    reason: str | None = None

    def explain(self) -> str:
        """Return one sentence, in the current language, saying what the break-even point means."""
        if self.value is None:
            return t(f"formalisation.no_break_even.{self.reason}")
        if self.unit == "FCFA/g":
            return t("formalisation.break_even_premium_found", premium=format_number(self.value))
        return t("formalisation.break_even_output_found", grams=format_number(self.value))


def miner_year_problems(**inputs: Any) -> dict[str, str]:
    """Return what is wrong with the inputs of a MinerYear: field name -> message ({} if none).

    Missing fields take MinerYear's defaults; unknown fields are reported.
    """
    return rendered_problems(_miner_year_messages(inputs))


def _miner_year_messages(inputs: dict[str, Any]) -> dict[str, Message]:
    """Return what is wrong with the inputs of a MinerYear, field -> Message not yet rendered."""
    known = [field.name for field in fields(MinerYear)]
    problems = {}
    for name in inputs:
        if name not in known:
            problems[name] = Message.of("formalisation.field_unknown", field=name, known=", ".join(known))
    for field in fields(MinerYear):
        if field.name not in inputs:
            if isinstance(field.default, (int, float)):
                continue
            problems[field.name] = Message.of("formalisation.field_missing",
                                              name=functools.partial(field_name, field.name))
            continue
        value = inputs[field.name]
        name = functools.partial(field_name, field.name)  # the label in the language shown
        if not is_number(value):
            problems[field.name] = Message.of("formalisation.not_a_number", name=name, value=value)
        elif field.name in SHARE_FIELDS and not 0 <= value <= 1:
            problems[field.name] = Message.of("formalisation.share_out_of_range", name=name, value=value)
        elif field.name in PRICE_FIELDS and value <= 0:
            problems[field.name] = Message.of("formalisation.price_not_positive", name=name, value=value)
        elif value < 0:
            problems[field.name] = Message.of("formalisation.negative", name=name, value=value)
    return problems


def field_name(field: str) -> str:
    """Return the name of a MinerYear field in the current language, with its unit."""
    return t(f"formalisation.field.{field}")


def informal_income(year: MinerYear) -> Income:
    """Return the year's income selling informally (amounts in FCFA per year)."""
    sales = year.gold_grams_per_year * year.informal_price_fcfa_per_gram
    return Income(gold_sales_fcfa_per_year=sales, middlemen_fcfa_per_year=sales * year.middleman_loss_share)


def formal_income(year: MinerYear) -> Income:
    """Return the year's income selling formally (amounts in FCFA per year)."""
    sales = year.gold_grams_per_year * year.reference_price_fcfa_per_gram
    return Income(
        gold_sales_fcfa_per_year=sales,
        taxes_fcfa_per_year=sales * year.tax_share,
        licence_and_fees_fcfa_per_year=year.licence_and_fees_fcfa_per_year,
        premium_fcfa_per_year=year.gold_grams_per_year * year.premium_fcfa_per_gram,
    )


def break_even_premium(year: MinerYear) -> BreakEven:
    """Return the premium, in FCFA per gram, at which formal work pays exactly as much as
    informal work, everything else in ``year`` staying the same (its own premium is ignored).

    premium = informal price x (1 - loss share) - reference price x (1 - tax share)
              + licence and fees / grams

    None, with a reason, when no gold is sold ("no_gold": no premium makes up for the fees) or
    when formal work already pays at least as much with no premium ("formal_pays_without_premium").
    """
    grams = year.gold_grams_per_year
    if grams == 0:
        return BreakEven(None, "FCFA/g", "no_gold")
    premium = (_informal_net_per_gram(year) - year.reference_price_fcfa_per_gram * (1 - year.tax_share)
               + year.licence_and_fees_fcfa_per_year / grams)
    if premium <= _tolerance(year.reference_price_fcfa_per_gram):
        return BreakEven(None, "FCFA/g", "formal_pays_without_premium")
    return BreakEven(premium, "FCFA/g")


def break_even_output(year: MinerYear) -> BreakEven:
    """Return the gold sold, in grams per year, at which formal work pays exactly as much as
    informal work; above it formal work pays more.

    grams = licence and fees / (formal net per gram - informal net per gram)

    None, with a reason, when the two incomes never meet: formal work keeps less per gram
    ("formal_pays_less_per_gram"), or the same per gram while fees are due ("lines_parallel"),
    or both are equal whatever the output ("equal_at_every_output").
    """
    margin = _formal_net_per_gram(year) - _informal_net_per_gram(year)
    fees = year.licence_and_fees_fcfa_per_year
    if abs(margin) <= _tolerance(year.reference_price_fcfa_per_gram):
        return BreakEven(None, "g/year", "lines_parallel" if fees > 0 else "equal_at_every_output")
    if margin < 0:
        return BreakEven(None, "g/year", "formal_pays_less_per_gram")
    return BreakEven(fees / margin, "g/year")


def fairmined_premium_fcfa_per_gram(fcfa_per_us_dollar: float, *, ecological: bool = False) -> float:
    """Return the Fairmined premium in FCFA per gram of gold at the exchange rate given.

    The premium is up to US$4,000 per kg, plus US$2,000 per kg for Fairmined Ecological Gold;
    the exchange rate (FCFA per US dollar) is yours to give, since it changes.
    """
    if not is_number(fcfa_per_us_dollar) or fcfa_per_us_dollar <= 0:
        raise FormalisationError("fcfa_per_us_dollar", "formalisation.exchange_rate_not_positive",
                                 value=fcfa_per_us_dollar)
    dollars_per_kg = FAIRMINED_PREMIUM_USD_PER_KG
    if ecological:
        dollars_per_kg += FAIRMINED_ECOLOGICAL_PREMIUM_USD_PER_KG
    return dollars_per_kg * fcfa_per_us_dollar / 1000


def incomes_by_output(year: MinerYear, grams_per_year: Iterable[float]) -> pd.DataFrame:
    """Return the informal and formal net incomes (FCFA per year) at each gold output given
    (grams per year), other inputs as in ``year``: columns ``gold_grams_per_year``,
    ``informal_fcfa_per_year``, ``formal_fcfa_per_year``."""
    grams = pd.Series(list(grams_per_year), dtype="float64")
    return pd.DataFrame({
        "gold_grams_per_year": grams,
        "informal_fcfa_per_year": grams * _informal_net_per_gram(year),
        "formal_fcfa_per_year": grams * _formal_net_per_gram(year) - year.licence_and_fees_fcfa_per_year,
    })


def income_chart(year: MinerYear, *, width: float = 6.4, height: float = 4.2) -> Figure:
    """Return a chart of informal and formal net income (FCFA per year) against gold sold
    (grams per year), with the break-even output and the miner's own output marked.

    Labels are in the current language. The figure is not attached to pyplot, so nothing needs
    closing.
    """
    break_even = break_even_output(year)
    right = max(year.gold_grams_per_year * 2, (break_even.value or 0) * 1.5, 10.0)
    table = incomes_by_output(year, [0.0, right])
    figure = Figure(figsize=(width, height))
    # Fixed margins rather than constrained layout, which draws the figure twice (redraws are slow).
    figure.subplots_adjust(left=0.13, right=0.97, top=0.92, bottom=0.13)
    axes = figure.add_subplot()
    axes.plot(table["gold_grams_per_year"], table["informal_fcfa_per_year"], color=INFORMAL_COLOUR,
              linewidth=2, label=t("formalisation.informal"))
    axes.plot(table["gold_grams_per_year"], table["formal_fcfa_per_year"], color=FORMAL_COLOUR,
              linewidth=2, label=t("formalisation.formal"))
    axes.axhline(0, color="#9e9e9e", linewidth=0.8)
    if break_even.value is not None:
        axes.axvline(break_even.value, color="#616161", linestyle="--", linewidth=1)
        level = break_even.value * _informal_net_per_gram(year)
        axes.plot([break_even.value], [level], marker="o", color="#212121")
        axes.annotate(t("formalisation.chart_break_even", grams=format_number(break_even.value)),
                      (break_even.value, level), textcoords="offset points", xytext=(6, -14), fontsize=8)
    own = year.gold_grams_per_year
    axes.axvline(own, color="#b7950b", linestyle=":", linewidth=1.5,
                 label=t("formalisation.chart_your_output", grams=format_number(own)))
    axes.set_xlim(0, right)
    axes.set_xlabel(t("formalisation.chart_output_axis"))
    axes.set_ylabel(t("formalisation.chart_income_axis"))
    axes.set_title(t("formalisation.chart_title"))
    axes.yaxis.set_major_formatter(lambda value, _: format_number(value / 1e6, 1))
    axes.grid(alpha=0.3)
    axes.legend(loc="upper left", fontsize=8)
    return figure


def _informal_net_per_gram(year: MinerYear) -> float:
    return year.informal_price_fcfa_per_gram * (1 - year.middleman_loss_share)


def _formal_net_per_gram(year: MinerYear) -> float:
    return year.reference_price_fcfa_per_gram * (1 - year.tax_share) + year.premium_fcfa_per_gram


def _tolerance(price: float) -> float:
    """Differences per gram this small are rounding, not a real gap (prices are in FCFA)."""
    return 1e-9 * max(price, 1.0)

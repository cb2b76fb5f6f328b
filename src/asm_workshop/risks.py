"""A risk register for an ASM-inclusive environmental management plan: likelihood times severity.

Each risk of the register is a row (a dict) with these fields (``RISK_FIELDS``):

- ``risk``: what could go wrong, in words (unique in the register, compared by
  ``text.name_key``: without case, accents or surrounding spaces);
- ``likelihood`` and ``severity``: whole numbers from 1 (rare, minor) to 5 (almost certain,
  very grave);
- ``mitigation``: the level of the mitigation hierarchy the response works at, one of
  ``MITIGATIONS``: avoid the harm, minimise it, restore what was damaged, offset what remains;
- ``monitored_by``: who watches the risk (text, may be empty while undecided);
- ``miners_take_part``: True when miners take part in that monitoring.

The **score** is likelihood times severity (1-25), and its **priority band** is a teaching choice
of this workshop, written here once (``PRIORITY_BANDS``):

- ``low``: score 1 to 4;
- ``medium``: score 5 to 9;
- ``high``: score 10 to 25.

So a risk rated 2 x 5 (rare but very grave) is high, and 3 x 3 is medium. Registers in the real
world use other bands and other scales; these keep the arithmetic simple. The IUCN / Levin
Sources guide's own method for ASM-inclusive environmental management planning is not
available (facts.md section 2.4); what is kept from the sourced precedents is that miners and
other stakeholders take part in planning and in monitoring.

    from asm_workshop import risks
    rows = risks.case_risks("burkina_gold")
    risks.register_frame(rows)     # sorted by score, with score and priority
    risks.heat_map(rows)           # a 5 x 5 grid coloured by priority band
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Iterable, Mapping
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from asm_workshop import data
from asm_workshop.cases import check_case
from asm_workshop.errors import Message, NumberError, WorkshopError, rendered_problems
from asm_workshop.i18n import parse_number, t
from asm_workshop.text import is_number, name_key, shortened

RISK_FIELDS = ("risk", "likelihood", "severity", "mitigation", "monitored_by", "miners_take_part")
"""The fields of one risk, in order: what the risk matrix saves for each row."""

SCALE = (1, 5)
"""Likelihood and severity are whole numbers on this scale, both ends included."""

MITIGATIONS = ("avoid", "minimise", "restore", "offset")
"""The mitigation hierarchy, in the order it should be tried: avoid first, offset last."""

PRIORITIES = ("low", "medium", "high")
"""Priority bands, from least to most urgent."""

PRIORITY_BANDS = {"low": (1, 4), "medium": (5, 9), "high": (10, 25)}
"""Priority band -> (lowest score, highest score) it covers, both included. A teaching choice."""

PRIORITY_COLOURS = {"low": "#c8e6c9", "medium": "#ffe082", "high": "#ef9a9a"}

DATASET = "risks"
_LABEL_LENGTH = 52
_LEGEND_ROWS = 22  # beyond this many risks the legend lists the first ones and says how many more


class RiskError(WorkshopError):
    """A risk or register that cannot be used. ``problems`` maps each bad field to its message."""


# --- one risk ---------------------------------------------------------------------------------

def score(likelihood: int, severity: int) -> int:
    """Return the risk score, likelihood times severity: a whole number from 1 to 25.

    Raises RiskError when either is not a whole number from 1 to 5.
    """
    problems: dict[str, Message] = {}
    levels = {}
    for field, value in (("likelihood", likelihood), ("severity", severity)):
        try:
            levels[field] = _level(value, field)
        except RiskError as error:
            problems.update(error.messages)
    if problems:
        raise RiskError(problems)
    return levels["likelihood"] * levels["severity"]


def priority(risk_score: int) -> str:
    """Return the priority band of a score: "low" (1-4), "medium" (5-9) or "high" (10-25).

    Raises RiskError for a score that is not a whole number from 1 to 25.
    """
    if not is_number(risk_score) or risk_score != int(risk_score) or not 1 <= risk_score <= 25:
        raise RiskError("score", "risks.score_out_of_range", value=risk_score)
    for band, (low, high) in PRIORITY_BANDS.items():
        if low <= risk_score <= high:
            return band
    raise AssertionError("the bands cover 1 to 25")  # pragma: no cover


def priority_label(band: str) -> str:
    """Return the priority band's name in the current language."""
    return t(f"risks.priority.{band}")


def mitigation_label(mitigation: str) -> str:
    """Return the mitigation level's name in the current language."""
    return t(f"risks.mitigation.{mitigation}")


def field_label(field: str) -> str:
    """Return the name of a field of a risk in the current language."""
    return t(f"risks.field.{field}")


def risk_problems(row: Mapping[str, Any], other_risks: Iterable[str] = ()) -> dict[str, str]:
    """Return what is wrong with one risk: field -> message in the current language ({} if none).

    ``other_risks`` are the names already in the register; the risk may not repeat one.
    ``monitored_by`` may be missing or empty, ``miners_take_part`` missing (False).
    """
    return rendered_problems(_risk_messages(row, other_risks))


def _risk_messages(row: Mapping[str, Any], other_risks: Iterable[str] = ()) -> dict[str, Message]:
    """Return what is wrong with one risk, field -> Message not yet rendered ({} if nothing)."""
    if not isinstance(row, Mapping):
        return {"risk": Message.of("risks.not_a_record")}
    problems: dict[str, Message] = {}
    name = row.get("risk")
    text = name.strip() if isinstance(name, str) else ""
    if not text:
        problems["risk"] = Message.of("risks.risk_empty")
    elif name_key(text) in {name_key(other) for other in other_risks if isinstance(other, str)}:
        problems["risk"] = Message.of("risks.risk_duplicate", risk=text)
    for field in ("likelihood", "severity"):
        try:
            _level(row.get(field), field)
        except RiskError as error:
            problems.update(error.messages)
    if row.get("mitigation") not in MITIGATIONS:
        problems["mitigation"] = Message.of("risks.mitigation_unknown",
                                            mitigation=_shown(row.get("mitigation")),
                                            known=", ".join(MITIGATIONS))
    monitor = row.get("monitored_by")
    if monitor is not None and not isinstance(monitor, str):
        problems["monitored_by"] = Message.of("risks.monitored_by_not_text", value=monitor)
    takes_part = row.get("miners_take_part", False)
    if not isinstance(takes_part, bool):
        problems["miners_take_part"] = Message.of("risks.miners_take_part_not_yes_no", value=takes_part)
    return problems


def check_risk(row: Mapping[str, Any], other_risks: Iterable[str] = ()) -> dict[str, Any]:
    """Return the risk cleaned, with exactly the keys of RISK_FIELDS (names and monitors trimmed,
    levels as int). Raises RiskError naming every bad field."""
    other_risks = list(other_risks)
    problems = _risk_messages(row, other_risks)
    if problems:
        raise RiskError(problems)
    return {
        "risk": " ".join(row["risk"].split()),
        "likelihood": _level(row["likelihood"], "likelihood"),
        "severity": _level(row["severity"], "severity"),
        "mitigation": row["mitigation"],
        "monitored_by": (row.get("monitored_by") or "").strip(),
        "miners_take_part": bool(row.get("miners_take_part", False)),
    }


# --- the register -----------------------------------------------------------------------------

def register_problems(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """Return what is wrong in a register, in the current language, as two lists:

    - ``"errors"``: what makes a row unusable: an empty risk name, a name repeated (``text.name_key``:
      whatever its case, accents and spaces), a likelihood or severity outside 1-5, an unknown mitigation;
    - ``"warnings"``: what is allowed but should be fixed: a high-priority risk that no miner takes
      part in monitoring.

    Each message starts with the risk's number (its position, from 1). Both lists are empty for a
    good register.
    """
    errors: list[str] = []
    warnings: list[str] = []
    seen: list[str] = []
    for number, row in enumerate(rows, start=1):
        problems = risk_problems(row, seen)
        for problem in problems.values():
            errors.append(t("risks.in_row", number=number, problem=problem))
        if not isinstance(row, Mapping):
            continue
        if isinstance(row.get("risk"), str) and row["risk"].strip():
            seen.append(row["risk"])
        if not ({"likelihood", "severity"} & set(problems)):
            band = priority(score(row["likelihood"], row["severity"]))
            if band == "high" and row.get("miners_take_part") is not True:
                name = row["risk"].strip() if isinstance(row.get("risk"), str) else ""
                warnings.append(t("risks.in_row", number=number,
                                  problem=t("risks.no_miners_monitoring", risk=name)))
    return {"errors": errors, "warnings": warnings}


def clean_register(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return the rows cleaned (see ``check_risk``); raise RiskError naming the first bad row."""
    cleaned: list[dict[str, Any]] = []
    for number, row in enumerate(rows, start=1):
        try:
            cleaned.append(check_risk(row, [other["risk"] for other in cleaned]))
        except RiskError as error:
            raise RiskError({field: Message.of("risks.in_row", number=number, problem=message)
                             for field, message in error.messages.items()}) from None
    return cleaned


_FRAME_COLUMNS = ["number", "risk", "likelihood", "severity", "score", "priority", "mitigation",
                  "monitored_by", "miners_take_part"]


def register_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Return the register as a table sorted by score, highest first (ties keep their order).

    Columns: ``number`` (the risk's position in ``rows``, from 1, as on the heat map), the
    fields of RISK_FIELDS, ``score`` (likelihood x severity, 1-25) and ``priority`` ("low",
    "medium", "high"). Raises RiskError naming the first bad row.
    """
    cleaned = clean_register(rows)
    frame = pd.DataFrame(
        [{"number": number, **row, "score": row["likelihood"] * row["severity"],
          "priority": priority(row["likelihood"] * row["severity"])}
         for number, row in enumerate(cleaned, start=1)],
        columns=_FRAME_COLUMNS,
    )
    frame = frame.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)
    return frame.astype({"number": "int64", "likelihood": "int64", "severity": "int64", "score": "int64",
                         "miners_take_part": "bool"})


def heat_map(rows: Iterable[Mapping[str, Any]]) -> Figure:
    """Draw the register as a 5 x 5 grid, likelihood across and severity up, each cell coloured by
    the priority band of its score, and each risk's number in its cell; a legend beside the grid
    gives each number's risk. Texts are in the current language.

    Returns a Figure already off pyplot's list. Raises RiskError naming the first bad row.
    """
    frame = register_frame(rows).sort_values("number")
    low, high = SCALE
    figure, axes = plt.subplots(figsize=(10.5, 5.2))
    plt.close(figure)
    figure.subplots_adjust(left=0.08, right=0.5, bottom=0.2, top=0.88)
    for likelihood in range(low, high + 1):
        for severity in range(low, high + 1):
            band = priority(likelihood * severity)
            axes.add_patch(Rectangle((likelihood - 0.5, severity - 0.5), 1, 1,
                                     facecolor=PRIORITY_COLOURS[band], edgecolor="white", linewidth=2))
            in_cell = (frame["likelihood"] == likelihood) & (frame["severity"] == severity)
            numbers = frame.loc[in_cell, "number"]
            if len(numbers):
                text = "\n".join(textwrap.wrap(", ".join(str(n) for n in numbers), 9))
                axes.text(likelihood, severity, text, ha="center", va="center", fontsize=9,
                          fontweight="bold", color="#212121")
    axes.set_xlim(low - 0.5, high + 0.5)
    axes.set_ylim(low - 0.5, high + 0.5)
    axes.set_xticks(range(low, high + 1))
    axes.set_yticks(range(low, high + 1))
    axes.set_aspect("equal")
    axes.set_xlabel(t("risks.axis_likelihood"))
    axes.set_ylabel(t("risks.axis_severity"))
    axes.tick_params(length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.set_title(t("risks.heat_map_title"), fontsize=10)
    bands = [Patch(facecolor=PRIORITY_COLOURS[band], label=_band_text(band)) for band in PRIORITIES]
    axes.legend(handles=bands, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False,
                fontsize=8)
    figure.text(0.53, 0.88, t("risks.legend_title"), fontsize=9, fontweight="bold", va="top")
    lines = [f"{row.number}. {shortened(row.risk, _LABEL_LENGTH)} ({row.score})"
             for row in frame.itertuples()][:_LEGEND_ROWS]
    if len(frame) > _LEGEND_ROWS:
        lines.append(t("risks.legend_more", count=len(frame) - _LEGEND_ROWS))
    if not lines:
        lines = [t("risks.register_empty")]
    figure.text(0.53, 0.83, "\n".join(lines), fontsize=8, va="top", linespacing=1.45)
    return figure


# --- the synthetic dataset ------------------------------------------------------------------------

def case_risks(case: str) -> list[dict[str, Any]]:
    """Return the risks of ``case`` from the synthetic ``risks`` dataset as register rows, in the
    file's order: each row's suggested mitigation as its ``mitigation``, no monitor yet
    (``monitored_by`` "", ``miners_take_part`` False). Invented for practice."""
    table = data.load(DATASET)
    rows = table[table["case"] == check_case(case)]
    return [{"risk": row.risk, "likelihood": int(row.likelihood), "severity": int(row.severity),
             "mitigation": row.suggested_mitigation, "monitored_by": "", "miners_take_part": False}
            for row in rows.itertuples()]


# --- inside ---------------------------------------------------------------------------------------

def _level(value: Any, field: str) -> int:
    """Return a likelihood or severity as an int; raise RiskError unless it is a whole number 1-5
    (text such as "4" is read by ``i18n.parse_number``)."""
    number = value
    if isinstance(value, str):
        try:
            number = parse_number(value, field=field)
        except NumberError:
            number = None
    label = functools.partial(field_label, field)  # looked up in the language shown
    if not is_number(number):
        raise RiskError(field, "risks.level_not_number", field_label=label,
                        value=_shown(value), low=SCALE[0], high=SCALE[1])
    if number != int(number) or not SCALE[0] <= number <= SCALE[1]:
        raise RiskError(field, "risks.level_out_of_range", field_label=label,
                        value=_shown(value), low=SCALE[0], high=SCALE[1])
    return int(number)


def _shown(value: Any) -> str:
    return "" if value is None else str(value)


def _band_text(band: str) -> str:
    low, high = PRIORITY_BANDS[band]
    return t("risks.band_legend", band=priority_label(band), low=low, high=high)


__all__ = [
    "MITIGATIONS", "PRIORITIES", "PRIORITY_BANDS", "RISK_FIELDS", "SCALE", "RiskError",
    "case_risks", "check_risk", "clean_register", "field_label", "heat_map", "mitigation_label",
    "priority", "priority_label", "register_frame", "register_problems", "risk_problems",
    "score",
]

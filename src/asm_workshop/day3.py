"""What the Day 3 capstone shows: the three cases, the toolkit step by step, and the rubric.

The capstone rubric is written once, here and in ``messages/day3.json``: lesson 3.4 shows it
to participants, the ``day3`` assignment shows it beside the capstone question, and a test
checks that its points add up to the points of that question.

    from asm_workshop import day3
    day3.rubric_table()
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from asm_workshop import law
from asm_workshop.cases import CAPSTONE_CASES
from asm_workshop.i18n import t

TOOLKIT_STEPS = (
    ("context", "1.2"),
    ("legal_status", "1.4"),
    ("stakeholders", "2.1"),
    ("incentives", "2.2"),
    ("rights", "2.3"),
    ("approach", "3.1"),
    ("risks", "3.2"),
    ("plan", "3.3"),
)
"""Capstone steps in order, with the lesson that taught each (what to do and the tool that does it
are in the message catalog: ``day3.toolkit.<step>`` and ``day3.toolkit.<step>.tool``)."""


@dataclass(frozen=True)
class Criterion:
    """One line of the capstone rubric: its id and the most points it gives."""

    criterion: str
    points: int


RUBRIC = (
    Criterion("context", 2),
    Criterion("stakeholders", 2),
    Criterion("approach", 2),
    Criterion("plan", 2),
    Criterion("risks", 2),
    Criterion("rights", 2),
)
"""The capstone rubric. Each criterion gives 2 points when met in full, 1 when met in part, 0
when missing; what each level looks like is in the message catalog (``day3.rubric.*``)."""

LEVELS = (2, 1, 0)


def rubric_points() -> int:
    """Return the most points the capstone rubric gives."""
    return sum(criterion.points for criterion in RUBRIC)


def rubric_table() -> pd.DataFrame:
    """Return the rubric in the current language: one row per criterion, what earns 2, 1 and 0
    points, and the points at most."""
    rows = [
        {
            t("day3.rubric.column.criterion"): t(f"day3.rubric.{c.criterion}.title"),
            **{t("day3.rubric.column.level", points=level): t(f"day3.rubric.{c.criterion}.{level}")
               for level in LEVELS},
            t("day3.rubric.column.points"): c.points,
        }
        for c in RUBRIC
    ]
    return pd.DataFrame(rows).set_index(t("day3.rubric.column.criterion"))


def case_table() -> pd.DataFrame:
    """Return the three capstone cases (``cases.CAPSTONE_CASES``) in the current language: where,
    what is mined, how, who works, and what the law already asks, with the day the law was last
    checked (``law.LAST_CHECKED``, the one place it is written)."""
    columns = ("where", "mineral", "how", "who", "rules")
    return pd.DataFrame(
        [{t(f"day3.case.column.{column}"): _case_text(case, column) for column in columns}
         for case in CAPSTONE_CASES],
        index=pd.Index([t(f"day3.case.{case}.title") for case in CAPSTONE_CASES],
                       name=t("day3.case.column.case")),
    )


def _case_text(case: str, column: str) -> str:
    text = t(f"day3.case.{case}.{column}")
    if column == "rules":
        return t("day3.case.law_checked", rules=text, date=law.last_checked_text())
    return text


def toolkit_table() -> pd.DataFrame:
    """Return the capstone steps in order: what to do, the lesson that taught it, the tool."""
    return pd.DataFrame(
        [{t("day3.toolkit.column.step"): t(f"day3.toolkit.{step}"),
          t("day3.toolkit.column.lesson"): lesson,
          t("day3.toolkit.column.tool"): t(f"day3.toolkit.{step}.tool")}
         for step, lesson in TOOLKIT_STEPS],
        index=pd.RangeIndex(1, len(TOOLKIT_STEPS) + 1, name="#"),
    )

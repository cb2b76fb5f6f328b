"""The Frugal Rehabilitation Methodology (FRM): its six steps, its three tests, and a site log.

The FRM was developed by The Asia Foundation's "Engaging Stakeholders in Environmental
Conservation II" (ESEC II) project in Mongolia, funded by the Swiss Agency for Development and
Cooperation (SDC); it is not a WWF product. It was piloted in 2014-2015 and launched in April
2016. A rehabilitation is meant to be economically affordable, socially acceptable and
ecologically viable, and it goes through six steps, in this order (facts.md section 2):

1. Preparation & Planning  2. Technical Rehabilitation  3. Topsoils  4. Biological Rehabilitation
5. Mitigation Hierarchy / whole mine-cycle approach  6. Handover

Sources: https://panorama.solutions/en/solution/environmental-rehabilitation-learnings-artisanal-miners-mongolia
and https://panorama.solutions/en/building-block/frugal-rehabilitation-demonstration-frd-developing-and-adapting-methodology-frm

Steps and tests are named by short plain ids (``STEPS``, ``TESTS``): these are what the planner
saves and what graded exercises compare.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from asm_workshop.data import require_columns
from asm_workshop.errors import Message, WorkshopError
from asm_workshop.i18n import t
from asm_workshop.text import is_number

STEPS = (
    "preparation_planning",
    "technical_rehabilitation",
    "topsoils",
    "biological_rehabilitation",
    "mitigation_hierarchy",
    "handover",
)
"""The six FRM steps, in order, by id."""

STEP_NAMES = {
    "preparation_planning": "Preparation & Planning",
    "technical_rehabilitation": "Technical Rehabilitation",
    "topsoils": "Topsoils",
    "biological_rehabilitation": "Biological Rehabilitation",
    "mitigation_hierarchy": "Mitigation Hierarchy / whole mine-cycle approach",
    "handover": "Handover",
}
"""Step id -> the step's name as the methodology gives it (in English; ``step_name`` translates)."""

TESTS = ("affordable", "acceptable", "viable")
"""The FRM's three tests: economically affordable, socially acceptable, ecologically viable."""

SCORE_RANGE = (0, 5)
"""Each test is scored on this scale, both ends included."""

PASS_MARK = 3
"""A site passes the triple test in this workshop when every test scores at least this (a teaching rule)."""

TASKS = {
    "assess_degradation": "preparation_planning",
    "estimate_labour_and_volumes": "preparation_planning",
    "set_safety_rules": "preparation_planning",
    "fill_pits": "technical_rehabilitation",
    "reshape_land": "technical_rehabilitation",
    "store_topsoil": "topsoils",
    "spread_topsoil": "topsoils",
    "collect_native_seed": "biological_rehabilitation",
    "sow_and_plant": "biological_rehabilitation",
    "plan_rehabilitation_into_active_mining": "mitigation_hierarchy",
    "hand_over_for_signoff": "handover",
}
"""Example tasks (id -> the FRM step it belongs to), written from the methodology's description of
each step. Their texts are in the message catalog (``rehabilitation.task.<id>``)."""

SITE_LOG_COLUMNS = ("site_id", "area_ha", "cost_fcfa", "topsoil_stockpiled_m3")
SQUARE_METRES_PER_HECTARE = 10_000


class RehabilitationError(WorkshopError):
    """Input the rehabilitation functions cannot use. ``problems`` maps each bad field to its message."""


@dataclass(frozen=True)
class OrderProblem:
    """A task planned after a task of a later step: ``task`` (of ``step``) comes after
    ``after_task`` (of ``after_step``), at ``position`` (1 = first) in the plan."""

    position: int
    task: str
    step: str
    after_task: str
    after_step: str

    def explain(self, task_text: Callable[[str], str] = str) -> str:
        """Return the problem as one sentence in the current language; ``task_text`` turns a
        task id into the text to show (by default the id itself)."""
        return t("rehabilitation.task_out_of_order", task=task_text(self.task), step=step_name(self.step),
                 number=STEPS.index(self.step) + 1, after_task=task_text(self.after_task),
                 after_step=step_name(self.after_step), after_number=STEPS.index(self.after_step) + 1)


@dataclass(frozen=True)
class TripleTest:
    """A site's scores (0-5) on the three tests, and what they add up to.

    ``passes`` when every test scores at least PASS_MARK; ``weakest`` lists the test(s) with the
    lowest score, the one to work on first. Both are teaching rules, not part of the FRM.
    """

    affordable: int
    acceptable: int
    viable: int

    @property
    def scores(self) -> dict[str, int]:
        """Test id -> score, in the order of TESTS."""
        return {test: getattr(self, test) for test in TESTS}

    @property
    def mean(self) -> float:
        """The mean of the three scores (0-5)."""
        return sum(self.scores.values()) / len(TESTS)

    @property
    def weakest(self) -> list[str]:
        """The test or tests with the lowest score."""
        lowest = min(self.scores.values())
        return [test for test, score in self.scores.items() if score == lowest]

    @property
    def passes(self) -> bool:
        """True when every test scores at least PASS_MARK."""
        return all(score >= PASS_MARK for score in self.scores.values())


def step_name(step: str) -> str:
    """Return the name of step ``step`` in the current language."""
    return t(f"rehabilitation.step.{step}")


def check_task_order(
    tasks: Mapping[str, str | None] | Iterable[tuple[str, str | None]],
) -> list[OrderProblem]:
    """Return the tasks that are out of step order, and why, in plan order ([] when none is).

    ``tasks`` lists the plan in the order the work would be done: task -> step id (a dict keeps
    its order), or (task, step) pairs. A task is out of order when an earlier task belongs to a
    later step; it is reported against the latest such step. Tasks with no step yet (None) are
    skipped. Raises RehabilitationError for a step that is not one of STEPS, or a repeated task.
    """
    pairs = list(tasks.items()) if isinstance(tasks, Mapping) else [tuple(pair) for pair in tasks]
    seen: set[str] = set()
    for task, step in pairs:
        if task in seen:
            raise RehabilitationError("tasks", "rehabilitation.task_repeated", task=task)
        seen.add(task)
        if step is not None and step not in STEPS:
            raise RehabilitationError("tasks", "rehabilitation.step_unknown", step=step, task=task,
                                      known=", ".join(STEPS))
    problems = []
    latest: tuple[str, str] | None = None  # the task of the latest step so far, and that step
    for position, (task, step) in enumerate(pairs, start=1):
        if step is None:
            continue
        if latest is not None and STEPS.index(step) < STEPS.index(latest[1]):
            problems.append(OrderProblem(position, task, step, latest[0], latest[1]))
        elif latest is None or STEPS.index(step) > STEPS.index(latest[1]):
            latest = (task, step)
    return problems


def in_step_order(tasks: Mapping[str, str | None]) -> dict[str, str | None]:
    """Return the task -> step mapping sorted by step (tasks of one step keep their order;
    tasks with no step go last)."""
    def place(item: tuple[str, str | None]) -> int:
        return len(STEPS) if item[1] is None else STEPS.index(item[1])

    return dict(sorted(tasks.items(), key=place))


def steps_matching(tasks: Mapping[str, str | None], reference: Mapping[str, str] | None = None) -> int:
    """Return how many tasks are given the step ``reference`` gives them (default: TASKS)."""
    reference = TASKS if reference is None else reference
    return sum(1 for task, step in tasks.items() if task in reference and reference[task] == step)


def score_site(affordable: int, acceptable: int, viable: int) -> TripleTest:
    """Return a site's triple test from its three scores (whole numbers from 0 to 5).

    Raises RehabilitationError naming every score that is not a whole number from 0 to 5.
    """
    problems = {}
    low, high = SCORE_RANGE
    for test, score in zip(TESTS, (affordable, acceptable, viable), strict=True):
        whole = is_number(score) and float(score).is_integer()
        if not whole or not low <= score <= high:
            problems[test] = Message.of("rehabilitation.score_out_of_range",
                                        test=functools.partial(t, f"rehabilitation.test.{test}"),
                                        value=score, low=low, high=high)
    if problems:
        raise RehabilitationError(problems)
    return TripleTest(int(affordable), int(acceptable), int(viable))


def cost_per_hectare(site_log: pd.DataFrame) -> pd.DataFrame:
    """Return each site's ``site_id``, ``area_ha``, ``cost_fcfa`` and ``cost_fcfa_per_ha``
    (FCFA per hectare), in the order of the log.

    A site whose cost is not recorded has no cost per hectare (missing, never 0). Raises
    RehabilitationError for a missing column, an area of zero or less, or a negative cost.
    """
    _check_columns(site_log, ("site_id", "area_ha", "cost_fcfa"))
    area = pd.to_numeric(site_log["area_ha"], errors="coerce").astype("float64")
    cost = pd.to_numeric(site_log["cost_fcfa"], errors="coerce").astype("float64")
    _refuse_rows(site_log, ~(area > 0), "rehabilitation.area_not_positive", area)
    _refuse_rows(site_log, cost < 0, "rehabilitation.cost_negative", cost)
    return pd.DataFrame({
        "site_id": site_log["site_id"].to_numpy(),
        "area_ha": area.to_numpy(),
        "cost_fcfa": cost.to_numpy(),
        "cost_fcfa_per_ha": (cost / area).to_numpy(),
    })


def overall_cost_per_hectare(site_log: pd.DataFrame) -> float:
    """Return the total cost over the total area, in FCFA per hectare, for sites with a cost.

    Not the mean of each site's cost per hectare: large sites weigh more, as they do in a budget.
    """
    costs = cost_per_hectare(site_log).dropna(subset=["cost_fcfa"])
    if costs.empty:
        return math.nan
    return float(costs["cost_fcfa"].sum() / costs["area_ha"].sum())


def sites_without_stored_topsoil(site_log: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of sites with no stored topsoil, with a ``topsoil_problem`` column:
    "none_stored" (0 m3 stockpiled) or "not_recorded" (the cell is empty).

    The FRM's lessons call topsoil recovery critical: without it, biological rehabilitation has
    nothing to grow in. Raises RehabilitationError for a missing column or a negative volume.
    """
    _check_columns(site_log, ("site_id", "topsoil_stockpiled_m3"))
    volume = pd.to_numeric(site_log["topsoil_stockpiled_m3"], errors="coerce").astype("float64")
    _refuse_rows(site_log, volume < 0, "rehabilitation.topsoil_negative", volume)
    flagged = site_log[(volume == 0) | volume.isna()].copy()
    flagged["topsoil_problem"] = ["not_recorded" if math.isnan(stored) else "none_stored"
                                  for stored in volume[flagged.index]]
    return flagged.reset_index(drop=True)


def topsoil_scenario(site_log: pd.DataFrame, *, topsoil_depth_m: float) -> pd.DataFrame:
    """Return, for each site, the topsoil volume that would not have to be brought in had the
    topsoil been stripped and stored before digging (the mitigation hierarchy, step 5).

    An assumption, not a measurement: the disturbed area (``area_ha``) is taken to have had
    topsoil ``topsoil_depth_m`` metres deep everywhere, all of which stripping first would have
    kept. Columns: ``site_id``, ``topsoil_needed_m3`` (area x depth), ``topsoil_stockpiled_m3``,
    ``volume_avoided_m3`` (needed minus what is already stockpiled, at least 0: what must now
    be found elsewhere) and ``haulage_avoided_m3_km`` (that volume times
    ``distance_to_topsoil_m``, in cubic metres times kilometres, when the distance is known).
    Choose the depth with the people who know the site; no default is given on purpose.
    """
    if not is_number(topsoil_depth_m) or topsoil_depth_m <= 0:
        raise RehabilitationError("topsoil_depth_m", "rehabilitation.depth_not_positive",
                                  value=topsoil_depth_m)
    _check_columns(site_log, ("site_id", "area_ha", "topsoil_stockpiled_m3"))
    area = pd.to_numeric(site_log["area_ha"], errors="coerce").astype("float64")
    _refuse_rows(site_log, ~(area > 0), "rehabilitation.area_not_positive", area)
    stored = pd.to_numeric(site_log["topsoil_stockpiled_m3"], errors="coerce").astype("float64")
    _refuse_rows(site_log, stored < 0, "rehabilitation.topsoil_negative", stored)
    needed = area * SQUARE_METRES_PER_HECTARE * topsoil_depth_m
    avoided = (needed - stored.fillna(0)).clip(lower=0)
    distance = (pd.to_numeric(site_log["distance_to_topsoil_m"], errors="coerce").astype("float64")
                if "distance_to_topsoil_m" in site_log.columns else pd.Series(math.nan, index=site_log.index))
    return pd.DataFrame({
        "site_id": site_log["site_id"].to_numpy(),
        "topsoil_needed_m3": needed.to_numpy(),
        "topsoil_stockpiled_m3": stored.to_numpy(),
        "volume_avoided_m3": avoided.to_numpy(),
        "haulage_avoided_m3_km": (avoided * distance / 1000).to_numpy(),
    })


def tasks_problems(value: Any, tasks: Iterable[str] | None = None) -> str | None:
    """Return what is wrong with a saved task -> step mapping, or None when it fits ``tasks``
    (default: the ids of TASKS)."""
    expected = set(TASKS if tasks is None else tasks)
    if not isinstance(value, dict):
        return "steps must be a task -> step mapping"
    if set(value) != expected:
        return "the tasks differ from this planner's"
    wrong = [step for step in value.values() if step is not None and step not in STEPS]
    if wrong:
        return f"unknown step {wrong[0]!r}"
    return None


def _check_columns(site_log: pd.DataFrame, columns: Iterable[str]) -> None:
    require_columns(site_log, columns, RehabilitationError)


def _refuse_rows(site_log: pd.DataFrame, bad: pd.Series, message_key: str, values: pd.Series) -> None:
    """Raise RehabilitationError for the first row marked ``bad``, naming its site."""
    bad = bad.fillna(False).astype(bool)
    if bad.any():
        row = bad.to_numpy().nonzero()[0][0]
        raise RehabilitationError("site_log", message_key, site=site_log["site_id"].iloc[row],
                                  value=values.iloc[row])

"""An ASM engagement plan: what it holds, what is wrong with it, its budget and its timeline.

A plan is a plain dict that JSON can hold (the plan builder saves it as its answer)::

    {
        "title": "Moins de mercure au Sud-Ouest",
        "case": "burkina_gold",                      # or "benin_sand", or None
        "period": {"start": "2027-01-04", "end": "2027-12-17"},   # ISO dates, or None
        "objectives": ["..."], "stakeholders": ["..."],
        "activities": [{"name": "...", "start": "2027-02-01", "end": "2027-02-05",
                        "owner": "...", "cost": 450000}],          # cost in FCFA, >= 0
        "indicators": ["..."], "risks_assumptions": ["..."],
    }

``find_problems`` sorts what is wrong into three kinds: *invalid* values that cannot describe
a plan (an end before its start, a negative cost, two activities with one name) and that the
plan builder refuses to save; *incomplete* parts that keep a plan from being ready (no
objective, an activity with no owner or outside the project period), saved as a draft; and
*warnings* (dates already past), saved too. Messages are in the participant's language.

The target stakeholders come from the participant's Day 2 power/interest grid when it is
saved (``prioritised_names`` of its entries, which the plan builder reads through the answer
store), key players (high power, high interest) first.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from asm_workshop.cases import CASES, check_case
from asm_workshop.errors import CaseError, WorkshopError
from asm_workshop.i18n import get_language, localize, t
from asm_workshop.stakeholders import QUADRANTS, StakeholderError, case_stakeholders, check_score, quadrant
from asm_workshop.tables import shown_entries
from asm_workshop.text import is_missing, is_number, name_key, shortened

FIELDS = ("title", "case", "period", "objectives", "stakeholders", "activities", "indicators",
          "risks_assumptions")
"""The keys of a plan, in the order the builder and the exports show them."""

LIST_FIELDS = ("objectives", "stakeholders", "indicators", "risks_assumptions")
"""The parts of a plan that are lists of lines of text."""

ACTIVITY_FIELDS = ("name", "start", "end", "owner", "cost")
"""The keys of one activity: dates as ISO text (or None), cost in FCFA."""

SEVERITIES = ("invalid", "incomplete", "warning")
"""What a problem means: ``invalid`` is not saved; ``incomplete`` and ``warning`` are."""

DAY2_GRID_KEY = "day2_1.grid"
"""The answer key of the stakeholder grid of lesson 2.1, which the plan builder reads."""

_BAR_FILL = "#cfcfcf"
_BAR_EDGE = "#000000"
_PERIOD_FILL = "#f2f2f2"


class PlanError(WorkshopError):
    """A plan, or a value given for one, that cannot be used. ``problems`` maps fields to messages."""


@dataclass(frozen=True)
class PlanProblem:
    """One thing wrong with a plan.

    ``field`` is the part of the plan it concerns (a key of the plan: "period", "activities"...),
    ``code`` says what is wrong (the message key is ``plan.problem.<code>``), ``severity`` is one
    of SEVERITIES, and ``activity`` the activity's position (1 = first) when it concerns one.
    ``message`` is rendered in the current language each time it is read.
    """

    field: str
    code: str
    severity: str
    activity: int | None = None
    values: Mapping[str, Any] = field(default_factory=dict)

    @property
    def detail(self) -> str:
        """What is wrong, in the participant's language, without saying which activity."""
        shown = {name: format_date(value) if isinstance(value, date) else value
                 for name, value in self.values.items()}
        return t(f"plan.problem.{self.code}", **shown)

    @property
    def message(self) -> str:
        """What is wrong, in the participant's language (naming the activity it concerns)."""
        text = self.detail
        if self.activity is None:
            return text
        name = str(self.values.get("activity_name") or "").strip()
        if name:
            return t("plan.problem.in_activity", position=self.activity, name=name, problem=text)
        return t("plan.problem.in_unnamed_activity", position=self.activity, problem=text)

    def __str__(self) -> str:
        return self.message


# --- dates -----------------------------------------------------------------------------------

def parse_date(value: Any) -> date | None:
    """Return ``value`` (an ISO "YYYY-MM-DD" text, a date, or None/"" for no date) as a date.

    Raises ValueError for anything else, such as "15/03/2027" or "2027-02-30".
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, date):
        return value if type(value) is date else value.date() if hasattr(value, "date") else value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return date.fromisoformat(value.strip())
    raise ValueError(f"not an ISO date: {value!r}")


def iso_date(value: date | str | None) -> str | None:
    """Return a date as "YYYY-MM-DD" text (what a plan holds), or None for no date."""
    parsed = parse_date(value)
    return None if parsed is None else parsed.isoformat()


def month_names(abbreviated: bool = False) -> list[str]:
    """Return the twelve month names in the current language (January first)."""
    return t("plan.month_abbreviations" if abbreviated else "plan.month_names").split()


def format_date(value: date | str | None, abbreviated: bool = False) -> str:
    """Return a date written for the current language: "3 March 2027", "3 mars 2027" ("–" for none);
    ``abbreviated``: "3 Mar 2027", "3 mars 2027"."""
    parsed = parse_date(value)
    if parsed is None:
        return "–"
    day = "1er" if parsed.day == 1 and get_language() == "fr" else str(parsed.day)
    return f"{day} {month_names(abbreviated)[parsed.month - 1]} {parsed.year}"


# --- a plan and what is wrong with it ---------------------------------------------------------

def empty_plan(case: str | None = None) -> dict[str, Any]:
    """Return a plan with nothing in it yet (for ``case``, checked, or None)."""
    return {"title": "", "case": None if case is None else check_case(case),
            "period": {"start": None, "end": None}, "objectives": [], "stakeholders": [],
            "activities": [], "indicators": [], "risks_assumptions": []}


def plan_shape_problem(value: Any) -> str | None:
    """Return what keeps ``value`` from being a plan at all (wrong types, missing keys), or None.

    Only the shape: a plan of the right shape may still have problems (``find_problems``).
    """
    if not isinstance(value, Mapping):
        return "a plan is a dict"
    missing = [name for name in FIELDS if name not in value]
    if missing:
        return f"the plan has no {', '.join(missing)}"
    if not isinstance(value["title"], str):
        return "the title is not text"
    if value["case"] is not None and not isinstance(value["case"], str):
        return "the case is not text"
    period = value["period"]
    if not isinstance(period, Mapping) or set(period) != {"start", "end"}:
        return "the period must have a start and an end"
    for name in LIST_FIELDS:
        if not isinstance(value[name], list) or not all(isinstance(item, str) for item in value[name]):
            return f"{name} must be a list of texts"
    activities = value["activities"]
    if not isinstance(activities, list):
        return "activities must be a list"
    for position, activity in enumerate(activities, start=1):
        if not isinstance(activity, Mapping) or set(activity) != set(ACTIVITY_FIELDS):
            return f"activity {position} must have exactly {', '.join(ACTIVITY_FIELDS)}"
        if not isinstance(activity["name"], str) or not isinstance(activity["owner"], str):
            return f"activity {position}: name and owner must be text"
    return None


def find_problems(plan: Mapping[str, Any], today: date | None = None) -> list[PlanProblem]:
    """Return every problem of ``plan``, in the order of its fields (see SEVERITIES).

    ``today`` (default: today) decides which dates are past. Raises PlanError when ``plan``
    is not shaped like a plan at all (``plan_shape_problem``).
    """
    shape = plan_shape_problem(plan)
    if shape is not None:
        raise PlanError("plan", "plan.not_a_plan", problem=shape)
    today = date.today() if today is None else today
    problems: list[PlanProblem] = []
    if not plan["title"].strip():
        problems.append(PlanProblem("title", "title_empty", "incomplete"))
    if plan["case"] is not None:
        try:
            check_case(plan["case"])
        except CaseError:
            problems.append(PlanProblem("case", "case_unknown", "invalid",
                                        values={"case": plan["case"], "known": ", ".join(CASES)}))
    start, end = _period_dates(plan, problems)
    if start is None and end is None and not any(p.field == "period" for p in problems):
        problems.append(PlanProblem("period", "period_missing", "incomplete"))
    elif start is None and not any(p.field == "period" for p in problems):
        problems.append(PlanProblem("period", "period_start_missing", "incomplete"))
    elif end is None and not any(p.field == "period" for p in problems):
        problems.append(PlanProblem("period", "period_end_missing", "incomplete"))
    if start is not None and end is not None and end < start:
        problems.append(PlanProblem("period", "period_end_before_start", "invalid",
                                    values={"start": start, "end": end}))
        start = end = None  # no period to check the activities against
    elif start is not None and start < today:
        problems.append(PlanProblem("period", "period_in_past", "warning",
                                    values={"start": start, "today": today}))
    for name, code in (("objectives", "objectives_empty"), ("stakeholders", "stakeholders_empty")):
        if not any(line.strip() for line in plan[name]):
            problems.append(PlanProblem(name, code, "incomplete"))
    problems += _activity_problems(plan["activities"], start, end, today)
    for name, code in (("indicators", "indicators_empty"), ("risks_assumptions", "risks_empty")):
        if not any(line.strip() for line in plan[name]):
            problems.append(PlanProblem(name, code, "incomplete"))
    return problems


def plan_problems(plan: Mapping[str, Any], today: date | None = None) -> dict[str, list[str]]:
    """Return the messages of every problem of ``plan`` (all severities), by field.

    Fields without a problem are left out, so an empty dict means a plan that is ready.
    """
    return _by_field(find_problems(plan, today))


def invalid_problems(plan: Mapping[str, Any]) -> dict[str, list[str]]:
    """Return the messages of the problems that keep ``plan`` from being saved, by field."""
    return _by_field(problem for problem in find_problems(plan, date.min) if problem.severity == "invalid")


def _by_field(problems: Iterable[PlanProblem]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for problem in problems:
        found.setdefault(problem.field, []).append(problem.message)
    return found


def _period_dates(plan: Mapping[str, Any], problems: list[PlanProblem]) -> tuple[date | None, date | None]:
    dates = []
    for end_name in ("start", "end"):
        value = plan["period"][end_name]
        try:
            dates.append(parse_date(value))
        except ValueError:
            problems.append(PlanProblem("period", "date_invalid", "invalid", values={"value": value}))
            dates.append(None)
    return dates[0], dates[1]


def _activity_problems(activities: list[Mapping[str, Any]], start: date | None, end: date | None,
                       today: date) -> list[PlanProblem]:
    if not activities:
        return [PlanProblem("activities", "activities_none", "incomplete")]
    problems: list[PlanProblem] = []
    seen: dict[str, int] = {}
    for position, activity in enumerate(activities, start=1):
        name = activity["name"].strip()

        def add(code: str, severity: str, position: int = position, name: str = name, **values: Any) -> None:
            problems.append(PlanProblem("activities", code, severity, position,
                                        {"activity_name": name, **values}))

        if not name:
            add("activity_name_empty", "invalid")
        elif name_key(name) in seen:
            add("activity_name_duplicate", "invalid", other=seen[name_key(name)])
        else:
            seen[name_key(name)] = position
        if not activity["owner"].strip():
            add("activity_owner_missing", "incomplete")
        dates = {}
        for end_name in ("start", "end"):
            try:
                dates[end_name] = parse_date(activity[end_name])
            except ValueError:
                add("date_invalid", "invalid", value=activity[end_name])
                dates[end_name] = None
            else:
                if dates[end_name] is None:
                    add(f"activity_{end_name}_missing", "incomplete")
        first, last = dates["start"], dates["end"]
        if first is not None and last is not None and last < first:
            add("activity_end_before_start", "invalid", start=first, end=last)
        elif start is not None and end is not None and any(
                day is not None and not start <= day <= end for day in (first, last)):
            add("activity_outside_period", "incomplete", start=start, end=end)
        if first is not None and first < today:
            add("activity_in_past", "warning", start=first)
        cost = activity["cost"]
        if not is_number(cost):
            add("activity_cost_not_number", "invalid", value=cost)
        elif cost < 0:
            add("activity_cost_negative", "invalid", value=cost)
    return problems


# --- budget -----------------------------------------------------------------------------------

def budget_total(plan: Mapping[str, Any]) -> float:
    """Return the plan's budget: the sum of its activities' costs, in FCFA.

    Raises PlanError when a cost is not a number (negative costs are added as given;
    ``find_problems`` flags them).
    """
    return float(sum(_cost(activity, position) for position, activity in enumerate(plan["activities"], 1)))


def budget_by_owner(plan: Mapping[str, Any]) -> dict[str, float]:
    """Return each owner's share of the budget in FCFA, largest first.

    Owners are matched the way names are (``text.name_key``: ignoring case, accents and repeated
    spaces; the first spelling is kept); activities with no owner are under "".
    """
    totals: dict[str, float] = {}
    spelling: dict[str, str] = {}
    for position, activity in enumerate(plan["activities"], start=1):
        owner = str(activity.get("owner") or "").strip()
        key = name_key(owner)
        spelling.setdefault(key, owner)
        totals[key] = totals.get(key, 0.0) + _cost(activity, position)
    ordered = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    return {spelling[key]: float(amount) for key, amount in ordered}


def _cost(activity: Mapping[str, Any], position: int) -> float:
    cost = activity.get("cost", 0)
    if not is_number(cost):
        problem = PlanProblem("activities", "activity_cost_not_number", "invalid", position,
                              {"activity_name": activity.get("name", ""), "value": cost})
        raise PlanError({"activities": problem})
    return float(cost)


def activities_frame(plan: Mapping[str, Any]) -> pd.DataFrame:
    """Return the activities as a table: ``name``, ``start`` and ``end`` (dates, NaT when not
    given or not a date), ``owner``, ``cost`` (FCFA) and ``days`` (end minus start, plus one)."""
    rows = []
    for activity in plan["activities"]:
        dates = []
        for end_name in ("start", "end"):
            try:
                dates.append(parse_date(activity.get(end_name)))
            except ValueError:
                dates.append(None)
        rows.append({"name": activity.get("name", ""), "start": dates[0], "end": dates[1],
                     "owner": activity.get("owner", ""), "cost": activity.get("cost")})
    table = pd.DataFrame(rows, columns=["name", "start", "end", "owner", "cost"])
    table["start"] = pd.to_datetime(table["start"])
    table["end"] = pd.to_datetime(table["end"])
    table["cost"] = pd.to_numeric(table["cost"], errors="coerce")
    table["days"] = ((table["end"] - table["start"]).dt.days + 1).astype("Int64")
    return table


# --- the timeline -----------------------------------------------------------------------------

def timeline_figure(plan: Mapping[str, Any], *, width: float = 7.0, title: bool = True) -> Figure:
    """Return a Gantt-like chart of the plan: one bar per activity (top to bottom in the plan's
    order, its owner beside it), the project period shaded between dashed lines, months marked.

    Drawn to read in black and white: grey bars with black edges; an activity outside the project
    period is hatched; a one-day activity is a diamond. Labels are in the current language; the
    figure is closed in pyplot (nothing accumulates) but still shows in a notebook. ``title``:
    whether to write the chart's title above it (a page that has its own heading leaves it out).
    """
    table = activities_frame(plan)
    try:
        period = (parse_date(plan["period"]["start"]), parse_date(plan["period"]["end"]))
    except ValueError:
        period = (None, None)
    if None in period or period[1] < period[0]:
        period = (None, None)
    count = max(len(table), 1)
    figure, axes = plt.subplots(figsize=(width, 1.5 + 0.36 * count), layout="constrained")
    plt.close(figure)
    drawn = table.dropna(subset=["start", "end"])
    drawn = drawn[drawn["end"] >= drawn["start"]]
    known = [pd.Timestamp(day) for day in period if day is not None]
    known += list(drawn["start"]) + list(drawn["end"] + timedelta(days=1))
    if title:
        axes.set_title(t("plan.chart.title"), fontsize=11, loc="left")
    if not known:
        axes.set_axis_off()
        axes.text(0.5, 0.5, t("plan.chart.empty"), ha="center", va="center", fontsize=10,
                  transform=axes.transAxes)
        return figure
    first, last = min(known), max(known)
    margin = max(timedelta(days=5), (last - first) * 0.02)
    left, right = first - margin, last + margin
    span = right - left
    if period[0] is not None:
        begin, finish = pd.Timestamp(period[0]), pd.Timestamp(period[1]) + timedelta(days=1)
        axes.axvspan(begin, finish, color=_PERIOD_FILL, zorder=0)
        for edge in (begin, finish):
            axes.axvline(edge, color="#000000", linestyle=(0, (5, 3)), linewidth=1, zorder=1)
    outside_any = False
    for row, activity in enumerate(table.itertuples()):
        if is_missing(activity.start) or is_missing(activity.end) or activity.end < activity.start:
            axes.text(left + span * 0.01, row, t("plan.chart.no_dates"), va="center", fontsize=8,
                      style="italic", color="#333333")
            continue
        outside = period[0] is not None and (activity.start.date() < period[0]
                                             or activity.end.date() > period[1])
        outside_any = outside_any or outside
        start, finish = activity.start, activity.end + timedelta(days=1)
        if activity.end == activity.start:
            axes.plot([start + timedelta(hours=12)], [row], marker="D", markersize=8, zorder=3,
                      markerfacecolor="white" if outside else _BAR_FILL, markeredgecolor=_BAR_EDGE)
            start, finish = start - span * 0.008, finish + span * 0.008
        else:
            axes.add_patch(Rectangle((mdates.date2num(start), row - 0.32), (finish - start).days, 0.64,
                                     facecolor="white" if outside else _BAR_FILL, edgecolor=_BAR_EDGE,
                                     linewidth=0.9, hatch="////" if outside else None, zorder=3))
        owner = shortened(str(activity.owner or "").strip(), 28)
        if owner:
            _place_owner(axes, owner, row, start, finish, left, right)
    axes.set_xlim(left, right)
    axes.set_ylim(count - 0.5, -0.5)
    axes.set_yticks(range(len(table)))
    axes.set_yticklabels([_wrapped(f"{number}. {name}")
                          for number, name in enumerate(table["name"], start=1)], fontsize=8)
    axes.tick_params(axis="y", length=0)
    ticks = _month_starts(left, right)
    names = month_names(abbreviated=True)
    # The year under the first month shown and under each January.
    labels = [f"{names[day.month - 1]}\n{day.year}" if day.month == 1 or index == 0 else names[day.month - 1]
              for index, day in enumerate(ticks)]
    axes.set_xticks([mdates.date2num(day) for day in ticks], labels)
    axes.tick_params(axis="x", labelsize=8)
    axes.grid(axis="x", color="#9e9e9e", linestyle=":", linewidth=0.6, zorder=0)
    axes.set_axisbelow(True)
    axes.spines[["top", "right"]].set_visible(False)
    handles = [Patch(facecolor=_BAR_FILL, edgecolor=_BAR_EDGE, label=t("plan.chart.activity"))]
    if period[0] is not None:
        handles.append(Patch(facecolor=_PERIOD_FILL, edgecolor="#000000", linestyle="--",
                             label=t("plan.chart.period")))
    if outside_any:
        handles.append(Patch(facecolor="white", edgecolor=_BAR_EDGE, hatch="////",
                             label=t("plan.chart.outside")))
    figure.legend(handles=handles, loc="outside lower center", ncol=len(handles), fontsize=7.5, frameon=False,
                  handlelength=1.8)
    return figure


def _month_starts(left: pd.Timestamp, right: pd.Timestamp) -> list[date]:
    """The first days of the months between ``left`` and ``right``: every month over up to 14 months,
    every second, third or sixth month over longer plans."""
    months = max(1, round((right - left).days / 30.4))
    step = 1 if months <= 14 else 2 if months <= 28 else 3 if months <= 42 else 6
    day = date(left.year, left.month, 1)
    if day < left.date():
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    starts = []
    while day <= right.date():
        if (day.month - 1) % step == 0:
            starts.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return starts


def _place_owner(axes: Any, owner: str, row: int, start: pd.Timestamp, finish: pd.Timestamp,
                 left: pd.Timestamp, right: pd.Timestamp) -> None:
    """Write an activity's owner right of its bar, else left of it, else inside it: never past the axes."""
    span = right - left
    needed = span * (0.0125 * len(owner) + 0.012)  # about one character per 1.25 % of the axes' width
    gap = span * 0.006
    if right - finish >= needed:
        axes.text(finish + gap, row, owner, va="center", ha="left", fontsize=7.5, zorder=4)
    elif start - left >= needed:
        axes.text(start - gap, row, owner, va="center", ha="right", fontsize=7.5, zorder=4)
    else:
        axes.text(start + (finish - start) / 2, row, owner, va="center", ha="center", fontsize=7.5, zorder=4,
                  bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})


def _wrapped(text: str, width: int = 30) -> str:
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > 2:
        lines = [lines[0], shortened(" ".join(lines[1:]), width)]
    return "\n".join(lines)


# --- target stakeholders ----------------------------------------------------------------------

def prioritised_names(entries: Iterable[Any]) -> list[str]:
    """Return the names of grid entries ({"name", "power", "interest", ...}), key players first.

    Order: high power and high interest, then high power only, then high interest only, then
    the rest (the quadrants of Mendelow's grid); within a quadrant, the highest power plus
    interest first, then the order given. Entries without a name or with scores that are not
    0-10 are left out; a name repeated (ignoring case, accents and spaces) is kept once.
    """
    ranked = []
    seen: set[str] = set()
    for position, entry in enumerate(entries if isinstance(entries, Iterable) else []):
        if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
            continue
        name = entry["name"].strip()
        if not name or name_key(name) in seen:
            continue
        try:
            power = check_score(entry.get("power"), "power")
            interest = check_score(entry.get("interest"), "interest")
        except StakeholderError:
            continue
        seen.add(name_key(name))
        ranked.append((QUADRANTS.index(quadrant(power, interest)), -(power + interest), position, name))
    return [name for *_, name in sorted(ranked)]


def case_target_stakeholders(case: str) -> list[str]:
    """Return the names of a case's stakeholders (the ``stakeholders`` dataset), key players
    first, as a reader of the current language sees them (they start a participant's plan)."""
    return prioritised_names(shown_entries(case_stakeholders(case), "name"))


# --- files --------------------------------------------------------------------------------------

# Letters that lose everything when their accents are stripped, written out first.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O"})


def plan_slug(title: str, default: str = "engagement-plan") -> str:
    """Return a file name stem for a plan titled ``title``: "Carrières de Comé : réhabilitation"
    gives "carrieres-de-come-rehabilitation" (no accents, no spaces, at most 60 characters)."""
    spelled = (title or "").translate(_LIGATURES)
    plain = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[:60].rstrip("-") or default


# --- a worked example ---------------------------------------------------------------------------

def example_plan(case: str = "burkina_gold") -> dict[str, Any]:
    """Return a small engagement plan for ``case``, invented for practice (names, dates and costs),
    its texts in the current language: once made, a plan is its author's text, in one language."""
    check_case(case)
    if case == "benin_sand":
        plan = {
            "title": {"en": "Restoring gravel quarries with the women who wash gravel (example)",
                      "fr": "Restaurer les carrières de gravier avec les femmes laveuses (exemple)"},
            "case": "benin_sand",
            "period": {"start": "2027-01-11", "end": "2027-10-29"},
            "objectives": [
                {"en": "By October 2027, two quarries near Lokossa have a restoration plan agreed by the "
                       "quarry heads, the women who wash gravel and the commune.",
                 "fr": "D'ici octobre 2027, deux carrières près de Lokossa ont un plan de restauration "
                       "accepté par les chefs de carrière, les femmes qui lavent le gravier et la commune."},
                {"en": "By June 2027, the women's group of each quarry takes part in a monthly check of "
                       "the authorised depth and perimeter.",
                 "fr": "D'ici juin 2027, le groupement de femmes de chaque carrière participe à un contrôle "
                       "mensuel de la profondeur et du périmètre autorisés."},
            ],
            "stakeholders": case_target_stakeholders("benin_sand"),
            "activities": [
                _activity("Meet the quarry heads", "Rencontrer les chefs de carrière",
                          "2027-01-18", "2027-01-29", COORDINATOR, 150_000),
                _activity("Listening sessions with the women", "Séances d'écoute avec les femmes",
                          "2027-02-01", "2027-02-26", GENDER_OFFICER, 300_000),
                _activity("Map the pits with the commune", "Cartographier les fosses avec la commune",
                          "2027-03-01", "2027-03-31", FIELD_OFFICER, 450_000),
                _activity("Agree the restoration plan", "Adopter le plan de restauration",
                          "2027-04-15", "2027-04-15", COORDINATOR, 250_000),
                _activity("Monthly depth checks", "Contrôles mensuels de la profondeur",
                          "2027-05-03", "2027-10-15", {"en": "Women's group", "fr": "Groupement de femmes"},
                          360_000),
                _activity("Review meeting", "Réunion de bilan", "2027-10-27", "2027-10-27", COORDINATOR,
                          200_000),
            ],
            "indicators": [
                {"en": "Restoration plans signed by quarry heads, women and commune (target: 2 by October "
                       "2027).",
                 "fr": "Plans de restauration signés par les chefs de carrière, les femmes et la commune "
                       "(cible : 2 d'ici octobre 2027)."},
                {"en": "Monthly checks held with the women's group present (target: 6 of 6, May to "
                       "October).",
                 "fr": "Contrôles mensuels tenus en présence du groupement de femmes (cible : 6 sur 6, de "
                       "mai à octobre)."},
            ],
            "risks_assumptions": [
                {"en": "Assumption: the commune keeps supporting the permits' restoration duty.",
                 "fr": "Hypothèse : la commune continue de soutenir l'obligation de restauration des "
                       "permis."},
                {"en": "Risk: quarry heads fear lost income; mitigation: restore worked-out pits first.",
                 "fr": "Risque : les chefs de carrière craignent une perte de revenus ; atténuation : "
                       "restaurer d'abord les fosses épuisées."},
            ],
        }
    else:
        plan = {
            "title": {"en": "Less mercury at a gold-panning site in the Sud-Ouest (example)",
                      "fr": "Moins de mercure sur un site d'orpaillage du Sud-Ouest (exemple)"},
            "case": "burkina_gold",
            "period": {"start": "2027-01-04", "end": "2027-12-17"},
            "objectives": [
                {"en": "By December 2027, 40 women who process ore at the site have seen a mercury-free "
                       "gravity method working, and 10 of them have tried it.",
                 "fr": "D'ici décembre 2027, 40 femmes qui traitent le minerai sur le site ont vu "
                       "fonctionner une méthode gravimétrique sans mercure, et 10 d'entre elles l'ont "
                       "essayée."},
                {"en": "By June 2027, the site manager, the pit owners and DEMAS agree on where "
                       "amalgam may no longer be burnt (not near homes).",
                 "fr": "D'ici juin 2027, le responsable du site, les propriétaires de puits et la DEMAS "
                       "s'accordent sur les lieux où l'amalgame ne peut plus être brûlé (pas près des "
                       "habitations)."},
            ],
            "stakeholders": case_target_stakeholders("burkina_gold"),
            "activities": [
                _activity("Introductory visits and consent", "Visites de présentation et consentement",
                          "2027-01-11", "2027-01-29", COORDINATOR, 250_000),
                _activity("Listening sessions with women processors",
                          "Séances d'écoute avec les femmes transformatrices",
                          "2027-02-08", "2027-03-05", GENDER_OFFICER, 400_000),
                _activity("Baseline: who uses mercury, how much",
                          "Situation de référence : qui utilise le mercure, et combien",
                          "2027-03-01", "2027-04-16", FIELD_OFFICER, 600_000),
                _activity("Agreement on burning places", "Accord sur les lieux de brûlage",
                          "2027-05-20", "2027-05-20", COORDINATOR, 300_000),
                _activity("Gravity table demonstrations", "Démonstrations de la table à secousses",
                          "2027-06-07", "2027-09-24",
                          {"en": "Technical trainer", "fr": "Formateur technique"}, 1_800_000),
                _activity("Radio programme in local languages", "Émission de radio en langues locales",
                          "2027-06-01", "2027-11-30",
                          {"en": "Communication officer", "fr": "Chargé de communication"}, 720_000),
                _activity("Participatory monitoring visits", "Visites de suivi participatif",
                          "2027-07-05", "2027-12-10",
                          {"en": "Women's savings group", "fr": "Groupement d'épargne des femmes"}, 480_000),
                _activity("Review meeting with all parties", "Réunion de bilan avec toutes les parties",
                          "2027-12-15", "2027-12-15", COORDINATOR, 350_000),
            ],
            "indicators": [
                {"en": "Women who have seen a gravity method working (target: 40 by December 2027; "
                       "source: attendance lists).",
                 "fr": "Femmes qui ont vu fonctionner une méthode gravimétrique (cible : 40 d'ici "
                       "décembre 2027 ; source : listes de présence)."},
                {"en": "Women who have tried it on their own ore (target: 10 by December 2027).",
                 "fr": "Femmes qui l'ont essayée sur leur propre minerai (cible : 10 d'ici décembre "
                       "2027)."},
                {"en": "Amalgam burnt near homes, as counted on monitoring visits (target: none from July "
                       "2027).",
                 "fr": "Amalgame brûlé près des habitations, compté lors des visites de suivi (cible : "
                       "aucun à partir de juillet 2027)."},
            ],
            "risks_assumptions": [
                {"en": "Assumption: the gold price and the site's output stay high enough for miners to "
                       "take part.",
                 "fr": "Hypothèse : le cours de l'or et la production du site restent assez élevés pour "
                       "que les orpailleurs participent."},
                {"en": "Risk: insecurity closes the road to the site; mitigation: plan visits with local "
                       "partners and keep the radio programme going.",
                 "fr": "Risque : l'insécurité ferme la route du site ; atténuation : planifier les "
                       "visites avec des partenaires locaux et poursuivre l'émission de radio."},
                {"en": "Risk: buyers who lend mercury against gold oppose the change; mitigation: invite "
                       "them to the demonstrations.",
                 "fr": "Risque : les acheteurs qui prêtent du mercure contre de l'or s'opposent au "
                       "changement ; atténuation : les inviter aux démonstrations."},
            ],
        }
    return _in_current_language(plan)


COORDINATOR = {"en": "Coordinator", "fr": "Coordinateur"}
GENDER_OFFICER = {"en": "Gender officer", "fr": "Chargée du genre"}
FIELD_OFFICER = {"en": "Field officer", "fr": "Agent de terrain"}


def _activity(english: str, french: str, start: str, end: str, owner: Mapping[str, str],
              cost: int) -> dict[str, Any]:
    return {"name": {"en": english, "fr": french}, "start": start, "end": end, "owner": owner,
            "cost": cost}


def _in_current_language(value: Any) -> Any:
    """``value`` with each {"en": ..., "fr": ...} replaced by its text in the current language."""
    if isinstance(value, Mapping) and set(value) == {"en", "fr"}:
        return localize(value)
    if isinstance(value, Mapping):
        return {key: _in_current_language(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_in_current_language(item) for item in value]
    return value

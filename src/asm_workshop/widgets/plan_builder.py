"""The engagement plan builder: objectives, stakeholders, activities, timeline, budget, export.

    from asm_workshop.widgets import EngagementPlanBuilder
    EngagementPlanBuilder("day3_3.plan", case="burkina_gold", day2_folder="../day2")

What a plan is, what can be wrong with it, its budget and its timeline live in
``asm_workshop.plan``; the printable files in ``asm_workshop.plan_export``. This widget collects
input, shows the problems beside the fields, draws the chart and saves the plan.
"""

from __future__ import annotations

import contextlib
import copy
import html
import io
import json
import os
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from asm_workshop import pages
from asm_workshop.answers import saved_value
from asm_workshop.cases import check_case
from asm_workshop.i18n import t
from asm_workshop.participant import participant_pending
from asm_workshop.plan import (
    DAY2_GRID_KEY,
    LIST_FIELDS,
    PlanError,
    PlanProblem,
    activities_frame,
    budget_by_owner,
    budget_total,
    case_target_stakeholders,
    empty_plan,
    find_problems,
    invalid_problems,
    iso_date,
    parse_date,
    plan_problems,
    plan_shape_problem,
    plan_slug,
    prioritised_names,
    timeline_figure,
)
from asm_workshop.plan_export import export as export_plan
from asm_workshop.plan_export import fcfa
from asm_workshop.text import name_key
from asm_workshop.widgets.base import AnswerWidget, download_link_html, message_html

_KIND = {"invalid": "problem", "incomplete": "warning", "warning": "warning"}
_CHART_DPI = 80
# Buttons as wide as their label, not stretched across the column they sit in.
_SHRINK = {"width": "auto", "align_self": "flex-start"}
_ROW_WIDTHS = {"name": "17em", "start": "10.5em", "end": "10.5em", "owner": "13em", "cost": "9em",
               "remove": "2.6em"}


class _LineList:
    """Lines of text (objectives, stakeholders...): one text box per line, each with a remove
    button, and an add button. ``on_change`` is called after every change a participant makes."""

    def __init__(self, name: str, on_change: Callable[[], None]) -> None:
        self.name = name
        self.on_change = on_change
        self.rows = widgets.VBox()
        self.add_button = widgets.Button(icon="plus", layout=_SHRINK)
        self.add_button.add_class(f"asm-plan-{name}-add")
        self.add_button.on_click(lambda _: self.add_line())
        self.box = widgets.VBox([self.rows, self.add_button])
        self.box.add_class(f"asm-plan-{name}")
        self._texts: list[widgets.Text] = []
        self._removes: list[widgets.Button] = []
        self.placeholder = ""
        self.remove_tooltip = ""

    @property
    def lines(self) -> list[str]:
        """The lines written, trimmed; empty lines left out."""
        return [text.value.strip() for text in self._texts if text.value.strip()]

    def set_lines(self, lines: Sequence[str]) -> None:
        """Show ``lines`` (one text box each), without telling ``on_change``."""
        self._texts, self._removes = [], []
        for line in lines:
            self._new_row(line)
        self._place()

    def add_line(self, text: str = "") -> None:
        """Add a line at the end (empty: a box to write in)."""
        self._new_row(text)
        self._place()
        if text.strip():
            self.on_change()

    def remove(self, index: int) -> None:
        """Remove the line at ``index`` (0 = first)."""
        del self._texts[index]
        del self._removes[index]
        self._place()
        self.on_change()

    def relabel(self, add: str, placeholder: str, remove: str) -> None:
        self.add_button.description = add
        self.placeholder, self.remove_tooltip = placeholder, remove
        for text, button in zip(self._texts, self._removes, strict=True):
            text.placeholder = placeholder
            button.tooltip = remove

    def _new_row(self, value: str) -> None:
        text = widgets.Text(value=value, continuous_update=False, placeholder=self.placeholder,
                            layout={"width": "46em"})
        button = widgets.Button(icon="trash", tooltip=self.remove_tooltip, layout={"width": "2.6em"})
        text.observe(lambda _: self.on_change(), "value")
        button.on_click(lambda _, text=text: self.remove(self._texts.index(text)))
        self._texts.append(text)
        self._removes.append(button)

    def _place(self) -> None:
        self.rows.children = [widgets.HBox([text, button])
                              for text, button in zip(self._texts, self._removes, strict=True)]


class _ActivityRow:
    """One activity's fields in the table, and the line under it for its problems."""

    def __init__(self, on_change: Callable[[], None], on_remove: Callable[[_ActivityRow], None]) -> None:
        self.name = widgets.Text(continuous_update=False, layout={"width": _ROW_WIDTHS["name"]})
        self.start = widgets.DatePicker(layout={"width": _ROW_WIDTHS["start"]})
        self.end = widgets.DatePicker(layout={"width": _ROW_WIDTHS["end"]})
        self.owner = widgets.Combobox(ensure_option=False, continuous_update=False,
                                      layout={"width": _ROW_WIDTHS["owner"]})
        self.cost = widgets.FloatText(value=0, step=1000, layout={"width": _ROW_WIDTHS["cost"]})
        self.remove = widgets.Button(icon="trash", layout={"width": _ROW_WIDTHS["remove"]})
        self.problem = widgets.HTML()
        for name in ("name", "start", "end", "owner", "cost"):
            getattr(self, name).add_class(f"asm-plan-activity-{name}")
            getattr(self, name).observe(lambda _: on_change(), "value")
        self.remove.add_class("asm-plan-activity-remove")
        self.remove.on_click(lambda _: on_remove(self))
        self.box = widgets.VBox([widgets.HBox([self.name, self.start, self.end, self.owner, self.cost,
                                               self.remove]), self.problem])
        self.box.add_class("asm-plan-activity")

    def show(self, activity: dict[str, Any]) -> None:
        self.name.value = activity.get("name", "")
        self.start.value = parse_date(activity.get("start"))
        self.end.value = parse_date(activity.get("end"))
        self.owner.value = activity.get("owner", "")
        self.cost.value = activity.get("cost", 0)

    def read(self) -> dict[str, Any] | None:
        """The activity as a plan holds it, or None for a row left blank."""
        cost = self.cost.value
        activity = {"name": self.name.value.strip(), "start": iso_date(self.start.value),
                    "end": iso_date(self.end.value), "owner": self.owner.value.strip(),
                    "cost": int(cost) if float(cost).is_integer() else cost}
        if not activity["name"] and not activity["owner"] and activity["start"] is None \
                and activity["end"] is None and activity["cost"] == 0:
            return None
        return activity


class EngagementPlanBuilder(AnswerWidget):
    """Build an ASM engagement plan; saved under its key after every change.

    Fields: title, project period, objectives, target stakeholders, activities (name, start,
    end, owner, cost in FCFA), indicators, risks and assumptions. The target stakeholders start
    from the participant's Day 2 power/interest grid, key players first, when ``day2_folder``
    (the Day 2 lessons' folder, e.g. "../day2") holds it under ``day2_key``; else from the
    stakeholders of ``case`` ("burkina_gold", "benin_sand"); else empty. The builder shows the
    problems of each part beside it, the budget and a timeline chart, and exports the plan as a
    printable HTML page and a Markdown file (``export``), with links to download both.

    An invalid plan (an end before its start, a negative cost, two activities of one name) is
    not saved: the last saved plan is kept and ``value`` stays that plan. An incomplete plan
    (no objective yet, an activity with no owner...) is saved as a draft. ``today`` (default:
    today) decides which dates are past.
    """

    def __init__(self, key: str, *, case: str | None = None,
                 day2_folder: str | os.PathLike[str] | None = None, day2_key: str = DAY2_GRID_KEY,
                 folder: str | os.PathLike[str] | None = None, today: date | None = None) -> None:
        self.case = None if case is None else check_case(case)
        self.day2_folder = day2_folder
        self.day2_key = day2_key
        self.today = today
        # A preheated kernel's participant is not known yet: their Day 2 grid is read once they are.
        day2_deferred = day2_folder is not None and participant_pending()
        names, self._prefilled_from = self._starting_stakeholders(read_day2=not day2_deferred)
        self._plan = empty_plan(self.case)
        self._plan["stakeholders"] = names
        self._rows: list[_ActivityRow] = []
        # The check of the fields just made by _fields_changed, for the refresh it triggers.
        self._checked: tuple[list[PlanProblem], list[_ActivityRow]] | None = None
        self._drawn: str | None = None
        self._exported: tuple[Path, Path] | None = None
        super().__init__(key, folder=folder)
        if day2_deferred and not self._awaiting_participant and self._saved is None:
            self.participant_known(restored=False)  # they became known while the fields were built
            self.refresh()

    # Fields ---------------------------------------------------------------------------------
    def build(self) -> list[widgets.Widget]:
        wide = {"description_width": "9em"}
        self._heading = widgets.HTML()
        self._hint = widgets.HTML()
        self._title = widgets.Text(continuous_update=False, style=wide, layout={"width": "50em"})
        self._title.add_class("asm-plan-title")
        self._start = widgets.DatePicker(style=wide, layout={"width": "22em"})
        self._end = widgets.DatePicker(style={"description_width": "4em"}, layout={"width": "17em"})
        self._start.add_class("asm-plan-period-start")
        self._end.add_class("asm-plan-period-end")
        for widget in (self._title, self._start, self._end):
            widget.observe(lambda _: self._fields_changed(), "value")
        self._headings = {name: widgets.HTML() for name in
                          (*LIST_FIELDS, "activities", "budget", "timeline", "export")}
        self._lists = {name: _LineList(name, self._fields_changed) for name in LIST_FIELDS}
        self._lists["stakeholders"].set_lines(self._plan["stakeholders"])
        self._source = widgets.HTML()
        self._from_day2 = widgets.Button(icon="users", layout=_SHRINK)
        self._from_day2.add_class("asm-plan-from-day2")
        self._from_day2.on_click(lambda _: self.add_stakeholders_from_day2())
        self._columns = widgets.HBox([widgets.HTML(layout={"width": width})
                                      for width in _ROW_WIDTHS.values()])
        self._activity_box = widgets.VBox()
        self._activity_box.add_class("asm-plan-activities")
        self._add_activity = widgets.Button(icon="plus", button_style="primary", layout=_SHRINK)
        self._add_activity.add_class("asm-plan-add-activity")
        self._add_activity.on_click(lambda _: self._new_row())
        self._readiness = widgets.HTML()
        self._readiness.add_class("asm-plan-readiness")
        self._budget = widgets.HTML()
        self._budget.add_class("asm-plan-budget")
        self._chart = widgets.Image(format="png", layout={"width": "100%", "max_width": "720px"})
        self._chart.add_class("asm-plan-timeline")
        self._export_button = widgets.Button(icon="download", button_style="success",
                                             layout=_SHRINK)
        self._export_button.add_class("asm-plan-export")
        self._export_button.on_click(lambda _: self._export_clicked())
        self._links = widgets.HTML()
        self._links.add_class("asm-plan-links")
        self.relabel()

        def below(name: str, widget: widgets.Widget) -> widgets.Box:
            self._problems[name] = widgets.HTML()
            return widgets.VBox([widget, self._problems[name]])

        day2_part = [self._from_day2] if self.day2_folder is not None else []
        return [
            self._heading, self._hint,
            self.field("title", self._title),
            self.field("period", widgets.HBox([self._start, self._end])),
            self._headings["objectives"], below("objectives", self._lists["objectives"].box),
            self._headings["stakeholders"], self._source,
            below("stakeholders", widgets.VBox([self._lists["stakeholders"].box, *day2_part])),
            self._headings["activities"], self._columns, self._activity_box,
            below("activities", self._add_activity),
            self._headings["indicators"], below("indicators", self._lists["indicators"].box),
            self._headings["risks_assumptions"],
            below("risks_assumptions", self._lists["risks_assumptions"].box),
            self._readiness, self._headings["budget"], self._budget,
            self._headings["timeline"], self._chart,
            self._headings["export"], self.field("export", self._export_button), self._links,
        ]

    def relabel(self) -> None:
        self._heading.value = f"<h3 style='margin:4px 0'>{html.escape(t('plan_builder.title'))}</h3>"
        self._hint.value = message_html(t("plan_builder.hint"))
        self._title.description = t("plan_builder.plan_title")
        self._title.placeholder = t("plan_builder.plan_title_placeholder")
        self._start.description = t("plan_builder.period_start")
        self._end.description = t("plan_builder.period_end")
        for name, heading in self._headings.items():
            heading.value = f"<b>{html.escape(t(f'plan_builder.heading.{name}'))}</b>"
        for name, lines in self._lists.items():
            lines.relabel(t(f"plan_builder.add.{name}"), t(f"plan_builder.placeholder.{name}"),
                          t("plan_builder.remove_line"))
        self._source.value = message_html(t(f"plan_builder.source.{self._prefilled_from}")
                                          if self._prefilled_from else None)
        self._from_day2.description = t("plan_builder.from_day2")
        columns = ("name", "start", "end", "owner", "cost", "")
        for label, key in zip(self._columns.children, columns, strict=True):
            label.value = f"<b>{html.escape(t(f'plan_builder.column.{key}'))}</b>" if key else ""
        for row in self._rows:
            row.remove.tooltip = t("plan_builder.remove_activity")
            row.name.placeholder = t("plan_builder.activity_placeholder")
        self._add_activity.description = t("plan_builder.add_activity")
        self._export_button.description = t("plan_builder.export")
        self._links.value = self._links_html()

    # The answer -----------------------------------------------------------------------------
    @property
    def value(self) -> dict[str, Any]:
        """The plan last saved (or about to be): see ``asm_workshop.plan`` for its shape."""
        return copy.deepcopy(self._plan)

    def to_frame(self) -> pd.DataFrame:
        """Return the activities as a table (``plan.activities_frame``): name, start, end, owner,
        cost (FCFA) and days."""
        return activities_frame(self._plan)

    @property
    def problems(self) -> dict[str, list[str]]:
        """The problems of the plan as it is in the fields now, by field, in the current language."""
        return plan_problems(self._read_fields()[0], self.today)

    @property
    def exports_folder(self) -> Path:
        """Where ``export`` writes by default: ``exports/`` in this participant's answers folder."""
        return self.store.exports_folder

    def restore(self, value: dict[str, Any]) -> None:
        self._prefilled_from = None
        self._source.value = ""
        self._plan = copy.deepcopy(dict(value))
        self._plan["case"] = self.case
        self._show_fields(self._plan)

    def participant_known(self, restored: bool) -> None:
        """With no saved plan, start the stakeholders from the participant's Day 2 grid, now known."""
        if restored or self.day2_folder is None or participant_pending():
            return
        names = self._day2_names()
        if names:
            self._plan["stakeholders"] = names
            self._lists["stakeholders"].set_lines(names)
            self._prefilled_from = "day2"
            self._source.value = message_html(t("plan_builder.source.day2"))

    def check_saved(self, value: Any) -> str | None:
        shape = plan_shape_problem(value)
        if shape is not None:
            return shape
        invalid = invalid_problems(value)
        return next(iter(invalid.values()))[0] if invalid else None

    # What a participant can do ------------------------------------------------------------------
    def set_title(self, title: str) -> None:
        """Give the plan its title."""
        with self.syncing_fields():
            self._title.value = title
        self._fields_changed()

    def set_period(self, start: date | str | None, end: date | str | None) -> None:
        """Set the project's first and last day (dates, "YYYY-MM-DD" texts, or None). A text that is
        not a date raises PlanError, shown beside the period; nothing changes then."""
        dates = self._dates("period", start, end)
        with self.syncing_fields():
            self._start.value, self._end.value = dates
        self._fields_changed()

    def set_lines(self, name: str, lines: Sequence[str]) -> None:
        """Replace the lines of ``name`` (one of plan.LIST_FIELDS: "objectives", "stakeholders",
        "indicators", "risks_assumptions")."""
        if name not in self._lists:
            raise PlanError(name, "plan_builder.field_unknown", field=name, known=", ".join(LIST_FIELDS))
        self._lists[name].set_lines(list(lines))
        self._fields_changed()

    def add_activity(self, name: str = "", start: date | str | None = None, end: date | str | None = None,
                     owner: str = "", cost: float = 0) -> int:
        """Add an activity at the end of the table; return its row number (1 = first)."""
        dates = self._dates("activities", start, end)
        row = self._new_row(notify=False)
        with self.syncing_fields():
            row.show({"name": name, "start": dates[0], "end": dates[1], "owner": owner, "cost": cost})
        self._fields_changed()
        return len(self._rows)

    def edit_activity(self, row: int, **changes: Any) -> None:
        """Change fields of the activity on row ``row`` (1 = first): name, start, end, owner, cost."""
        target = self._row(row)
        unknown = [name for name in changes if name not in ("name", "start", "end", "owner", "cost")]
        if unknown:
            raise PlanError("activities", "plan_builder.field_unknown", field=unknown[0],
                            known="name, start, end, owner, cost")
        for name in ("start", "end"):
            if name in changes:
                changes[name] = self._dates("activities", changes[name])[0]
        with self.syncing_fields():
            for name, value in changes.items():
                getattr(target, name).value = value
        self._fields_changed()

    def remove_activity(self, row: int) -> None:
        """Remove the activity on row ``row`` (1 = first)."""
        self._remove_row(self._row(row))

    def add_stakeholders_from_day2(self) -> list[str]:
        """Add the names of the Day 2 grid that are not in the list yet (key players first);
        return those added. Says so when there is no Day 2 grid to read."""
        names = self._day2_names()
        if not names:
            self.show_problem("stakeholders", t("plan_builder.no_day2_grid", key=self.day2_key))
            return []
        present = {name_key(line) for line in self._lists["stakeholders"].lines}
        added = [name for name in names if name_key(name) not in present]
        self._lists["stakeholders"].set_lines(self._lists["stakeholders"].lines + added)
        self._fields_changed()
        return added

    def export(self, folder: str | os.PathLike[str] | None = None) -> tuple[Path, Path]:
        """Write the saved plan as ``<slug>.html`` and ``<slug>.md`` in ``folder`` (default:
        ``exports_folder``); show where, with a link to download each; return both paths."""
        if folder is None:
            store = self.participant_store()  # never the room's shared folder
            if store is None:
                self.show_problem("export", t("binding.not_exported_yet"))
                raise PlanError("export", "binding.not_exported_yet")
            folder = store.exports_folder
        folder = Path(folder)
        try:
            paths = export_plan(self._plan, folder)
        except OSError as error:
            message = t("plan_builder.export_failed", folder=folder,
                        reason=error.strerror or type(error).__name__)
            self.show_problem("export", message)
            raise PlanError({"export": message}) from None
        self._exported = paths
        self.show_problem("export", None)
        self._links.value = self._links_html()
        return paths

    def refresh(self) -> None:
        self._show_problems(*(self._checked or self._check_fields()))
        stakeholders = tuple(self._lists["stakeholders"].lines)  # who may own an activity
        for row in self._rows:
            if tuple(row.owner.options) != stakeholders:
                row.owner.options = stakeholders
        plan = self._plan
        total = budget_total(plan)
        owners = budget_by_owner(plan)
        self._budget.value = pages.render(
            "plan_budget.html.j2", total=t("plan_builder.budget_total", total=fcfa(total)),
            owners=[(owner or t("plan.export.no_owner"), fcfa(amount)) for owner, amount in owners.items()])
        drawn = json.dumps([plan["activities"], plan["period"], t("plan.chart.title")])
        if drawn != self._drawn:
            buffer = io.BytesIO()
            timeline_figure(plan).savefig(buffer, format="png", dpi=_CHART_DPI)
            self._chart.value = buffer.getvalue()
            self._drawn = drawn

    # Inside ---------------------------------------------------------------------------------------
    def _starting_stakeholders(self, read_day2: bool = True) -> tuple[list[str], str | None]:
        if self.day2_folder is not None and read_day2:
            names = self._day2_names()
            if names:
                return names, "day2"
        if self.case is not None:
            return case_target_stakeholders(self.case), "case"
        return [], None

    def _day2_names(self) -> list[str]:
        """The names on the participant's Day 2 grid, key players first ([] when none is saved).
        Read through the answer store, without changing that lesson's file."""
        if self.day2_folder is None:
            return []
        return prioritised_names(saved_value(self.day2_key, self.day2_folder) or [])

    def _read_fields(self) -> tuple[dict[str, Any], list[_ActivityRow]]:
        """The plan as the fields hold it now (maybe invalid), and the row each activity is on
        (rows left blank are not activities, so activity 2 may be on row 3)."""
        activities, rows = [], []
        for row in self._rows:
            activity = row.read()
            if activity is not None:
                activities.append(activity)
                rows.append(row)
        plan = {"title": self._title.value.strip(), "case": self.case,
                "period": {"start": iso_date(self._start.value), "end": iso_date(self._end.value)},
                "objectives": [], "stakeholders": [], "activities": activities,
                "indicators": [], "risks_assumptions": []}
        for name, lines in self._lists.items():
            plan[name] = lines.lines
        return plan, rows

    def _check_fields(self) -> tuple[list[PlanProblem], list[_ActivityRow]]:
        """The problems of the plan the fields hold now, and the row each activity is on."""
        draft, rows = self._read_fields()
        return find_problems(draft, self.today), rows

    def _fields_changed(self) -> None:
        """Check the fields; show each problem beside its part; save unless the plan is invalid."""
        if self.syncing:
            return
        draft, rows = self._read_fields()
        problems = find_problems(draft, self.today)
        if any(problem.severity == "invalid" for problem in problems):
            self._show_problems(problems, rows)
            self.show_status(t("plan_builder.not_saved"), "problem")
            return
        self.show_status(None)
        self._plan = draft
        # The refresh that answer_changed makes shows this check instead of checking the plan again.
        self._checked = (problems, rows)
        try:
            self.answer_changed()
        finally:
            self._checked = None

    def _show_problems(self, problems: list[PlanProblem], rows: list[_ActivityRow]) -> None:
        """Show each problem beside its part, and an activity's beside the row it is on (``rows``)."""
        by_field: dict[str, list[PlanProblem]] = {name: [] for name in self._problems if name != "export"}
        by_row: dict[int, list[PlanProblem]] = {}
        for problem in problems:
            if problem.activity is not None and problem.activity <= len(rows):
                by_row.setdefault(problem.activity, []).append(problem)
            else:
                by_field.setdefault(problem.field, []).append(problem)
        for name, found in by_field.items():
            if name in self._problems:
                self._problems[name].value = "".join(message_html(p.message, _KIND[p.severity])
                                                     for p in found)
        for row in self._rows:
            row.problem.value = ""
        for position, found in by_row.items():
            # The row's own number is in the table, so the message need not repeat the activity's name.
            rows[position - 1].problem.value = "".join(
                message_html(p.detail, _KIND[p.severity]) for p in found)
        left = sum(problem.severity != "warning" for problem in problems)
        self._readiness.value = (message_html(t("plan_builder.ready"), "ok") if not left
                                 else message_html(t("plan_builder.not_ready", count=left), "warning"))

    def _show_fields(self, plan: dict[str, Any]) -> None:
        with self.syncing_fields():
            self._title.value = plan["title"]
            self._start.value = parse_date(plan["period"]["start"])
            self._end.value = parse_date(plan["period"]["end"])
            for name, lines in self._lists.items():
                lines.set_lines(plan[name])
            self._rows = []
            for activity in plan["activities"]:
                self._new_row(notify=False).show(activity)
            self._place_rows()

    def _new_row(self, notify: bool = True) -> _ActivityRow:
        row = _ActivityRow(self._fields_changed, self._remove_row)
        row.remove.tooltip = t("plan_builder.remove_activity")
        row.name.placeholder = t("plan_builder.activity_placeholder")
        row.owner.options = tuple(self._lists["stakeholders"].lines)
        self._rows.append(row)
        self._place_rows()
        if notify:
            self._fields_changed()
        return row

    def _remove_row(self, row: _ActivityRow) -> None:
        self._rows.remove(row)
        self._place_rows()
        self._fields_changed()

    def _place_rows(self) -> None:
        self._activity_box.children = [row.box for row in self._rows]

    def _row(self, number: int) -> _ActivityRow:
        if not isinstance(number, int) or not 1 <= number <= len(self._rows):
            raise PlanError("activities", "plan_builder.row_unknown", row=number, count=len(self._rows))
        return self._rows[number - 1]

    def _dates(self, field: str, *values: date | str | None) -> list[date | None]:
        dates = []
        for value in values:
            try:
                dates.append(parse_date(value))
            except ValueError:
                message = t("plan.problem.date_invalid", value=value)
                self.show_problem(field, message)
                raise PlanError({field: message}) from None
        return dates

    def _export_clicked(self) -> None:
        with contextlib.suppress(PlanError):
            self.export()

    def _links_html(self) -> str:
        if self._exported is None:
            return ""
        html_path, markdown_path = self._exported
        links = "".join(download_link_html(path, t("plan_builder.download", name=path.name),
                                           "asm-plan-download") for path in (html_path, markdown_path))
        where = html.escape(t("plan_builder.exported", folder=str(html_path.parent.resolve()),
                              slug=plan_slug(self._plan["title"])))
        return f"<p style='margin:2px 0'>{where}</p><p style='margin:2px 0'>{links}</p>"


__all__ = ["EngagementPlanBuilder"]

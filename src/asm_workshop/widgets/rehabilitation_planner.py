"""The rehabilitation planner: the Frugal Rehabilitation Methodology's six steps and three tests."""

from __future__ import annotations

import html
import math
import os
from typing import Any

import ipywidgets as widgets
import pandas as pd

from asm_workshop import data
from asm_workshop.i18n import format_number, t
from asm_workshop.rehabilitation import (
    SCORE_RANGE,
    STEPS,
    TESTS,
    RehabilitationError,
    check_task_order,
    cost_per_hectare,
    in_step_order,
    overall_cost_per_hectare,
    score_site,
    step_name,
    steps_matching,
    tasks_problems,
)
from asm_workshop.widgets.base import AnswerWidget, message_html

DATASET = "rehabilitation_site_log"
NONE = ""  # the dropdowns' "nothing chosen yet": a None value would show an empty box, not its label

STARTING_ORDER = (
    "hand_over_for_signoff",
    "collect_native_seed",
    "fill_pits",
    "store_topsoil",
    "assess_degradation",
    "plan_rehabilitation_into_active_mining",
    "spread_topsoil",
    "set_safety_rules",
    "sow_and_plant",
    "reshape_land",
    "estimate_labour_and_volumes",
)
"""The order the tasks start in: mixed up on purpose, since putting them in order is the exercise."""


def task_text(task: str) -> str:
    """Return the text of task ``task`` (an id of rehabilitation.TASKS) in the current language."""
    return t(f"rehabilitation.task.{task}")


class RehabilitationPlanner(AnswerWidget):
    """Plan a site's rehabilitation with the Frugal Rehabilitation Methodology; saved under its key.

    Each task gets the step it belongs to (a dropdown) and a place in the plan (up and down
    buttons); a task planned after a task of a later step is flagged. Three sliders score the
    site on the three tests. With a site log (``site_log``, or the synthetic
    ``rehabilitation_site_log`` dataset when it is there), a site can be chosen, and the planner
    shows each site's cost per hectare and flags sites without stored topsoil; ``case`` (e.g.
    "burkina_gold") keeps only that case's sites.

    ``value`` is a dict: ``steps`` (task id -> step id or None, in plan order), ``scores`` (test
    id -> whole number 0-5) and ``site`` (the site scored, or None). With ``feedback`` the
    planner says how many tasks have the methodology's step (turn it off in a graded exercise).
    """

    def __init__(self, key: str, *, case: str | None = None, site_log: pd.DataFrame | None = None,
                 feedback: bool = True, folder: str | os.PathLike[str] | None = None) -> None:
        if site_log is None and DATASET in data.names():
            site_log = data.load(DATASET)
        if site_log is not None and case is not None:
            cases = (sorted(str(c) for c in site_log["case"].dropna().unique())
                     if "case" in site_log.columns else [])
            if case not in cases:
                raise RehabilitationError("case", "rehabilitation.case_unknown", case=case,
                                          known=", ".join(cases) or "–")
            site_log = site_log[site_log["case"] == case].reset_index(drop=True)
        self.site_log = site_log
        self.feedback = feedback
        self._costs = cost_per_hectare(site_log) if site_log is not None else None
        self._order = list(STARTING_ORDER)
        super().__init__(key, folder=folder)

    # Fields ---------------------------------------------------------------------------
    def build(self) -> list[widgets.Widget]:
        self._title = widgets.HTML()
        self._steps_heading = widgets.HTML()
        self._steps_help = widgets.HTML()
        self._dropdowns: dict[str, widgets.Dropdown] = {}
        self._labels: dict[str, widgets.HTML] = {}
        self._rows: dict[str, widgets.Box] = {}
        self._moves: list[widgets.Button] = []
        for task in STARTING_ORDER:
            self._dropdowns[task] = widgets.Dropdown(layout={"width": "24em"})
            self._dropdowns[task].observe(lambda _: self._changed(), "value")
            self._labels[task] = widgets.HTML(layout={"width": "30em"})
            up = widgets.Button(icon="arrow-up", layout={"width": "2.6em"})
            down = widgets.Button(icon="arrow-down", layout={"width": "2.6em"})
            up.on_click(lambda _, task=task: self.move(task, -1))
            down.on_click(lambda _, task=task: self.move(task, +1))
            self._moves += [up, down]
            self._rows[task] = self.field(f"task:{task}", widgets.HBox([up, down, self._labels[task],
                                                                          self._dropdowns[task]]))
            self._rows[task].add_class(f"asm-rehabilitation-task-{task}")
        self._task_box = widgets.VBox()
        self._feedback = widgets.HTML()
        self._plan = widgets.HTML()

        self._tests_heading = widgets.HTML()
        self._site = widgets.Dropdown(layout={"width": "34em"}, style={"description_width": "12em"})
        self._site.observe(lambda _: self._changed(), "value")
        self._site_facts = widgets.HTML()
        low, high = SCORE_RANGE
        self._sliders = {test: widgets.IntSlider(min=low, max=high, value=low, layout={"width": "34em"},
                                                 style={"description_width": "16em"}) for test in TESTS}
        for test, slider in self._sliders.items():
            slider.observe(lambda _: self._changed(), "value")
            slider.add_class(f"asm-rehabilitation-{test}")
        self._site.add_class("asm-rehabilitation-site")
        self._verdict = widgets.HTML()
        self._sites_heading = widgets.HTML()
        self._sites_table = widgets.HTML()
        self.relabel()
        self._place_rows()
        site_part = [self._site, self._site_facts] if self.site_log is not None else []
        return [
            self._title, self._steps_heading, self._steps_help, self._task_box, self._feedback, self._plan,
            self._tests_heading, *site_part, *(self.field(test, self._sliders[test]) for test in TESTS),
            self._verdict, self._sites_heading, self._sites_table,
        ]

    def relabel(self) -> None:
        with self.syncing_fields():
            self._title.value = f"<b>{html.escape(t('rehabilitation.title'))}</b>"
            self._steps_heading.value = f"<b>{html.escape(t('rehabilitation.steps_heading'))}</b>"
            self._steps_help.value = message_html(t("rehabilitation.steps_help"))
            options = [(t("rehabilitation.no_step"), NONE)]
            options += [(f"{number}. {step_name(step)}", step) for number, step in enumerate(STEPS, start=1)]
            for task, dropdown in self._dropdowns.items():
                chosen = dropdown.value
                dropdown.options = options
                dropdown.value = chosen or NONE
                self._labels[task].value = html.escape(task_text(task))
            self._tests_heading.value = f"<b>{html.escape(t('rehabilitation.tests_heading'))}</b>"
            for test, slider in self._sliders.items():
                slider.description = t(f"rehabilitation.test.{test}")
            self._site.description = t("rehabilitation.site")
            if self.site_log is not None:
                chosen = self._site.value
                self._site.options = [(t("rehabilitation.no_site"), NONE)] + [
                    (str(site), str(site)) for site in self.site_log["site_id"]]
                self._site.value = chosen or NONE
            self._sites_heading.value = (f"<b>{html.escape(t('rehabilitation.sites_heading'))}</b>"
                                         if self.site_log is not None else "")
            for button, text in zip(self._moves, [t("rehabilitation.move_up"), t("rehabilitation.move_down")]
                                    * len(self._dropdowns), strict=True):
                button.tooltip = text

    # The answer -----------------------------------------------------------------------
    @property
    def value(self) -> dict[str, Any]:
        return {
            "steps": {task: self._dropdowns[task].value or None for task in self._order},
            "scores": {test: int(self._sliders[test].value) for test in TESTS},
            "site": self._site.value or None,
        }

    @property
    def steps(self) -> dict[str, str | None]:
        """Task id -> step id (None when not given yet), in plan order."""
        return self.value["steps"]

    def to_frame(self) -> pd.DataFrame:
        """Return the plan as a table in plan order: ``position``, ``task``, ``task_text``,
        ``step``, ``step_number`` (1-6, missing when not given) and ``out_of_order``."""
        steps = self.steps
        late = {problem.task for problem in check_task_order(steps)}
        return pd.DataFrame({
            "position": range(1, len(steps) + 1),
            "task": list(steps),
            "task_text": [task_text(task) for task in steps],
            "step": pd.Series(list(steps.values()), dtype=object),
            "step_number": pd.array([None if step is None else STEPS.index(step) + 1
                                     for step in steps.values()], dtype="Int64"),
            "out_of_order": [task in late for task in steps],
        })

    def restore(self, value: dict[str, Any]) -> None:
        self._order = list(value["steps"])
        for task, step in value["steps"].items():
            self._dropdowns[task].value = step or NONE
        for test in TESTS:
            self._sliders[test].value = value["scores"][test]
        if self.site_log is not None:
            site = value.get("site")
            self._site.value = site if site in {known for _, known in self._site.options} else NONE
        self._place_rows()

    def check_saved(self, value: Any) -> str | None:
        if not isinstance(value, dict) or not {"steps", "scores"} <= set(value):
            return "expected a dict with steps and scores"
        problem = tasks_problems(value["steps"])
        if problem:
            return problem
        scores = value["scores"]
        if not isinstance(scores, dict) or set(scores) != set(TESTS):
            return f"scores must be given for {', '.join(TESTS)}"
        try:
            score_site(*(scores[test] for test in TESTS))
        except RehabilitationError as error:
            return str(error)
        return None

    # What a participant can do ------------------------------------------------------------
    def set_step(self, task: str, step: str | None) -> None:
        """Give task ``task`` the step ``step`` (an id of STEPS, or None). Raises
        RehabilitationError, shown beside the task, for an unknown task or step."""
        self._check_task(task)
        if step is not None and step not in STEPS:
            message = t("rehabilitation.step_unknown", step=step, task=task_text(task),
                        known=", ".join(STEPS))
            self.show_problem(f"task:{task}", message)
            raise RehabilitationError({task: message})
        self._dropdowns[task].value = step or NONE

    def move(self, task: str, offset: int) -> None:
        """Move task ``task`` ``offset`` places later in the plan (negative: earlier)."""
        self._check_task(task)
        position = self._order.index(task)
        target = min(max(position + offset, 0), len(self._order) - 1)
        if target == position:
            return
        self._order.insert(target, self._order.pop(position))
        self._place_rows()
        self.answer_changed()

    def set_scores(self, affordable: int | None = None, acceptable: int | None = None,
                   viable: int | None = None) -> None:
        """Set the site's scores (whole numbers 0-5) on the tests given. Raises
        RehabilitationError, shown beside each bad slider, when a score is out of range."""
        given = {"affordable": affordable, "acceptable": acceptable, "viable": viable}
        merged = {test: self._sliders[test].value if score is None else score
                  for test, score in given.items()}
        try:
            score_site(**merged)
        except RehabilitationError as error:
            for test in TESTS:
                self.show_problem(test, error.problems.get(test))
            raise
        for test in TESTS:
            self.show_problem(test, None)
        with self.syncing_fields():
            for test, score in merged.items():
                self._sliders[test].value = score
        self.answer_changed()

    def choose_site(self, site: str | None) -> None:
        """Choose the site being scored (a ``site_id`` of the site log, or None)."""
        known = [] if self.site_log is None else [str(s) for s in self.site_log["site_id"]]
        if site is not None and site not in known:
            message = t("rehabilitation.site_unknown", site=site, known=", ".join(known) or "–")
            raise RehabilitationError({"site": message})
        if self.site_log is not None:
            self._site.value = site or NONE

    def refresh(self) -> None:
        steps = self.steps
        out_of_order = {problem.task: problem for problem in check_task_order(steps)}
        for task in self._order:
            problem = out_of_order.get(task)
            self.show_problem(f"task:{task}", problem.explain(task_text) if problem else None)
        given = sum(step is not None for step in steps.values())
        lines = [t("rehabilitation.steps_given", given=given, total=len(steps))]
        if self.feedback and given:
            lines.append(t("rehabilitation.steps_matching", right=steps_matching(steps), total=len(steps)))
        if not out_of_order and given == len(steps):
            lines.append(t("rehabilitation.order_consistent"))
        self._feedback.value = "".join(message_html(line) for line in lines)
        self._plan.value = self._plan_html(steps)
        self._verdict.value = self._verdict_html()
        site = self._site.value or None
        self._site_facts.value = self._site_html(site) if self.site_log is not None else ""
        self._sites_table.value = self._sites_html() if self.site_log is not None else ""

    # Inside -------------------------------------------------------------------------
    def _changed(self) -> None:
        if not self.syncing:
            self.answer_changed()

    def _check_task(self, task: str) -> None:
        if task not in self._dropdowns:
            raise RehabilitationError("task", "rehabilitation.task_unknown", task=task,
                                      known=", ".join(self._dropdowns))

    def _place_rows(self) -> None:
        self._task_box.children = [self._rows[task] for task in self._order]

    @staticmethod
    def _plan_html(steps: dict[str, str | None]) -> str:
        ordered = in_step_order(steps)
        items = []
        for step in STEPS:
            tasks = [task for task, its_step in ordered.items() if its_step == step]
            if tasks:
                listed = "".join(f"<li>{html.escape(task_text(task))}</li>" for task in tasks)
                items.append(f"<li><b>{html.escape(step_name(step))}</b><ul>{listed}</ul></li>")
        if not items:
            return ""
        heading = html.escape(t("rehabilitation.plan_by_step"))
        return f"<details><summary>{heading}</summary><ol>{''.join(items)}</ol></details>"

    def _verdict_html(self) -> str:
        scores = {test: int(self._sliders[test].value) for test in TESTS}
        if not any(scores.values()):
            return message_html(t("rehabilitation.not_scored"))
        result = score_site(**scores)
        weakest = ", ".join(t(f"rehabilitation.test.{test}") for test in result.weakest)
        if result.passes:
            return message_html(t("rehabilitation.passes", mean=format_number(result.mean, 1)), "ok")
        return message_html(t("rehabilitation.fails", mean=format_number(result.mean, 1), weakest=weakest),
                            "warning")

    def _site_html(self, site: str | None) -> str:
        if site is None:
            return message_html(t("rehabilitation.choose_site"))
        row = self._costs[self._costs["site_id"].astype(str) == site].iloc[0]
        log_row = self.site_log[self.site_log["site_id"].astype(str) == site].iloc[0]
        lines = [t("rehabilitation.site_area", area=format_number(row["area_ha"], 2))]
        lines.append(t("rehabilitation.cost_unknown") if math.isnan(row["cost_fcfa_per_ha"])
                     else t("rehabilitation.site_cost", cost=format_number(row["cost_fcfa_per_ha"])))
        stored = log_row.get("topsoil_stockpiled_m3")
        kind = "ok"
        if pd.isna(stored):
            lines.append(t("rehabilitation.topsoil_not_recorded"))
            kind = "warning"
        elif stored == 0:
            lines.append(t("rehabilitation.topsoil_none"))
            kind = "warning"
        else:
            lines.append(t("rehabilitation.topsoil_stored", volume=format_number(stored)))
        return "".join(message_html(line, kind if index == 2 else "info") for index, line in enumerate(lines))

    def _sites_html(self) -> str:
        costs = self._costs
        stored = (pd.to_numeric(self.site_log["topsoil_stockpiled_m3"], errors="coerce")
                  if "topsoil_stockpiled_m3" in self.site_log.columns
                  else pd.Series(math.nan, index=self.site_log.index))
        headers = [t("rehabilitation.site"), t("rehabilitation.column.area"),
                   t("rehabilitation.column.cost_per_ha"), t("rehabilitation.column.topsoil")]
        rows = []
        flagged = 0
        for position in range(len(costs)):
            per_ha = costs["cost_fcfa_per_ha"].iloc[position]
            volume = stored.iloc[position]
            if pd.isna(volume) or volume == 0:
                flagged += 1
                flag = html.escape(t("rehabilitation.no_topsoil_flag"))
                topsoil = f"<span style='color:#b71c1c'>⚠ {flag}</span>"
            else:
                topsoil = format_number(volume)
            cells = [html.escape(str(costs["site_id"].iloc[position])),
                     format_number(costs["area_ha"].iloc[position], 2),
                     "–" if pd.isna(per_ha) else format_number(per_ha), topsoil]
            rows.append("<tr>" + "".join(f"<td style='padding:1px 8px'>{cell}</td>" for cell in cells)
                        + "</tr>")
        head = "".join(f"<th style='padding:1px 8px;text-align:left'>{html.escape(h)}</th>" for h in headers)
        overall = overall_cost_per_hectare(self.site_log)
        summary = [t("rehabilitation.sites_flagged", flagged=flagged, total=len(costs))]
        if not math.isnan(overall):
            summary.append(t("rehabilitation.overall_cost", cost=format_number(overall)))
        return ("".join(message_html(line) for line in summary)
                + "<div style='max-height:16em;overflow-y:auto'><table class='asm-sites'>"
                + f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")

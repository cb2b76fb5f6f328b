"""The incentive matrix: carrots, sticks and enablers scored from the miner's side, saved and gradable."""

from __future__ import annotations

import html
import io
import os
from typing import Any

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure

from asm_workshop import data
from asm_workshop.i18n import format_number, t
from asm_workshop.incentives import (
    BARRIER_GROUPS,
    BARRIERS,
    COLUMNS,
    KINDS,
    SCORE_RANGE,
    IncentiveError,
    by_barrier,
    case_measures,
    incentive_chart,
    make_measure,
    measure_problems,
    score_incentives,
)
from asm_workshop.tables import shown_entries
from asm_workshop.text import name_key
from asm_workshop.widgets.base import AnswerWidget, message_html

DATASET = "incentives"
_FORM_FIELDS = COLUMNS
_NEW = ""  # the chooser's "a new measure": a None value would show an empty box, not its label
_FROM_FORM = object()  # "not given: take what the form holds" (None is a value: no benefit to date)


class IncentiveMatrix(AnswerWidget):
    """A table of measures (carrots, sticks, enablers) scored by cost, benefit and months to
    benefit for a miner, with a bubble chart and the measures counted by barrier to formalisation.

    Starts from the measures of ``case`` in the synthetic ``incentives`` dataset (e.g.
    "burkina_gold"), or from an empty sheet when ``case`` is None or the dataset is not there.
    The answer (``value``) is the list of measures, each a dict with the keys of
    ``incentives.COLUMNS``; ``to_frame()`` adds each one's net incentive score.
    """

    def __init__(self, key: str, *, case: str | None = "burkina_gold",
                 folder: str | os.PathLike[str] | None = None) -> None:
        self.case = case
        self._measures: list[dict[str, Any]] = []
        self._source: tuple[str, dict[str, Any]] = ("incentives.started_empty", {})
        if case is not None:
            if DATASET in data.names():
                rows = case_measures(case)[list(COLUMNS)].to_dict("records")
                for row in shown_entries(rows, "measure"):
                    self._measures.append(make_measure(**row, other_measures=self._names()))
                self._source = ("incentives.started_from_case", {"case": case, "count": len(self._measures)})
            else:
                self._source = ("incentives.case_data_missing", {"case": case})
        super().__init__(key, folder=folder)

    # Fields ---------------------------------------------------------------------------
    def build(self) -> list[widgets.Widget]:
        self._title = widgets.HTML()
        self._source_note = widgets.HTML()
        self._chosen = widgets.Dropdown(layout={"width": "34em"})
        self._chosen.observe(lambda _: self._fill_form(), "value")
        self._measure_field = widgets.Text(layout={"width": "34em"})
        self._kind = widgets.Dropdown(layout={"width": "34em"})
        self._barrier = widgets.Dropdown(layout={"width": "34em"})
        low, high = SCORE_RANGE
        self._cost = widgets.IntSlider(min=low, max=high, value=low, layout={"width": "34em"})
        self._benefit = widgets.IntSlider(min=low, max=high, value=low, layout={"width": "34em"})
        self._months = widgets.IntText(value=0, layout={"width": "22em"})
        self._inputs = {
            "measure": self._measure_field, "kind": self._kind, "barrier": self._barrier,
            "cost_to_miner": self._cost, "benefit_to_miner": self._benefit, "months_to_benefit": self._months,
        }
        for name, widget in self._inputs.items():
            widget.style = {"description_width": "14em"}
            widget.add_class(f"asm-incentives-{name}")
        self._chosen.style = {"description_width": "14em"}
        self._add = widgets.Button(button_style="success", icon="plus", layout={"width": "auto"})
        self._update = widgets.Button(icon="pencil", layout={"width": "auto"})
        self._remove = widgets.Button(button_style="danger", icon="trash", layout={"width": "auto"})
        self._add.on_click(lambda _: self._clicked(self.add_measure))
        self._update.on_click(lambda _: self._clicked(self._update_chosen))
        self._remove.on_click(lambda _: self._clicked(self._remove_chosen))
        self._table = widgets.HTML()
        self._chart = widgets.Image(format="png", layout={"max_width": "640px"})
        self._chart.add_class("asm-incentives-chart")
        self._barrier_heading = widgets.HTML()
        self._barrier_table = widgets.HTML()
        self.relabel()
        form = [self.field(name, self._inputs[name]) for name in _FORM_FIELDS]
        return [
            self._title, self._source_note, self._table,
            self._chosen, *form, widgets.HBox([self._add, self._update, self._remove]),
            self._chart, self._barrier_heading, self._barrier_table,
        ]

    def relabel(self) -> None:
        self._title.value = f"<b>{html.escape(t('incentives.title'))}</b>"
        key, values = self._source
        self._source_note.value = message_html(t(key, **values))
        self._measure_field.description = t("incentives.field.measure")
        self._measure_field.placeholder = t("incentives.measure_placeholder")
        self._kind.description = t("incentives.field.kind")
        self._barrier.description = t("incentives.field.barrier")
        self._cost.description = t("incentives.field.cost_to_miner")
        self._benefit.description = t("incentives.field.benefit_to_miner")
        self._months.description = t("incentives.field.months_to_benefit")
        self._chosen.description = t("incentives.field.chosen")
        self._add.description = t("incentives.add")
        self._update.description = t("incentives.update")
        self._remove.description = t("incentives.remove")
        self._barrier_heading.value = f"<b>{html.escape(t('incentives.by_barrier_heading'))}</b>"
        self._set_options(self._kind, [(t(f"incentives.kind.{kind}"), kind) for kind in KINDS])
        self._set_options(self._barrier, [(t(f"incentives.barrier.{code}"), code) for code in BARRIERS])
        self._set_chooser_options()

    # The answer -----------------------------------------------------------------------
    @property
    def value(self) -> list[dict[str, Any]]:
        return [dict(measure) for measure in self._measures]

    def to_frame(self) -> pd.DataFrame:
        """Return the measures as a table, with ``net_incentive`` and ``barrier_group`` added."""
        return score_incentives(self.value)

    def restore(self, value: list[dict[str, Any]]) -> None:
        self._measures = []
        for measure in value:
            fields = {column: measure[column] for column in COLUMNS}
            self._measures.append(make_measure(**fields, other_measures=self._names()))

    def check_saved(self, value: Any) -> str | None:
        if not isinstance(value, list):
            return "expected a list of measures"
        names: list[str] = []
        for position, measure in enumerate(value, start=1):
            if not isinstance(measure, dict) or set(measure) != set(COLUMNS):
                return f"measure {position} does not have the fields {', '.join(COLUMNS)}"
            problems = measure_problems(**measure, other_measures=names)
            if problems:
                return f"measure {position}: {next(iter(problems.values()))}"
            names.append(measure["measure"])
        return None

    # What a participant can do (the buttons call these) -------------------------------------
    def add_measure(self, measure: Any = _FROM_FORM, kind: Any = _FROM_FORM, barrier: Any = _FROM_FORM,
                    cost_to_miner: Any = _FROM_FORM, benefit_to_miner: Any = _FROM_FORM,
                    months_to_benefit: Any = _FROM_FORM) -> None:
        """Add a measure; what is not given is taken from the form (``months_to_benefit`` None:
        no benefit to date). Raises IncentiveError, and shows each problem next to its field,
        when the measure cannot be added."""
        given = self._with_form(measure=measure, kind=kind, barrier=barrier, cost_to_miner=cost_to_miner,
                                benefit_to_miner=benefit_to_miner, months_to_benefit=months_to_benefit)
        new = self._checked(given, others=self._names())
        self._measures.append(new)
        self._after_change(chosen=None)

    def edit_measure(self, name: str, /, **changes: Any) -> None:
        """Change the fields given in ``changes`` (``measure=`` renames it) of the measure named
        ``name``. Raises IncentiveError when it does not exist or a change is not allowed."""
        index = self._index(name)
        unknown = [name for name in changes if name not in COLUMNS]
        if unknown:
            raise IncentiveError("measure", "incentives.field_unknown", field=unknown[0],
                                 known=", ".join(COLUMNS))
        given = {**self._measures[index], **changes}
        others = [name for position, name in enumerate(self._names()) if position != index]
        self._measures[index] = self._checked(given, others=others)
        self._after_change(chosen=self._measures[index]["measure"])

    def remove_measure(self, measure: str) -> None:
        """Remove the measure named ``measure``; raises IncentiveError when there is none."""
        del self._measures[self._index(measure)]
        self._after_change(chosen=None)

    def refresh(self) -> None:
        self._set_chooser_options()
        self._update.disabled = self._remove.disabled = not self._chosen.value
        frame = self.to_frame()
        self._table.value = self._table_html(frame)
        figure = incentive_chart(frame)
        self._chart.value = _png(figure)
        self._barrier_table.value = self._barrier_html(by_barrier(frame))

    # Inside -------------------------------------------------------------------------
    def _names(self) -> list[str]:
        return [measure["measure"] for measure in self._measures]

    def _index(self, measure: str) -> int:
        wanted = name_key(measure) if isinstance(measure, str) else measure
        for index, name in enumerate(self._names()):
            if name_key(name) == wanted:
                return index
        raise IncentiveError("measure", "incentives.measure_not_found", measure=measure)

    def _checked(self, given: dict[str, Any], *, others: list[str]) -> dict[str, Any]:
        problems = measure_problems(**given, other_measures=others)
        for name in _FORM_FIELDS:
            self.show_problem(name, problems.get(name))
        return make_measure(**given, other_measures=others)  # raises IncentiveError on any problem

    def _with_form(self, **given: Any) -> dict[str, Any]:
        return {name: self._inputs[name].value if value is _FROM_FORM else value
                for name, value in given.items()}

    def _clicked(self, action) -> None:
        try:
            action()
        except IncentiveError:
            pass  # each problem is already shown next to its field

    def _update_chosen(self) -> None:
        if not self._chosen.value:
            return
        self.edit_measure(self._chosen.value, **self._with_form(**dict.fromkeys(_FORM_FIELDS, _FROM_FORM)))

    def _remove_chosen(self) -> None:
        if self._chosen.value:
            self.remove_measure(self._chosen.value)

    def _after_change(self, *, chosen: str | None) -> None:
        self._set_chooser_options(chosen=chosen)
        if chosen is None:
            self._measure_field.value = ""
        self.answer_changed()

    def _fill_form(self) -> None:
        """Put the chosen measure into the form, ready to edit."""
        self._update.disabled = self._remove.disabled = not self._chosen.value
        if not self._chosen.value or self.syncing:
            return
        measure = self._measures[self._index(self._chosen.value)]
        for name in _FORM_FIELDS:
            value = measure[name]
            if name == "months_to_benefit":  # the form has no empty months: none means no benefit
                value = 0 if value is None else round(value)
            self._inputs[name].value = value
            self.show_problem(name, None)

    def _set_chooser_options(self, chosen: Any = ...) -> None:
        chosen = self._chosen.value if chosen is ... else chosen
        names = self._names()
        options = [(t("incentives.new_measure"), _NEW)]
        options += [(f"{number}. {name}", name) for number, name in enumerate(names, start=1)]
        with self.syncing_fields():
            self._chosen.options = options
            self._chosen.value = chosen if chosen in names else _NEW

    @staticmethod
    def _set_options(dropdown: widgets.Dropdown, options: list[tuple[str, str]]) -> None:
        selected = dropdown.value
        dropdown.options = options
        dropdown.value = selected if selected is not None else options[0][1]

    @staticmethod
    def _table_html(frame: pd.DataFrame) -> str:
        if frame.empty:
            return message_html(t("incentives.table_empty"))
        headers = ["#", t("incentives.field.measure"), t("incentives.field.kind"),
                   t("incentives.field.barrier"), t("incentives.column.cost"), t("incentives.column.benefit"),
                   t("incentives.column.months"), t("incentives.column.net")]
        rows = []
        for number, row in enumerate(frame.itertuples(index=False), start=1):
            months = "–" if pd.isna(row.months_to_benefit) else format_number(row.months_to_benefit)
            cost, benefit = (format_number(score, 2, trim=True, grouping=False)  # "2,5" in French
                             for score in (row.cost_to_miner, row.benefit_to_miner))
            cells = [str(number), html.escape(row.measure), html.escape(t(f"incentives.kind.{row.kind}")),
                     html.escape(t(f"incentives.barrier.{row.barrier}")), cost, benefit, months,
                     format_number(row.net_incentive, 1)]
            rows.append("".join(f"<td style='padding:2px 8px'>{cell}</td>" for cell in cells))
        head = "".join(f"<th style='padding:2px 8px;text-align:left'>{html.escape(h)}</th>" for h in headers)
        body = "".join(f"<tr>{row}</tr>" for row in rows)
        return f"<table class='asm-incentives'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    @staticmethod
    def _barrier_html(table: pd.DataFrame) -> str:
        headers = [t("incentives.column.barrier_group"), *(t(f"incentives.kind.{kind}") for kind in KINDS),
                   t("incentives.column.mean_net")]
        rows = []
        for group in BARRIER_GROUPS:
            row = table.loc[group]
            mean = "–" if pd.isna(row["mean_net_incentive"]) else format_number(row["mean_net_incentive"], 1)
            style = " style='color:#b71c1c'" if row["measures"] == 0 else ""
            cells = [html.escape(t(f"incentives.barrier_group.{group}")),
                     *(str(int(row[kind])) for kind in KINDS), mean]
            row_cells = "".join(f"<td style='padding:2px 8px'>{cell}</td>" for cell in cells)
            rows.append(f"<tr{style}>{row_cells}</tr>")
        head = "".join(f"<th style='padding:2px 8px;text-align:left'>{html.escape(h)}</th>" for h in headers)
        note = message_html(t("incentives.gap_note"))
        body = "".join(rows)
        table = f"<table class='asm-barriers'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        return table + note


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    return buffer.getvalue()

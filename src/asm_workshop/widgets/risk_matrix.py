"""The risk matrix: a risk register scored by likelihood and severity, saved and gradable.

    from asm_workshop.widgets import RiskMatrix
    RiskMatrix("day3_2.risks", case="benin_sand")   # starts from the case's invented risks
    RiskMatrix("tools.risk_matrix")                  # starts from an empty register

The computation (score, priority band, checks, the sorted register, the heat map) lives in
``asm_workshop.risks``; this widget collects input, shows the heat map and the sorted register,
and saves the answer: a list of risks, each a dict with the keys of ``risks.RISK_FIELDS``.
"""

from __future__ import annotations

import html
import io
import os
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import pandas as pd

from asm_workshop import pages
from asm_workshop.cases import check_case
from asm_workshop.i18n import get_language, t
from asm_workshop.risks import (
    MITIGATIONS,
    PRIORITY_COLOURS,
    RISK_FIELDS,
    SCALE,
    RiskError,
    case_risks,
    check_risk,
    heat_map,
    mitigation_label,
    priority_label,
    register_frame,
    register_problems,
    risk_problems,
)
from asm_workshop.tables import shown_entries
from asm_workshop.text import name_key
from asm_workshop.widgets.base import AnswerWidget, Notice, message_html

_NEW = ""  # the chooser's "a new risk": a None value would show an empty box, not its label
_FROM_FORM = object()  # "not given: take what the form holds"
_CELL = "padding:2px 8px"


class RiskMatrix(AnswerWidget):
    """A risk register: each risk with its likelihood and severity (1-5), the level of the
    mitigation hierarchy it is answered at, who monitors it and whether miners take part. Shows
    the heat map, the register sorted by score, and a warning for each high risk that no miner
    helps monitor.

    Starts from the risks of ``case`` ("burkina_gold", "benin_sand") in the synthetic ``risks``
    dataset, or from an empty register when ``case`` is None; a saved answer replaces either.
    ``value`` is the list of risks, each a dict {"risk": str, "likelihood": int, "severity": int,
    "mitigation": one of risks.MITIGATIONS, "monitored_by": str, "miners_take_part": bool};
    ``to_frame()`` adds number, score and priority and sorts by score.
    """

    def __init__(self, key: str, *, case: str | None = None,
                 folder: str | os.PathLike[str] | None = None) -> None:
        self.case = case
        self._risks: list[dict[str, Any]] = []
        self._source: tuple[str, dict[str, Any]] = ("risk_matrix.started_empty", {})
        if case is not None:
            self._risks = shown_entries(case_risks(check_case(case)), "risk")
            self._source = ("risk_matrix.started_from_case", {"case": case, "count": len(self._risks)})
        self._drawn: tuple | None = None
        # The problem shown beside each field, as a function, so that it follows a language switch.
        self._shown: dict[str, Callable[[], str | None]] = {}
        super().__init__(key, folder=folder)

    # Fields ---------------------------------------------------------------------------
    def build(self) -> list[widgets.Widget]:
        self._title = widgets.HTML()
        self._source_note = widgets.HTML()
        self._help = widgets.HTML()
        wide = {"width": "40em"}
        self._chosen = widgets.Dropdown(layout=wide)
        self._chosen.observe(lambda _: self._fill_form(), "value")
        self._risk_field = widgets.Text(layout=wide)
        low, high = SCALE
        self._likelihood = widgets.IntSlider(min=low, max=high, value=3, layout=wide)
        self._severity = widgets.IntSlider(min=low, max=high, value=3, layout=wide)
        self._mitigation = widgets.Dropdown(layout=wide)
        self._monitored_by = widgets.Text(layout=wide)
        self._miners_take_part = widgets.Checkbox(value=False, indent=True, layout=wide)
        self._inputs = {
            "risk": self._risk_field, "likelihood": self._likelihood, "severity": self._severity,
            "mitigation": self._mitigation, "monitored_by": self._monitored_by,
            "miners_take_part": self._miners_take_part,
        }
        for name, widget in [*self._inputs.items(), ("chosen", self._chosen)]:
            widget.style = {"description_width": "16em"}
            widget.add_class(f"asm-risks-{name}")
        self._add = widgets.Button(button_style="success", icon="plus", layout={"width": "auto"})
        self._update = widgets.Button(icon="pencil", layout={"width": "auto"})
        self._remove = widgets.Button(button_style="danger", icon="trash", layout={"width": "auto"})
        for button, action in ((self._add, self.add_risk), (self._update, self._update_chosen),
                               (self._remove, self._remove_chosen)):
            button.on_click(lambda _, action=action: self._clicked(action))
        self._add.add_class("asm-risks-add")
        self._update.add_class("asm-risks-update")
        self._remove.add_class("asm-risks-remove")
        self._notice = Notice()
        self._warnings = widgets.HTML()
        self._warnings.add_class("asm-risks-warnings")
        self._chart = widgets.Image(format="png", layout={"max_width": "820px"})
        self._chart.add_class("asm-risks-chart")
        self._register_heading = widgets.HTML()
        self._table = widgets.HTML()
        self._table.add_class("asm-risks-register")
        self.relabel()
        form = [self.field(name, self._inputs[name]) for name in RISK_FIELDS]
        return [
            self._title, self._source_note, self._help, self._chosen, *form,
            widgets.HBox([self._add, self._update, self._remove]), self._notice, self._warnings,
            self._chart, self._register_heading, self._table,
        ]

    def relabel(self) -> None:
        self._title.value = f"<b>{html.escape(t('risk_matrix.title'))}</b>"
        key, values = self._source
        self._source_note.value = message_html(t(key, **values))
        self._help.value = message_html(t("risk_matrix.help"))
        for name, widget in self._inputs.items():
            widget.description = t(f"risks.field.{name}")
        self._risk_field.placeholder = t("risk_matrix.risk_placeholder")
        self._monitored_by.placeholder = t("risk_matrix.monitor_placeholder")
        self._chosen.description = t("risk_matrix.chosen")
        self._add.description = t("risk_matrix.add")
        self._update.description = t("risk_matrix.update")
        self._remove.description = t("risk_matrix.remove")
        self._register_heading.value = f"<b>{html.escape(t('risk_matrix.register_heading'))}</b>"
        self._notice.relabel()
        for name, problem in self._shown.items():
            self.show_problem(name, problem())
        with self.syncing_fields():
            chosen = self._mitigation.value
            self._mitigation.options = [(mitigation_label(m), m) for m in MITIGATIONS]
            self._mitigation.value = chosen if chosen in MITIGATIONS else MITIGATIONS[0]
        self._set_chooser_options()

    # The answer -----------------------------------------------------------------------
    @property
    def value(self) -> list[dict[str, Any]]:
        return [dict(risk) for risk in self._risks]

    def to_frame(self) -> pd.DataFrame:
        """Return the register sorted by score, highest first: number, the risk's fields, score
        (likelihood x severity) and priority ("low", "medium", "high")."""
        return register_frame(self._risks)

    def restore(self, value: list[dict[str, Any]]) -> None:
        self._risks = []
        for row in value:
            self._risks.append(check_risk(row, self._names()))

    def check_saved(self, value: Any) -> str | None:
        if not isinstance(value, list):
            return "expected a list of risks"
        for position, row in enumerate(value, start=1):
            if not isinstance(row, dict) or set(row) != set(RISK_FIELDS):
                return f"risk {position} does not have the fields {', '.join(RISK_FIELDS)}"
        errors = register_problems(value)["errors"]
        return errors[0] if errors else None

    # What a participant can do (the buttons call these) -------------------------------------
    def add_risk(self, risk: Any = _FROM_FORM, likelihood: Any = _FROM_FORM, severity: Any = _FROM_FORM,
                 mitigation: Any = _FROM_FORM, monitored_by: Any = _FROM_FORM,
                 miners_take_part: Any = _FROM_FORM) -> dict[str, Any]:
        """Add a risk and return it; what is not given is taken from the form. Raises RiskError,
        and shows each problem next to its field, when the risk cannot be added."""
        given = self._with_form(risk=risk, likelihood=likelihood, severity=severity, mitigation=mitigation,
                                monitored_by=monitored_by, miners_take_part=miners_take_part)
        new = self._checked(given, others=self._names())
        self._risks.append(new)
        self._notice.show(None)
        self._after_change(chosen=None)
        return dict(new)

    def edit_risk(self, name: str, /, **changes: Any) -> None:
        """Change the fields given in ``changes`` (``risk=`` renames it) of the risk ``name``.
        Raises RiskError when there is no such risk, a field is unknown, or a change is not allowed."""
        index = self._index(name)
        unknown = [field for field in changes if field not in RISK_FIELDS]
        if unknown:
            error = RiskError("risk", "risk_matrix.field_unknown", field=unknown[0],
                              known=", ".join(RISK_FIELDS))
            self._show("risk", lambda: error.message)
            raise error
        others = [other for position, other in enumerate(self._names()) if position != index]
        self._risks[index] = self._checked({**self._risks[index], **changes}, others=others)
        self._notice.show(None)
        self._after_change(chosen=self._risks[index]["risk"])

    def remove_risk(self, name: str) -> None:
        """Remove the risk ``name``; raises RiskError when there is none."""
        removed = self._risks.pop(self._index(name))["risk"]
        self._notice.show(lambda: t("risk_matrix.removed", risk=removed))
        self._after_change(chosen=None)

    def choose(self, name: str | None) -> None:
        """Choose the risk ``name`` to edit (its fields fill the form), or None for a new risk."""
        self._chosen.value = _NEW if name is None else self._risks[self._index(name)]["risk"]

    def refresh(self) -> None:
        self._set_chooser_options()
        self._update.disabled = self._remove.disabled = not self._chosen.value
        problems = register_problems(self._risks)
        warnings = problems["warnings"]
        if warnings:
            self._warnings.value = "".join(message_html(text, "warning") for text in warnings)
        elif self._risks:
            self._warnings.value = message_html(t("risk_matrix.no_warnings"), "ok")
        else:
            self._warnings.value = ""
        drawn = (tuple(tuple(risk.values()) for risk in self._risks), get_language())
        if drawn != self._drawn:  # drawing the heat map is the slow part: only when something changed
            buffer = io.BytesIO()
            heat_map(self._risks).savefig(buffer, format="png", dpi=80)
            self._chart.value = buffer.getvalue()
            self._table.value = _register_html(self.to_frame())
            self._drawn = drawn

    # Inside -------------------------------------------------------------------------
    def _names(self) -> list[str]:
        return [risk["risk"] for risk in self._risks]

    def _index(self, name: str) -> int:
        wanted = name_key(name) if isinstance(name, str) else name
        for index, other in enumerate(self._names()):
            if name_key(other) == wanted:
                return index
        error = RiskError("risk", "risk_matrix.risk_not_found", risk=name)
        self._show("risk", lambda: error.message)
        raise error

    def _checked(self, given: dict[str, Any], *, others: list[str]) -> dict[str, Any]:
        try:
            checked = check_risk(given, others)
        except RiskError:
            for name in RISK_FIELDS:
                self._show(name, lambda name=name: risk_problems(given, others).get(name))
            raise
        for name in RISK_FIELDS:
            self._show(name, None)
        return checked

    def _show(self, name: str, problem: Callable[[], str | None] | None) -> None:
        """Show beside field ``name`` what ``problem`` gives (again after a language switch)."""
        if problem is None:
            self._shown.pop(name, None)
        else:
            self._shown[name] = problem
        self.show_problem(name, problem() if problem else None)

    def _with_form(self, **given: Any) -> dict[str, Any]:
        return {name: self._inputs[name].value if value is _FROM_FORM else value
                for name, value in given.items()}

    def _clicked(self, action: Callable[[], Any]) -> None:
        try:
            action()
        except RiskError:
            pass  # each problem is already shown next to its field

    def _update_chosen(self) -> None:
        if self._chosen.value:
            self.edit_risk(self._chosen.value, **self._with_form(**dict.fromkeys(RISK_FIELDS, _FROM_FORM)))

    def _remove_chosen(self) -> None:
        if self._chosen.value:
            self.remove_risk(self._chosen.value)

    def _after_change(self, *, chosen: str | None) -> None:
        self._set_chooser_options(chosen=chosen)
        if chosen is None:
            with self.syncing_fields():
                self._risk_field.value = ""
        self.answer_changed()

    def _fill_form(self) -> None:
        """Put the chosen risk into the form, ready to edit."""
        self._update.disabled = self._remove.disabled = not self._chosen.value
        if not self._chosen.value or self.syncing:
            return
        risk = self._risks[self._index(self._chosen.value)]
        for name in RISK_FIELDS:
            self._inputs[name].value = risk[name]
            self._show(name, None)

    def _set_chooser_options(self, chosen: Any = ...) -> None:
        chosen = self._chosen.value if chosen is ... else chosen
        names = self._names()
        options = [(t("risk_matrix.new_risk"), _NEW)]
        options += [(f"{number}. {name}", name) for number, name in enumerate(names, start=1)]
        with self.syncing_fields():
            self._chosen.options = options
            self._chosen.value = chosen if chosen in names else _NEW


def _register_html(frame: pd.DataFrame) -> str:
    """The register as an HTML table, highest score first, each priority in its band's colour."""
    if frame.empty:
        return message_html(t("risks.register_empty"))
    headers = [t("risks.column.number"), t("risks.field.risk"), t("risks.field.likelihood"),
               t("risks.field.severity"), t("risks.column.score"), t("risks.column.priority"),
               t("risks.field.mitigation"), t("risks.field.monitored_by"), t("risks.field.miners_take_part")]
    rows = [
        {"number": row.number, "risk": row.risk, "likelihood": row.likelihood, "severity": row.severity,
         "score": row.score, "colour": PRIORITY_COLOURS[row.priority],
         "priority": priority_label(row.priority), "mitigation": mitigation_label(row.mitigation),
         "monitored_by": row.monitored_by,
         "miners_take_part": t("risk_matrix.yes" if row.miners_take_part else "risk_matrix.no")}
        for row in frame.itertuples(index=False)
    ]
    return pages.render("risk_register.html.j2", headers=headers, rows=rows, cell_style=_CELL)


__all__ = ["RiskMatrix"]

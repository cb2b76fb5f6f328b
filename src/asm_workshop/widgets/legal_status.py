"""The legal status checker: a few questions about a site give formal, informal or illegal, with
reasons, and the labour and safety red flags beside it.

A thin view over ``asm_workshop.legal_status``: the dated "law in force" box of the country
(``asm_workshop.law``), one dropdown or yes/no switch per question of ``QUESTIONS[country]``,
the category with its reasons, the red flags in a box of their own beside it (they never change
the category), and the notes, shown as the answers change, and the answers saved.

    from asm_workshop.widgets.legal_status import LegalStatusChecker

    LegalStatusChecker("day1.legal_status_benin", country="benin")
"""

from __future__ import annotations

import html
import os
from typing import Any

import ipywidgets as widgets

from asm_workshop.i18n import t
from asm_workshop.legal_status import (
    QUESTIONS,
    YES_NO,
    LegalStatus,
    check_answer,
    choice_label,
    classify_site,
    country_code,
    question_label,
)
from asm_workshop.widgets.base import AnswerWidget, message_html
from asm_workshop.widgets.law import LawInForceBox

_CATEGORY_COLOURS = {"formal": "#1b5e20", "informal": "#8a4b00", "illegal": "#b71c1c"}
_LABEL_LAYOUT = {"width": "26em"}


class LegalStatusChecker(AnswerWidget):
    """Questions about one site in ``country`` ("burkina_faso" or "benin"); saved under ``key``.

    ``value`` is ``{"country": ..., "answers": {question: answer or None, ...}, "category":
    "formal" | "informal" | "illegal" | None, "reasons": [message keys], "red_flags": [message
    keys]}``; the category is None, and the lists empty, until every question is answered.
    Yes/no answers are True/False.
    """

    def __init__(self, key: str, *, country: str = "burkina_faso",
                 folder: str | os.PathLike[str] | None = None) -> None:
        self.country = country_code(country)
        self.questions = QUESTIONS[self.country]
        super().__init__(key, folder=folder)
        self.add_class(f"asm-legal-status-{self.country}")  # two checkers can share a page

    # Fields ---------------------------------------------------------------------------
    def build(self) -> list[widgets.Widget]:
        self._heading = widgets.HTML()
        self.law_in_force = LawInForceBox(self.country)
        self._labels: dict[str, widgets.HTML] = {}
        self.inputs: dict[str, widgets.ValueWidget] = {}
        rows = []
        for question, choices in self.questions.items():
            self._labels[question] = widgets.HTML(layout=_LABEL_LAYOUT)
            if choices is YES_NO:
                picker = widgets.ToggleButtons(options=[], value=None, style={"button_width": "6em"})
            else:
                picker = widgets.Dropdown(options=[], value=None, layout={"width": "22em"})
            picker.add_class(f"asm-legal-{question}")  # a stable name for browser tests
            self.inputs[question] = picker
            rows.append(widgets.HBox([self._labels[question], self.field(question, picker)]))
        self._progress = widgets.HTML()
        self._category = widgets.HTML()
        self._red_flags = widgets.HTML()
        self._red_flags.add_class("asm-legal-red-flags")  # a stable name for browser tests
        self._reasons = widgets.HTML()
        self._reasons.add_class("asm-legal-reasons")
        self._notes = widgets.HTML()
        self._disclaimer = widgets.HTML()
        self.relabel()
        for picker in self.inputs.values():
            picker.observe(lambda _: self.answer_changed(), "value")
        # The status and its reasons on the left, the red flags beside them: two boxes, because
        # a red flag never changes the status.
        result = widgets.HBox([widgets.VBox([self._category, self._reasons], layout={"width": "55%"}),
                               widgets.VBox([self._red_flags], layout={"width": "45%"})])
        return [self._heading, self.law_in_force, *rows, self._progress, result, self._notes,
                self._disclaimer]

    def relabel(self) -> None:
        self._heading.value = f"<b>{html.escape(t(f'legal_status.title.{self.country}'))}</b>"
        self._disclaimer.value = message_html(t("legal_status.disclaimer"), "info")
        # New options put a list on its first choice for a moment: not an answer, so not saved.
        with self.syncing_fields():
            for question, picker in self.inputs.items():
                self._labels[question].value = html.escape(question_label(question, self.country))
                chosen = picker.value
                picker.options = [(choice_label(question, choice), choice)
                                  for choice in self.questions[question]]
                picker.value = chosen

    def close(self) -> None:
        # The law box listens to language changes on its own: stop it with the checker.
        if hasattr(self, "law_in_force"):
            self.law_in_force.close()
        super().close()

    # The answer -------------------------------------------------------------------------
    @property
    def answers(self) -> dict[str, Any]:
        """Each question's answer, None where it is not answered yet."""
        return {question: picker.value for question, picker in self.inputs.items()}

    @property
    def legal_status(self) -> LegalStatus | None:
        """The classification of the answers, or None while a question is unanswered."""
        answers = self.answers
        if any(answer is None for answer in answers.values()):
            return None
        return classify_site(answers, self.country)

    @property
    def value(self) -> dict[str, Any]:
        status = self.legal_status
        return {
            "country": self.country,
            "answers": self.answers,
            "category": status.category if status else None,
            "reasons": list(status.reasons) if status else [],
            "red_flags": list(status.red_flags) if status else [],
        }

    def answer(self, **answers: Any) -> None:
        """Answer some questions (as a participant's clicks would); check them all first.

        Yes/no questions take True/False or "yes"/"no". Raises ValueError, shown next to the
        field and changing nothing, for an unknown question or an answer not offered.
        """
        checked = {}
        for question, choice in answers.items():
            try:
                checked[question] = None if choice is None else check_answer(question, choice, self.country)
            except ValueError as problem:
                if question in self.inputs:
                    self.show_problem(question, str(problem))
                raise
        for question, choice in checked.items():
            self.show_problem(question, None)
            self.inputs[question].value = choice

    def restore(self, value: dict[str, Any]) -> None:
        self.answer(**value["answers"])

    def check_saved(self, value: Any) -> str | None:
        if not isinstance(value, dict) or not isinstance(value.get("answers"), dict):
            return "expected a dict with the answers"
        if value.get("country") != self.country:
            return f"it is the answer for {value.get('country')!r}, not {self.country!r}"
        for question, choice in value["answers"].items():
            try:
                if choice is not None:
                    check_answer(question, choice, self.country)
            except ValueError as problem:
                return str(problem)
        return None

    # Showing the result ----------------------------------------------------------------------
    def refresh(self) -> None:
        for question, picker in self.inputs.items():
            if picker.value is not None:
                self.show_problem(question, None)
        status = self.legal_status
        if status is None:
            open_questions = sum(answer is None for answer in self.answers.values())
            self._progress.value = message_html(t("legal_status.still_to_answer", count=open_questions))
            self._category.value = self._reasons.value = self._notes.value = self._red_flags.value = ""
            return
        self._progress.value = ""
        colour = _CATEGORY_COLOURS[status.category]
        heading = t("legal_status.category_heading", category=t(f"legal_status.category.{status.category}"))
        explained = t(f"legal_status.category_explained.{status.category}")
        self._category.value = (
            f'<p style="margin:6px 0"><b style="color:{colour};font-size:1.2em">{html.escape(heading)}</b>'
            f"<br>{html.escape(explained)}</p>"
        )
        self._reasons.value = _bullets(t("legal_status.why"), status.reason_texts())
        self._red_flags.value = _red_flags_html(status.red_flag_texts())
        self._notes.value = _bullets(t("legal_status.check_also"), status.note_texts())


def _red_flags_html(texts: list[str]) -> str:
    if not texts:
        return message_html(t("legal_status.no_red_flag"))
    items = "".join(f"<li>{html.escape(text)}</li>" for text in texts)
    return (f'<div style="margin:6px 0 4px 12px;padding:4px 8px;border-left:4px solid #b71c1c">'
            f'<b style="color:#b71c1c">⚑ {html.escape(t("legal_status.red_flags_heading"))}</b>'
            f'<ul style="margin:2px 0">{items}</ul></div>')


def _bullets(title: str, texts: list[str]) -> str:
    if not texts:
        return ""
    items = "".join(f"<li>{html.escape(text)}</li>" for text in texts)
    return f'<div style="margin:4px 0"><b>{html.escape(title)}</b><ul style="margin:2px 0">{items}</ul></div>'

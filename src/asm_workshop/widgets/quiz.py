"""A multiple-choice question with immediate feedback, saved and gradable."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence

import ipywidgets as widgets

from asm_workshop.i18n import Text, localize, t
from asm_workshop.widgets.base import AnswerWidget, message_html


def grade_choices(selected: Iterable[str], correct: Iterable[str]) -> tuple[int, int]:
    """Return (right choices selected, wrong choices selected)."""
    selected, correct = set(selected), set(correct)
    return len(selected & correct), len(selected - correct)


class Quiz(AnswerWidget):
    """One question; one or several correct choices; feedback as soon as one is picked.

    ``choices`` maps a short stable id to its text (a list uses each text as its own id);
    ``correct`` names the correct id or ids. The answer (``value``) is the list of
    selected ids in the order of the choices.

    ``feedback`` maps choice ids to a sentence shown when that choice is picked: why it is
    right, or why it is wrong, so that a wrong answer teaches something ("Not quite" alone
    does not). A choice left out of ``feedback`` gets the general message only.

    In a graded exercise, leave ``correct`` out (None): the participant's notebook must
    not hold the answer, so the quiz only confirms that the choice is saved, and a hidden
    test checks ``value``. Say ``multiple=True`` there when several choices may be ticked.
    """

    def __init__(
        self,
        key: str,
        question: Text,
        choices: Mapping[str, Text] | Sequence[str],
        correct: str | Sequence[str] | None = None,
        *,
        explanation: Text | None = None,
        feedback: Mapping[str, Text] | None = None,
        multiple: bool | None = None,
        folder: str | os.PathLike[str] | None = None,
    ) -> None:
        self.question = question
        self.choices = dict(choices) if isinstance(choices, Mapping) else {c: c for c in choices}
        self.graded = correct is None
        self.correct = [] if correct is None else [correct] if isinstance(correct, str) else list(correct)
        if not self.graded and (not self.correct or any(c not in self.choices for c in self.correct)):
            raise ValueError(t("quiz.no_correct_choice"))
        self.multiple = len(self.correct) > 1 if multiple is None else multiple
        self.explanation = explanation
        self.feedback = dict(feedback or {})
        unknown = [choice for choice in self.feedback if choice not in self.choices]
        if unknown:
            raise ValueError(t("quiz.unknown_choice", choice=unknown[0], known=", ".join(self.choices)))
        if self.graded and self.feedback:
            # Feedback per choice would tell a graded participant which choice is right.
            raise ValueError(t("quiz.feedback_in_graded_quiz"))
        super().__init__(key, folder=folder)

    def build(self) -> list[widgets.Widget]:
        self._question = widgets.HTML()
        self._hint = widgets.HTML()
        if self.multiple:
            self._boxes = {
                choice: widgets.Checkbox(value=False, indent=False, layout={"width": "auto"})
                for choice in self.choices
            }
            for box in self._boxes.values():
                box.observe(lambda _: self.answer_changed(), "value")
            picker = widgets.VBox(list(self._boxes.values()))
        else:
            self._radio = widgets.RadioButtons(options=[], layout={"width": "auto"})
            picker = self._radio
        self.relabel()
        if not self.multiple:
            self._radio.observe(lambda _: self.answer_changed(), "value")
        self._feedback = widgets.HTML()
        return [self._question, self._hint, self.field("choice", picker), self._feedback]

    def relabel(self) -> None:
        self._question.value = f"<b>{localize(self.question)}</b>"
        self._hint.value = message_html(t("quiz.choose_several" if self.multiple else "quiz.choose_one"))
        if self.multiple:
            for choice, box in self._boxes.items():
                box.description = localize(self.choices[choice])
        else:
            # New options put the radio on its first choice for a moment: not an answer, not saved.
            with self.syncing_fields():
                selected = self._radio.value
                self._radio.options = [(localize(text), choice) for choice, text in self.choices.items()]
                self._radio.value = selected

    @property
    def value(self) -> list[str]:
        if self.multiple:
            return [choice for choice, box in self._boxes.items() if box.value]
        return [] if self._radio.value is None else [self._radio.value]

    @property
    def is_correct(self) -> bool | None:
        """True when exactly the correct choices are selected; None in a graded quiz."""
        return None if self.graded else set(self.value) == set(self.correct)

    def select(self, *choices: str) -> None:
        """Select these choice ids (as a participant's clicks would), replacing the others."""
        problem = self._problem_with(list(choices))
        self.show_problem("choice", problem)
        if problem is not None:
            raise ValueError(problem)
        if self.multiple:
            for choice, box in self._boxes.items():
                box.value = choice in choices
        else:
            self._radio.value = choices[0] if choices else None

    def restore(self, value: list[str]) -> None:
        self.select(*value)

    def check_saved(self, value: object) -> str | None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "expected a list of choices"
        return self._problem_with(value)

    def refresh(self) -> None:
        selected = self.value
        if not selected:
            self._feedback.value = ""
        elif self.graded:
            self._feedback.value = message_html(t("quiz.saved_for_grading"), "info")
        elif self.is_correct:
            explanation = localize(self.explanation) if self.explanation else ""
            text = f"{t('quiz.correct')} {self._why(selected)} {explanation}"
            self._feedback.value = message_html(" ".join(text.split()), "ok")
        elif self.multiple:
            found, wrong = grade_choices(selected, self.correct)
            text = t("quiz.partly_correct", found=found, expected=len(self.correct), wrong=wrong)
            self._feedback.value = message_html(f"{text} {self._why(selected)}".strip(), "warning")
        else:
            why = self._why(selected)
            text = t("quiz.incorrect_because", why=why) if why else t("quiz.incorrect")
            self._feedback.value = message_html(text, "problem")

    def _why(self, selected: list[str]) -> str:
        """The feedback of the selected choices, in the choices' order, as one text."""
        return " ".join(localize(self.feedback[choice]) for choice in selected if choice in self.feedback)

    def _problem_with(self, choices: list[str]) -> str | None:
        for choice in choices:
            if choice not in self.choices:
                return t("quiz.unknown_choice", choice=choice, known=", ".join(self.choices))
        if not self.multiple and len(choices) > 1:
            return t("quiz.one_choice_only", count=len(choices))
        return None

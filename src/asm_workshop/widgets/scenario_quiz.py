"""The scenario quiz: choose a way to engage for each situation, with feedback, saved and gradable.

    from asm_workshop.widgets import ScenarioQuiz
    ScenarioQuiz("day3_1.scenarios")                               # every situation, with feedback
    ScenarioQuiz("day3.scenarios", case="benin_sand", graded=True) # no feedback: a hidden test grades

The situations, the best approach and the reasons live in ``asm_workshop.engagement``; this widget
shows each situation with one choice of approach and saves the answer: a dict of situation id ->
approach id, holding only the situations answered.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from asm_workshop.cases import check_case
from asm_workshop.engagement import (
    APPROACHES,
    EngagementError,
    Scenario,
    approach_label,
    best_approach,
    check_approach,
    choice_problems,
    feedback,
    scenario,
    scenarios,
    score_choices,
)
from asm_workshop.i18n import t
from asm_workshop.widgets.base import AnswerWidget, message_html

_CARD_STYLE = "border-left:4px solid #90a4ae;padding:4px 10px;margin:10px 0 2px 0"


class ScenarioQuiz(AnswerWidget):
    """One choice of approach per situation; saved under ``key`` on every click.

    ``scenarios`` lists situation ids (see ``engagement.SCENARIO_IDS``) in the order to show;
    by default every situation of ``case`` ("burkina_gold", "benin_sand"), or all when ``case``
    is None. In learning mode each choice gets its explanation at once. With ``graded=True`` the
    quiz says only that the choice is saved: it never shows which approach is best, and a hidden
    test in the trainer's solution checks ``value``.

    ``value`` is a dict of situation id -> approach id (one of ``engagement.APPROACHES``) for the
    situations answered, in the quiz's order.
    """

    def __init__(self, key: str, *, scenarios: Sequence[str] | None = None, case: str | None = None,
                 graded: bool = False, folder: str | os.PathLike[str] | None = None) -> None:
        self.scenarios = _chosen_scenarios(scenarios, case)
        self.graded = graded
        super().__init__(key, folder=folder)

    # Fields ---------------------------------------------------------------------------
    def build(self) -> list[widgets.Widget]:
        self._title = widgets.HTML()
        self._help = widgets.HTML()
        self._cards: dict[str, widgets.HTML] = {}
        self._choices: dict[str, widgets.RadioButtons] = {}
        self._feedback: dict[str, widgets.HTML] = {}
        self._prompts: dict[str, widgets.HTML] = {}
        parts: list[widgets.Widget] = []
        for found in self.scenarios:
            self._cards[found.id] = widgets.HTML()
            self._prompts[found.id] = widgets.HTML()
            radio = widgets.RadioButtons(options=[], value=None, layout={"width": "auto"})
            radio.add_class(f"asm-scenario-{found.id}")
            radio.observe(lambda _: self._changed(), "value")
            self._choices[found.id] = radio
            self._feedback[found.id] = widgets.HTML()
            box = widgets.VBox([self._cards[found.id], self._prompts[found.id],
                                self.field(found.id, radio), self._feedback[found.id]])
            box.add_class("asm-scenario")
            parts.append(box)
        self._score = widgets.HTML()
        self._score.add_class("asm-scenario-score")
        self.relabel()
        return [self._title, self._help, *parts, self._score]

    def relabel(self) -> None:
        self._title.value = f"<b>{html.escape(t('engagement.quiz_title'))}</b>"
        help_key = "engagement.quiz_help_graded" if self.graded else "engagement.quiz_help_learning"
        self._help.value = message_html(t(help_key))
        options = [(approach_label(approach), approach) for approach in APPROACHES]
        with self.syncing_fields():
            for number, found in enumerate(self.scenarios, start=1):
                self._cards[found.id].value = _card_html(found, number, len(self.scenarios))
                self._prompts[found.id].value = f"<i>{html.escape(t('engagement.your_choice'))}</i>"
                radio = self._choices[found.id]
                chosen = radio.value
                radio.options = options
                radio.value = chosen

    # The answer -----------------------------------------------------------------------
    @property
    def value(self) -> dict[str, str]:
        return {found.id: self._choices[found.id].value for found in self.scenarios
                if self._choices[found.id].value is not None}

    def restore(self, value: dict[str, str]) -> None:
        for scenario_id, approach in value.items():
            self._choices[scenario_id].value = approach

    def check_saved(self, value: Any) -> str | None:
        return choice_problems(value, [found.id for found in self.scenarios])

    @property
    def score(self) -> tuple[int, int] | None:
        """(answers matching the best approach, answers given); None in a graded quiz."""
        return None if self.graded else score_choices(self.value)

    # What a participant does ----------------------------------------------------------------
    def choose(self, scenario_id: str, approach: str | None) -> None:
        """Choose ``approach`` (an id of APPROACHES, or None to clear) for the situation
        ``scenario_id``, as a click would. Raises EngagementError, shown beside that situation's
        choice, for an unknown approach, or for a situation that is not in this quiz."""
        if scenario_id not in self._choices:
            known = ", ".join(self._choices)
            raise EngagementError("scenario", "engagement.scenario_unknown", scenario=scenario_id,
                                  known=known)
        if approach is not None:
            try:
                check_approach(approach)
            except EngagementError as error:
                self.show_problem(scenario_id, error.problems["approach"])
                raise
        self.show_problem(scenario_id, None)
        self._choices[scenario_id].value = approach

    def refresh(self) -> None:
        for found in self.scenarios:
            self._feedback[found.id].value = self._feedback_html(found.id, self._choices[found.id].value)
        answered = len(self.value)
        total = len(self.scenarios)
        if not answered:
            self._score.value = message_html(t("engagement.none_answered"))
        elif self.graded:
            self._score.value = message_html(t("engagement.score_graded", answered=answered, total=total))
        else:
            right, _ = score_choices(self.value)
            kind = "ok" if right == answered == total else "info"
            self._score.value = message_html(t("engagement.score_learning", right=right, answered=answered,
                                               total=total), kind)

    # Inside -------------------------------------------------------------------------
    def _changed(self) -> None:
        if not self.syncing:
            self.answer_changed()

    def _feedback_html(self, scenario_id: str, approach: str | None) -> str:
        if approach is None:
            return ""
        if self.graded:
            return message_html(t("engagement.saved_for_grading"))
        kind = "ok" if best_approach(scenario_id) == approach else "warning"
        return message_html(feedback(scenario_id, approach), kind)


def _chosen_scenarios(scenario_ids: Sequence[str] | None, case: str | None) -> list[Scenario]:
    """Return the situations the quiz shows; raise EngagementError for an unknown, repeated or
    missing one, or an unknown case."""
    if scenario_ids is None:
        chosen = scenarios(case)
    else:
        if isinstance(scenario_ids, str):
            scenario_ids = [scenario_ids]
        chosen = [scenario(scenario_id) for scenario_id in scenario_ids]
        if case is not None:
            chosen = [found for found in chosen if found.case == check_case(case)]
        seen: set[str] = set()
        for found in chosen:
            if found.id in seen:
                raise EngagementError("scenario", "engagement.scenario_twice", scenario=found.id)
            seen.add(found.id)
    if not chosen:
        raise EngagementError("scenario", "engagement.no_scenarios")
    return chosen


def _card_html(found: Scenario, number: int, total: int) -> str:
    """The situation as a small card: heading, text, then its trust, security, people and offer."""
    facts = [
        ("engagement.label.case", found.case_label),
        ("engagement.label.trust", found.trust_label),
        ("engagement.label.security", found.security_label),
        ("engagement.label.present", ", ".join(found.present_labels)),
        ("engagement.label.offer", found.offer),
    ]
    items = "".join(f"<li><b>{html.escape(t(label))}</b> {html.escape(text)}</li>" for label, text in facts)
    heading = html.escape(t("engagement.heading", number=number, total=total, title=found.title))
    return (f"<div class='asm-scenario-card' style='{_CARD_STYLE}'><b>{heading}</b>"
            f"<p style='margin:4px 0'>{html.escape(found.situation)}</p>"
            f"<ul style='margin:2px 0 2px 1.2em;padding:0'>{items}</ul></div>")


__all__ = ["ScenarioQuiz"]

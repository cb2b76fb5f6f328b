"""Ways to engage with miners: a campaign, embedded engagement or technical training, by situation.

The IUCN / Levin Sources guide for CSOs lists three ways a CSO can engage with and build capacity
in ASM communities, "from broad communication and sensitisation campaigns to embedded engagement
within communities and technical training" (facts.md section 1.1). What the guide says about
each is not available, so the situations below and the reasons given for the best approach are
this workshop's teaching judgements, not the guide's. The rule of thumb behind them:

- a **communication and sensitisation campaign** fits a clear message that many people spread
  over a wide area need soon, where trust is good enough or trusted relays can carry it, or where
  staff cannot be there in person;
- **embedded engagement** fits low trust, conflict or sensitive matters (power, gender, child
  labour) that change slowly, where staff can be present for months and the area is safe enough;
- **technical training** fits a skill the miners themselves ask for, once trust exists and the
  CSO can bring the expertise.

Every situation is invented but set in the two cases of the workshop: artisanal gold in the
Sud-Ouest of Burkina Faso, and sand and gravel in southern Benin (gravel quarries of Mono and
Couffo, sand dredged from the lagoons). Texts are in the message catalog
(``messages/engagement.json``, keys ``engagement.scenario.<id>.*``), in English and French.

    from asm_workshop import engagement
    engagement.scenarios("benin_sand")                   # the Benin situations
    engagement.feedback("bj_night_loading_ban", "technical_training")
    engagement.score_choices({"bj_night_loading_ban": "communication_campaign"})   # (1, 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from asm_workshop.cases import case_label, check_case
from asm_workshop.errors import WorkshopError
from asm_workshop.i18n import t

APPROACHES = ("communication_campaign", "embedded_engagement", "technical_training")
"""The three ways to engage, by id: what a participant chooses and what is saved."""

TRUST_LEVELS = ("low", "medium", "high")
"""Trust between the CSO and the miners, from least to most."""

SECURITY_LEVELS = ("calm", "tense", "insecure")
"""Security where the miners work: calm; tense (disputes, threats, no armed violence);
insecure (staff can visit only rarely, and at a risk)."""

ACTORS = (
    "miners_association", "site_manager", "pit_owners", "women_processors", "customary_chief",
    "buyers", "mining_service", "health_centre", "community_radio", "quarry_heads", "truck_loaders",
    "women_gravel_washers", "dredging_firms", "fishers", "commune",
)
"""Who can be present in a situation, by id (their names are in the catalog: ``engagement.actor.<id>``)."""

APPROACH_COLOURS = {"communication_campaign": "#1565c0", "embedded_engagement": "#2e7d32",
                    "technical_training": "#ef6c00"}


class EngagementError(WorkshopError):
    """A situation or approach that does not exist. ``problems`` maps the field to its message."""


@dataclass(frozen=True)
class Scenario:
    """One situation a CSO meets, described by codes; its texts come from the catalog in the
    current language (``title``, ``situation``, ``offer``, ``trust_label``...).

    ``trust`` is one of TRUST_LEVELS, ``security`` one of SECURITY_LEVELS, ``present`` ids of
    ACTORS. The best approach is not a field: ask ``best_approach(id)``.
    """

    id: str
    case: str
    trust: str
    security: str
    present: tuple[str, ...]

    @property
    def title(self) -> str:
        """A short title, in the current language."""
        return t(f"engagement.scenario.{self.id}.title")

    @property
    def situation(self) -> str:
        """What is going on, in a few sentences, in the current language."""
        return t(f"engagement.scenario.{self.id}.situation")

    @property
    def offer(self) -> str:
        """What the CSO can offer (people, time, money, skills), in the current language."""
        return t(f"engagement.scenario.{self.id}.offer")

    @property
    def trust_label(self) -> str:
        """The trust level in words, in the current language."""
        return t(f"engagement.trust.{self.trust}")

    @property
    def security_label(self) -> str:
        """The security situation in words, in the current language."""
        return t(f"engagement.security.{self.security}")

    @property
    def present_labels(self) -> list[str]:
        """Who is present, in words, in the current language."""
        return [t(f"engagement.actor.{actor}") for actor in self.present]

    @property
    def case_label(self) -> str:
        """The case in words (commodity and place), in the current language."""
        return case_label(self.case)


_SCENARIOS = (
    Scenario("bf_new_rush_site", "burkina_gold", "low", "calm",
             ("site_manager", "customary_chief", "pit_owners", "buyers")),
    Scenario("bf_association_asks_mercury_free", "burkina_gold", "high", "calm",
             ("miners_association", "women_processors", "mining_service")),
    Scenario("bf_insecure_amalgam_burning", "burkina_gold", "medium", "insecure",
             ("women_processors", "health_centre", "community_radio")),
    Scenario("bf_women_processors_left_out", "burkina_gold", "medium", "calm",
             ("women_processors", "miners_association", "pit_owners", "customary_chief")),
    Scenario("bj_night_loading_ban", "benin_sand", "high", "calm",
             ("quarry_heads", "truck_loaders", "commune", "mining_service")),
    Scenario("bj_quarry_restoration_request", "benin_sand", "high", "calm",
             ("quarry_heads", "women_gravel_washers", "commune")),
    Scenario("bj_coastal_lagoon_dredging_conflict", "benin_sand", "low", "tense",
             ("dredging_firms", "fishers", "customary_chief", "commune")),
    Scenario("bj_aheme_divers_permit", "benin_sand", "high", "calm",
             ("miners_association", "mining_service", "buyers")),
)

_BEST = {
    "bf_new_rush_site": "embedded_engagement",
    "bf_association_asks_mercury_free": "technical_training",
    "bf_insecure_amalgam_burning": "communication_campaign",
    "bf_women_processors_left_out": "embedded_engagement",
    "bj_night_loading_ban": "communication_campaign",
    "bj_quarry_restoration_request": "technical_training",
    "bj_coastal_lagoon_dredging_conflict": "embedded_engagement",
    "bj_aheme_divers_permit": "technical_training",
}

_BY_ID = {scenario.id: scenario for scenario in _SCENARIOS}
SCENARIO_IDS = tuple(_BY_ID)
"""Every situation's id, in the order the quiz shows them (Burkina Faso first, then Benin)."""


def scenarios(case: str | None = None) -> list[Scenario]:
    """Return the situations of ``case`` ("burkina_gold" or "benin_sand"), or all of them (None),
    in quiz order. Raises EngagementError for an unknown case."""
    if case is None:
        return list(_SCENARIOS)
    return [scenario for scenario in _SCENARIOS if scenario.case == check_case(case)]


def scenario(scenario_id: str) -> Scenario:
    """Return the situation ``scenario_id``; raises EngagementError when there is none."""
    try:
        return _BY_ID[scenario_id]
    except (KeyError, TypeError):
        raise EngagementError("scenario", "engagement.scenario_unknown", scenario=scenario_id,
                              known=", ".join(SCENARIO_IDS)) from None


def check_approach(approach: str) -> str:
    """Return ``approach`` if it is one of APPROACHES; raise EngagementError otherwise."""
    if approach not in APPROACHES:
        raise EngagementError("approach", "engagement.approach_unknown", approach=approach,
                              known=", ".join(APPROACHES))
    return approach


def approach_label(approach: str) -> str:
    """Return the approach's name in the current language."""
    return t(f"engagement.approach.{check_approach(approach)}")


def best_approach(scenario_id: str) -> str:
    """Return the id of the approach that fits situation ``scenario_id`` best (one of APPROACHES)."""
    return _BEST[scenario(scenario_id).id]


def feedback(scenario_id: str, approach: str) -> str:
    """Return why ``approach`` fits situation ``scenario_id`` or not, in the current language.

    Every approach has its own explanation, the best one included. Raises EngagementError for
    an unknown situation or approach.
    """
    found = scenario(scenario_id)
    return t(f"engagement.scenario.{found.id}.feedback.{check_approach(approach)}")


def score_choices(choices: Mapping[str, str]) -> tuple[int, int]:
    """Return (choices that match the best approach, choices given) for ``choices``, a dict of
    situation id -> approach id such as ScenarioQuiz's ``value``.

    Raises EngagementError naming the first unknown situation or approach.
    """
    right = 0
    for scenario_id, approach in choices.items():
        check_approach(approach)
        right += best_approach(scenario_id) == approach
    return right, len(choices)


def choice_problems(choices: object, allowed: Iterable[str] = SCENARIO_IDS) -> str | None:
    """Return what is wrong with a dict of choices (a saved quiz answer), in the current language,
    or None when every key is a situation of ``allowed`` and every value an approach."""
    if not isinstance(choices, Mapping):
        return t("engagement.choices_not_a_dict")
    allowed = list(allowed)
    for scenario_id, approach in choices.items():
        if scenario_id not in allowed:
            return t("engagement.scenario_unknown", scenario=scenario_id, known=", ".join(allowed))
        if approach not in APPROACHES:
            return t("engagement.approach_unknown", approach=approach, known=", ".join(APPROACHES))
    return None


def scenarios_table(case: str | None = None) -> pd.DataFrame:
    """Return the situations as a table, one row each: ``scenario``, ``case``, ``trust``,
    ``security``, ``present`` (comma-separated actor ids) and ``title`` (current language).
    The best approach is not in it: that is what the quiz asks."""
    return pd.DataFrame(
        [{"scenario": s.id, "case": s.case, "trust": s.trust, "security": s.security,
          "present": ", ".join(s.present), "title": s.title} for s in scenarios(case)],
        columns=["scenario", "case", "trust", "security", "present", "title"],
    )


def approaches_table() -> pd.DataFrame:
    """Return the three approaches side by side, in the current language: what each is, the trust
    and presence it needs, what it is good for and where it falls short (the workshop's summary)."""
    aspects = ("what", "trust_needed", "presence_needed", "good_for", "limits")
    return pd.DataFrame(
        {approach_label(approach): [t(f"engagement.{approach}.{aspect}") for aspect in aspects]
         for approach in APPROACHES},
        index=[t(f"engagement.aspect.{aspect}") for aspect in aspects],
    )


def scenario_map(choices: Mapping[str, str] | None = None) -> Figure:
    """Draw every situation by trust (across) and security (up), coloured by its best approach.

    With ``choices`` (a quiz answer), a situation whose chosen approach is not the best gets a
    black ring. Texts are in the current language. Returns a Figure already off pyplot's list.
    """
    choices = dict(choices or {})
    figure, axes = plt.subplots(figsize=(8.4, 4.6))
    plt.close(figure)
    cells: dict[tuple[int, int], list[Scenario]] = {}
    for found in _SCENARIOS:
        cells.setdefault((TRUST_LEVELS.index(found.trust), SECURITY_LEVELS.index(found.security)),
                         []).append(found)
    for (x, y), inside in cells.items():
        for offset, found in enumerate(inside):
            dx = (offset - (len(inside) - 1) / 2) * 0.2
            best = _BEST[found.id]
            chosen = choices.get(found.id)
            ring = chosen is not None and chosen != best
            axes.scatter(x + dx, y, s=260, color=APPROACH_COLOURS[best], zorder=3,
                         edgecolors="black" if ring else "white", linewidths=2.5 if ring else 1)
            axes.text(x + dx, y, str(SCENARIO_IDS.index(found.id) + 1), ha="center", va="center",
                      fontsize=8, color="white", fontweight="bold", zorder=4)
    axes.set_xticks(range(len(TRUST_LEVELS)), [t(f"engagement.trust.{level}") for level in TRUST_LEVELS])
    axes.set_yticks(range(len(SECURITY_LEVELS)),
                    [t(f"engagement.security_short.{level}") for level in SECURITY_LEVELS])
    axes.set_xlim(-0.6, len(TRUST_LEVELS) - 0.4)
    axes.set_ylim(-0.6, len(SECURITY_LEVELS) - 0.4)
    axes.set_xlabel(t("engagement.map_trust_axis"))
    axes.set_ylabel(t("engagement.map_security_axis"))
    axes.grid(color="#eceff1", zorder=0)
    handles = [Patch(color=APPROACH_COLOURS[approach], label=approach_label(approach))
               for approach in APPROACHES]
    if choices:
        handles.append(plt.Line2D([], [], marker="o", linestyle="", markersize=11, markerfacecolor="white",
                                  markeredgecolor="black", markeredgewidth=2.5,
                                  label=t("engagement.map_ring")))
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    axes.set_title(t("engagement.map_title"), fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return figure


def sequence_chart(phases: Iterable[tuple[str, int, int]], title: str | None = None) -> Figure:
    """Draw approaches over time: one bar per phase ``(approach, first month, last month)``, months
    counted from 1, in the approach's colour. Returns a Figure already off pyplot's list.

    Raises EngagementError for an unknown approach, or months that are not 1 <= first <= last.
    """
    phases = list(phases)
    for approach, first, last in phases:
        check_approach(approach)
        if not (isinstance(first, int) and isinstance(last, int) and 1 <= first <= last):
            raise EngagementError("months", "engagement.months_invalid", first=first, last=last)
    figure, axes = plt.subplots(figsize=(8.4, 0.55 * len(phases) + 1.5))
    plt.close(figure)
    for row, (approach, first, last) in enumerate(phases):
        axes.barh(row, last - first + 1, left=first - 0.5, color=APPROACH_COLOURS[approach], height=0.6)
    end = max((last for _, _, last in phases), default=12)
    axes.set_xlim(0.5, end + 0.5)
    axes.set_xticks(range(1, end + 1))
    axes.set_yticks(range(len(phases)), [approach_label(approach) for approach, _, _ in phases], fontsize=8)
    axes.grid(axis="x", color="#eceff1")
    axes.set_axisbelow(True)
    axes.invert_yaxis()
    axes.set_xlabel(t("engagement.sequence_months"))
    axes.set_title(title or t("engagement.sequence_title"), fontsize=10)
    axes.spines[["top", "right", "left"]].set_visible(False)
    figure.tight_layout()
    return figure


__all__ = [
    "ACTORS", "APPROACHES", "SCENARIO_IDS", "SECURITY_LEVELS", "TRUST_LEVELS", "EngagementError",
    "Scenario", "approach_label", "approaches_table", "best_approach", "check_approach",
    "choice_problems", "feedback", "scenario", "scenario_map", "scenarios", "scenarios_table",
    "score_choices", "sequence_chart",
]

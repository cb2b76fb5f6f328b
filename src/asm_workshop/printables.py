"""Paper for the room, from the same data as the tools: Net-Map actor cards for each case, the
situation cards of lesson 3.1 (without their answers), and certificates of participation. Each is
one A4 page (or several) that opens and prints offline, in the current language; ``kit`` prints
them to PDF.

    from asm_workshop import printables
    printables.actor_cards_html("burkina_gold")
    printables.certificates_html(["Awa Ouédraogo", "Koffi Agbo"], place="Ouagadougou",
                                 days=[date(2027, 3, 1), date(2027, 3, 3)])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from asm_workshop import engagement
from asm_workshop.cases import case_label, check_case
from asm_workshop.i18n import t
from asm_workshop.plan import format_date
from asm_workshop.stakeholders import case_actors
from asm_workshop.tables import shown_entries

CARDS_PER_PAGE = 8
"""Two columns of four on an A4 page: a card is about 9 × 6.5 cm, to cut along the lines."""
LONG_CARDS_PER_PAGE = 4
"""Two columns of two, for cards that hold a paragraph (the situations of lesson 3.1)."""


@dataclass(frozen=True)
class Card:
    """One card: its title, a line under it, and its lines of text."""

    title: str
    subtitle: str = ""
    lines: tuple[str, ...] = ()


def actor_cards(case: str) -> list[Card]:
    """A Net-Map card per actor of ``case``, named as the tools name them in the current language,
    with room to write the actor's influence (a tower of 0 to 10) and its links."""
    check_case(case)
    return [Card(actor["name"], case_label(case),
                 (t("printables.actor.influence"), t("printables.actor.links")))
            for actor in shown_entries(case_actors(case), "name")]


def scenario_cards() -> list[Card]:
    """A card per situation of lesson 3.1: what is going on, what the CSO can offer, who is
    there, trust and security. The approach that fits best is not on it: the room decides."""
    return [Card(scenario.title,
                 t("printables.scenario.subtitle", case=scenario.case_label, trust=scenario.trust_label,
                   security=scenario.security_label),
                 (scenario.situation, t("printables.scenario.offer", offer=scenario.offer),
                  t("printables.scenario.present", present=", ".join(scenario.present_labels))))
            for scenario in engagement.scenarios()]


def cards_html(title: str, cards: list[Card], per_page: int = CARDS_PER_PAGE) -> str:
    """``cards`` as A4 pages of ``per_page`` cards (8 or 4) to cut out, under ``title``."""
    from asm_workshop import pages

    sheets = [cards[start:start + per_page] for start in range(0, len(cards), per_page)]
    size = "long" if per_page == LONG_CARDS_PER_PAGE else "short"
    return pages.render("cards.html.j2", title=title, sheets=sheets, size=size)


def actor_cards_html(case: str) -> str:
    """The Net-Map actor cards of ``case`` as a page to print."""
    return cards_html(t("printables.actor.heading", case=case_label(case)), actor_cards(case))


def scenario_cards_html() -> str:
    """The situation cards of lesson 3.1 as a page to print."""
    return cards_html(t("printables.scenario.heading"), scenario_cards(), LONG_CARDS_PER_PAGE)


def certificates_html(names: Iterable[str], *, place: str = "", days: list[date] | None = None) -> str:
    """A certificate of participation per name (one A4 page each), for the three-day workshop held
    at ``place`` over ``days`` (the first and last are named), in the current language."""
    from asm_workshop import pages

    held = []
    if days:
        first, last = min(days), max(days)
        held.append(t("printables.certificate.dates", first=format_date(first), last=format_date(last))
                    if first != last else t("printables.certificate.date", day=format_date(first)))
    if place:
        held.append(t("printables.certificate.place", place=place))
    people = [name.strip() for name in names if name.strip()]
    if not people:
        raise ValueError(t("printables.certificate.no_names"))
    return pages.render("certificate.html.j2", title=t("printables.certificate.heading"), names=people,
                        held=" ".join(held))


__all__ = ["CARDS_PER_PAGE", "LONG_CARDS_PER_PAGE", "Card", "actor_cards", "actor_cards_html", "cards_html",
           "certificates_html", "scenario_cards", "scenario_cards_html"]

"""The case studies of the workshop, listed once: their ids, their names and the check of a case id.

The workshop follows two cases from Day 1 to Day 3, and every dataset, tool and graded exercise
names them by these ids (``CASES``):

- ``burkina_gold``: artisanal gold in the Sud-Ouest region of Burkina Faso;
- ``benin_sand``: sand and gravel in southern Benin (gravel quarries of Mono and Couffo, sand
  dredged from the lagoons).

The Day 3 capstone asks participants to pick one of three cases (``CAPSTONE_CASES``): it splits
the Benin case in two, because quarrying gravel on land and dredging sand from a lagoon meet
different rules and different people. Each capstone case works with the data and tools of one
workshop case (``workshop_case``): ``benin_gravel`` and ``benin_lagoon_sand`` with ``benin_sand``,
``burkina_gold`` with itself. The capstone ids are kept as they are (they name the capstone's
texts in ``messages/day3.json``), and mapped here rather than listed a second time.

Adding a case (say Mali) means adding its id here, its name in ``messages/cases.json`` and its
rows in the datasets.

    from asm_workshop import cases
    cases.check_case("benin_sand")        # "benin_sand"; CaseError for an unknown id
    cases.case_label("burkina_gold")      # "Artisanal gold, Sud-Ouest region of Burkina Faso"
"""

from __future__ import annotations

from typing import Any

from asm_workshop.errors import CaseError
from asm_workshop.i18n import t

CASES = ("burkina_gold", "benin_sand")
"""The two case studies of the workshop, as the datasets name them."""

CAPSTONE_CASES = {
    "benin_gravel": "benin_sand",
    "benin_lagoon_sand": "benin_sand",
    "burkina_gold": "burkina_gold",
}
"""The Day 3 capstone's three cases, in the order shown, each with the workshop case whose data
and tools it uses."""


def check_case(case: Any) -> str:
    """Return ``case`` if it is the id of one of CASES; raise CaseError (field "case") otherwise,
    naming the cases there are, in the current language when read."""
    if not isinstance(case, str) or case not in CASES:
        raise CaseError("case", "cases.unknown", case=case, known=", ".join(CASES))
    return case


def case_label(case: str) -> str:
    """Return the case's name in the current language: its commodity and its place."""
    return t(f"cases.label.{check_case(case)}")


def workshop_case(capstone_case: str) -> str:
    """Return the id of the workshop case (one of CASES) whose data a capstone case uses.

    Raises CaseError for an id that is not one of CAPSTONE_CASES.
    """
    try:
        return CAPSTONE_CASES[capstone_case]
    except (KeyError, TypeError):
        raise CaseError("case", "cases.unknown", case=capstone_case,
                        known=", ".join(CAPSTONE_CASES)) from None


__all__ = ["CAPSTONE_CASES", "CASES", "case_label", "check_case", "workshop_case"]

"""The dated "law in force" box of one country, as lesson 1.4 and the legal status checker show it.

A view over ``asm_workshop.law.in_force_html``: the texts and the day they were last checked are
written once, in ``asm_workshop.law``; this box only writes them again when the language changes.

    from asm_workshop.widgets.law import LawInForceBox

    LawInForceBox("burkina_faso")
"""

from __future__ import annotations

import ipywidgets as widgets

from asm_workshop.law import in_force_html
from asm_workshop.legal_status import country_code
from asm_workshop.widgets.base import ParticipantWidget


class LawInForceBox(ParticipantWidget):
    """The texts in force in ``country`` ("burkina_faso" or "benin") and the day last checked."""

    def __init__(self, country: str) -> None:
        self.country = country_code(country)
        self.box = widgets.HTML()
        super().__init__([self.box])
        self.relabel()
        self._listen(awaiting_participant=False)

    def relabel(self) -> None:
        """Write the box again in the current language."""
        self.box.value = in_force_html(self.country)

    def _language_changed(self) -> None:
        self.relabel()

    def _participant_known(self) -> None:
        """Nothing of the participant's own is shown."""

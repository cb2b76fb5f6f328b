"""The recommended reading, as the welcome lesson and the end of every lesson show it.

A view over ``asm_workshop.reading.reading_html``: the documents are written once, in
``asm_workshop.reading``; this box only writes them again when the language changes.

    from asm_workshop.widgets import ReadingList

    ReadingList()                                          # the whole list (welcome lesson)
    ReadingList("frm_field_handbook", "asm_pace_toolkit")  # "Going further" at a lesson's end
"""

from __future__ import annotations

import ipywidgets as widgets

from asm_workshop.reading import documents, reading_html
from asm_workshop.widgets.base import ParticipantWidget


class ReadingList(ParticipantWidget):
    """The documents named by ``ids`` (all of them when none), in the current language."""

    def __init__(self, *ids: str) -> None:
        documents(*ids)  # an unknown id fails here, in the lesson cell that names it
        self.ids = ids
        self.box = widgets.HTML()
        super().__init__([self.box])
        self.relabel()
        self._listen(awaiting_participant=False)

    def relabel(self) -> None:
        """Write the list again in the current language."""
        self.box.value = reading_html(*self.ids)

    def _language_changed(self) -> None:
        self.relabel()

    def _participant_known(self) -> None:
        """Nothing of the participant's own is shown."""

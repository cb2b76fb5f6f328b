"""What the stakeholder grid and the influence map share: buttons whose problems are shown beside
their field, and exports (PNG, CSV) written with the participant's answers and handed to them as
download links.

Exports go to ``exports/`` in the participant's own answers folder (``AnswerStore.exports_folder``),
never beside the notebook: in a Voila room that folder is everyone's, and Voila serves pictures
from it to anyone with the room code. The participant's device is not the server, so each file
also travels in the page as a ``data:`` link; the *Download your answers* zip carries them too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from asm_workshop.i18n import t
from asm_workshop.stakeholders import StakeholderError
from asm_workshop.widgets.base import AnswerWidget, download_link_html, message_html

Export = Callable[[], Path]
"""An export a button runs (``export_png``): it writes to its default place, ``export_path``, shows
its problem beside the export buttons, and returns the path written."""


class StakeholderWidget(AnswerWidget):
    """An answering widget whose buttons raise ``StakeholderError`` (shown beside a field) and
    whose exports go to the participant's exports folder, with a link to download each.

    A subclass shows ``self.export_links`` under its export buttons (``export_links_box``)."""

    def export_links_box(self) -> widgets.HTML:
        """Return the place where the links to the last exports are shown (create it once)."""
        # Every file exported from this widget, so that a CSV export keeps the picture's link.
        self._exported: dict[str, Path] = {}
        self.export_links = widgets.HTML()
        self.export_links.add_class("asm-export-links")
        return self.export_links

    def export_path(self, suffix: str) -> Path:
        """Return where the export ``<key><suffix>`` goes: the participant's exports folder.

        Raises StakeholderError (shown beside the export buttons) while a preheated kernel does not
        know its participant yet, or when the folder cannot be made."""
        store = self.participant_store()
        if store is None:
            raise StakeholderError("export", "binding.not_exported_yet")
        try:
            return store.export_path(f"{self.key}{suffix}")
        except OSError as error:
            raise StakeholderError("export", "stakeholder_grid.export_failed", path=store.exports_folder,
                                   reason=error.strerror or type(error).__name__) from None

    def relabel_export_links(self) -> None:
        """Write the export links again in the current language."""
        if not getattr(self, "_exported", None):
            self.export_links.value = ""
            return
        folder = next(iter(self._exported.values())).parent
        where = message_html(t("stakeholder_grid.exported", path=str(folder.resolve())), "ok")
        links = "".join(download_link_html(path, t("stakeholder_grid.download", name=path.name))
                        for path in self._exported.values())
        self.export_links.value = f"{where}<p style='margin:2px 0'>{links}</p>"

    def _run_from_button(self, action: Callable[..., Any], *arguments: Any) -> None:
        """Run a participant's action from a button or slider: a StakeholderError it raises is
        already shown beside its field, so it goes no further (a callback has no caller to tell)."""
        try:
            action(*arguments)
        except StakeholderError:
            pass

    def _export_clicked(self, *exports: Export) -> None:
        """Run each export into the participant's exports folder; offer each file as a link."""
        for export in exports:
            path = export()
            self._exported[path.name] = path
        self.relabel_export_links()

    def _write(self, path: Path, content: bytes) -> Path:
        try:
            path.write_bytes(content)
        except OSError as error:
            raise StakeholderError("export", "stakeholder_grid.export_failed", path=path,
                                   reason=error.strerror or type(error).__name__) from None
        return path


__all__ = ["Export", "StakeholderWidget"]

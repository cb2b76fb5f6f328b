"""The base every answering widget shares.

A subclass gives its fields (``build``), a plain-Python view of its answer (``value``),
how to put a saved answer back (``restore``) and, if it likes, a check of a saved
answer's shape (``check_saved``). The base does the rest: it loads the saved answer when
the cell runs, saves on every change (``answer_changed``), shows problems next to the
field they concern (``show_problem``) and store messages under the widget, and redraws
labels when the language changes (``relabel``).
"""

from __future__ import annotations

import html
import json
import os
from typing import Any

import ipywidgets as widgets

from asm_workshop.answers import AnswerStore, check_key
from asm_workshop.i18n import on_language_change

_COLOURS = {"ok": "#1b5e20", "problem": "#b71c1c", "warning": "#8a4b00", "info": "#37474f"}


def message_html(text: str | None, kind: str = "info") -> str:
    """Return ``text`` as a small coloured HTML paragraph ("" for no text)."""
    if not text:
        return ""
    style = f"color:{_COLOURS[kind]};margin:2px 0"
    return f'<p class="asm-message asm-{kind}" style="{style}">{html.escape(text)}</p>'


class AnswerWidget(widgets.VBox):
    """An exercise widget whose answer is saved under ``key`` and reloaded when it runs again."""

    def __init__(self, key: str, *, folder: str | os.PathLike[str] | None = None) -> None:
        super().__init__()
        self.key = check_key(key)
        self.store = AnswerStore(folder)
        self.status = widgets.HTML()
        self._problems: dict[str, widgets.HTML] = {}
        self._restoring = False
        # The answer as it is on disk, as JSON text (order counts: a plan's steps are a dict),
        # so that a change that changes nothing writes nothing.
        self._saved: str | None = None
        body = self.build()
        self.children = [*body, self.status]
        result = self.store.load(self.key, check=self.check_saved)
        if result.value is not None:
            self._restoring = True
            try:
                self.restore(result.value)
            finally:
                self._restoring = False
            self._saved = json.dumps(self.value)
        self.show_status(result.message, "warning")
        self.refresh()
        self._stop_listening = on_language_change(self._language_changed)

    # What a subclass provides -------------------------------------------------------
    def build(self) -> list[widgets.Widget]:
        """Create the fields and return the widgets to show, top to bottom."""
        raise NotImplementedError

    @property
    def value(self) -> Any:
        """The answer as plain Python (what is saved and what tests read)."""
        raise NotImplementedError

    def restore(self, value: Any) -> None:
        """Put a saved answer back into the fields."""
        raise NotImplementedError

    def check_saved(self, value: Any) -> str | None:
        """Return what is wrong with a saved answer, or None if it fits this widget."""
        return None

    def refresh(self) -> None:
        """Redraw results and feedback from the current answer."""

    def relabel(self) -> None:
        """Set every label again from the message catalog (after a language change)."""

    # What the base gives ----------------------------------------------------------
    def answer_changed(self) -> None:
        """Call after every change a participant makes: redraw, then save unless nothing changed."""
        if self._restoring:
            return
        self.refresh()
        value = self.value
        if json.dumps(value) == self._saved:
            return
        result = self.store.save(self.key, value)
        self.show_status(result.message, "problem")
        if result.saved:
            self._saved = json.dumps(value)

    def field(self, name: str, widget: widgets.Widget) -> widgets.Box:
        """Return ``widget`` with room beside it for its problem message."""
        self._problems[name] = widgets.HTML()
        return widgets.HBox([widget, self._problems[name]])

    def show_problem(self, name: str, text: str | None) -> None:
        """Show ``text`` next to the field ``name`` (None clears it)."""
        self._problems[name].value = message_html(text, "problem")

    def problem(self, name: str) -> str:
        """Return the problem shown next to the field ``name`` (HTML, "" if none)."""
        return self._problems[name].value

    def show_status(self, text: str | None, kind: str = "info") -> None:
        """Show a message under the widget (None clears it)."""
        self.status.value = message_html(text, kind)

    def close(self) -> None:
        getattr(self, "_stop_listening", lambda: None)()
        super().close()

    def _language_changed(self) -> None:
        self.relabel()
        self.refresh()

"""The base every answering widget shares.

A subclass gives its fields (``build``), a plain-Python view of its answer (``value``),
how to put a saved answer back (``restore``) and, if it likes, a check of a saved
answer's shape (``check_saved``). The base does the rest: it loads the saved answer when
the cell runs, saves on every change (``answer_changed``), shows problems next to the
field they concern (``show_problem``) and store messages under the widget, and redraws
labels when the language changes (``relabel``).

In a preheated Voila kernel the notebook runs before its participant opens the page
(``participant.participant_pending()``): the widget is built at once with no saved answer,
and when the participant becomes known it loads their answer from their own folder, from the
thread that received the request (``participant_known`` lets a subclass add to that).
"""

from __future__ import annotations

import base64
import contextlib
import html
import json
import mimetypes
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from asm_workshop.answers import AnswerStore, check_key
from asm_workshop.i18n import on_language_change, t
from asm_workshop.participant import on_participant_known, participant_pending, wait_for_participant

_COLOURS = {"ok": "#1b5e20", "problem": "#b71c1c", "warning": "#8a4b00", "info": "#37474f"}


CODE = "\x00"
"""A mark in a message for a name shown as code (a folder): ``t(key, folder=CODE)``."""


def message_html(text: str | None, kind: str = "info", code: Iterable[str] = ()) -> str:
    """Return ``text`` as a small coloured HTML paragraph ("" for no text). Each ``CODE`` mark in
    ``text`` becomes the next of ``code`` (a folder or file name), shown as code: a name reads the
    same in every language."""
    if not text:
        return ""
    style = f"color:{_COLOURS[kind]};margin:2px 0"
    return f'<p class="asm-message asm-{kind}" style="{style}">{escape_with_code(text, code)}</p>'


def escape_with_code(text: str, code: Iterable[str] = ()) -> str:
    """Return ``text`` escaped for HTML, each ``CODE`` mark replaced by the next of ``code`` as code."""
    first, *rest = html.escape(text).split(CODE)
    return first + "".join(f"<code>{html.escape(name)}</code>{after}"
                           for name, after in zip(code, rest, strict=True))


def download_link_html(path: Path, label: str, css_class: str = "asm-export-download") -> str:
    """Return a link that hands the file at ``path`` to the participant's own device: its content
    travels in the page (a ``data:`` address), since in Voila the participant's device is not the
    server and the server serves no answers folder. "" if the file cannot be read."""
    try:
        content = path.read_bytes()
    except OSError:
        return ""
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    charset = ";charset=utf-8" if kind.startswith("text/") else ""
    address = f"data:{kind}{charset};base64,{base64.b64encode(content).decode('ascii')}"
    return (f"<a download='{html.escape(path.name, quote=True)}' class='{css_class}' href='{address}' "
            f"style='margin-right:1.5em;text-decoration:underline'>⬇ {html.escape(label)}</a>")


class Notice(widgets.HTML):
    """A message under a tool's chart about what the participant just did ("X was removed"), kept
    as a function of the language so that it follows a language switch."""

    def __init__(self) -> None:
        super().__init__()
        self._text: Callable[[], str] | None = None

    def show(self, text: Callable[[], str] | None) -> None:
        """Show ``text()`` (None clears the notice)."""
        self._text = text
        self.relabel()

    def relabel(self) -> None:
        """Write the notice again in the current language."""
        self.value = message_html(self._text() if self._text else None)


class ParticipantWidget(widgets.VBox):
    """A widget that shows one participant's things (their answer, their download), in their
    language: told when the language changes (``_language_changed``) and, in a preheated kernel,
    when the participant becomes known (``_participant_known``), until it is closed."""

    def _language_changed(self) -> None:
        raise NotImplementedError

    def _participant_known(self) -> None:
        raise NotImplementedError

    def _listen(self, *, awaiting_participant: bool) -> None:
        """Start hearing language changes, and the participant's arrival when ``awaiting_participant``."""
        self._stop_awaiting = (on_participant_known(self._participant_known) if awaiting_participant
                               else lambda: None)
        self._stop_listening = on_language_change(self._language_changed)

    def close(self) -> None:
        # A widget whose building failed never listened: there is nothing to stop then.
        getattr(self, "_stop_listening", lambda: None)()
        getattr(self, "_stop_awaiting", lambda: None)()
        super().close()


class AnswerWidget(ParticipantWidget):
    """An exercise widget whose answer is saved under ``key`` and reloaded when it runs again."""

    BINDING_WAIT_SECONDS = 10.0
    """How long a change made before the participant is known waits for them before it is kept
    unsaved (saved once they are known). Voila binds the participant when the page is requested,
    before the page can send any change, so this wait is for the odd slow server."""

    syncing = False
    """True while the widget sets its own fields (see ``syncing_fields``): putting a saved answer
    back, relabelling, redrawing. Observers ignore those changes and nothing is saved."""

    def __init__(self, key: str, *, folder: str | os.PathLike[str] | None = None) -> None:
        super().__init__()
        self.key = check_key(key)
        self.status = widgets.HTML()
        self._problems: dict[str, widgets.HTML] = {}
        # The answer as it is on disk, as JSON text (order counts: a plan's steps are a dict),
        # so that a change that changes nothing writes nothing.
        self._saved: str | None = None
        # Binding to the participant happens in another thread; changes and binding take turns.
        self._binding_lock = threading.RLock()
        self._awaiting_participant = folder is None and participant_pending()
        self._changed_while_awaiting = False
        # While awaiting, the shared folder: nothing is read from it or written to it.
        self.store = AnswerStore(folder)
        body = self.build()
        self.children = [*body, self.status]
        if not self._awaiting_participant:
            self._load_saved()
        self.refresh()
        self._listen(awaiting_participant=self._awaiting_participant)

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

    def participant_known(self, restored: bool) -> None:
        """Called once a preheated kernel learns its participant, after their saved answer was
        put back (``restored``: there was one) and before ``refresh``; from another thread, so
        keep it small. For fields that start from the participant's other answers."""

    # What the base gives ----------------------------------------------------------
    def answer_changed(self) -> None:
        """Call after every change a participant makes: redraw, then save unless nothing changed."""
        with self._binding_lock:
            if self.syncing:
                return  # the widget's own change (a restore, a relabel): not the participant's
            awaiting = self._awaiting_participant
            # The participant's change wins over their saved answer, whichever thread binds first.
            self._changed_while_awaiting |= awaiting
        if awaiting:
            wait_for_participant(self.BINDING_WAIT_SECONDS)
        with self._binding_lock:
            self.refresh()
            if self._awaiting_participant:
                if participant_pending():
                    # Never into the shared folder: kept here, saved once the participant is known.
                    self.show_status(t("binding.not_saved_yet"), "warning")
                    return
                self._bind_store()  # known, and this widget's own callback has not run yet
            self._save_value()

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

    @contextlib.contextmanager
    def syncing_fields(self) -> Iterator[None]:
        """While open, field changes come from the widget itself, not from the participant:
        observers check ``self.syncing`` and ignore them, and ``answer_changed`` saves nothing.
        Blocks may nest: the widget stays syncing until the outermost one ends."""
        previous, self.syncing = self.syncing, True
        try:
            yield
        finally:
            self.syncing = previous

    def _language_changed(self) -> None:
        self.relabel()
        self.refresh()

    def _load_saved(self) -> bool:
        """Put the saved answer back into the fields; return True if there was one."""
        result = self.store.load(self.key, check=self.check_saved)
        if result.value is not None:
            # Restoring is syncing: the fields take the saved answer, which must not be saved again.
            with self.syncing_fields():
                self.restore(result.value)
            self._saved = json.dumps(self.value)
        self.show_status(result.message, "warning")
        return result.value is not None

    def _save_value(self) -> None:
        value = self.value
        if json.dumps(value) == self._saved:
            return
        result = self.store.save(self.key, value)
        self.show_status(result.message, "problem")
        if result.saved:
            self._saved = json.dumps(value)

    def participant_store(self) -> AnswerStore | None:
        """Return the store of this widget's participant, for writing beside their answers (an
        export); None while a preheated kernel still does not know them: never the shared folder.

        Waits for them as a change does (``BINDING_WAIT_SECONDS``); if they became known but this
        widget's own callback has not run yet, runs it first so that their saved answer comes back.
        """
        if self._awaiting_participant:
            wait_for_participant(self.BINDING_WAIT_SECONDS)
            with self._binding_lock:
                if self._awaiting_participant and participant_pending():
                    return None
                self._participant_known()
                if self._awaiting_participant:  # closed meanwhile: nothing to write for
                    return None
        return self.store

    def _bind_store(self) -> None:
        """Point the store at the participant's folder, now that they are known."""
        self.store = AnswerStore()
        self._awaiting_participant = False

    def _participant_known(self) -> None:
        """Load the participant's saved answer (from the thread that received their request)."""
        with self._binding_lock:
            if not self._awaiting_participant or self.comm is None:  # bound already, or closed
                return
            self._bind_store()
            if self._changed_while_awaiting:
                # The participant changed something before: their change wins, in their folder.
                self._save_value()
                return
            restored = self._load_saved()
            self.participant_known(restored)
            self.refresh()

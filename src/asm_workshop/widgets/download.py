"""One download holding all a participant's answers, for the end of every lesson and tool.

In Voila there is no file browser, and Voila serves no arbitrary files, so the answers
travel inside the page: a zip file in a ``data:`` link, built in the kernel. It works
offline, in JupyterLab too. The zip holds ``answers/<key>.json``, the very files the answer
store wrote, and what the tools exported into ``answers/exports/`` (plans, grid and map pictures,
tables), so unzipping it next to a graded notebook is a ready hand-in.
"""

from __future__ import annotations

import base64
import html
import io
import json
import os
import threading
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from asm_workshop.answers import (
    EXPORTS_FOLDER_NAME,
    FOLDER_NAME,
    PARTICIPANTS_FOLDER_NAME,
    answers_folder,
    read_answer_file,
)
from asm_workshop.i18n import t
from asm_workshop.participant import in_voila, participant_code, participant_pending
from asm_workshop.widgets.base import CODE, ParticipantWidget, escape_with_code, message_html


def answers_bundle(folder: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """Return every readable answer in ``folder``: file name ("welcome.practice.json") -> its content.

    The content is the saved file as written by the answer store (format, key, saved_at,
    value). Files that are not answers (set aside ``.bak`` files, half-written temporary
    files, invalid JSON) are left out; an empty or missing folder gives ``{}``.
    """
    return _read_answers(Path(folder))[0]


def answers_archive(bundle: dict[str, dict[str, Any]], exports: dict[str, bytes] | None = None) -> bytes:
    """Return ``bundle`` as a zip file (bytes) holding ``answers/<file name>`` for each answer, and
    ``answers/exports/<file name>`` for each exported file in ``exports`` (file name -> bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(bundle.items()):
            text = json.dumps(content, ensure_ascii=False, indent=1)
            archive.writestr(f"{FOLDER_NAME}/{name}", text.encode("utf-8"))
        for name, content in sorted((exports or {}).items()):
            archive.writestr(f"{FOLDER_NAME}/{EXPORTS_FOLDER_NAME}/{name}", content)
    return buffer.getvalue()


EXPORTED_SUFFIXES = (".html", ".md", ".png", ".csv")
"""What the tools export: plans (HTML, Markdown), grid and map pictures (PNG), tables (CSV)."""


def exported_files(folder: str | os.PathLike[str]) -> dict[str, bytes]:
    """Return what the tools exported into ``folder``/exports: file name -> content ({} if none)."""
    exports = Path(folder) / EXPORTS_FOLDER_NAME
    if not exports.is_dir():
        return {}
    return {path.name: path.read_bytes() for path in sorted(exports.iterdir())
            if path.is_file() and path.suffix in EXPORTED_SUFFIXES and not path.name.startswith(".")}


def download_file_name(folder: str | os.PathLike[str]) -> str:
    """Return the name the download of ``folder`` gets: "asm-answers-day1-awa.zip", "asm-answers-day1.zip"."""
    folder = Path(folder).resolve()
    participant = _participant_of(folder)
    if participant is not None:
        parts = [folder.parents[2].name, participant]
    else:
        parts = [folder.parent.name] if folder.name == FOLDER_NAME else []
    return "-".join(["asm-answers", *(part for part in parts if part)]) + ".zip"


class AnswersDownload(ParticipantWidget):
    """A button that gathers the answers in ``folder`` (default: ``answers_folder()``) into a download link.

    Shows whose answers they are; in Voila without a participant's name, says to enter one
    on the home page. The link is built when the widget appears and again on each click of
    the button, so it holds the latest answers. The default folder is found each time: in a
    preheated Voila kernel the participant is not known when the widget appears, and the link
    is built again as soon as they are.
    """

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        super().__init__()
        self._chosen_folder = Path(folder) if folder is not None else None
        self._awaiting_participant = False
        self._preparing = threading.Lock()  # the button and the participant's arrival may coincide
        self._find_folder()
        self.bundle: dict[str, dict[str, Any]] = {}
        self.archive = b""
        self._skipped: list[str] = []
        self._problem: str | None = None
        self._prepared_at = ""
        self._title = widgets.HTML()
        self.where = widgets.HTML()
        self.hint = widgets.HTML()
        self.button = widgets.Button(icon="download", layout={"width": "auto"})
        self.button.on_click(lambda _: self.prepare())
        self.link = widgets.HTML()
        self._help = widgets.HTML()
        self.children = [self._title, self.where, self.hint, self.button, self.link, self._help]
        self.add_class("asm-answers-download")
        self.prepare()
        self._listen(awaiting_participant=self._awaiting_participant)

    @property
    def needs_name(self) -> bool:
        """True in a Voila page opened without a participant's name (answers in the shared folder)."""
        return self.participant is None and in_voila() and not self._awaiting_participant

    def prepare(self) -> None:
        """Gather the answers in the folder now, and point the link at them (nothing while the
        participant of a preheated kernel is not known yet)."""
        with self._preparing:
            self._find_folder()
            exports: dict[str, bytes] = {}
            self.bundle, self._skipped, self._problem = {}, [], None
            if not self._awaiting_participant:
                try:
                    self.bundle, self._skipped = _read_answers(self.folder)
                    exports = exported_files(self.folder)
                except OSError as error:
                    self.bundle, self._skipped = {}, []
                    self._problem = t("participant.unreadable_folder", folder=self.folder,
                                      reason=error.strerror or type(error).__name__)
            # Exports alone are worth a download too: a grid exported before any change saved it.
            self.archive = answers_archive(self.bundle, exports) if self.bundle or exports else b""
            self._prepared_at = datetime.now().strftime("%H:%M:%S")
            self.relabel()

    def relabel(self) -> None:
        """Set every text again from the message catalog (after a language change)."""
        self._title.value = f"<b>{html.escape(t('participant.download_title'))}</b>"
        if self._awaiting_participant:
            where = t("binding.looking_for_answers")
        elif self.participant is not None:
            where = t("participant.saved_for", code=self.participant, folder=CODE)
        else:
            where = t("participant.saved_here", folder=CODE)
        shown = [] if self._awaiting_participant else [_shown(self.folder)]
        self.where.value = message_html(where, code=shown)
        self.hint.value = message_html(t("participant.no_code_hint"), "warning") if self.needs_name else ""
        self.button.description = t("participant.prepare")
        self.button.tooltip = t("participant.prepare_tooltip")
        self.link.value = self._link_html()
        self._help.value = (message_html(t("participant.download_help", folder=CODE), code=[FOLDER_NAME])
                            if self.archive else "")

    def _find_folder(self) -> None:
        """Set the folder, whose it is and the download's name: the chosen folder, else this
        participant's (the shared one, unread, while a preheated kernel awaits them)."""
        if self._chosen_folder is not None:
            self.folder = self._chosen_folder
            self.participant = _participant_of(self.folder)
        else:
            self._awaiting_participant = participant_pending()
            self.folder = answers_folder()
            self.participant = participant_code()
        self.file_name = download_file_name(self.folder)

    def _participant_known(self) -> None:
        if self.comm is not None:  # not closed meanwhile
            self.prepare()

    def _link_html(self) -> str:
        if self._awaiting_participant:
            return ""
        if self._problem is not None:
            return message_html(self._problem, "problem")
        if not self.archive:
            return message_html(t("participant.no_answers", folder=CODE), "info", code=[_shown(self.folder)])
        text = t("participant.download_link", file=CODE, count=len(self.bundle), time=self._prepared_at)
        address = "data:application/zip;base64," + base64.b64encode(self.archive).decode("ascii")
        shown = escape_with_code(text, [self.file_name])
        link = (
            f'<a class="asm-download-link" download="{html.escape(self.file_name)}" href="{address}" '
            f'style="font-weight:bold;text-decoration:underline">{shown}</a>'
        )
        if self._skipped:
            link += message_html(t("participant.skipped_files", files=", ".join(self._skipped)), "warning")
        return link

    def _language_changed(self) -> None:
        self.relabel()


def _read_answers(folder: Path) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Return the readable answers in ``folder`` and the names of answer files that are not."""
    if not folder.is_dir():
        return {}, []
    bundle: dict[str, dict[str, Any]] = {}
    skipped = []
    # Only "<key>.json": the store's temporary files start with "." and end in ".tmp".
    for path in sorted(folder.glob("*.json")):
        if path.name.startswith("."):
            continue
        content = read_answer_file(path)
        if content is None:
            skipped.append(path.name)
        else:
            bundle[path.name] = content
    return bundle, skipped


def _participant_of(folder: Path) -> str | None:
    """Return the participant whose folder ``folder`` is (".../answers/participants/<code>"), or None."""
    if folder.parent.name == PARTICIPANTS_FOLDER_NAME and folder.parent.parent.name == FOLDER_NAME:
        return folder.name
    return None


def _shown(folder: Path) -> str:
    """Return ``folder`` as a participant reads it: relative to the notebook's folder when inside it."""
    try:
        return folder.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(folder)

"""The answer store: each answering widget's state, saved as JSON beside the notebook.

One file per answer key: ``answers/<key>.json`` in the kernel's working folder, which is
the notebook's own folder in JupyterLab, Voila, nbclient and nbgrader; when Voila serves a
room, ``answers/participants/<code>/<key>.json``, one folder per participant (see
``answers_folder``). One file per key, not per notebook, because the kernel does not
reliably know its notebook's name; keys carry the notebook's name instead (``welcome.days``,
``day2.stakeholder_grid``).

Each file holds ``{"format": 1, "key": ..., "saved_at": ..., "value": ...}``. Writes go to
a temporary file that is then renamed over the old one, so a crash or a dead battery
leaves either the old answer or the new one, never half a file. A file that cannot be
used (empty, not JSON, wrong shape) is moved aside to ``<key>.json.bak`` and reported,
never overwritten in silence. This file is also what nbgrader grades: it travels with
the submission, autograde re-runs the notebook, the widget reloads it, a test reads it.

What the tools export (plans, grid and map pictures, tables) goes to ``exports/`` in the same
folder (``AnswerStore.export_path``), so that it stays the participant's own and travels with
their answers; never beside the notebook, which a room shares.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from asm_workshop.i18n import t
from asm_workshop.participant import participant_code

FOLDER_NAME = "answers"
EXPORTS_FOLDER_NAME = "exports"
"""Inside an answers folder: what the tools exported there (plans, grid pictures, tables), handed
in and downloaded with the answers. Never beside the notebook: in a room that folder is shared
by everyone, and Voila serves pictures from it to anyone with the room code."""
PARTICIPANTS_FOLDER_NAME = "participants"
FORMAT = 1
_KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9_.-]*")


class AnswerMissingError(LookupError):
    """No usable saved answer exists for a key."""


@dataclass(frozen=True)
class LoadResult:
    """What loading gave: the saved value (None if none) and a message for the participant."""

    value: Any = None
    message: str | None = None


@dataclass(frozen=True)
class SaveResult:
    """Whether a save reached the disk, and a message for the participant when it did not."""

    saved: bool
    message: str | None = None


def check_key(key: str) -> str:
    """Return ``key`` if it can name an answer file, else raise ValueError saying why."""
    if not isinstance(key, str) or not _KEY_PATTERN.fullmatch(key) or ".." in key:
        raise ValueError(t("answers.key_invalid", key=key))
    return key


def answers_folder(notebook_folder: str | os.PathLike[str] | None = None) -> Path:
    """Return the folder that holds the answers of notebooks in ``notebook_folder`` (default: here).

    ``notebook_folder/answers``; in a Voila kernel serving a participant (the page's address
    ends in ``?participant=<code>``), that participant's own
    ``notebook_folder/answers/participants/<code>``, so that people in a room who open the
    same lesson never write to the same file. A Voila page opened without a code uses
    ``notebook_folder/answers``, shared, and ``AnswersDownload`` asks for a name. Tools that
    read another lesson's answers (the plan builder reads Day 2's stakeholder grid) call
    this with that lesson's folder, and get the same participant's answers.

    Never waits: in a preheated Voila kernel whose participant has not opened the page yet
    (``participant.participant_pending()``), this is the shared ``notebook_folder/answers``
    for now. Whoever writes there must wait for the participant first, and whoever reads should
    read again once they are known (``participant.on_participant_known``), as ``AnswerWidget``
    and ``AnswersDownload`` do.
    """
    folder = Path(notebook_folder if notebook_folder is not None else Path.cwd()) / FOLDER_NAME
    code = participant_code()
    return folder if code is None else folder / PARTICIPANTS_FOLDER_NAME / code


class AnswerStore:
    """Saved answers in one folder (by default ``answers_folder()``: ``answers/`` here)."""

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        self.folder = Path(folder) if folder is not None else answers_folder()

    def path(self, key: str) -> Path:
        """Return the file that holds the answer ``key``."""
        return self.folder / f"{check_key(key)}.json"

    @property
    def exports_folder(self) -> Path:
        """The folder that holds what this participant's tools export (``exports/`` in the store)."""
        return self.folder / EXPORTS_FOLDER_NAME

    def export_path(self, name: str) -> Path:
        """Return where the export ``name`` ("day2.grid.png") goes, creating the exports folder;
        raise ValueError for a name that is not a plain file name, OSError if it cannot be made."""
        check_key(name)
        self.exports_folder.mkdir(parents=True, exist_ok=True)
        return self.exports_folder / name

    def keys(self) -> list[str]:
        """Return the keys of every answer file in the folder, sorted."""
        if not self.folder.is_dir():
            return []
        return sorted(p.name[: -len(".json")] for p in self.folder.glob("*.json"))

    def load(self, key: str, check: Callable[[Any], str | None] | None = None) -> LoadResult:
        """Return the saved value of ``key``, or a result with no value and a message.

        ``check`` inspects a value and returns a short description of what is wrong with
        it, or None when it fits the widget. A file that fails is moved aside, not lost.
        """
        path = self.path(key)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return LoadResult()
        except (OSError, UnicodeDecodeError) as error:
            if isinstance(error, UnicodeDecodeError):
                return self._set_aside(path, "answers.file_not_json")
            return LoadResult(message=t("answers.file_unreadable", path=path, reason=_why(error)))
        if not text.strip():
            return self._set_aside(path, "answers.file_empty")
        try:
            content = json.loads(text)
        except json.JSONDecodeError:
            return self._set_aside(path, "answers.file_not_json")
        problem = _shape_problem(content, key)
        if problem is None and check is not None:
            problem = check(content["value"])
        if problem is not None:
            return self._set_aside(path, "answers.file_wrong_shape", problem=problem)
        return LoadResult(value=content["value"])

    def save(self, key: str, value: Any) -> SaveResult:
        """Write ``value`` (anything JSON can hold) as the answer ``key``, atomically."""
        path = self.path(key)
        content = {
            "format": FORMAT,
            "key": key,
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "value": value,
        }
        text = json.dumps(content, ensure_ascii=False, indent=1)
        temporary = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{key}.", suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, path)
        except OSError as error:
            if temporary is not None and os.path.exists(temporary):
                os.unlink(temporary)
            return SaveResult(False, t("answers.folder_read_only", folder=self.folder, reason=_why(error)))
        return SaveResult(True)

    def _set_aside(self, path: Path, message_key: str, **values: str) -> LoadResult:
        backup = _free_backup_name(path)
        try:
            os.replace(path, backup)
        except OSError as error:
            return LoadResult(message=t("answers.file_unreadable", path=path, reason=_why(error)))
        return LoadResult(message=t(message_key, path=path, backup=backup.name, **values))


def read_answer_file(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """Return the content of the answer file at ``path`` (format, key, saved_at, value), or None
    when it cannot be read or is not the answer its name says. Never changes the file: for
    reading answers that belong to another lesson or go into a download."""
    path = Path(path)
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return content if _shape_problem(content, path.name.removesuffix(".json")) is None else None


def saved_value(key: str, notebook_folder: str | os.PathLike[str] | None = None) -> Any:
    """Return what this participant saved under ``key`` from the notebooks in ``notebook_folder``
    (default: here; "../day2" for another day's lessons), or None when nothing usable is saved.

    Never changes the file, unlike ``AnswerStore.load`` (which sets a broken file aside): for
    reading the answers of another lesson, which belong to that lesson's widget."""
    content = read_answer_file(AnswerStore(answers_folder(notebook_folder)).path(key))
    return None if content is None else content["value"]


def load_answer(key: str, folder: str | os.PathLike[str] | None = None) -> Any:
    """Return the saved value of ``key``; raise AnswerMissingError if there is none.

    For test cells in graded notebooks, which read what the participant's widget saved.
    """
    store = AnswerStore(folder)
    result = store.load(key)
    if result.value is None:
        raise AnswerMissingError(result.message or t("answers.missing", key=key, folder=store.folder))
    return result.value


def _shape_problem(content: Any, key: str) -> str | None:
    if not isinstance(content, dict) or "value" not in content:
        return "no \"value\" field"
    if content.get("key") != key:
        return f"it is the answer to \"{content.get('key')}\""
    if content.get("format") != FORMAT:
        return f"unknown format {content.get('format')!r}"
    return None


def _free_backup_name(path: Path) -> Path:
    backup = path.with_name(path.name + ".bak")
    number = 2
    while backup.exists():
        backup = path.with_name(f"{path.name}.{number}.bak")
        number += 1
    return backup


def _why(error: OSError | UnicodeDecodeError) -> str:
    return getattr(error, "strerror", None) or type(error).__name__

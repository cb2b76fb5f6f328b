"""Find the participants' submissions in a folder and unpack each into a work area.

A submissions folder holds, per participant, a folder or a ``.zip`` named by the participant's
id. A zip may hold the files at its top or inside one folder; a folder may too. Nothing in the
submissions folder is ever written: files are read and copied. An assignment may come in
several languages (``day1`` and its French edition ``day1_fr``): the notebook a submission holds
says which one it is. Links are never followed (a link
could point at any of the trainer's files), and zips are checked before anything is extracted.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from asm_workshop.translation import LANGUAGE, LANGUAGE_LINE

MAX_FILES = 2_000
MAX_BYTES = 200 * 2**20
"""Largest submission unpacked, in bytes: far above a notebook with its answers."""

_IGNORED_NAMES = {".ipynb_checkpoints", "__MACOSX", ".DS_Store", "Thumbs.db", "__pycache__"}
_UNSAFE_ID_CHARACTERS = re.compile(r"[^\w.@+-]")


@dataclass(frozen=True)
class Problem:
    """Why something could not be graded: a message key of the catalog and its fields."""

    key: str
    fields: dict[str, str | int | float] = field(default_factory=dict)


@dataclass
class Submission:
    """One participant's submission: where it came from and, once unpacked, where it is.

    ``folder`` holds the unpacked files (None when ``problem`` says why it could not be);
    ``notes`` lists harmless oddities fixed on the way (a renamed notebook, skipped links);
    ``language`` is the edition its notebook belongs to, once found.
    """

    participant: str
    origin: Path
    folder: Path | None = None
    problem: Problem | None = None
    notes: list[Problem] = field(default_factory=list)
    fingerprint: str = ""
    language: str | None = None


def participant_id(name: str) -> str | None:
    """Return the participant id for a file or folder name, or None if it cannot be one.

    Spaces become underscores ("Awa Ouédraogo.zip" -> "Awa_Ouédraogo"); accents are kept.
    """
    stem = name[:-4] if name.lower().endswith(".zip") else name
    candidate = re.sub(r"\s+", "_", stem.strip())
    if not candidate or candidate.startswith(".") or _UNSAFE_ID_CHARACTERS.search(candidate):
        return None
    return candidate


def find_submissions(submissions: Path) -> list[tuple[str | None, Path]]:
    """Return (participant id or None, path) for each folder or zip in ``submissions``, sorted."""
    found = []
    for path in sorted(submissions.iterdir(), key=lambda p: p.name.lower()):
        if path.name.startswith(".") or path.name in _IGNORED_NAMES or path.is_symlink():
            continue
        if path.is_dir() or path.suffix.lower() == ".zip":
            found.append((participant_id(path.name), path))
    return found


def unpack_submissions(
    submissions: Path, work: Path, editions: Mapping[str, list[str]]
) -> list[Submission]:
    """Unpack every submission in ``submissions`` into ``work/<participant>/``.

    ``editions`` maps each language of the assignment to its notebook file names
    (``{"en": ["day1.ipynb"], "fr": ["day1_fr.ipynb"]}``). A submission holding exactly one
    notebook under another name (``welcome (1).ipynb``) has it renamed, to the French edition's
    name if it is a French notebook. Returns one Submission per folder or zip found, with its
    language, or a problem where it cannot be graded.
    """
    unpacked: list[Submission] = []
    seen: dict[str, Path] = {}
    for participant, origin in find_submissions(submissions):
        if participant is None:
            unpacked.append(Submission(origin.name, origin, problem=Problem("grading.reason_bad_name")))
            continue
        if participant in seen:
            problem = Problem("grading.reason_duplicate", {"other": seen[participant].name})
            unpacked.append(Submission(participant, origin, problem=problem))
            continue
        seen[participant] = origin
        target = work / participant / "files"
        submission = Submission(participant, origin)
        try:
            if origin.is_dir():
                _copy_folder(origin, target, submission)
            else:
                _extract_zip(origin, target)
        except _Refused as refusal:
            submission.problem = refusal.problem
            shutil.rmtree(target, ignore_errors=True)
        else:
            _descend_into_single_folder(target)
            submission.problem = _place_notebooks(target, editions, submission)
            submission.folder = target if submission.problem is None else None
            submission.fingerprint = fingerprint(target)
        unpacked.append(submission)
    return unpacked


def fingerprint(folder: Path) -> str:
    """Return a SHA-256 of every file's relative path and bytes in ``folder`` (hex)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class _Refused(Exception):
    def __init__(self, key: str, **fields: str | int | float) -> None:
        super().__init__(key)
        self.problem = Problem(key, fields)


def _copy_folder(origin: Path, target: Path, submission: Submission) -> None:
    files = total = 0
    skipped_links = 0
    for folder, folder_names, file_names in os.walk(origin):
        # os.walk does not follow links to folders; they are dropped here too.
        folder_names[:] = [
            name for name in folder_names
            if name not in _IGNORED_NAMES and not os.path.islink(os.path.join(folder, name))
        ]
        relative = Path(folder).relative_to(origin)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in file_names:
            source = Path(folder) / name
            details = os.lstat(source)
            if name in _IGNORED_NAMES:
                continue
            if not stat.S_ISREG(details.st_mode):
                skipped_links += stat.S_ISLNK(details.st_mode)
                continue
            files += 1
            total += details.st_size
            if files > MAX_FILES or total > MAX_BYTES:
                raise _Refused("grading.reason_too_big", megabytes=MAX_BYTES // 2**20, files=MAX_FILES)
            shutil.copyfile(source, target / relative / name, follow_symlinks=False)
    if skipped_links:
        submission.notes.append(Problem("grading.note_links_skipped", {"count": skipped_links}))


def _extract_zip(origin: Path, target: Path) -> None:
    try:
        archive = zipfile.ZipFile(origin)
    except (zipfile.BadZipFile, OSError):
        raise _Refused("grading.reason_bad_zip") from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_FILES or sum(m.file_size for m in members) > MAX_BYTES:
            raise _Refused("grading.reason_too_big", megabytes=MAX_BYTES // 2**20, files=MAX_FILES)
        written = 0
        for member in members:
            path = PurePosixPath(member.filename.replace("\\", "/"))
            if path.is_absolute() or ".." in path.parts or ":" in member.filename:
                raise _Refused("grading.reason_zip_unsafe", path=member.filename)
            if set(path.parts) & _IGNORED_NAMES or stat.S_ISLNK(member.external_attr >> 16):
                continue
            destination = target.joinpath(*path.parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            try:
                with archive.open(member) as source, open(destination, "wb") as output:
                    # The sizes a zip declares can lie; count what really comes out.
                    while chunk := source.read(2**20):
                        written += len(chunk)
                        if written > MAX_BYTES:
                            raise _Refused("grading.reason_too_big", megabytes=MAX_BYTES // 2**20,
                                           files=MAX_FILES)
                        output.write(chunk)
            except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, zlib.error):
                raise _Refused("grading.reason_bad_zip") from None
    target.mkdir(parents=True, exist_ok=True)


def _descend_into_single_folder(target: Path) -> None:
    """Bring the files up when everything sits inside one folder (``alice/welcome/...``)."""
    for _ in range(3):
        entries = list(target.iterdir())
        if any(p.suffix == ".ipynb" for p in entries) or len(entries) != 1 or not entries[0].is_dir():
            return
        inner = entries[0]
        staging = target.with_name(target.name + ".inner")
        inner.rename(staging)
        target.rmdir()
        staging.rename(target)


def _place_notebooks(
    target: Path, editions: Mapping[str, list[str]], submission: Submission
) -> Problem | None:
    found = sorted(p.name for p in target.glob("*.ipynb"))
    present = [language for language, names in editions.items() if set(names) & set(found)]
    if present:
        submission.language = present[0]
        if len(present) > 1:
            names = ", ".join(name for language in present for name in editions[language] if name in found)
            graded = ", ".join(name for name in editions[present[0]] if name in found)
            submission.notes.append(Problem("grading.note_both_editions", {"names": names, "graded": graded}))
        return None
    if len(found) == 1 and all(len(names) == 1 for names in editions.values()):
        language = _language_of(target / found[0], list(editions))
        (expected,) = editions[language]
        (target / found[0]).rename(target / expected)
        renamed = {"name": found[0], "expected": expected}
        submission.notes.append(Problem("grading.note_notebook_renamed", renamed))
        submission.language = language
        return None
    expected = ", ".join(name for names in editions.values() for name in names)
    return Problem("grading.reason_no_notebook", {"expected": expected})


def _language_of(notebook: Path, languages: list[str]) -> str:
    """The language a renamed notebook was written in: a French edition's first code cell sets
    French (translation.LANGUAGE_LINE), as it appears in the notebook's JSON."""
    marker = json.dumps(LANGUAGE_LINE.strip())[1:-1]
    try:
        french = marker in notebook.read_text(encoding="utf-8", errors="replace")
    except OSError:
        french = False
    return LANGUAGE if french and LANGUAGE in languages else languages[0]

"""What the curriculum is: its lessons, its tool apps and its notebooks, read from the folder layout.

``notebooks/`` holds the welcome lesson, one folder per day (``day1/1-1_what_is_asm.ipynb``...)
and ``tools/`` with the stand-alone tool apps; ``solutions/`` and ``exercises/`` hold the graded
exercises. The room server lists its apps from here, so this module imports nothing of the
grading (nbgrader, SQLAlchemy).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from asm_workshop.paths import repository_root

NOTEBOOK_FOLDERS = ("notebooks", "solutions", "exercises")
TOOLS_FOLDER = "tools"
FRENCH_SUFFIX = ".fr.ipynb"
"""A French notebook's name ends so, beside its English source (``asm_workshop.translation``)."""
WELCOME = "00_welcome.ipynb"
"""The lesson every participant opens first, at the top of ``notebooks/``."""


def notebooks(root: Path | None = None) -> list[Path]:
    """Return every committed notebook under notebooks/, solutions/ and exercises/."""
    root = root or repository_root()
    return sorted(
        path
        for folder in NOTEBOOK_FOLDERS
        for path in (root / folder).rglob("*.ipynb")
        if ".ipynb_checkpoints" not in path.parts
    )


def lessons(root: Path | None = None) -> list[Path]:
    """Return the lessons (notebooks/, not its tools/), welcome first, then by day and number."""
    return lessons_in((root or repository_root()) / "notebooks")


def tools(root: Path | None = None) -> list[Path]:
    """Return the stand-alone tool apps (notebooks/tools/*.ipynb), by name."""
    return tools_in((root or repository_root()) / "notebooks")


def lessons_in(folder: Path) -> list[Path]:
    """Return the lessons in a folder of notebooks laid out like notebooks/ (tools/ left out)."""
    return [
        path for path in _served_notebooks(folder)
        if path.relative_to(folder).parts[0] != TOOLS_FOLDER
    ]


def tools_in(folder: Path) -> list[Path]:
    """Return the tool apps in a folder of notebooks laid out like notebooks/ (its tools/ folder)."""
    return [
        path for path in _served_notebooks(folder / TOOLS_FOLDER)
        if len(path.relative_to(folder / TOOLS_FOLDER).parts) == 1
    ]


def _served_notebooks(folder: Path) -> list[Path]:
    # Answer folders and editor checkpoints may sit beside the notebooks; they are not lessons.
    # The French editions (*.fr.ipynb, beside their English source) are listed through it.
    return sorted(
        path for path in folder.rglob("*.ipynb")
        if not {".ipynb_checkpoints", "answers"} & set(path.relative_to(folder).parts)
        and not path.name.endswith(FRENCH_SUFFIX)
    )


@dataclass(frozen=True)
class Section:
    """One part of a lesson: its heading, whether it is core or optional, and its minutes.

    The marks sit in the heading cell's metadata, ``"asm_workshop": {"section": "core",
    "minutes": 8}``: the title cell (the lesson's first cell) and every cell that begins with
    ``## ``. A section runs from its heading to the next one; ``cells`` are its cells, heading
    included, so that a reader can count its words and code cells.
    """

    title: str
    kind: str
    minutes: int
    cells: tuple[nbformat.NotebookNode, ...]


SECTION_KINDS = ("core", "optional")


def sections(path: Path) -> list[Section]:
    """Return the sections of the lesson at ``path``, in order; a section without marks has
    kind "" and minutes 0 (the sections test names it)."""
    notebook = nbformat.read(path, as_version=4)
    found: list[tuple[nbformat.NotebookNode, list[nbformat.NotebookNode]]] = []
    for number, cell in enumerate(notebook.cells):
        if number == 0 or (cell.cell_type == "markdown" and cell.source.startswith("## ")):
            found.append((cell, []))
        found[-1][1].append(cell)
    return [
        Section(
            title=heading.source.splitlines()[0].lstrip("# ").strip() if heading.source else "",
            kind=str(heading.metadata.get("asm_workshop", {}).get("section", "")),
            minutes=int(heading.metadata.get("asm_workshop", {}).get("minutes", 0)),
            cells=tuple(cells),
        )
        for heading, cells in found
    ]


def stated_minutes(path: Path) -> tuple[int, int] | None:
    """Return the (core, optional) minutes a lesson's first cell states ("*About 50 minutes,
    plus 20 optional.*"), or None when it states none."""
    first = nbformat.read(path, as_version=4).cells[0].source
    match = re.search(r"\*About (\d+) minutes(?:[^*]*?plus (\d+) optional)?", first)
    return None if match is None else (int(match[1]), int(match[2] or 0))

"""What the curriculum is: its lessons, its tool apps and its notebooks, read from the folder layout.

``notebooks/`` holds the welcome lesson, one folder per day (``day1/1-1_what_is_asm.ipynb``...)
and ``tools/`` with the stand-alone tool apps; ``solutions/`` and ``exercises/`` hold the graded
exercises. The room server lists its apps from here, so this module imports nothing of the
grading (nbgrader, SQLAlchemy).
"""

from __future__ import annotations

from pathlib import Path

from asm_workshop.paths import repository_root

NOTEBOOK_FOLDERS = ("notebooks", "solutions", "exercises")
TOOLS_FOLDER = "tools"
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
    return sorted(
        path for path in folder.rglob("*.ipynb")
        if not {".ipynb_checkpoints", "answers"} & set(path.relative_to(folder).parts)
    )

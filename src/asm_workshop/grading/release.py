"""Regenerate ``exercises/`` (participant versions) from ``solutions/`` with nbgrader."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from asm_workshop.grading.course import Course
from asm_workshop.notebook_hygiene import clean_file
from asm_workshop.paths import repository_root


def assignments(root: Path | None = None) -> list[str]:
    """Return the names of the assignments in ``solutions/``."""
    solutions = (root or repository_root()) / "solutions"
    return sorted(p.name for p in solutions.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def generate_exercises(target: Path, root: Path | None = None, only: list[str] | None = None) -> list[Path]:
    """Write the participant version of each assignment into ``target/<assignment>/``.

    Returns the notebooks written. ``target`` may be ``exercises/`` itself or any folder.
    """
    root = root or repository_root()
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="asm-release-") as folder:
        course = Course(folder, root / "solutions")
        for assignment in only or assignments(root):
            released = course.generate(assignment)
            destination = target / assignment
            if destination.exists():
                shutil.rmtree(destination)
            shutil.copytree(released, destination)
            for notebook in sorted(destination.glob("*.ipynb")):
                clean_file(notebook)
                written.append(notebook)
    return written

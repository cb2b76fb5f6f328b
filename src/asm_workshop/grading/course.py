"""Throwaway nbgrader courses: generate, autograde and read scores away from the checkout.

Everything runs in a temporary course folder holding a copy of ``solutions/``, so no
gradebook, release or submission ever lands in the checkout.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Gradebook
from nbgrader.apps import NbGraderAPI

from asm_workshop.grading.config import course_config, put_environment_on_path
from asm_workshop.paths import repository_root

_NOT_COPIED = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "answers")


class GradingError(RuntimeError):
    """nbgrader could not do what was asked; the message holds its log."""


@dataclass(frozen=True)
class Score:
    """One participant's result for one assignment, read from the gradebook."""

    student: str
    score: float
    max_score: float
    by_cell: dict[str, float]


class Course:
    """An nbgrader course in ``folder`` whose source is a copy of the checkout's ``solutions/``."""

    def __init__(self, folder: str | os.PathLike[str], solutions: Path | None = None) -> None:
        self.folder = Path(folder)
        solutions = solutions or repository_root() / "solutions"
        shutil.copytree(solutions, self.folder / "source", ignore=_NOT_COPIED, dirs_exist_ok=True)
        put_environment_on_path()
        config = course_config(self.folder, source="source", release="release")
        self.api = NbGraderAPI(config=config)
        self.api.log.setLevel("ERROR")

    def generate(self, assignment: str) -> Path:
        """Generate the participant version of ``assignment``; return its folder."""
        self._check(self.api.generate_assignment(assignment), "generate_assignment", assignment)
        return self.folder / "release" / assignment

    def submit(self, assignment: str, student: str, files: Path) -> Path:
        """Place a copy of the folder ``files`` as ``student``'s submission."""
        target = self.folder / "submitted" / student / assignment
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(files, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        return target

    def autograde(self, assignment: str, student: str) -> Score:
        """Autograde ``student``'s submission; return the scores from the gradebook."""
        self._check(self.api.autograde(assignment, student), "autograde", f"{assignment}/{student}")
        return self.score(assignment, student)

    def score(self, assignment: str, student: str) -> Score:
        """Return ``student``'s scores for ``assignment`` as stored in the gradebook."""
        with Gradebook(self.api.coursedir.db_url) as gradebook:
            submission = gradebook.find_submission(assignment, student)
            by_cell = {
                grade.name: float(grade.score)
                for notebook in submission.notebooks
                for grade in notebook.grades
            }
            return Score(student, float(submission.score), float(submission.max_score), by_cell)

    def _check(self, result: dict, step: str, what: str) -> None:
        if not result["success"]:
            details = f"{result.get('log', '')}\n{result.get('error', '')}"
            raise GradingError(f"nbgrader {step} failed for {what}:\n{details}")

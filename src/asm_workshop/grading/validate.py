"""Run a notebook's nbgrader tests through nbgrader's own Validator.

``nbgrader validate`` on the command line exits 0 even when tests fail, so the curriculum
checks use the Validator class and read its results.
"""

from __future__ import annotations

import os

from nbgrader.validator import Validator

from asm_workshop.grading.config import CELL_TIMEOUT_SECONDS, put_environment_on_path


class ValidationError(RuntimeError):
    """The notebook could not be validated (cells changed type, or checksums changed)."""


def failing_tests(notebook: str | os.PathLike[str]) -> list[str]:
    """Run ``notebook`` in its folder; return the source of each graded test cell that fails."""
    return _run(notebook, invert=False, outcome="failed")


def passing_tests(notebook: str | os.PathLike[str]) -> list[str]:
    """Run ``notebook`` in its folder; return the source of each graded test cell that passes."""
    return _run(notebook, invert=True, outcome="passed")


def _run(notebook: str | os.PathLike[str], *, invert: bool, outcome: str) -> list[str]:
    put_environment_on_path()
    validator = Validator(invert=invert)
    validator.log.setLevel("ERROR")
    validator.config.ExecutePreprocessor.timeout = CELL_TIMEOUT_SECONDS
    results = validator.validate(os.fspath(notebook))
    for problem in ("type_changed", "changed"):
        if results.get(problem):
            raise ValidationError(f"{notebook}: {problem.replace('_', ' ')} cells: {results[problem]}")
    return [cell["source"] for cell in results.get(outcome, [])]

"""The one nbgrader configuration, used by ``nbgrader_config.py`` and by our own runs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from traitlets.config import Config

SOURCE = "solutions"
RELEASE = "exercises"
CELL_TIMEOUT_SECONDS = 120


def course_config(root: str | os.PathLike[str], *, source: str = SOURCE, release: str = RELEASE) -> Config:
    """Return nbgrader's configuration for a course whose folder is ``root``."""
    root = Path(root).resolve()
    config = Config()
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.source_directory = source
    config.CourseDirectory.release_directory = release
    config.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
    # Participants' answer files travel in answers/ and must never be ignored.
    config.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]
    config.ExecutePreprocessor.timeout = CELL_TIMEOUT_SECONDS
    config.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
    config.ClearSolutions.text_stub = "YOUR ANSWER HERE / VOTRE RÉPONSE ICI"
    return config


def put_environment_on_path() -> None:
    """Let nbgrader find ``alembic`` and ``jupyter``, which it runs by name."""
    scripts = str(Path(sys.executable).parent)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")

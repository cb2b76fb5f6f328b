"""Build submissions for grading tests: notebooks plus the reference widget answers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_ANSWERS = Path(__file__).parent / "fixtures" / "answers"


def submission(tmp: Path, version: str, assignment: str, answers: str | dict | None) -> Path:
    """Copy ``version``/``assignment`` (solutions or exercises) to ``tmp`` with an answers folder.

    ``answers`` is "reference" (the facilitator's answers from tests/fixtures), a mapping of
    key -> value written as the participant's widgets would, or None (no answers folder).
    """
    folder = tmp / f"{version}-{assignment}"
    shutil.copytree(ROOT / version / assignment, folder)
    if answers == "reference":
        shutil.copytree(REFERENCE_ANSWERS / assignment, folder / "answers")
    elif answers:
        (folder / "answers").mkdir()
        for key, value in answers.items():
            content = {"format": 1, "key": key, "value": value}
            (folder / "answers" / f"{key}.json").write_text(json.dumps(content))
    return folder

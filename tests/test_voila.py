"""Every lesson is served by Voila as an app: no error, no code shown."""

import json
import urllib.request

import nbformat
import pytest

from asm_workshop.checks import lessons
from conftest import ROOT

pytestmark = pytest.mark.slow
LESSONS = lessons()
SIGNS_OF_ERROR = ("Traceback", "There was an error when executing cell", "application/vnd.jupyter.stderr")


def code_lines(lesson):
    """Distinctive lines of the lesson's code cells (ones long enough not to occur in prose)."""
    notebook = nbformat.read(lesson, as_version=4)
    return [
        line.strip()
        for cell in notebook.cells if cell.cell_type == "code"
        for line in cell.source.splitlines()
        if len(line.strip()) > 25 and "(" in line
    ]


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_voila_serves_the_lesson_without_error_or_code(voila_server, lesson):
    base, _ = voila_server
    path = lesson.relative_to(ROOT / "notebooks").as_posix()
    with urllib.request.urlopen(f"{base}/voila/render/{path}", timeout=120) as response:
        assert response.status == 200
        page = response.read().decode("utf-8")
    for sign_of_error in SIGNS_OF_ERROR:
        assert sign_of_error not in page
    shown = [line for line in code_lines(lesson) if json.dumps(line)[1:-1] in page or line in page]
    assert shown == [], "code is visible in the app"

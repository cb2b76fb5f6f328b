"""Where the recommended reading is shown: the welcome lesson shows it whole, and every other lesson
ends by pointing to the one or two documents that go further (``ReadingList("<id>", ...)``)."""

import re

import nbformat
import pytest

from asm_workshop import reading
from asm_workshop.curriculum import lessons
from conftest import ROOT

WELCOME = ROOT / "notebooks" / "00_welcome.ipynb"
POINTING = [lesson for lesson in lessons() if lesson != WELCOME]
READING_CALL = re.compile(r"ReadingList\(([^)]*)\)")


def _reading_calls(notebook_path):
    notebook = nbformat.read(notebook_path, as_version=4)
    return [call for cell in notebook.cells if cell.cell_type == "code"
            for call in READING_CALL.findall(cell.source)]


def test_the_welcome_lesson_shows_the_whole_list():
    assert "" in [call.strip() for call in _reading_calls(WELCOME)], "ReadingList() with no ids"


@pytest.mark.parametrize("lesson", POINTING, ids=[lesson.stem for lesson in POINTING])
def test_every_lesson_points_to_one_or_two_documents_of_the_list(lesson):
    calls = _reading_calls(lesson)
    ids = [name for call in calls for name in re.findall(r"""["']([a-z0-9_]+)["']""", call)]
    assert calls and 1 <= len(ids) <= 2, f"{lesson.name}: one ReadingList(...) with one or two ids"
    assert reading.documents(*ids)

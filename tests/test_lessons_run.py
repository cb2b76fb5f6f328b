"""Every lesson and its French edition run top to bottom in a fresh kernel, as a facilitator
would run them (the French one with every widget message in French)."""

import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from asm_workshop.curriculum import lessons
from asm_workshop.translation import translation_path

LESSONS = lessons() + [translation_path(p) for p in lessons() if translation_path(p).exists()]


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name.removesuffix(".ipynb") for p in LESSONS])
def test_lesson_runs_top_to_bottom(tmp_path, lesson):
    # A copy, so the answers the lesson writes land in a temporary folder.
    copy = tmp_path / lesson.name
    shutil.copy(lesson, copy)
    notebook = nbformat.read(copy, as_version=4)
    client = NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
    errors = [output for output in outputs if output.output_type == "error"]
    assert errors == []

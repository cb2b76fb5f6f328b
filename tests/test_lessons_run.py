"""Every lesson runs top to bottom in a fresh kernel, as a facilitator would run it. The French
editions are run in Voila by a browser that reads every French page
(test_browser_french.py::test_every_page_a_francophone_opens_speaks_french)."""

import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from asm_workshop.curriculum import lessons

LESSONS = lessons()


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

"""Every lesson and every stand-alone tool is served by Voila as an app: no error, no code shown."""

import json
import urllib.request

import nbformat
import pytest

from asm_workshop.curriculum import lessons, tools
from conftest import ROOT

LESSONS = lessons()
TOOLS = tools()
SIGNS_OF_ERROR = ("Traceback", "There was an error when executing cell", "application/vnd.jupyter.stderr")


def code_lines(notebook_path):
    """Distinctive lines of the notebook's code cells (ones long enough not to occur in prose)."""
    notebook = nbformat.read(notebook_path, as_version=4)
    return [
        line.strip()
        for cell in notebook.cells if cell.cell_type == "code"
        for line in cell.source.splitlines()
        if len(line.strip()) > 25 and "(" in line
    ]


def rendered(base, notebook_path):
    path = notebook_path.relative_to(ROOT / "notebooks").as_posix()
    with urllib.request.urlopen(f"{base}/voila/render/{path}", timeout=120) as response:
        assert response.status == 200
        return response.read().decode("utf-8")


def assert_served_without_error_or_code(page, notebook_path):
    for sign_of_error in SIGNS_OF_ERROR:
        assert sign_of_error not in page
    shown = [line for line in code_lines(notebook_path) if json.dumps(line)[1:-1] in page or line in page]
    assert shown == [], "code is visible in the app"


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_voila_serves_the_lesson_without_error_or_code(voila_server, lesson):
    base, _ = voila_server
    assert_served_without_error_or_code(rendered(base, lesson), lesson)


@pytest.mark.slow
@pytest.mark.parametrize("tool", TOOLS, ids=[p.stem for p in TOOLS])
def test_voila_serves_the_tool_app_without_error_or_code(voila_server, tool):
    base, _ = voila_server
    page = rendered(base, tool)
    assert_served_without_error_or_code(page, tool)
    assert "jupyter-widgets" in page or "application/vnd.jupyter.widget-view+json" in page


def test_the_tools_are_not_counted_as_lessons():
    assert TOOLS, "notebooks/tools/ holds the stand-alone tool apps"
    assert not set(TOOLS) & set(LESSONS)
    assert all(path.parent.name != "tools" for path in LESSONS)


@pytest.mark.parametrize("tool", TOOLS, ids=[p.stem for p in TOOLS])
def test_each_tool_app_has_a_title_a_how_to_its_own_key_and_ends_with_the_download(tool):
    notebook = nbformat.read(tool, as_version=4)
    first = notebook.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert [line for line in first.source.splitlines()[1:] if line.strip()], "a how-to under the title"
    code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    assert f'"tools.{tool.stem}"' in code, f"the tool saves its answer under tools.{tool.stem}"
    assert notebook.cells[-1].source.strip().endswith("AnswersDownload()")

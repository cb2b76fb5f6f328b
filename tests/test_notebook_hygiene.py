import nbformat
import pytest

from asm_workshop import notebook_hygiene
from asm_workshop.checks import notebook_problems
from asm_workshop.cli import main
from asm_workshop.curriculum import notebooks


@pytest.fixture
def dirty(tmp_path):
    """A notebook saved the way an editor leaves it: outputs, counts, widget state, its own kernel.

    Built here rather than committed, so that no committed notebook carries outputs.
    """
    cell = nbformat.v4.new_code_cell("print('hello')", execution_count=3)
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hello\n")]
    cell.metadata = {"collapsed": True, "scrolled": True}
    cell.pop("id", None)
    notebook = nbformat.v4.new_notebook(cells=[cell])
    notebook.nbformat_minor = 4
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3 (workshop)", "language": "python", "name": "workshop-env"},
        "language_info": {"name": "python", "version": "3.11.7"},
        "widgets": {"application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2}},
    }
    path = tmp_path / "dirty.ipynb"
    nbformat.write(notebook, path)
    return path


def test_every_committed_notebook_is_clean():
    assert notebooks(), "no notebooks found"
    assert notebook_problems() == []


def test_outputs_counts_widget_state_and_other_kernels_are_caught(dirty):
    problems = notebook_hygiene.problems(nbformat.read(dirty, as_version=4))
    assert "its kernel is 'workshop-env', not 'python3'" in problems
    assert "it holds saved widget state" in problems
    assert "cell 1 has saved output" in problems
    assert "cell 1 has an execution count" in problems
    assert "cell 1 has extra metadata: collapsed, scrolled" in problems


def test_clean_command_fixes_a_dirty_notebook(dirty):
    assert main(["clean", str(dirty)]) == 0
    assert notebook_hygiene.problems(nbformat.read(dirty, as_version=4)) == []
    assert nbformat.read(dirty, as_version=4).cells[0].source == "print('hello')"
    assert not notebook_hygiene.clean_file(dirty), "cleaning twice changes nothing"

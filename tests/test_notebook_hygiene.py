import shutil

import nbformat

from asm_workshop import notebook_hygiene
from asm_workshop.checks import notebook_problems, notebooks
from asm_workshop.cli import main
from conftest import FIXTURES

DIRTY = FIXTURES / "notebooks" / "saved_with_outputs_and_widget_state.ipynb"


def test_every_committed_notebook_is_clean():
    assert notebooks(), "no notebooks found"
    assert notebook_problems() == []


def test_outputs_counts_widget_state_and_other_kernels_are_caught():
    problems = notebook_hygiene.problems(nbformat.read(DIRTY, as_version=4))
    assert "its kernel is 'workshop-env', not 'python3'" in problems
    assert "it holds saved widget state" in problems
    assert "cell 1 has saved output" in problems
    assert "cell 1 has an execution count" in problems
    assert "cell 1 has extra metadata: collapsed, scrolled" in problems


def test_clean_command_fixes_a_dirty_notebook(tmp_path):
    dirty = tmp_path / "dirty.ipynb"
    shutil.copy(DIRTY, dirty)
    assert main(["clean", str(dirty)]) == 0
    assert notebook_hygiene.problems(nbformat.read(dirty, as_version=4)) == []
    assert nbformat.read(dirty, as_version=4).cells[0].source == "print('hello')"
    assert not notebook_hygiene.clean_file(dirty), "cleaning twice changes nothing"

"""Committed notebooks carry no outputs, no execution counts and no saved widget state."""

from __future__ import annotations

from pathlib import Path

import nbformat

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
_KEPT_METADATA = ("kernelspec", "language_info")
# "asm_workshop" holds a lesson section's marks (core or optional, minutes): see curriculum.sections.
_KEPT_CELL_METADATA = ("nbgrader", "tags", "deletable", "editable", "asm_workshop")


def problems(notebook: nbformat.NotebookNode) -> list[str]:
    """Return what is not clean in ``notebook``, one plain sentence each ([] if clean)."""
    found = []
    kernel = notebook.metadata.get("kernelspec", {}).get("name")
    if kernel != "python3":
        found.append(f"its kernel is {kernel!r}, not 'python3'")
    if "widgets" in notebook.metadata:
        found.append("it holds saved widget state")
    extra = sorted(set(notebook.metadata) - set(_KEPT_METADATA))
    if extra:
        found.append(f"it has extra notebook metadata: {', '.join(extra)}")
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type == "code" and cell.get("outputs"):
            found.append(f"cell {number} has saved output")
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            found.append(f"cell {number} has an execution count")
        extra = sorted(set(cell.metadata) - set(_KEPT_CELL_METADATA))
        if extra:
            found.append(f"cell {number} has extra metadata: {', '.join(extra)}")
    return found


def clean(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove outputs, execution counts, widget state and editor metadata, in place."""
    language = notebook.metadata.get("language_info", {})
    notebook.metadata = nbformat.from_dict({"kernelspec": KERNELSPEC})
    if language.get("name"):
        notebook.metadata["language_info"] = {"name": language["name"]}
    for cell in notebook.cells:
        cell.metadata = nbformat.from_dict(
            {k: v for k, v in cell.metadata.items() if k in _KEPT_CELL_METADATA}
        )
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return notebook


def clean_file(path: Path) -> bool:
    """Clean the notebook at ``path``; return True if the file changed."""
    before = path.read_text(encoding="utf-8")
    notebook = clean(nbformat.reads(before, as_version=4))
    after = nbformat.writes(notebook) + "\n"
    if after != before:
        path.write_text(after, encoding="utf-8")
    return after != before

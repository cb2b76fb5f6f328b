"""No coding cliff: every method, builtin and construct a graded answer needs is shown in a lesson first.

A participant who is not a programmer should never meet in a graded exercise a piece of Python
that no lesson showed. So each solution region (``### BEGIN SOLUTION`` ... ``### END SOLUTION``)
of ``solutions/*/*.ipynb`` is read with ``ast``, and every attribute or method name, every builtin
called and every construct (``def``, ``return``, ``&``, ``|``, ``>=``...) in it must appear in the
code of a lesson of that day or an earlier one (the welcome lesson counts as day 0).
"""

from __future__ import annotations

import ast
import builtins
import re
from pathlib import Path

import nbformat

from asm_workshop.curriculum import lessons
from conftest import ROOT

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
CONSTRUCTS = {
    ast.FunctionDef: "def", ast.Return: "return", ast.Lambda: "lambda", ast.For: "for",
    ast.If: "if", ast.comprehension: "a comprehension", ast.List: "a list [...]",
    ast.Dict: "a dict {...}", ast.BitAnd: "&", ast.BitOr: "|", ast.Invert: "~",
    ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
}
BUILTINS = set(dir(builtins))


def python_features(source: str, lines: set[int] | None = None) -> set[str]:
    """Return the names of what a piece of code uses: ``.method``, ``builtin()`` and constructs.

    With ``lines``, only nodes starting on those lines (1-based) count. IPython magics and shell
    lines (``%...``, ``!...``) are read as blank lines.
    """
    code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())
    features = set()
    for node in ast.walk(ast.parse(code)):
        # Operator nodes (ast.Div, ast.Eq) carry no line: their expression names them below.
        if lines is not None and getattr(node, "lineno", None) not in lines:
            continue
        if isinstance(node, ast.Attribute):
            features.add(f".{node.attr}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in BUILTINS:
            features.add(f"{node.func.id}()")
        for kind, name in CONSTRUCTS.items():
            if isinstance(node, kind) or isinstance(getattr(node, "op", None), kind) or any(
                isinstance(op, kind) for op in getattr(node, "ops", ())
            ):
                features.add(name)
    return features


def solution_lines(source: str) -> set[int]:
    """Return the 1-based numbers of the lines between the solution markers of a cell."""
    inside, lines = False, set()
    for number, line in enumerate(source.splitlines(), start=1):
        if line.strip().startswith(BEGIN):
            inside = True
        elif line.strip().startswith(END):
            inside = False
        elif inside:
            lines.add(number)
    return lines


def day(notebook: Path) -> int:
    """Return a notebook's day: 0 for the welcome lesson and exercise, N for dayN."""
    match = re.search(r"day(\d)", notebook.parent.name)
    return int(match.group(1)) if match else 0


def code_cells(notebook: Path):
    for index, cell in enumerate(nbformat.read(notebook, as_version=4).cells):
        if cell.cell_type == "code":
            yield index, cell


def needed_by_solutions() -> dict[str, list[tuple[Path, str]]]:
    """Map each feature a solution region uses to the (notebook, cell) that need it.

    A cell is named by its index and its nbgrader grade_id: "cell 8 (most_connected_answer)".
    """
    needed: dict[str, list[tuple[Path, str]]] = {}
    for notebook in sorted((ROOT / "solutions").glob("*/*.ipynb")):
        for index, cell in code_cells(notebook):
            lines = solution_lines(cell.source)
            if lines:
                name = f"cell {index} ({cell.metadata.get('nbgrader', {}).get('grade_id', 'no grade_id')})"
                for feature in python_features(cell.source, lines):
                    needed.setdefault(feature, []).append((notebook, name))
    return needed


def shown_by_day() -> dict[str, int]:
    """Map each feature shown in a lesson's code to the earliest day that shows it."""
    shown: dict[str, int] = {}
    for lesson in lessons():
        for _, cell in code_cells(lesson):
            for feature in python_features(cell.source):
                shown[feature] = min(shown.get(feature, day(lesson)), day(lesson))
    return shown


def test_solution_regions_are_read_and_code_around_them_is_not():
    source = f"def top(table):\n    {BEGIN}\n    return table['score'].idxmax()\n    {END}\nlen(x)\n"
    features = python_features(source, solution_lines(source))
    assert {"return", ".idxmax"} <= features
    assert "def" not in features and "len()" not in features


def test_filters_builtins_and_operators_are_named():
    features = python_features("int(((t['s'] >= 5) & (t['s'] <= 9)).sum())\n%matplotlib inline")
    assert {"int()", ">=", "&", "<=", ".sum"} <= features


def test_every_feature_a_graded_answer_needs_is_shown_in_a_lesson_that_day_or_before():
    needed, shown = needed_by_solutions(), shown_by_day()
    assert needed, "no solution regions found in solutions/"
    missing = [
        f"{feature}: needed by {notebook.relative_to(ROOT)} {cell}, day {day(notebook)}; "
        + (f"first shown on day {shown[feature]}" if feature in shown else "shown in no lesson")
        for feature, uses in sorted(needed.items())
        for notebook, cell in uses
        if shown.get(feature, 99) > day(notebook)
    ]
    assert missing == [], "Show these in a lesson first:\n" + "\n".join(missing)

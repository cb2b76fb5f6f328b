"""No code in the package or the notebooks runs text as code, unpickles, or goes through a shell.

Participants type names and answers that end up in files and addresses; nothing they type may
become code. The scan reads the syntax tree (not the text), so ``re.compile`` or a word in a
string does not count. The grading package runs participants' notebooks on purpose, to grade
them: exactly those call sites are allowed, each with its reason.
"""

from __future__ import annotations

import ast
import textwrap
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "asm_workshop"
NOTEBOOK_FOLDERS = [ROOT / "notebooks", ROOT / "solutions", ROOT / "exercises"]

RUNS_TEXT = {"eval", "exec", "compile", "__import__"}
UNPICKLERS = {"pickle", "cPickle", "_pickle", "dill", "cloudpickle", "marshal", "shelve", "joblib"}
UNPICKLING = {"load", "loads", "Unpickler", "open"}
SHELLS = {"os.system", "os.popen", "subprocess.getoutput", "subprocess.getstatusoutput",
          "asyncio.create_subprocess_shell", "pty.spawn"}
# What runs a whole notebook's code: nbgrader's autograde and validator, nbclient, nbconvert.
SHELL_MAGICS = {"%%bash", "%%sh", "%%script", "%sx", "%system"}
RUNS_NOTEBOOKS = {"autograde", "Validator", "NotebookClient", "ExecutePreprocessor", "execute_notebook"}

# (file, function, call) -> why it is allowed. A stale entry fails a test too.
ALLOWED = {
    ("src/asm_workshop/grading/course.py", "Course.autograde", "autograde"):
        "nbgrader's autograde runs a participant's submitted notebook to grade it; this throwaway "
        "course is used by the trainer's checks and the tests, on notebooks from the trainer",
    ("src/asm_workshop/grading/isolation.py", "_autograde", "autograde"):
        "grading a submission means running it: here in a forked process with memory, file-size and "
        "time limits, a copy of the course of its own, and the kernel sandboxed by bubblewrap",
    ("src/asm_workshop/grading/validate.py", "_run", "Validator"):
        "nbgrader's validator runs a notebook's test cells; the curriculum checks use it on the "
        "trainer's own solutions and released exercises",
}


@dataclass(frozen=True)
class Finding:
    """A risky call: where (file, and cell for a notebook), in which function, what, on which line."""

    where: str
    function: str
    call: str
    line: int

    @property
    def site(self) -> tuple[str, str, str]:
        return (self.where.split(" cell ")[0], self.function, self.call)


class _Scanner(ast.NodeVisitor):
    def __init__(self, where: str) -> None:
        self.where = where
        self.functions: list[str] = []
        self.aliases: dict[str, str] = {}  # local name -> the module or object it stands for
        self.found: list[Finding] = []

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            # "import os.path" binds "os"; "import os.path as p" binds "p" to "os.path".
            if alias.asname:
                self.aliases[alias.asname] = alias.name
            else:
                self.aliases[alias.name.split(".")[0]] = alias.name.split(".")[0]

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            origin = f"{node.module}.{alias.name}" if node.module else alias.name
            self.aliases[alias.asname or alias.name] = origin

    def _scoped(self, node: ast.AST) -> None:
        self.functions.append(node.name)
        self.generic_visit(node)
        self.functions.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _scoped

    def visit_Call(self, node: ast.Call) -> None:
        name = self._dotted(node.func)
        call = _classify(name) if name else None
        if any(k.arg == "shell" and not (isinstance(k.value, ast.Constant) and k.value.value is False)
               for k in node.keywords):
            call = "shell=True"
        if call:
            self.found.append(Finding(self.where, ".".join(self.functions) or "<module>", call, node.lineno))
        self.generic_visit(node)

    def _dotted(self, node: ast.AST) -> str | None:
        if isinstance(node, ast.Name):
            return self.aliases.get(node.id, node.id)
        if isinstance(node, ast.Attribute):
            base = self._dotted(node.value)
            return f"{base}.{node.attr}" if base else f"?.{node.attr}"
        return None


def _classify(name: str) -> str | None:
    module, _, last = name.rpartition(".")
    if name in RUNS_TEXT or (module == "builtins" and last in RUNS_TEXT):
        return last
    if module.split(".")[0] in UNPICKLERS and last in UNPICKLING:
        return f"{module}.{last}"
    if name in SHELLS:
        return name
    if last in RUNS_NOTEBOOKS:
        return last
    return None


def scan_source(source: str, where: str = "<text>") -> list[Finding]:
    """Return every risky call in Python ``source``."""
    scanner = _Scanner(where)
    scanner.visit(ast.parse(source))
    return scanner.found


def scan_notebook(path: Path) -> list[Finding]:
    """Return every risky call, and every shell escape ("!ls", "%%bash"), in a notebook's code cells."""
    found = []
    where = path.relative_to(ROOT).as_posix()
    notebook = nbformat.read(path, as_version=4)
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        lines = cell.source.splitlines()
        for line_number, line in enumerate(lines, start=1):
            stripped = line.lstrip()
            if stripped.startswith("!") or stripped.split(" ")[0] in SHELL_MAGICS:
                found.append(Finding(f"{where} cell {number}", "<cell>", "shell escape", line_number))
        # Other magics ("%matplotlib inline") are not Python: blanked, so that the cell parses.
        python = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in lines)
        found += scan_source(python, f"{where} cell {number}")
    return found


def all_findings() -> list[Finding]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += scan_source(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    for folder in NOTEBOOK_FOLDERS:
        for path in sorted(folder.rglob("*.ipynb")):
            if ".ipynb_checkpoints" not in path.parts:
                found += scan_notebook(path)
    return found


@pytest.fixture(scope="module")
def findings():
    return all_findings()


def test_nothing_runs_text_unpickles_or_uses_a_shell_outside_the_allow_list(findings):
    assert [finding for finding in findings if finding.site not in ALLOWED] == []


def test_every_allowed_call_site_still_exists(findings):
    sites = {finding.site for finding in findings}
    assert [site for site in ALLOWED if site not in sites] == []


def test_every_allowed_call_site_says_why():
    assert all(len(reason.split()) >= 10 for reason in ALLOWED.values())


@pytest.mark.parametrize(
    ("source", "call"),
    [
        ("eval(text)", "eval"),
        ("exec(text)", "exec"),
        ("compile(text, 'x', 'exec')", "compile"),
        ("__import__(name)", "__import__"),
        ("import builtins\nbuiltins.eval(text)", "eval"),
        ("import pickle\npickle.loads(data)", "pickle.loads"),
        ("import pickle as p\np.load(stream)", "pickle.load"),
        ("from pickle import loads\nloads(data)", "pickle.loads"),
        ("import marshal\nmarshal.loads(data)", "marshal.loads"),
        ("import os\nos.system(command)", "os.system"),
        ("from os import system\nsystem(command)", "os.system"),
        ("import subprocess\nsubprocess.run(command, shell=True)", "shell=True"),
        ("import subprocess\nsubprocess.Popen(command, shell=use_shell)", "shell=True"),
        ("api.autograde('day1', 'awa')", "autograde"),
    ],
)
def test_the_scan_catches_each_kind_of_risky_call(source, call):
    assert [finding.call for finding in scan_source(source)] == [call]


def test_the_scan_leaves_safe_look_alikes_alone():
    safe = textwrap.dedent("""
        import re, subprocess, json
        pattern = re.compile(r"[a-z]+")
        subprocess.run(["voila", "--no-browser"], shell=False)
        subprocess.call([sys.executable, "-m", "asm_workshop"])
        json.loads(text)
        text = "eval(exec(os.system('rm')))"
    """)
    assert scan_source(safe) == []


def test_the_scan_names_the_function_a_call_is_in():
    source = "class Course:\n    def autograde(self):\n        self.api.autograde(1, 2)\n"
    assert scan_source(source, "course.py")[0].site == ("course.py", "Course.autograde", "autograde")


def test_shell_escapes_in_notebook_cells_are_caught(tmp_path, monkeypatch):
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("!rm -rf answers"),
        nbformat.v4.new_code_cell("%matplotlib inline\nimport os\nos.system('ls')"),
    ])
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    nbformat.write(notebook, tmp_path / "lesson.ipynb")
    assert [f.call for f in scan_notebook(tmp_path / "lesson.ipynb")] == ["shell escape", "os.system"]

"""Curriculum checks: what ``asm-workshop check`` reports and the test suite enforces.

Each check returns a list of problems in plain sentences a facilitator can act on
(an empty list means all is well).
"""

from __future__ import annotations

import string
import tempfile
from pathlib import Path

import nbformat

from asm_workshop import notebook_hygiene
from asm_workshop.curriculum import notebooks
from asm_workshop.grading.release import assignments, generate_exercises
from asm_workshop.i18n import LANGUAGES, catalog
from asm_workshop.paths import repository_root


def notebook_problems(root: Path | None = None) -> list[str]:
    """Notebooks saved with outputs, execution counts, widget state or another kernel."""
    root = root or repository_root()
    return [
        f"{path.relative_to(root)}: {problem} (run `asm-workshop clean` to fix)"
        for path in notebooks(root)
        for problem in notebook_hygiene.problems(nbformat.read(path, as_version=4))
    ]


def catalog_problems() -> list[str]:
    """Messages missing a language, empty, or whose {fields} differ between languages."""
    found = []
    for key, texts in sorted(catalog().items()):
        missing = [language for language in LANGUAGES if not texts.get(language, "").strip()]
        if missing:
            found.append(f"message {key!r} has no text in: {', '.join(missing)}")
            continue
        fields = {language: _fields(texts[language]) for language in LANGUAGES}
        if len({frozenset(f) for f in fields.values()}) > 1:
            found.append(f"message {key!r} fills different fields per language: {fields}")
    return found


def exercise_problems(root: Path | None = None) -> list[str]:
    """Differences between exercises/ and what nbgrader generates from solutions/ now."""
    root = root or repository_root()
    found = []
    with tempfile.TemporaryDirectory(prefix="asm-check-") as folder:
        generated = Path(folder)
        generate_exercises(generated, root)
        for assignment in assignments(root):
            fresh = _files(generated / assignment)
            committed_folder = root / "exercises" / assignment
            committed = _files(committed_folder)
            for name in sorted(fresh - committed):
                found.append(f"exercises/{assignment}/{name} is missing (run `asm-workshop release`)")
            for name in sorted(committed - fresh):
                found.append(
                    f"exercises/{assignment}/{name} is not generated from solutions/ "
                    "(remove it, or run `asm-workshop release`)"
                )
            for name in sorted(n for n in fresh & committed if n.suffix == ".ipynb"):
                if _cells(generated / assignment / name) != _cells(committed_folder / name):
                    found.append(
                        f"exercises/{assignment}/{name} differs from what solutions/ generates: "
                        "it was edited by hand or not regenerated (run `asm-workshop release`)"
                    )
    return found


def solution_problems(root: Path | None = None) -> list[str]:
    """Answer files inside solutions/, which nbgrader would hand out and grade over."""
    root = root or repository_root()
    return [
        f"{folder.relative_to(root)} would be handed to participants and would overwrite their "
        "answers at grading: keep reference answers in tests/fixtures/answers/ instead"
        for folder in sorted((root / "solutions").glob("*/answers"))
    ]


def all_problems(root: Path | None = None) -> dict[str, list[str]]:
    """Run every check; return the problems found, by check name."""
    return {
        "Notebooks are saved clean": notebook_problems(root),
        "Every message exists in English and French": catalog_problems(),
        "Solutions hand out no answer files": solution_problems(root),
        "Participant exercises match the solutions": exercise_problems(root),
    }


def _files(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else set()


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _cells(path: Path) -> list[tuple[str, str, dict]]:
    notebook = nbformat.read(path, as_version=4)
    return [(c.cell_type, c.source, dict(c.metadata.get("nbgrader", {}))) for c in notebook.cells]

"""The French edition is complete and current: every lesson and tool, and the README, has a
catalog with every paragraph translated (none fuzzy, none stale), in French typography and the
glossary's words, and its French edition is exactly what the catalog makes, a notebook with the
English one's structure."""

import ast

import nbformat
import pytest

from asm_workshop.curriculum import lessons, notebooks, tools
from asm_workshop.grading.release import assignments
from asm_workshop.notebook_hygiene import clean_file
from asm_workshop.paths import repository_root
from asm_workshop.translation import (
    ASSIGNMENT_SUFFIX,
    LANGUAGE_LINE,
    catalog_path,
    code_texts,
    read_catalog,
    sources,
    translated_document,
    translated_notebook,
    translation_path,
    translator_report,
    typography_problems,
    without_magics,
    wording_problems,
)

ROOT = repository_root()
SOURCES = sources()
IDS = [p.name if p.suffix == ".md" else str(p.relative_to(p.parents[1])) for p in SOURCES]
NOTEBOOKS = [p for p in SOURCES if p.suffix == ".ipynb"]
NOTEBOOK_IDS = [str(p.relative_to(p.parents[1])) for p in NOTEBOOKS]


def test_every_lesson_tool_and_graded_exercise_and_the_readme_have_a_french_catalog():
    assert [p for p in NOTEBOOKS if "notebooks" in p.parts] == sorted(lessons() + tools())
    english = [name for name in assignments() if not name.endswith(ASSIGNMENT_SUFFIX)]
    assert [p for p in NOTEBOOKS if "solutions" in p.parts] == [
        ROOT / "solutions" / name / f"{name}.ipynb" for name in english]
    assert [p.name for p in SOURCES if p.suffix == ".md"] == ["README.md"]
    assert [p for p in SOURCES if p.suffix == ".json"] == [ROOT / "datasets" / "datapackage.json"]
    assert translation_path(ROOT / "README.md").name == "LISEZMOI.md"


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_the_catalog_is_complete_current_and_reads_as_french(source):
    assert translator_report(catalog_path(source)) == []


def test_lisezmoi_is_what_the_readmes_catalog_makes():
    readme = ROOT / "README.md"
    expected = translated_document(readme, read_catalog(catalog_path(readme)))
    assert (ROOT / "LISEZMOI.md").read_text(encoding="utf-8") == expected, (
        "LISEZMOI.md is not what its catalog makes: run `asm-workshop translate`")


@pytest.mark.parametrize("source", NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_the_french_notebook_is_what_the_catalog_makes(tmp_path, source):
    expected = tmp_path / translation_path(source).name
    nbformat.write(translated_notebook(source, read_catalog(catalog_path(source))), expected)
    clean_file(expected)
    committed = translation_path(source)
    assert committed.exists(), f"{committed.name} is missing: run `asm-workshop translate`"
    assert committed.read_text(encoding="utf-8") == expected.read_text(encoding="utf-8"), (
        f"{committed.name} is not what its catalog makes: run `asm-workshop translate`")


@pytest.mark.parametrize("source", NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_the_french_notebook_has_the_structure_and_code_of_the_english(source):
    english = nbformat.read(source, as_version=4)
    french = nbformat.read(translation_path(source), as_version=4)
    assert [(c.id, c.cell_type, c.metadata) for c in french.cells] == [
        (c.id, c.cell_type, c.metadata) for c in english.cells]
    code = [(e.source, f.source) for e, f in zip(english.cells, french.cells, strict=True)
            if e.cell_type == "code"]
    assert code[0][1].startswith(LANGUAGE_LINE)
    code[0] = (code[0][0], code[0][1].removeprefix(LANGUAGE_LINE))
    assert [skeleton(e) for e, _ in code] == [skeleton(f) for _, f in code]


def skeleton(code: str) -> str:
    """The code with the texts a participant reads emptied, and another assignment's folder read
    in its English name ("../day2_fr" is the French of "../day2"): what must be the same in both."""
    tree = ast.parse(without_magics(code))
    texts = {(node.lineno, node.col_offset) for node in code_texts(code)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and (node.lineno, node.col_offset) in texts:
            node.value = ""
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("../"):
            node.value = node.value.removesuffix(ASSIGNMENT_SUFFIX)
    return ast.dump(tree)


def test_french_notebooks_are_generated_only_from_an_english_source():
    french = [p for p in notebooks() if p.name.endswith(".fr.ipynb")]
    assert french == sorted(translation_path(source) for source in NOTEBOOKS if "notebooks" in source.parts)


@pytest.mark.parametrize("source", NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_french_written_in_the_english_code_reads_as_french_too(source):
    # A graded quiz carries its two languages in its code ({"en": ..., "fr": ...}): the catalogs'
    # rules hold for that French as well.
    problems = []
    for cell in nbformat.read(source, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(without_magics(cell.source))):
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    french = isinstance(key, ast.Constant) and key.value == "fr"
                    if french and isinstance(value, ast.Constant):
                        problems += typography_problems(value.value) + wording_problems(value.value)
    assert problems == []

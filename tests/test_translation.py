"""The French catalogs follow their English notebooks as msgmerge would, and the French notebook
made from them has the English one's structure, in a throwaway workshop folder."""

import ast
import shutil

import nbformat
import polib
import pytest

from asm_workshop.cli import main
from asm_workshop.translation import (
    LANGUAGE_LINE,
    catalog_path,
    catalog_problems,
    code_texts,
    paragraphs,
    read_catalog,
    translated_code,
    translated_notebook,
    translation_path,
    typography_problems,
    update_catalog,
    wording_problems,
    write_catalog,
)
from conftest import ROOT

FRENCH = {
    "# A lesson": "# Une leçon",
    "First paragraph, about gold.": "Premier paragraphe, sur l'or.",
    "Second paragraph.": "Deuxième paragraphe.",
    "hello": "bonjour",
    "- one\n- two": "- un\n- deux",
    "## Sources": "## Sources",
}


def lesson(cells_text: list[str]) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    for number, text in enumerate(cells_text):
        if text.startswith("code:"):
            cell = nbformat.v4.new_code_cell(text.removeprefix("code:"))
        else:
            cell = nbformat.v4.new_markdown_cell(text)
        cell.id = f"cell-{number}"
        notebook.cells.append(cell)
    return notebook


@pytest.fixture
def workshop(tmp_path):
    """A workshop folder with one English lesson and the project's glossary."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "locale" / "fr").mkdir(parents=True)
    shutil.copy(ROOT / "locale" / "fr" / "glossary.md", tmp_path / "locale" / "fr")
    source = tmp_path / "notebooks" / "lesson.ipynb"
    nbformat.write(lesson(["# A lesson\n\nFirst paragraph, about gold.\n\nSecond paragraph.",
                           "code:print('hello')", "- one\n- two", "code:x = 1", "## Sources"]), source)
    return tmp_path, source


def translated(source):
    catalog = read_catalog(catalog_path(source, source.parents[1]))
    update_catalog(source, catalog)
    for entry in catalog:
        entry.msgstr = FRENCH[entry.msgid]
    return catalog


def test_a_paragraph_is_a_block_between_blank_lines_and_a_fenced_block_stays_whole():
    text = "Title\n\nA line\nand its next line.\n\n```python\nx = 1\n\ny = 2\n```\n\n\nLast."
    assert paragraphs(text) == [
        "Title", "A line\nand its next line.", "```python\nx = 1\n\ny = 2\n```", "Last."]


def test_a_new_catalog_lists_every_paragraph_and_each_is_untranslated(workshop):
    _, source = workshop
    catalog = read_catalog(catalog_path(source, source.parents[1]))
    change = update_catalog(source, catalog)
    assert (change.new, change.kept, change.fuzzy) == (6, 0, 0)
    assert [entry.msgid for entry in catalog] == list(FRENCH)
    assert {entry.msgctxt for entry in catalog} == {"cell-0", "cell-1", "cell-2", "cell-4"}
    assert len(catalog_problems(source, catalog)) == 6
    assert all("not translated" in problem for problem in catalog_problems(source, catalog))


def test_a_changed_paragraph_keeps_its_old_french_as_fuzzy_and_the_others_stay_translated(workshop):
    _, source = workshop
    catalog = translated(source)
    assert catalog_problems(source, catalog) == []
    notebook = nbformat.read(source, as_version=4)
    notebook.cells[0].source = notebook.cells[0].source.replace("about gold.", "about gold and sand.")
    nbformat.write(notebook, source)
    assert any("stale" in problem for problem in catalog_problems(source, catalog))  # before the update
    change = update_catalog(source, catalog)
    assert (change.kept, change.fuzzy, change.new, change.obsolete) == (5, 1, 0, 0)
    fuzzy = catalog.find("First paragraph, about gold and sand.", msgctxt="cell-0")
    assert "fuzzy" in fuzzy.flags
    assert fuzzy.previous_msgid == "First paragraph, about gold."
    assert fuzzy.msgstr == "Premier paragraphe, sur l'or."
    assert catalog_problems(source, catalog) == [
        "fuzzy, the English changed: cell cell-0: 'First paragraph, about gold and sand.'"]
    # Until the translator clears the flag, the French notebook shows that paragraph in English.
    assert "about gold and sand." in translated_notebook(source, catalog).cells[0].source


def test_a_removed_paragraph_becomes_obsolete_and_a_moved_one_keeps_its_french(workshop):
    _, source = workshop
    catalog = translated(source)
    notebook = nbformat.read(source, as_version=4)
    notebook.cells[0].source = "# A lesson\n\nFirst paragraph, about gold."
    notebook.cells[2].source = "Second paragraph.\n\n- one\n- two"
    nbformat.write(notebook, source)
    change = update_catalog(source, catalog)
    assert (change.kept, change.fuzzy, change.new) == (6, 0, 0)
    assert catalog_problems(source, catalog) == []
    assert catalog.find("Second paragraph.", msgctxt="cell-2").msgstr == "Deuxième paragraphe."
    assert [entry.msgid for entry in catalog.obsolete_entries()] == ["Second paragraph."]


def test_the_french_notebook_has_the_cells_ids_and_code_of_the_english_one(workshop):
    _, source = workshop
    english = nbformat.read(source, as_version=4)
    french = translated_notebook(source, translated(source))
    assert [(c.id, c.cell_type, c.metadata) for c in french.cells] == [
        (c.id, c.cell_type, c.metadata) for c in english.cells]
    assert french.cells[0].source == "# Une leçon\n\nPremier paragraphe, sur l'or.\n\nDeuxième paragraphe."
    assert french.cells[1].source == LANGUAGE_LINE + 'print("bonjour")'
    assert french.cells[3].source == "x = 1"
    assert french.metadata == english.metadata


def test_the_translate_command_writes_the_catalog_and_the_french_notebook_beside_it(workshop, capsys):
    root, source = workshop
    assert main(["translate", "--root", str(root), str(source)]) == 0
    assert "0/6 translated" in capsys.readouterr().out
    catalog_file = root / "locale" / "fr" / "notebooks" / "lesson.po"
    catalog = polib.pofile(str(catalog_file))
    for entry in catalog:
        entry.msgstr = FRENCH[entry.msgid]
    write_catalog(catalog, catalog_file)
    assert main(["translate", "--root", str(root)]) == 0  # the catalog now says which notebooks
    assert "6/6 translated, 0 fuzzy, 0 new" in capsys.readouterr().out
    french = nbformat.read(translation_path(source), as_version=4)
    assert translation_path(source).name == "lesson.fr.ipynb"
    assert french.cells[2].source == "- un\n- deux"


@pytest.mark.parametrize("text, problem", [
    ("Cas : un site", "before ':'"),
    ("Pourquoi?", "before '?'"),
    ("le « site » minier", "after '«'"),
    ('le "site" minier', "straight quotes"),
])
def test_french_typography_slips_are_found(text, problem):
    assert any(problem in found for found in typography_problems(text))


def test_a_quiz_is_translated_in_its_code_and_a_long_text_wrapped_as_the_english_was():
    code = ('Quiz(\n    "day1.kind",\n    question="A long question about gold, "\n'
            '             "on two lines?",\n    choices={"rush": "Rush", "shock_push": "Shock-push"},\n'
            '    correct="shock_push",\n)\n')
    assert [node.value for node in code_texts(code)] == [
        "A long question about gold, on two lines?", "Rush", "Shock-push"]
    french = {("c", "A long question about gold, on two lines?"):
              "Une longue question sur l'or, « en français », sur deux lignes\u00a0?",
              ("c", "Rush"): "Ruée", ("c", "Shock-push"): "Poussée par un choc"}
    out = translated_code("c", code, french)
    # Pieces of at least 40 characters, each on its own line under the first.
    assert out == ('Quiz(\n    "day1.kind",\n    question="Une longue question sur l\'or, « en "\n'
                   '             "français », sur deux lignes\u00a0?",\n'
                   '    choices={"rush": "Ruée", "shock_push": "Poussée par un choc"},\n'
                   '    correct="shock_push",\n)\n')
    assert ast.literal_eval(out.split("question=")[1].split(",\n    choices")[0].replace("\n", " ")) == (
        "Une longue question sur l'or, « en français », sur deux lignes\u00a0?")


def test_code_addresses_tables_and_times_are_not_typography():
    text = ("Cas\u00a0: voir `data.load(\"x\")` et [le site](https://example.org/a:b), "
            "|:---|---:|, à 08:30\u00a0; «\u00a0oui\u00a0» ou non\u00a0?")
    assert typography_problems(text) == []


def test_the_glossarys_words_not_used_are_found_whole_and_in_any_case():
    assert wording_problems("Des Mineurs travaillent sur le site.") == [
        "not used, see the glossary: 'mineurs'"]
    assert wording_problems("Le code minier et les artisans miniers.") == []
    assert wording_problems("Voir https://sidwaya.info/lavenir-des-mineurs/ et `mineurs`.") == []


def test_a_markdown_document_is_translated_paragraph_by_paragraph_under_its_headings(tmp_path):
    root = tmp_path
    (root / "locale" / "fr").mkdir(parents=True)
    shutil.copy(ROOT / "locale" / "fr" / "glossary.md", root / "locale" / "fr")
    readme = root / "README.md"
    fence = "```\nasm-workshop grade\n```"
    readme.write_text(f"# The workshop\n\nOpen it.\n\n## For trainers\n\nGrade it.\n\n{fence}\n")
    assert main(["translate", "--root", str(root), str(readme)]) == 0
    catalog_file = root / "locale" / "fr" / "README.po"
    catalog = polib.pofile(str(catalog_file))
    assert [(e.msgctxt, e.msgid) for e in catalog] == [
        ("The workshop", "# The workshop"), ("The workshop", "Open it."),
        ("For trainers", "## For trainers"), ("For trainers", "Grade it."), ("For trainers", fence)]
    french = {"# The workshop": "# L'atelier", "Open it.": "Ouvrez-le.",
              "## For trainers": "## Pour les formateurs", "Grade it.": "Notez-le.", fence: fence}
    for entry in catalog:
        entry.msgstr = french[entry.msgid]
    write_catalog(catalog, catalog_file)
    assert main(["translate", "--root", str(root)]) == 0
    assert (root / "LISEZMOI.md").read_text(encoding="utf-8") == (
        f"# L'atelier\n\nOuvrez-le.\n\n## Pour les formateurs\n\nNotez-le.\n\n{fence}\n")

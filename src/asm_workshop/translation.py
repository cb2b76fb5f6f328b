"""The French edition of the notebooks: one PO file per English notebook, and the French notebook
made from both.

English is the source. Each English notebook (``notebooks/day2/2-1_stakeholder_mapping.ipynb``)
has its French in a gettext catalog (``locale/fr/notebooks/day2/2-1_stakeholder_mapping.po``)
that Poedit, Weblate or Crowdin open: one entry per paragraph of a markdown cell, its context the
cell's id, and one per text a participant reads in a code cell (a quiz's question, choices and
explanations, a chart's title: ``code_texts``).

``update_catalog`` brings a catalog in line with its notebook as ``msgmerge`` would: an unchanged
paragraph keeps its French, a changed one keeps the old French marked *fuzzy* (with the old
English as ``previous_msgid``, so the translator sees what moved), a new one is empty, and a
removed one becomes obsolete. ``translated_notebook`` writes the French notebook
(``2-1_stakeholder_mapping.fr.ipynb``, beside the English one, so that both use the same answers
folder): the same cells, ids and metadata, each paragraph and code text in French, the code
otherwise unchanged but for one line at the top of the first code cell, which shows the widgets'
messages in French.
"""

from __future__ import annotations

import ast
import copy
import csv
import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
import polib

from asm_workshop.curriculum import FRENCH_SUFFIX as SUFFIX
from asm_workshop.paths import repository_root

SOURCE_LANGUAGE = "en"
"""The language everything is written in; the French edition is translated from it."""
LANGUAGE = "fr"
LOCALE_FOLDER = Path("locale") / LANGUAGE
LANGUAGE_LINE = f'from asm_workshop.i18n import set_language; set_language("{LANGUAGE}")\n'
"""Put at the top of a French notebook's first code cell: its widgets and messages speak French
wherever it runs (JupyterLab, Voila's preheated kernels, nbclient, nbgrader)."""
WRAP_WIDTH = 79  # as powrap and msgmerge write, so a translator's tool and ours agree
# How alike a changed paragraph must be to its old English for the old French to be offered
# (fuzzy) rather than nothing: about half the words in common.
FUZZY_SIMILARITY = 0.5


@dataclass(frozen=True)
class Unit:
    """One translatable text: a paragraph of a markdown cell (``context`` is the cell's id)."""

    context: str
    text: str


@dataclass(frozen=True)
class CatalogChange:
    """What ``update_catalog`` did, in numbers of entries."""

    kept: int
    fuzzy: int
    new: int
    obsolete: int


# Markdown documents with a French edition get the French name readers look for.
DOCUMENT_NAMES = {"README.md": "LISEZMOI.md"}


ASSIGNMENT_SUFFIX = "_fr"
"""A graded exercise's French edition is an nbgrader assignment of its own (``day1_fr``): a French
notebook inside the English assignment would get its read-only cells overwritten with the English
at autograde, and a second notebook name would be skipped."""


def is_translation(path: Path) -> bool:
    """Whether ``path`` is a generated French notebook (``*.fr.ipynb``, ``solutions/day1_fr/``) or
    document (``LISEZMOI.md``)."""
    return (path.name.endswith(SUFFIX) or path.name in DOCUMENT_NAMES.values()
            or (path.suffix == ".ipynb" and path.parent.name.endswith(ASSIGNMENT_SUFFIX)))


def translation_path(source: Path) -> Path:
    """The French edition made from the English notebook or markdown document ``source``: beside
    it, or for a graded exercise (``solutions/day1/day1.ipynb``) its French assignment
    (``solutions/day1_fr/day1_fr.ipynb``)."""
    if source.suffix == ".md":
        return source.with_name(DOCUMENT_NAMES.get(source.name, source.stem + ".fr.md"))
    if source.parent.parent.name == "solutions":
        french = source.parent.name + ASSIGNMENT_SUFFIX
        return source.parent.parent / french / f"{french}.ipynb"
    return source.with_name(source.name.removesuffix(".ipynb") + SUFFIX)


def catalog_path(source: Path, root: Path | None = None) -> Path:
    """The PO file holding the French of the English notebook ``source``."""
    root = root or repository_root()
    return root / LOCALE_FOLDER / source.resolve().relative_to(root.resolve()).with_suffix(".po")


SOURCE_SUFFIXES = (".ipynb", ".md", ".json")
"""What a catalog translates: a notebook, a markdown document, or the data package."""


def sources(root: Path | None = None) -> list[Path]:
    """The English notebooks, documents and data package that have French: those with a catalog
    under locale/fr/."""
    root = root or repository_root()
    found = []
    for catalog in sorted((root / LOCALE_FOLDER).rglob("*.po")):
        for suffix in SOURCE_SUFFIXES:
            source = root / catalog.relative_to(root / LOCALE_FOLDER).with_suffix(suffix)
            if source.exists() and not is_translation(source):
                found.append(source)
    return found


NBGRADER_MARK = re.compile(r"^### (BEGIN|END) (SOLUTION|HIDDEN TESTS)$")
"""nbgrader's region marks in a markdown cell: a line of their own, never translated."""


def paragraphs(markdown: str) -> list[str]:
    """Split a markdown cell into its paragraphs: blocks between blank lines, a fenced code block
    kept whole, and nbgrader's region marks as blocks of their own."""
    blocks: list[list[str]] = [[]]
    fenced = False
    for line in markdown.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if not fenced and (not line.strip() or NBGRADER_MARK.match(line)):
            if blocks[-1]:
                blocks.append([])
            if NBGRADER_MARK.match(line):
                blocks[-1].append(line)
                blocks.append([])
            continue
        blocks[-1].append(line)
    return ["\n".join(block) for block in blocks if block]


def _worth_translating(text: str) -> bool:
    return re.search(r"[^\W\d_]{2}", text) is not None and not NBGRADER_MARK.match(text)


# The texts a participant reads in code: a quiz's question, choices, explanation and feedback,
# a chart's title, what print() shows, a check's message (assert ..., "message"). Other strings
# (column names, keys, data values compared in code) are code, and stay as they are.
_TEXT_KEYWORDS = {"question", "explanation", "title"}
_TEXT_DICT_KEYWORDS = {"choices", "feedback"}
_TEXT_CALLS = {"print"}


def code_texts(code: str) -> list[ast.Constant]:
    """The string literals of ``code`` a participant reads (see above), in order. IPython's
    magics (``%matplotlib``) are read as blank lines."""
    tree = ast.parse(without_magics(code))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
            continue
        if not _worth_translating(node.value):
            continue
        parent = parents.get(node)
        if isinstance(parent, ast.keyword):
            wanted = parent.arg in _TEXT_KEYWORDS
        elif isinstance(parent, ast.Dict):
            holder = parents.get(parent)
            wanted = (node in parent.values and isinstance(holder, ast.keyword)
                      and holder.arg in _TEXT_DICT_KEYWORDS)
        elif isinstance(parent, ast.Call):
            wanted = isinstance(parent.func, ast.Name) and parent.func.id in _TEXT_CALLS
        elif isinstance(parent, ast.Assert):  # a visible check's message tells the learner what to fix
            wanted = node is parent.msg
        else:
            wanted = False
        if wanted:
            found.append(node)
    return sorted(found, key=lambda node: (node.lineno, node.col_offset))


def without_magics(code: str) -> str:
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in code.split("\n"))


def units(notebook: nbformat.NotebookNode) -> list[Unit]:
    """The translatable texts of ``notebook``, in order, each once: the paragraphs of its
    markdown cells and the texts of its code cells (``code_texts``)."""
    found: dict[Unit, None] = {}
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            texts = [paragraph for paragraph in paragraphs(cell.source) if _worth_translating(paragraph)]
        else:
            texts = [node.value for node in code_texts(cell.source)]
        for text in texts:
            found[Unit(cell.id, text)] = None
    return list(found)


def document_units(markdown: str) -> list[Unit]:
    """The paragraphs of a markdown document, each with the heading it sits under as context."""
    found: dict[Unit, None] = {}
    heading = "top"
    for paragraph in paragraphs(markdown):
        if paragraph.startswith("#"):
            heading = paragraph.splitlines()[0].lstrip("#").strip()
        if _worth_translating(paragraph):
            found[Unit(heading, paragraph)] = None
    return list(found)


DATA_PACKAGE = "datapackage.json"
_UNTRANSLATED_COLUMNS = re.compile(r".*(_id|_url)$|source_name$|site_code$")
"""Columns kept as they are: identifiers, addresses, codes, and the names of sources as published."""


def dataset_units(package: Path) -> list[Unit]:
    """The texts of the data package's tables a French reader meets in a table: each column's name
    (context "column") and each value of a text column (context: the column's name)."""
    found: dict[Unit, None] = {}
    for resource in json.loads(package.read_text(encoding="utf-8"))["resources"]:
        fields = resource["schema"]["fields"]
        found.update((Unit("column", field["name"]), None) for field in fields)
        texts = [field["name"] for field in fields
                 if field.get("type") == "string" and not _UNTRANSLATED_COLUMNS.match(field["name"])]
        with open(package.parent / resource["path"], encoding=resource.get("encoding", "utf-8"),
                  newline="") as stream:
            rows = list(csv.DictReader(stream))
        for name in texts:
            found.update((Unit(name, row[name].strip()), None) for row in rows
                         if _worth_translating(row[name].strip()))
    return list(found)


def source_units(source: Path) -> list[Unit]:
    """The translatable texts of the English notebook, markdown document or data package ``source``."""
    if source.name == DATA_PACKAGE:
        return dataset_units(source)
    if source.suffix == ".md":
        return document_units(source.read_text(encoding="utf-8"))
    return units(nbformat.read(source, as_version=4))


def translated_code(context: str, code: str, french: dict[tuple[str, str], str]) -> str:
    """``code`` with each of its ``code_texts`` replaced by its French, where there is one. A
    literal that spanned several lines (implicit concatenation) is wrapped again over lines as
    long, so the cell keeps its shape."""
    lines = code.split("\n")
    for node in reversed(code_texts(code)):
        text = french.get((context, node.value))
        if text is None or text == node.value:
            continue
        first = lines[node.lineno - 1].encode()
        last = lines[node.end_lineno - 1].encode()
        start, end = first[:node.col_offset].decode(), last[node.end_col_offset:].decode()
        indent = " " * len(start)
        width = max(len(first.decode()) - len(start), 40)
        literal = _literal(text, width if node.end_lineno > node.lineno else None, indent)
        lines[node.lineno - 1:node.end_lineno] = (start + literal + end).split("\n")
    return "\n".join(lines)


def _literal(text: str, width: int | None, indent: str) -> str:
    """A Python string literal for ``text``: one piece, or pieces of about ``width`` characters
    on lines of their own (implicitly concatenated)."""
    if width is None or len(text) + 2 <= width:
        return json.dumps(text, ensure_ascii=False)
    pieces, line = [], ""
    for word in re.split(r"(?<= )", text):
        if line and len(line) + len(word) + 2 > width:
            pieces.append(line)
            line = ""
        line += word
    pieces.append(line)
    return ("\n" + indent).join(json.dumps(piece, ensure_ascii=False) for piece in pieces)


def new_catalog() -> polib.POFile:
    catalog = polib.POFile(wrapwidth=WRAP_WIDTH)
    catalog.header = ("French of the English notebook of the same path: one entry per paragraph, its\n"
                      "context the cell's id. Terms: locale/fr/glossary.md. Keep Markdown, links and\n"
                      "code in backticks as they are. Written by `asm-workshop translate`.")
    catalog.metadata = {
        "Project-Id-Version": "asm-workshop",
        "Language": LANGUAGE,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n > 1);",
    }
    return catalog


def read_catalog(path: Path) -> polib.POFile:
    """The catalog at ``path``, or an empty one if there is none yet."""
    if not path.exists():
        return new_catalog()
    catalog = polib.pofile(str(path), wrapwidth=WRAP_WIDTH)
    return catalog


def update_catalog(source: Path, catalog: polib.POFile,
                   memory: dict[str, str] | None = None) -> CatalogChange:
    """Bring ``catalog`` in line with the English notebook ``source`` (see the module's doc).

    ``memory``: English -> French of the other catalogs; a new text found there exactly (the same
    instructions in a day's assignment and its practice) starts with that French, not empty.
    """
    wanted = source_units(source)
    old = {(entry.msgctxt, entry.msgid): entry for entry in catalog if not entry.obsolete}
    by_text: dict[str, polib.POEntry] = {}
    for entry in old.values():
        if entry.msgstr and "fuzzy" not in entry.flags:
            by_text.setdefault(entry.msgid, entry)
    used: set[tuple[str | None, str]] = set()
    entries: list[polib.POEntry] = []
    kept = fuzzy = new = 0
    for position, unit in enumerate(wanted, start=1):
        entry = polib.POEntry(msgctxt=unit.context, msgid=unit.text, occurrences=[("cell", unit.context)])
        entry.comment = f"paragraph {position}"
        same = old.get((unit.context, unit.text))
        moved = by_text.get(unit.text)
        if same is not None:
            entry.msgstr, entry.flags = same.msgstr, list(same.flags)
            entry.previous_msgid = same.previous_msgid
            used.add((same.msgctxt, same.msgid))
            kept += 1
        elif moved is not None:  # the paragraph moved to another cell, unchanged
            entry.msgstr = moved.msgstr
            kept += 1
        else:
            nearest = _nearest(unit, [e for key, e in old.items() if key not in used])
            if nearest is not None:
                entry.msgstr, entry.flags = nearest.msgstr, ["fuzzy"]
                entry.previous_msgid = nearest.msgid
                used.add((nearest.msgctxt, nearest.msgid))
                fuzzy += 1
            else:
                entry.msgstr = (memory or {}).get(unit.text, "")
                new += 1
        entries.append(entry)
    gone = [entry for key, entry in old.items()
            if key not in used and key not in {(e.msgctxt, e.msgid) for e in entries}]
    for entry in gone:
        entry.obsolete = True
    catalog[:] = entries + [entry for entry in gone if entry.msgstr]
    return CatalogChange(kept=kept, fuzzy=fuzzy, new=new, obsolete=len(gone))


def _nearest(unit: Unit, candidates: list[polib.POEntry]) -> polib.POEntry | None:
    """The old entry of the same cell whose English is closest to ``unit``'s, if close enough."""
    best, best_ratio = None, FUZZY_SIMILARITY
    for entry in candidates:
        if entry.msgctxt != unit.context or not entry.msgstr:
            continue
        ratio = difflib.SequenceMatcher(None, entry.msgid, unit.text).ratio()
        if ratio >= best_ratio:
            best, best_ratio = entry, ratio
    return best


# Code, addresses, Markdown images, HTML, LaTeX, Python's own error names ("KeyError:", quoted as
# printed) and a call to type as it is (data.load("risks")) in a message.
CODE_OR_ADDRESS = re.compile(
    r"```.*?```|`[^`]*`|\]\([^)]*\)|!\[|https?://\S+|<[^>]+>|\$[^$]*\$|\b\w+Error:|\b[\w.]+\([^()]*\)",
    re.S)
_NO_BREAK = "\u00a0\u202f"


def typography_problems(french: str) -> list[str]:
    """French typography the text breaks, code, addresses and HTML aside: a no-break space
    before ``: ; ! ? »`` and after ``«``, and guillemets rather than straight double quotes."""
    prose = CODE_OR_ADDRESS.sub(" ", french)

    def around(start: int, end: int) -> str:
        return repr(prose[max(0, start - 20):end + 20])

    problems = []
    for match in re.finditer(r"(.)([:;!?»])", prose):
        before, mark = match.groups()
        # A table's alignment row (|:---:|) and a clock time (08:30) are not punctuation.
        if before not in _NO_BREAK + "|-" + mark and not (mark == ":" and before.isdigit()):
            problems.append(f"no-break space wanted before {mark!r}: {around(match.start(), match.end())}")
    for match in re.finditer(r"«(.)", prose):
        if match.group(1) not in _NO_BREAK:
            problems.append(f"no-break space wanted after '«': {around(match.start(), match.end())}")
    if '"' in prose:
        quote = prose.index('"')
        problems.append(f"straight quotes: use « » in French prose: {around(quote, quote)}")
    return problems


def words_not_used(root: Path | None = None) -> list[str]:
    """The French words the glossary's "Not used" table rules out (calques, ambiguities)."""
    text = ((root or repository_root()) / LOCALE_FOLDER / "glossary.md").read_text(encoding="utf-8")
    table = text.split("## Not used", 1)[1]
    rows = [line.split("|")[1].strip() for line in table.splitlines() if line.startswith("| ")]
    return [row for row in rows[1:] if row and not row.startswith("---")]


def wording_problems(french: str, root: Path | None = None) -> list[str]:
    """Words of the glossary's "Not used" list found in ``french`` (whole words, any case), code,
    addresses and HTML aside."""
    prose = CODE_OR_ADDRESS.sub(" ", french)
    return [f"not used, see the glossary: {word!r}" for word in words_not_used(root)
            if re.search(rf"\b{re.escape(word)}\b", prose, re.I)]


def translator_report(catalog_file: Path, root: Path | None = None) -> list[str]:
    """Everything a translator should fix in one PO file, read only: missing, fuzzy and stale
    entries, typography and the glossary's words not used."""
    root = root or repository_root()
    relative = catalog_file.resolve().relative_to((root / LOCALE_FOLDER).resolve())
    source = next(root / relative.with_suffix(suffix) for suffix in SOURCE_SUFFIXES
                  if (root / relative.with_suffix(suffix)).exists())
    catalog = read_catalog(catalog_file)
    problems = catalog_problems(source, catalog)
    for entry in catalog:
        # A text kept as it is (a line of code offered as a quiz's choice) is not French prose.
        if entry.msgstr and not entry.obsolete and entry.msgstr != entry.msgid:
            for problem in typography_problems(entry.msgstr) + wording_problems(entry.msgstr, root):
                problems.append(f"cell {entry.msgctxt}: {problem}")
    return problems


def catalog_problems(source: Path, catalog: polib.POFile) -> list[str]:
    """What keeps ``catalog`` from being the complete, current French of ``source``: English
    paragraphs it lacks or leaves untranslated, fuzzy entries, and entries for text no longer there."""
    wanted = {(unit.context, unit.text) for unit in source_units(source)}
    present = {(entry.msgctxt, entry.msgid): entry for entry in catalog if not entry.obsolete}
    problems = []
    for context, text in sorted(wanted - present.keys()):
        problems.append(f"not in the catalog (run `asm-workshop translate`): cell {context}: {text[:60]!r}")
    for (context, text), entry in present.items():
        if (context, text) not in wanted:
            problems.append(f"stale, its English is gone (run `asm-workshop translate`): cell {context}: "
                            f"{text[:60]!r}")
        elif "fuzzy" in entry.flags:
            problems.append(f"fuzzy, the English changed: cell {context}: {text[:60]!r}")
        elif not entry.msgstr.strip():
            problems.append(f"not translated: cell {context}: {text[:60]!r}")
    return problems


def _french(catalog: polib.POFile) -> dict[tuple[str, str], str]:
    return {(entry.msgctxt, entry.msgid): entry.msgstr for entry in catalog
            if not entry.obsolete and entry.msgstr and "fuzzy" not in entry.flags}


def translated_document(source: Path, catalog: polib.POFile) -> str:
    """The French of the markdown document ``source``: each paragraph replaced by its French
    (the English where the catalog has none yet, or only a fuzzy one)."""
    french = {text: translation for (_, text), translation in _french(catalog).items()}
    return _translated_markdown(source.read_text(encoding="utf-8"), french.get)


def translated_notebook(source: Path, catalog: polib.POFile) -> nbformat.NotebookNode:
    """The French notebook: ``source`` with each paragraph replaced by its French (the English
    where the catalog has none yet, or only a fuzzy one) and the language line added. A graded
    exercise that reads another assignment's answers (``day2_folder="../day2"``) reads those of its
    French edition (``"../day2_fr"``), where a francophone participant saved them."""
    notebook = nbformat.read(source, as_version=4)
    french = _french(catalog)
    result = copy.deepcopy(notebook)
    first_code = True
    for cell in result.cells:
        if cell.cell_type == "markdown":
            in_cell = {text: fr for (context, text), fr in french.items() if context == cell.id}
            cell.source = _translated_markdown(cell.source, in_cell.get)
        elif cell.cell_type == "code":
            cell.source = translated_code(cell.id, cell.source, french)
            if source.parent.parent.name == "solutions":
                cell.source = _SIBLING_ASSIGNMENT.sub(
                    lambda m: m[0] if not (source.parent.parent / m[2]).is_dir()
                    else f"{m[1]}../{m[2]}{ASSIGNMENT_SUFFIX}{m[1]}", cell.source)
            if first_code:
                cell.source = LANGUAGE_LINE + cell.source
                first_code = False
    return result


_SIBLING_ASSIGNMENT = re.compile(r"""(["'])\.\./(\w+)\1""")


def _translated_markdown(markdown: str, french: Callable[[str], str | None]) -> str:
    out, rest = [], markdown
    for paragraph in paragraphs(markdown):
        start = rest.index(paragraph)
        out.append(rest[:start])
        out.append(french(paragraph) or paragraph)
        rest = rest[start + len(paragraph):]
    out.append(rest)
    return "".join(out)



def translation_memory(root: Path | None = None) -> dict[str, str]:
    """English -> French of every translated, not fuzzy, entry of every catalog."""
    memory: dict[str, str] = {}
    for path in sorted(((root or repository_root()) / LOCALE_FOLDER).rglob("*.po")):
        for entry in read_catalog(path):
            if entry.translated() and not entry.obsolete:
                memory.setdefault(entry.msgid, entry.msgstr)
    return memory


def write_catalog(catalog: polib.POFile, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.wrapwidth = WRAP_WIDTH
    path.write_text(str(catalog) + "\n", encoding="utf-8")


def translate(root: Path | None = None, only: list[Path] | None = None) -> list[str]:
    """Update every catalog from its English notebook or document and write every French edition;
    with ``only``, just those English sources (a catalog is started for one that has none).
    Returns one line per catalog."""
    from asm_workshop.notebook_hygiene import clean_file

    root = root or repository_root()
    report = []
    memory = translation_memory(root)
    for source in sorted(s for s in only if not is_translation(s)) if only else sources(root):
        path = catalog_path(source, root)
        catalog = read_catalog(path)
        change = update_catalog(source, catalog, memory)
        write_catalog(catalog, path)
        target = translation_path(source)
        if source.name == DATA_PACKAGE:
            pass  # its French is read from the catalog where a table is shown (tables.py)
        elif source.suffix == ".md":
            target.write_text(translated_document(source, catalog), encoding="utf-8")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(translated_notebook(source, catalog), target)
            clean_file(target)
        done = sum(1 for entry in catalog if not entry.obsolete and entry.translated())
        total = sum(1 for entry in catalog if not entry.obsolete)
        report.append(f"{path.relative_to(root)}: {done}/{total} translated, {change.fuzzy} fuzzy, "
                      f"{change.new} new, {change.obsolete} obsolete")
    return report


if __name__ == "__main__":  # python -m asm_workshop.translation locale/fr/.../x.po: a translator's check
    import sys

    for name in sys.argv[1:]:
        found = translator_report(Path(name))
        print(f"{name}: {len(found)} problem(s)")
        for line in found:
            print(f"  - {line}")

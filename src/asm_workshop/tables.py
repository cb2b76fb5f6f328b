"""Tables in the reader's language.

A table a lesson shows on a French page has its column names and its text values in French: the
data's from the data package's catalog, ``locale/fr/datasets/datapackage.po`` (translators keep
it like the lessons' catalogs; ``asm-workshop translate`` updates it from the CSV files), and the
names the package's code computes (``households``, ``net_incentive``) from the message catalog
(``messages/tables.json``, ``table.<name>``). The data stays English: code filters and compares the
English values, and only what is shown changes.

    from asm_workshop import tables
    tables.shown(frame)      # the frame as a reader of the current language sees it
    tables.install()         # every DataFrame and Series displayed from now on is shown so
                             # (i18n.set_language does it, so a lesson has nothing to call)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any, TypeVar

import pandas as pd
import polib

from asm_workshop.i18n import catalog, get_language
from asm_workshop.paths import WorkshopFolderMissing, repository_root
from asm_workshop.translation import DATA_PACKAGE, LANGUAGE, catalog_path

Table = TypeVar("Table", pd.DataFrame, pd.Series)
_installed: dict[str, object] = {}
"""The IPython shell whose display ``install`` adapted (a kernel has one; tests may make another)."""


@cache
def french_texts() -> tuple[dict[str, str], dict[str, str]]:
    """The catalog's French: (column name -> header, English value -> French value). Entries that
    are fuzzy or empty are left out: the English shows until a translator has checked them."""
    columns: dict[str, str] = {}
    values: dict[str, str] = {}
    try:
        root = repository_root()
        entries = polib.pofile(str(catalog_path(root / "datasets" / DATA_PACKAGE, root)))
    except (WorkshopFolderMissing, OSError):  # no workshop folder, or no catalog: English shows
        return columns, values
    for entry in entries:
        if entry.obsolete or "fuzzy" in entry.flags or not entry.msgstr.strip():
            continue
        (columns if entry.msgctxt == "column" else values).setdefault(entry.msgid, entry.msgstr)
    return columns, values


def shown(table: Table) -> Table:
    """``table`` as a reader of the current language sees it: in French, a copy whose column
    names, index labels and text values are the catalog's French where it has one; in English,
    ``table`` itself."""
    if get_language() != LANGUAGE:
        return table
    columns, _ = french_texts()

    def value(text: object) -> object:
        return shown_text(text) if isinstance(text, str) else text

    def label(name: object) -> object:
        return columns[name] if isinstance(name, str) and name in columns else value(name)

    result = table.rename(index=label).copy()
    result.index.names = [label(name) for name in result.index.names]
    if isinstance(result, pd.Series):
        result.name = label(result.name)
        return result.map(value) if _is_text(result) else result
    result = result.rename(columns=label)
    result.columns.names = [label(name) for name in result.columns.names]
    for position in range(result.shape[1]):
        column = result.iloc[:, position]
        if _is_text(column):
            result.isetitem(position, column.map(value))
    return result


def shown_text(text: str) -> str:
    """A text of the data (or a name the package's code computes) as a reader of the current
    language sees it: the catalog's French on a French page, ``text`` itself otherwise."""
    if get_language() != LANGUAGE:
        return text
    found = french_texts()[1].get(text.strip())
    computed = catalog()
    if found is None and f"table.{text}" in computed:  # a name a lesson's code computes
        found = computed[f"table.{text}"][LANGUAGE]
    return text if found is None else found


def shown_entries(entries: Iterable[Mapping[str, Any]], *fields: str) -> list[dict[str, Any]]:
    """Copies of ``entries`` (a case's rows, as a tool starts from them) with the text of
    ``fields`` as a reader of the current language sees it (``shown_text``). A tool's starting
    rows become the participant's own text, so they start in the participant's language."""
    return [{**entry, **{field: shown_text(entry[field]) for field in fields}} for entry in entries]


def install() -> None:
    """Show every DataFrame and Series in the reader's language from now on, in this IPython
    kernel (nothing happens outside IPython). Safe to call again."""
    try:
        from IPython import get_ipython
    except ImportError:  # the grading sandbox and scripts have no display to adapt
        return
    shell = get_ipython()
    if shell is None or _installed.get("shell") is shell:
        return
    formatters = shell.display_formatter.formatters
    formatters["text/html"].for_type(pd.DataFrame, _html)
    formatters["text/plain"].for_type(pd.DataFrame, _plain)
    formatters["text/plain"].for_type(pd.Series, _plain)
    _installed["shell"] = shell


def _is_text(column: pd.Series) -> bool:
    return column.dtype == object or pd.api.types.is_string_dtype(column.dtype)


def _html(frame: pd.DataFrame) -> str | None:
    text = shown(frame)._repr_html_()
    if text is None or get_language() != LANGUAGE:
        return text
    # pandas writes the size of a table it shortens in English.
    return re.sub(r"<p>(\d[\d,]*) rows × (\d[\d,]*) columns</p>", r"<p>\1 lignes × \2 colonnes</p>", text)


def _plain(table: pd.DataFrame | pd.Series, printer, cycle: bool) -> None:
    text = repr(shown(table))
    if get_language() == LANGUAGE:
        text = re.sub(r"\[(\d+) rows x (\d+) columns\]", r"[\1 lignes x \2 colonnes]", text)
    printer.text(text)

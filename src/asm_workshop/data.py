"""The workshop's datasets, and CSV files that participants bring.

The tables live in ``datasets/`` at the top of the repository, described by its
``datapackage.json`` (a Frictionless Data Package: columns, types, units, licence, sources,
and whether a table is real or synthetic). The environment variable ``ASM_WORKSHOP_DATASETS``
points to another folder (``paths`` says where the workshop's folder is).

    from asm_workshop import data
    data.names()                               # what there is
    baseline = data.load("burkina_mercury_baseline")
    baseline.attrs["units"]                    # {"hg_use_kg_per_year": "kg/year", ...}
    sites = data.read_csv("mes_sites.csv", expected_columns=["region", "workers_total"])
"""

from __future__ import annotations

import codecs
import copy
import csv
import difflib
import io
import json
import os
import re
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import pandas as pd

from asm_workshop import paths
from asm_workshop.errors import WorkshopError
from asm_workshop.i18n import NUMBER_SPACES, t
from asm_workshop.paths import DATASETS_VARIABLE  # noqa: F401  (documented here: data.DATASETS_VARIABLE)

MISSING_TEXT = ("", "NA", "N/A", "#N/A", "NaN", "nan")
"""Cells that ``read_csv`` takes as missing (after removing surrounding spaces)."""

_DEFAULT_TRUE = ("true", "True", "TRUE", "1")
_DEFAULT_FALSE = ("false", "False", "FALSE", "0")
_TYPES = ("string", "integer", "number", "boolean", "date", "year")
# pandas 3 has a dedicated text dtype ("str", missing = NaN); pandas 2 keeps text as object.
_TEXT_DTYPE = "str" if int(pd.__version__.split(".")[0]) >= 3 else object


class DataError(WorkshopError):
    """A dataset or CSV file that cannot be read; the message is in the participant's language
    when read (``field`` is None: the problem is the file, not one field of a form)."""


class DataWarning(UserWarning):
    """Something ``read_csv`` could not settle, so it left a column as text."""


def datasets_folder() -> Path:
    """Return the folder that holds ``datapackage.json`` and the CSV files."""
    try:
        folder = paths.datasets_folder()
    except paths.WorkshopFolderMissing as error:
        raise DataError({"folder": error}) from error
    if not folder.is_dir():
        raise DataError(None, "data.folder_missing", path=folder)
    return folder


def names() -> list[str]:
    """Return the names of the datasets, in the order of ``datapackage.json``."""
    return [resource["name"] for resource in _package()["resources"]]


def describe(name: str) -> dict[str, Any]:
    """Return the metadata of dataset ``name`` from ``datapackage.json`` (a copy: edit freely)."""
    return copy.deepcopy(_resource(name))


def load(name: str) -> pd.DataFrame:
    """Return dataset ``name`` as a DataFrame, each column in the type its schema declares.

    integer and year columns are "Int64", number float64, boolean "boolean", date datetime64,
    string text; empty cells stay missing (never 0). The units of the columns are in
    ``attrs["units"]`` (column -> unit, e.g. "kg/year"), with ``title``, ``description``,
    ``synthetic``, ``sources`` and ``licenses`` beside them.
    """
    resource = _resource(name)
    path = datasets_folder() / resource["path"]
    if not path.is_file():
        raise DataError(None, "data.dataset_file_missing", name=name, path=path)
    schema = resource["schema"]
    fields = schema["fields"]
    text = pd.read_csv(path, dtype=str, keep_default_na=False,
                       encoding=resource.get("encoding", "utf-8"))
    declared = [field["name"] for field in fields]
    if list(text.columns) != declared:
        raise DataError(None, "data.dataset_columns_differ", path=path, name=name,
                        declared=", ".join(declared), found=", ".join(text.columns))
    missing = text.isin(schema.get("missingValues", [""]))
    frame = pd.DataFrame(
        {field["name"]: _typed(text[field["name"]], missing[field["name"]], field, name, path)
         for field in fields}
    )
    frame.attrs = {
        "name": name,
        "title": resource.get("title", name),
        "description": resource.get("description", ""),
        "synthetic": resource.get("synthetic"),
        "units": {field["name"]: field["unit"] for field in fields if "unit" in field},
        "sources": copy.deepcopy(resource.get("sources", [])),
        "licenses": copy.deepcopy(resource.get("licenses", [])),
    }
    return frame


def require_columns(table: pd.DataFrame, columns: Iterable[str], error: type[WorkshopError] = DataError, *,
                    message_key: str = "data.table_columns_missing", field: str = "columns") -> None:
    """Return None when ``table`` has every one of ``columns``; else raise ``error`` (about
    ``field``) with ``message_key``, filled with the ``missing`` columns and those ``found``."""
    missing = [column for column in columns if column not in table.columns]
    if missing:
        raise error(field, message_key, missing=", ".join(map(str, missing)),
                    found=", ".join(map(str, table.columns)))


def read_csv(
    source: str | os.PathLike | IO | bytes,
    expected_columns: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Return the table in a CSV file a participant brings: a path, an open file, or its bytes.

    Reads what French spreadsheets export: columns separated by ";" (or "," or tabs), decimal
    commas ("12,5"), thousands separated by spaces ("20 393"), UTF-8 with or without BOM,
    Windows-1252/Latin-1 accents, UTF-16 "Unicode text". Columns whose every value is a whole
    number come back as "Int64", other numeric columns as float64, the rest as text with
    surrounding spaces removed; cells in ``MISSING_TEXT`` are missing. Blank lines and Excel's
    empty trailing columns are dropped. ``attrs["read_as"]`` says which encoding, separator and
    decimal mark were found. A column that cannot be read as numbers without guessing stays text,
    with a ``DataWarning``. Raises ``DataError`` when the file is missing, empty, a workbook,
    ragged, or lacks one of ``expected_columns``.
    """
    raw, label = _read_source(source)
    if isinstance(raw, bytes) and raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise DataError(None, "data.csv_is_spreadsheet", source=label)
    text, encoding = _decode(raw) if isinstance(raw, bytes) else (raw, None)
    separator = _detect_separator(text, label)
    header, rows = _split_rows(text, separator, label)
    if not header:
        raise DataError(None, "data.csv_empty", source=label)

    columns: dict[str, list[str]] = {}
    for position, name in enumerate(header):
        values = [row[position] for row in rows]
        if not name and not any(value.strip() for value in values):
            continue  # an empty column Excel adds after the last one
        columns[name or f"column_{position + 1}"] = values
    duplicated = sorted({name for name in columns if header.count(name) > 1})
    if duplicated:
        raise DataError(None, "data.csv_duplicate_columns", source=label,
                        names=", ".join(f'"{name}"' for name in duplicated))

    frame, decimal_mark = _typed_columns(columns, separator, label)
    if expected_columns is not None:
        if isinstance(expected_columns, str):
            expected_columns = [expected_columns]
        missing = [name for name in expected_columns if name not in frame.columns]
        if missing:
            raise DataError(None, "data.csv_columns_missing", source=label,
                            missing=", ".join(missing), found=", ".join(frame.columns))
    frame.attrs["read_as"] = {
        "encoding": encoding,
        "separator": separator,
        "decimal_mark": decimal_mark,
    }
    return frame


# --- the data package ---------------------------------------------------------------------

def _package() -> dict[str, Any]:
    folder = datasets_folder()
    path = folder / "datapackage.json"
    if not path.is_file():
        raise DataError(None, "data.datapackage_missing", path=folder)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataError(None, "data.datapackage_unreadable", path=path, problem=error) from None


def _resource(name: str) -> dict[str, Any]:
    resources = {resource["name"]: resource for resource in _package()["resources"]}
    if name in resources:
        return resources[name]
    known = ", ".join(resources)
    close = difflib.get_close_matches(str(name), list(resources), n=1, cutoff=0.5)
    if close:
        raise DataError(None, "data.unknown_dataset", name=name, suggestion=close[0], known=known)
    raise DataError(None, "data.unknown_dataset_no_suggestion", name=name, known=known)


def _typed(values: pd.Series, missing: pd.Series, field: dict, name: str, path: Path) -> pd.Series:
    """Return one column of a dataset converted to its schema type; missing cells stay missing."""
    kind = field.get("type", "string")
    present = values.where(~missing)
    if kind == "string":
        return present
    if kind in ("integer", "year", "number"):
        numbers = pd.to_numeric(present, errors="coerce")
        bad = ~missing & numbers.isna()
        if kind != "number":
            bad |= ~missing & (numbers % 1 != 0)
        _refuse(values, bad, field, kind, name, path)
        return numbers.astype("float64" if kind == "number" else "Int64")
    if kind == "boolean":
        true_values = set(field.get("trueValues", _DEFAULT_TRUE))
        false_values = set(field.get("falseValues", _DEFAULT_FALSE))
        unknown = ~missing & ~values.isin(true_values | false_values)
        _refuse(values, unknown, field, kind, name, path)
        flags = [pd.NA if absent else value in true_values
                 for value, absent in zip(values, missing, strict=True)]
        return pd.Series(flags, index=values.index, dtype="boolean")
    if kind == "date":
        dates = pd.to_datetime(present, format="%Y-%m-%d", errors="coerce")
        _refuse(values, ~missing & dates.isna(), field, kind, name, path)
        return dates
    raise DataError(None, "data.dataset_type_unknown", column=field["name"], name=name, type=kind,
                    known=", ".join(_TYPES))


def _refuse(values: pd.Series, bad: pd.Series, field: dict, kind: str, name: str,
            path: Path) -> None:
    """Raise DataError on the first value marked ``bad``, naming its line in the file."""
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        expected = t(f"data.expected_{kind}")
        raise DataError(None, "data.dataset_value_invalid", path=path, column=field["name"],
                        line=row + 2, value=values.iloc[row], expected=expected)


# --- reading a participant's CSV ------------------------------------------------------------

_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SEPARATORS = (";", "\t", ",", "|")  # on a tie, the first wins: French exports use ";"
_THOUSANDS_BY_SPACES = re.compile(r"[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?")
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL_POINT = re.compile(r"[+-]?(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?\d+[eE][+-]?\d+")
_DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+")


def _read_source(source: str | os.PathLike | IO | bytes) -> tuple[bytes | str, str]:
    """Return the content of ``source`` (bytes, or text from a text file) and how to name it."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), t("data.csv_unnamed_source")
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            raise DataError(None, "data.csv_not_found", path=path, folder=Path.cwd())
        return path.read_bytes(), str(source)
    content = source.read()
    label = getattr(source, "name", None)
    return content, str(label) if isinstance(label, str) else t("data.csv_unnamed_source")


def _decode(raw: bytes) -> tuple[str, str]:
    """Return the text of ``raw`` and the encoding it was in.

    A byte order mark settles it; otherwise UTF-8 when the bytes are valid UTF-8 (accented
    Windows-1252 text almost never is), else Windows-1252, else Latin-1.
    """
    for mark, encoding in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            return raw.decode(encoding), encoding
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1"), "latin-1"


def _detect_separator(text: str, label: str) -> str:
    """Return the separator that splits the header and the first lines into the same columns.

    Among separators that give the header at least two columns and no longer line, the one
    giving most columns wins. When none does, the one whose lines fit best is returned, so
    that the first line that does not fit is reported; when two fit equally badly, it is
    not guessed.
    """
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    candidates = []
    for separator in _SEPARATORS:
        rows = [_trimmed(row) for row in csv.reader(io.StringIO(sample), delimiter=separator)]
        rows = [row for row in rows if row]
        width = len(rows[0]) if rows else 0
        if width < 2:
            continue
        fit = sum(len(row) <= width for row in rows) / len(rows)
        candidates.append((fit, width, separator))
    if not candidates:
        return ","  # one column: the separator does not matter
    fitting = [candidate for candidate in candidates if candidate[0] == 1]
    if fitting:
        return max(fitting, key=lambda candidate: candidate[1])[2]
    candidates.sort(key=lambda candidate: candidate[0], reverse=True)
    if len(candidates) > 1 and candidates[0][0] == candidates[1][0]:
        first_line = text.strip().splitlines()[0][:200]
        raise DataError(None, "data.csv_separator_unclear", source=label, first_line=first_line)
    return candidates[0][2]


def _split_rows(text: str, separator: str, label: str) -> tuple[list[str], list[list[str]]]:
    """Return the header (names stripped) and the non-blank rows, each as long as the header."""
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    header: list[str] | None = None
    rows = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip() for cell in row]
            continue
        if len(row) > len(header):
            if any(cell.strip() for cell in row[len(header):]):
                raise DataError(None, "data.csv_row_too_long", line=reader.line_num, source=label,
                                found=len(_trimmed(row)), expected=len(header),
                                separator=separator)
            row = row[: len(header)]
        rows.append(row + [""] * (len(header) - len(row)))
    return header or [], rows


def _trimmed(row: list[str]) -> list[str]:
    """Return ``row`` without its empty cells at the end."""
    end = len(row)
    while end and not row[end - 1].strip():
        end -= 1
    return row[:end]


def _typed_columns(columns: dict[str, list[str]], separator: str,
                   label: str) -> tuple[pd.DataFrame, str | None]:
    """Return the columns as a DataFrame of whole numbers, numbers and text, and the decimal
    mark the numbers were written with (None when no column has decimals).

    A column stays text, with a ``DataWarning``, when reading it as numbers would be a guess:
    both decimal marks in it; commas in a comma-separated file (decimals or thousands?); points
    in a file whose other columns use decimal commas (thousands?).
    """
    cells = {name: [value.strip() for value in values] for name, values in columns.items()}
    kinds = {name: _number_kinds(column) for name, column in cells.items()}
    comma_columns = [name for name, found in kinds.items()
                     if found and "comma" in found and separator != ","]
    typed: dict[str, pd.Series] = {}
    marks = set()
    for name, column in cells.items():
        found = kinds[name]
        problem = None
        if found and "comma" in found and "point" in found:
            problem = t("data.csv_mixed_decimal_marks", source=label, column=name,
                        comma_example=found["comma"], point_example=found["point"])
        elif found and "comma" in found and separator == ",":
            problem = t("data.csv_comma_numbers_in_comma_file", source=label, column=name,
                        example=found["comma"])
        elif found and "point" in found and comma_columns:
            problem = t("data.csv_point_numbers_beside_decimal_commas", source=label, column=name,
                        example=found["point"], comma_column=comma_columns[0])
        if problem:
            warnings.warn(problem, DataWarning, stacklevel=3)
        if problem or not found:
            typed[name] = pd.Series([None if cell in MISSING_TEXT else cell for cell in column],
                                    dtype=_TEXT_DTYPE)
            continue
        numbers = pd.Series(
            [None if cell in MISSING_TEXT
             else float(_without_thousands_spaces(cell).replace(",", ".")) for cell in column],
            dtype="float64",
        )
        if set(found) == {"integer"}:
            typed[name] = numbers.astype("Int64")
        else:
            typed[name] = numbers
            marks.add("," if "comma" in found else ".")
    rows = len(next(iter(cells.values()), []))
    return pd.DataFrame(typed, index=pd.RangeIndex(rows)), marks.pop() if len(marks) == 1 else None


def _number_kinds(cells: list[str]) -> dict[str, str]:
    """Return how the numbers of a column are written ("integer", "point", "comma"), each with
    its first example; an empty dict when the column holds text or nothing."""
    kinds: dict[str, str] = {}
    for cell in cells:
        if cell in MISSING_TEXT:
            continue
        kind = _number_kind(_without_thousands_spaces(cell))
        if kind is None:
            return {}
        kinds.setdefault(kind, cell)
    return kinds


def _without_thousands_spaces(cell: str) -> str:
    """Return ``cell`` without the spaces that group thousands ("20 393" -> "20393")."""
    if _THOUSANDS_BY_SPACES.fullmatch(cell):
        return NUMBER_SPACES.sub("", cell)
    return cell


def _number_kind(cell: str) -> str | None:
    """Return "integer", "point" or "comma" for a number written that way; None for text."""
    if _INTEGER.fullmatch(cell):
        return "integer"
    if _DECIMAL_POINT.fullmatch(cell):
        return "point"
    if _DECIMAL_COMMA.fullmatch(cell):
        return "comma"
    return None

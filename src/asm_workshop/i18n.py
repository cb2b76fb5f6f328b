"""Messages in English and French.

Every text a widget shows comes from the catalog in ``messages/*.json``: one file per
area (``answers.json``, ``quiz.json``...), each mapping a key such as
``answers.file_corrupted`` to ``{"en": ..., "fr": ...}``. Keys say what they mean, not
the English text. ``set_language("fr")`` switches every message shown afterwards, and
widgets on screen redraw their labels.
"""

from __future__ import annotations

import json
import os
import re
import weakref
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from importlib import resources

from asm_workshop.errors import NumberError

LANGUAGES = ("en", "fr")
_state = {"language": os.environ.get("ASM_WORKSHOP_LANG", "en")}
if _state["language"] not in LANGUAGES:
    _state["language"] = "en"
# Weak references, so that widgets which listen can still be garbage collected.
_listeners: list[weakref.ref] = []

Text = str | Mapping[str, str]
"""Author-written text: a plain string, or one string per language code."""


@cache
def catalog() -> dict[str, dict[str, str]]:
    """Return every message: key -> {language code -> text}, from all catalog files."""
    merged: dict[str, dict[str, str]] = {}
    for entry in sorted(resources.files("asm_workshop.messages").iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        for key, texts in json.loads(entry.read_text(encoding="utf-8")).items():
            if key in merged:
                raise ValueError(f"message key {key!r} is defined twice (again in {entry.name})")
            merged[key] = texts
    return merged


def set_language(language: str) -> None:
    """Show every message from now on in ``language`` ("en" or "fr"), and every table a kernel
    displays (``tables.install``)."""
    if language not in LANGUAGES:
        raise ValueError(t("i18n.unknown_language", language=language, known=", ".join(LANGUAGES)))
    _state["language"] = language
    if language != "en":
        from asm_workshop import tables  # pandas, only where a table may need another language

        tables.install()
    for reference in list(_listeners):
        listener = reference()
        if listener is None:
            _listeners.remove(reference)
        else:
            listener()


def get_language() -> str:
    """Return the code of the language messages are shown in."""
    return _state["language"]


@contextmanager
def in_language(language: str) -> Iterator[None]:
    """Show messages in ``language`` inside the ``with`` block, then go back (grading writes each
    participant's feedback in the language of their submission)."""
    previous = get_language()
    set_language(language)
    try:
        yield
    finally:
        set_language(previous)


def on_language_change(listener: Callable[[], None]) -> Callable[[], None]:
    """Call ``listener`` after every ``set_language`` while it lives; returns a stop function.

    A bound method is held weakly (its object can still be garbage collected); hold
    any other function yourself for as long as it should hear.
    """
    reference = weakref.WeakMethod(listener) if hasattr(listener, "__self__") else weakref.ref(listener)
    _listeners.append(reference)
    return lambda: _listeners.remove(reference) if reference in _listeners else None


def t(message_key: str, /, **values: object) -> str:
    """Return the message ``message_key`` in the current language, with ``{name}`` fields filled."""
    try:
        texts = catalog()[message_key]
    except KeyError:
        raise KeyError(f"no message with key {message_key!r} in the catalog") from None
    return texts[get_language()].format(**values)


def localize(text: Text) -> str:
    """Return author-written text in the current language (English when not translated)."""
    if isinstance(text, str):
        return text
    return text.get(get_language()) or text["en"]


# --- numbers in the reader's language -------------------------------------------------------------
#
# The one rule for what a participant may type, in either language:
#   - digits with at most one decimal mark, a comma or a point ("2,37" and "2.37" are the same);
#   - spaces (ordinary, no-break or narrow no-break) may group thousands ("8 605") and are ignored;
#   - "8,605" or "1.000" (one to three digits, a mark, exactly three digits) is refused: an English
#     reader sees thousands, a French reader decimals, and a guess would be silently wrong;
#   - both marks at once ("1,000.5"), words, "nan" and "inf" are not numbers.
# ``format_number`` writes what ``parse_number`` reads back when ``grouping=False`` (the form a
# text field shows); with grouping, French uses the narrow no-break space U+202F, as the French
# typographic rules and CLDR do, which ``parse_number`` also accepts.
# A CSV file is read by another rule (``data.read_csv``), decided per column: there the other
# cells settle what one cell means ("8,605" among "2,5" and "12,75" is a decimal), which a
# single typed value cannot do. Both ignore the same grouping spaces (``NUMBER_SPACES``).
# Babel's format_decimal writes the same separators (U+202F in French), but it rounds the decimal
# text of a float (2.675 -> "2,68") where Python rounds its binary value ("2,67"), and it would be
# one more dependency for two replacements; so the format stays here, written once.

NUMBER_SPACES = re.compile(r"[ \u00a0\u202f]")
"""The spaces that may group thousands: ordinary, no-break and narrow no-break (``data`` reads
CSV cells with the same ones)."""
_DIGITS = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
_AMBIGUOUS = re.compile(r"[+-]?\d{1,3}[.,]\d{3}")


def parse_number(text: str, *, field: str | None = None) -> float:
    """Return the number a participant typed: "8605", "8 605", "2,37" or "2.37" (see the rule above).

    Raises NumberError (about ``field``, rendered in the current language when read) when the text
    is empty, not a number, or could be read two ways ("8,605": thousands or decimals?).
    """
    written = NUMBER_SPACES.sub("", str(text or ""))
    shown = str(text or "").strip()
    if not written:
        raise NumberError(field, "number.empty")
    if _AMBIGUOUS.fullmatch(written):
        raise NumberError(field, "number.ambiguous", text=shown)
    if not _DIGITS.fullmatch(written):
        raise NumberError(field, "number.not_a_number", text=shown)
    return float(written.replace(",", "."))


def format_number(value: float, decimals: int = 0, *, trim: bool = False, grouping: bool = True,
                  language: str | None = None) -> str:
    """Return ``value`` written for ``language`` (default: the current one), rounded to ``decimals``.

    English "12,345.5", French "12\u202f345,5" (a narrow no-break space between thousands).
    ``trim`` drops zeros at the end of the decimals ("2.5" rather than "2.50"; "3" rather than
    "3.00"); ``grouping=False`` leaves thousands ungrouped, as a participant types a number.
    """
    text = f"{value:{',' if grouping else ''}.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    if (language or get_language()) == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text

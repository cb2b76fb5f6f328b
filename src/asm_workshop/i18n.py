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
import weakref
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources

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
    """Show every message from now on in ``language`` ("en" or "fr")."""
    if language not in LANGUAGES:
        raise ValueError(t("i18n.unknown_language", language=language, known=", ".join(LANGUAGES)))
    _state["language"] = language
    for reference in list(_listeners):
        listener = reference()
        if listener is None:
            _listeners.remove(reference)
        else:
            listener()


def get_language() -> str:
    """Return the code of the language messages are shown in."""
    return _state["language"]


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


def format_amount(value: float, decimals: int = 0) -> str:
    """Return ``value`` written for the current language: "12,345.5" in English, "12 345,5" in French."""
    text = f"{value:,.{decimals}f}"
    if get_language() == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text

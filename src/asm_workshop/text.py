"""Small rules about values a participant types, written once for every tool.

- ``name_key``: the form two names are compared on (a stakeholder, an actor, a risk, an
  activity). Spaces are trimmed and collapsed, case and accents are folded, and Unicode is
  normalised first, so "Mairie de Comé", " mairie de  COME " and "Comé" typed with a combining
  accent are one name in every tool. Accents are folded because participants type on laptops
  and phones with and without French keyboards: "Come" and "Comé" are the same commune. The
  name itself is always kept as typed.
- ``is_missing``: no value at all (None, pandas' NA or NaT, a float NaN), as a table or a
  widget gives it. Text, even empty, is a value: say ``is_blank`` for "missing or only spaces".
- ``is_number``: a real, finite number, and not True or False.
- ``plain_number``: a number as saved in an answer file (JSON): an int when it is whole, a float
  otherwise, never rounded (rounding for display is ``i18n.format_number``'s job).
- ``shortened``: text cut to a length, with an ellipsis when cut.

Reading and writing numbers in the participant's language is in ``asm_workshop.i18n``
(``parse_number``, ``format_number``).
"""

from __future__ import annotations

import math
import unicodedata
from numbers import Real
from typing import Any

import pandas as pd

ELLIPSIS = "…"


def name_key(name: Any) -> str:
    """Return the key a name is compared on: trimmed, inner spaces collapsed to one, case and
    accents folded ("Mairie de Comé" -> "mairie de come"), from any Unicode normal form."""
    # NFKD splits "é" (one code point, or "e" + a combining accent) into "e" + the accent, which is
    # then dropped; casefold after, since folding can itself produce combining marks (e.g. "İ").
    decomposed = unicodedata.normalize("NFKD", " ".join(str(name).split()).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def is_missing(value: Any) -> bool:
    """Return True when ``value`` is no value at all: None, pandas' NA or NaT, or a NaN number.

    Text (even empty), True/False, containers and numbers are values.
    """
    if isinstance(value, (str, bytes, bool)) or not pd.api.types.is_scalar(value):
        return False
    return bool(pd.isna(value))


def is_blank(value: Any) -> bool:
    """Return True when ``value`` is missing (``is_missing``) or text of only spaces."""
    return is_missing(value) or (isinstance(value, str) and not value.strip())


def is_number(value: Any) -> bool:
    """Return True when ``value`` is a real, finite number (numpy's included), not True/False."""
    return isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value)


def plain_number(value: float) -> int | float:
    """Return ``value`` as an answer file saves it: an int when whole (7.0 -> 7), else a float
    as given (6.25 stays 6.25; nothing is rounded)."""
    number = float(value)
    return int(number) if number.is_integer() else number


def shortened(text: str, length: int) -> str:
    """Return ``text`` cut to at most ``length`` characters, ending in an ellipsis when cut."""
    return text if len(text) <= length else text[: length - 1].rstrip() + ELLIPSIS


__all__ = ["ELLIPSIS", "is_blank", "is_missing", "is_number", "name_key", "plain_number", "shortened"]

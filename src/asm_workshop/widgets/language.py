"""A two-button switch between English and French for everything widgets show."""

from __future__ import annotations

import ipywidgets as widgets

from asm_workshop.i18n import LANGUAGES, get_language, set_language

_NAMES = {"en": "English", "fr": "Français"}


class LanguagePicker(widgets.ToggleButtons):
    """Buttons that switch the language of every widget's messages and labels."""

    def __init__(self) -> None:
        super().__init__(options=[(_NAMES[code], code) for code in LANGUAGES], value=get_language())
        self.observe(lambda change: set_language(change["new"]), "value")

"""Shared code for the ASM workshop notebooks: data, widgets, answers, messages, grading."""

from asm_workshop.i18n import get_language, set_language, t

__all__ = ["get_language", "set_language", "t"]
__version__ = "0.1.0"

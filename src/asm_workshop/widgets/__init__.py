"""Answering widgets: thin views over plain functions, saved through the answer store."""

from asm_workshop.widgets.base import AnswerWidget
from asm_workshop.widgets.language import LanguagePicker
from asm_workshop.widgets.quiz import Quiz

__all__ = ["AnswerWidget", "LanguagePicker", "Quiz"]

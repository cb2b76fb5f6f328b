"""The error a tool's plain functions raise for input they cannot use."""

from __future__ import annotations


class FieldProblems(ValueError):
    """Bad input, field by field. ``problems`` maps each bad field to its message (already in the
    participant's language); ``field`` is the first, where a widget shows the message."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        self.field = next(iter(self.problems), None)
        super().__init__(" ".join(self.problems.values()))

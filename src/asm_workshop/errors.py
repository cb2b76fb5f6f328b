"""The error a tool's plain functions raise for input they cannot use.

Every such error is a ``WorkshopError``: for each field it concerns, a message key of the catalog
(``messages/*.json``) and the values to fill in. The text is rendered in the current language each
time it is read, not when the error is raised, so a message on screen follows a language switch.
Each area keeps its own subclass (``StakeholderError``, ``RiskError``...) so that callers can catch
one area's errors; ``except WorkshopError`` catches them all.

    raise RiskError("likelihood", "risks.level_out_of_range", value=7, low=1, high=5)
    raise RiskError({"likelihood": Message.of("risks.level_not_number", value="x"), ...})
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Message:
    """A message of the catalog, not yet rendered: its key and the values to fill in.

    A value may itself be a Message or a WorkshopError (rendered in turn), a list of them (joined
    by spaces) or a function without arguments (called when shown, e.g. a field's label).
    """

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, key: str, /, **values: Any) -> Message:
        """Return the message ``key`` with these values."""
        return cls(key, values)

    @classmethod
    def verbatim(cls, text: object) -> Message:
        """Return a message shown as ``str(text)`` each time it is read: text already rendered
        (which will not follow a language switch), or an object that renders itself in the
        current language (a ``plan.PlanProblem``). Prefer ``Message.of`` with a key."""
        return cls("", {"text": text})

    @property
    def text(self) -> str:
        """The message in the current language."""
        if not self.key:
            return str(self.values["text"])
        # Imported here because i18n itself raises WorkshopErrors (parse_number).
        from asm_workshop.i18n import t

        return t(self.key, **{name: rendered(value) for name, value in self.values.items()})

    def __str__(self) -> str:
        return self.text


def rendered(value: Any) -> Any:
    """Return ``value`` as it is shown inside a message: messages and errors as their text in the
    current language, lists of them joined by spaces, label functions called; anything else as is."""
    if isinstance(value, Message):
        return value.text
    if isinstance(value, WorkshopError):
        return value.message
    if isinstance(value, list):
        return " ".join(str(rendered(item)) for item in value)
    if callable(value):
        return value()
    return value


class WorkshopError(ValueError):
    """Bad input: what is wrong, field by field, in the participant's language when read.

    ``field`` is the first field concerned (where a widget shows the message; None when the
    problem concerns no field), ``message_key`` and ``values`` its message. ``messages`` maps every
    field to its Message; ``problems`` gives them rendered now.

    Raise it for one field, ``XError("power", "stakeholders.score_missing", low=0)``, or for
    several at once with a mapping field -> Message, ``XError({"power": Message.of(...), ...})``
    (any other value there is shown as ``str(value)`` when read, see ``Message.verbatim``).
    """

    def __init__(self, field: str | None | Mapping[str, Message | object], message_key: str = "", /,
                 **values: Any) -> None:
        if isinstance(field, Mapping):
            if not field or message_key or values:
                raise TypeError("give either one field with its message key, or a mapping of messages")
            self.messages: dict[str | None, Message] = {
                name: message if isinstance(message, Message) else Message.verbatim(message)
                for name, message in field.items()}
        else:
            if not message_key:
                raise TypeError("a WorkshopError needs a message key")
            self.messages = {field: Message(message_key, values)}
        super().__init__(next(iter(self.messages.values())).key)

    @property
    def field(self) -> str | None:
        """The first field the error concerns."""
        return next(iter(self.messages))

    @property
    def message_key(self) -> str:
        """The message key of the first field's message."""
        return self.messages[self.field].key

    @property
    def values(self) -> Mapping[str, Any]:
        """The values of the first field's message."""
        return self.messages[self.field].values

    @property
    def problems(self) -> dict[str | None, str]:
        """Return each field's message in the current language."""
        return {name: message.text for name, message in self.messages.items()}

    @property
    def message(self) -> str:
        """Every message, in the current language, one after the other."""
        return " ".join(self.problems.values())

    def __str__(self) -> str:
        return self.message


class NumberError(WorkshopError):
    """Text that is not one clear number (``i18n.parse_number``)."""


class CaseError(WorkshopError):
    """A case study that the workshop does not have (``cases.check_case``)."""


def rendered_problems(messages: Mapping[str, Message]) -> dict[str, str]:
    """Return field -> message in the current language, for functions that list problems now."""
    return {name: message.text for name, message in messages.items()}

"""A finding: one rule's verdict about one place in one file."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any


class Severity(enum.IntEnum):
    """Ordered so that `max()` gives the worst; the values are stable."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (expected error, warning or info)") from None


class Finding:
    """What a check reports. Positions are filled in later, only for findings that survive.

    A plain slotted class rather than a dataclass: `catwalk check` runs on every commit,
    and the dataclasses machinery alone costs more start-up time than checking a file.
    """

    __slots__ = (
        "calendar", "column", "end_column", "end_line", "evidence", "field", "file", "line", "located",
        "message", "model", "name", "pointer", "provider", "related", "rule", "severity",
    )  # fmt: skip

    def __init__(
        self,
        rule: str,
        message: str,
        file: str,
        *,
        pointer: str = "",
        severity: Severity = Severity.ERROR,
        name: str = "",
        provider: str | None = None,
        model: str | None = None,
        field: str | None = None,
        line: int = 1,
        column: int = 1,
        end_line: int = 1,
        end_column: int = 1,
        located: bool = False,
        related: list[tuple[int, int, str]] | None = None,
        evidence: tuple[dict[str, Any], ...] = (),
        calendar: bool = False,
    ) -> None:
        self.rule = rule
        self.message = message
        self.file = file
        self.pointer = pointer
        self.severity = severity
        self.name = name
        self.provider = provider
        self.model = model
        self.field = field
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        # True once line/column are known (the loader knows them for syntax errors).
        self.located = located
        # Extra places that belong to the same finding (the first copy of a duplicate key).
        self.related = related if related is not None else []
        # What the value was compared with, as data (see `catwalk.rules.Hit`).
        self.evidence = evidence
        # Only the calendar made it: a date in the file has passed (see `catwalk.rules.Hit`).
        self.calendar = calendar

    def __repr__(self) -> str:
        return f"Finding({self.rule} {self.file}:{self.line}:{self.column} {self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return all(getattr(self, k) == getattr(other, k) for k in self.__slots__)

    __hash__ = None  # type: ignore[assignment]

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.rule, self.message)

    def to_row(self) -> tuple[Any, ...]:
        """Every field as plain data, in `__slots__` order (what crosses a process pipe)."""
        return tuple(int(self.severity) if k == "severity" else getattr(self, k) for k in _SLOTS)

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> Finding:
        finding = cls.__new__(cls)
        for key, value in zip(_SLOTS, row, strict=True):
            setattr(finding, key, Severity(value) if key == "severity" else value)
        return finding

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "pointer": self.pointer,
            "provider": self.provider,
            "model": self.model,
            "field": self.field,
        }


_SLOTS = Finding.__slots__

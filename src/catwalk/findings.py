"""A finding: one rule's verdict about one place in one file."""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass


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


@dataclass(slots=True)
class Finding:
    """What a check reports. Positions are filled in later, only for findings that survive."""

    rule: str
    message: str
    file: str
    pointer: str = ""
    severity: Severity = Severity.ERROR
    name: str = ""
    provider: str | None = None
    model: str | None = None
    field: str | None = None
    line: int = 1
    column: int = 1
    end_line: int = 1
    end_column: int = 1
    # Set when the loader already knows the exact place (syntax errors, encodings).
    located: bool = False
    # Extra places that belong to the same finding (the first copy of a duplicate key).
    related: list[tuple[int, int, str]] = dataclasses.field(default_factory=list)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.rule, self.message)

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

"""GitHub Actions workflow commands: one annotation per finding, at its exact place."""

from __future__ import annotations

from catwalk.engine import CheckResult
from catwalk.findings import Finding, Severity

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(f: Finding) -> str:
    props = {
        "file": f.file,
        "line": str(f.line),
        "col": str(f.column),
        "endLine": str(f.end_line),
        "endColumn": str(f.end_column),
        "title": f.rule,
    }
    rendered = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    message = f"{f.message} ({f.name})" if f.name else f.message
    return f"::{LEVELS[f.severity]} {rendered}::{escape_data(message)}"


def render(result: CheckResult, color: bool = False) -> str:
    return "".join(command(f) + "\n" for f in result.findings)

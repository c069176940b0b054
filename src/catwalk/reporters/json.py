"""The JSON report of `catwalk check`: `{"version": 1, "findings": [...], "summary": {...}}`.

`render` writes it for other tools to parse; `read` parses it back into a
`catwalk.api.Report` (the Action's report step reads what the check step wrote).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from catwalk.findings import Finding, Severity

if TYPE_CHECKING:
    from catwalk.api import Report
    from catwalk.engine import CheckResult

VERSION = 1


def document(result: CheckResult) -> dict[str, object]:
    s = result.summary
    return {
        "version": VERSION,
        "findings": [f.to_dict() for f in result.findings],
        "summary": {
            "files": s["files"],
            "providers": s["providers"],
            "models": s["models"],
            "rules": len(result.rules),
            "findings": {"error": s["errors"], "warning": s["warnings"], "info": s["infos"]},
            "baselined": s.get("baselined", 0),
        },
    }


def render(result: CheckResult, color: bool = False) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=False) + "\n"


class ReportError(ValueError):
    """The file is missing or not what `catwalk check --format json` writes."""


def _int(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ReportError(f"{where} must be an integer")
    return value


def _str(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ReportError(f"{where} must be a string")
    return value


def _finding(raw: object, index: int) -> Finding:
    where = f"findings[{index}]"
    if not isinstance(raw, dict):
        raise ReportError(f"{where} must be an object")
    try:
        severity = Severity.parse(_str(raw.get("severity"), f"{where}.severity"))
    except ValueError as exc:
        raise ReportError(f"{where}.severity: {exc}") from None
    return Finding(
        rule=_str(raw.get("rule"), f"{where}.rule"),
        name=_str(raw.get("name", ""), f"{where}.name"),
        message=_str(raw.get("message"), f"{where}.message"),
        file=_str(raw.get("file"), f"{where}.file"),
        pointer=_str(raw.get("pointer", ""), f"{where}.pointer"),
        severity=severity,
        line=_int(raw.get("line", 1), f"{where}.line"),
        column=_int(raw.get("column", 1), f"{where}.column"),
        end_line=_int(raw.get("end_line", raw.get("line", 1)), f"{where}.end_line"),
        end_column=_int(raw.get("end_column", raw.get("column", 1)), f"{where}.end_column"),
    )


def read(path: Path) -> Report:
    """The report at `path`; ReportError says what is wrong with it."""
    from catwalk.api import Report, Summary

    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReportError(f"cannot read {path}: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportError(f"{path} is not a JSON report: {exc}") from None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise ReportError(f"{path} is not a version {VERSION} catwalk JSON report")
    raw_findings = document.get("findings")
    summary = document.get("summary")
    if not isinstance(raw_findings, list) or not isinstance(summary, dict):
        raise ReportError(f"{path} has no findings list or no summary")
    findings = tuple(_finding(raw, i) for i, raw in enumerate(raw_findings))

    def count(severity: Severity) -> int:
        return sum(1 for f in findings if f.severity is severity)

    return Report(
        findings,
        Summary(
            files=_int(summary.get("files", 0), "summary.files"),
            providers=_int(summary.get("providers", 0), "summary.providers"),
            models=_int(summary.get("models", 0), "summary.models"),
            errors=count(Severity.ERROR),
            warnings=count(Severity.WARNING),
            infos=count(Severity.INFO),
            baselined=_int(summary.get("baselined", 0), "summary.baselined"),
            rules=_int(summary.get("rules", 0), "summary.rules"),
        ),
    )

"""`--statistics`: how many findings each rule has, most first (ruff's table), instead of
the findings themselves."""

from __future__ import annotations

import json
from collections import Counter

from catwalk.engine import CheckResult
from catwalk.findings import Finding
from catwalk.reporters.text import summary_line

STATISTICS_FORMATS = ("text", "json")


def rows(findings: list[Finding]) -> list[tuple[int, Finding]]:
    """(count, first finding) per rule, most frequent first, then by rule id."""
    counts = Counter(f.rule for f in findings)
    first: dict[str, Finding] = {}
    for f in findings:
        first.setdefault(f.rule, f)
    return sorted(((counts[rule], f) for rule, f in first.items()), key=lambda row: (-row[0], row[1].rule))


def render_text(result: CheckResult, color: bool = False) -> str:
    table = rows(result.findings)
    width = max((len(str(count)) for count, _ in table), default=1)
    lines = [f"{count:>{width}}\t{f.rule}\t{f.name}\t[{f.severity.label}]" for count, f in table]
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def render_json(result: CheckResult, color: bool = False) -> str:
    doc = [
        {"code": f.rule, "name": f.name, "severity": f.severity.label, "count": count}
        for count, f in rows(result.findings)
    ]
    return json.dumps(doc, indent=2) + "\n"

"""GitLab Code Quality: the JSON array a job publishes as `artifacts:reports:codequality`
(https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format), shown in
merge requests beside the changed lines.

GitLab tracks an issue across pipelines by its fingerprint, so the fingerprint names what
the finding is about (rule, file, model and field, or pointer), not its line: moving a
model keeps its issue, fixing it closes it.
"""

from __future__ import annotations

import hashlib
import json

from catwalk.engine import CheckResult
from catwalk.findings import Finding, Severity

# GitLab's scale is info, minor, major, critical, blocker; an error blocks the merge here.
SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _path(f: Finding) -> str:
    return f.file[2:] if f.file.startswith("./") else f.file


def _subject(f: Finding) -> str:
    return "\0".join([f.rule, _path(f), f.model or "", f.field or "", "" if f.model else f.pointer])


def issues(result: CheckResult) -> list[dict[str, object]]:
    seen: dict[str, int] = {}
    found: list[dict[str, object]] = []
    for f in result.findings:
        subject = _subject(f)
        # Two findings about the same thing (one rule, one field) still need two fingerprints.
        seen[subject] = seen.get(subject, 0) + 1
        digest = hashlib.sha256(f"{subject}\0{seen[subject]}".encode()).hexdigest()[:32]
        found.append(
            {
                "description": f"{f.rule} {f.message}",
                "check_name": f.rule,
                "fingerprint": digest,
                "severity": SEVERITY[f.severity],
                "location": {"path": _path(f), "lines": {"begin": f.line, "end": max(f.end_line, f.line)}},
            }
        )
    return found


def render(result: CheckResult, color: bool = False) -> str:
    return json.dumps(issues(result), indent=2, ensure_ascii=False) + "\n"

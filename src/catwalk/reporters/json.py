"""`{"version": 1, "findings": [...], "summary": {...}}` for other tools to parse."""

from __future__ import annotations

import json

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

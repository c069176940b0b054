"""Helpers for the deep checks: build provider documents in memory and run rules on them.
(Imported by the tests as `deep.helpers`; tests/ is on the python path.)"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from catwalk import engine
from catwalk.findings import Finding
from catwalk.loader import load_bytes
from catwalk.registry import builtin_rules, select_rules

DEEP = Path(__file__).resolve().parent
FIXTURE_REFERENCE = DEEP / "fixtures" / "reference"
RULES = builtin_rules()


def model(model_id: str, **fields: Any) -> dict[str, Any]:
    """A model with no cache prices and no capabilities unless given."""
    doc: dict[str, Any] = {
        "id": model_id,
        "name": model_id,
        "cost_per_1m_in": 1,
        "cost_per_1m_out": 2,
        "context_window": 128000,
        "default_max_tokens": 8192,
    }
    doc.update(fields)
    return doc


def provider(provider_id: str, *models: dict[str, Any], **fields: Any) -> dict[str, Any]:
    ids = [m["id"] for m in models]
    doc: dict[str, Any] = {
        "name": provider_id.title(),
        "id": provider_id,
        "type": "openai-compat",
        "api_key": f"${provider_id.upper().replace('-', '_')}_API_KEY",
        "api_endpoint": f"https://api.{provider_id}.example/v1",
        "default_large_model_id": ids[0] if ids else "",
        "default_small_model_id": ids[-1] if ids else "",
        "models": list(models),
    }
    doc.update(fields)
    return doc


def run_rules(
    documents: Iterable[dict[str, Any]],
    select: Iterable[str],
    settings: Mapping[str, Any] | None = None,
    calendar: str = "warn",
) -> list[Finding]:
    files = [
        load_bytes(json.dumps(doc, indent=2).encode(), Path(f"{doc['id']}.json"), f"{doc['id']}.json")
        for doc in documents
    ]
    rules = select_rules(RULES, list(select), [])
    result = engine.run(files, rules, settings=dict(settings or {}), calendar=calendar)
    crashed = [f for f in result.findings if "check crashed" in f.message]
    assert crashed == [], crashed[0].message
    return result.findings


def where(findings: Iterable[Finding], rule: str | None = None) -> set[tuple[str, str | None, str | None]]:
    """(rule, provider, model) of each finding, optionally of one rule."""
    return {(f.rule, f.provider, f.model) for f in findings if rule is None or f.rule == rule}

"""Catalogue disagreements for the drift report, for the facts a provider's API does not give.

Most model-listing APIs publish no prices (OpenAI, Anthropic, Gemini, Mistral, DeepSeek...),
so the nightly comparison with the live API cannot see a stale price. The cross-source
checks can (CW801-CW805: LiteLLM, genai-prices, OpenRouter, models.dev): their findings
join the report as drift items with `source: "catalogue"`, for each field the provider's
adapter does not read (`catwalk.homes.FIELD_FACTS`), after the baseline (what maintainers
accepted, with a reason).

A catalogue is a dated snapshot. One older than the provider file's last change
(`catwalk.history`) cannot contradict that change (the maintainer may have just fixed the
value from the provider's own page): it is left out of the item, and an item no fresh
catalogue supports is not drift at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from catwalk.document import ProviderFile
from catwalk.findings import Finding
from catwalk.homes import FIELD_FACTS
from catwalk.live.compare import Drift

SOURCE = "catalogue"


def catalogue_drift(
    files: Sequence[ProviderFile],
    knows: Mapping[str, frozenset[str]],
    *,
    settings: Mapping[str, Any] | None = None,
    baseline: Path | None = None,
    last_changed: Callable[[ProviderFile], str | None] | None = None,
) -> list[Drift]:
    """Drift items from the cross-source checks: `knows` is what each provider's adapter
    reads (a provider without an adapter reads nothing); `last_changed` dates a file."""
    from catwalk import engine
    from catwalk.registry import builtin_rules

    parsed = [pf for pf in files if pf.parsed and pf.provider_id]
    if not parsed:
        return []
    # The cross-source family's rules (CW801-CW805), whatever they are numbered.
    rules = [r for r in builtin_rules() if r.family is not None and r.family.name == "cross-source"]
    ids = {r.id for r in rules}
    result = engine.run(parsed, rules, settings=settings or {})
    findings = [f for f in result.findings if f.rule in ids and f.evidence]
    if baseline is not None and findings:
        from catwalk.baseline import unaccepted

        findings = unaccepted(findings, parsed, baseline)
    dated = last_changed or _file_date
    by_display = {pf.display: pf for pf in parsed}
    changed: dict[str, str | None] = {}
    items = []
    for finding in findings:
        pf = by_display.get(finding.file)
        provider = finding.provider
        if pf is None or provider is None or finding.model is None or finding.field is None:
            continue
        if FIELD_FACTS.get(finding.field) in knows.get(provider, frozenset()):
            continue
        if finding.file not in changed:
            changed[finding.file] = dated(pf)
        item = _item(finding, pf, changed[finding.file])
        if item is not None:
            items.append(item)
    return items


def _file_date(pf: ProviderFile) -> str | None:
    from catwalk.history import last_changed

    return last_changed(pf.path)


def _item(finding: Finding, pf: ProviderFile, changed: str | None) -> Drift | None:
    # Unknown last change: nothing can be called newer than it, so nothing is drift.
    fresh = [e for e in finding.evidence if changed is not None and str(e.get("date", "")) >= changed]
    if not fresh:
        return None
    ours = _value(pf, finding.pointer, finding.field)
    cited = "; ".join(_cite(e) for e in fresh)
    return Drift(
        provider=finding.provider or "",
        model=finding.model or "",
        field=finding.field,
        kind="changed",
        ours=ours,
        live={str(e["source"]): e.get("values") for e in fresh},
        severity="warning",
        message=f"{finding.field} {_show(ours)} disagrees with {cited} "
        f"(the provider's API gives no {_what(finding)})",
        source=SOURCE,
    )


def _value(pf: ProviderFile, pointer: str, field: str | None) -> Any:
    from catwalk import pointer as jp

    node: Any = pf.data
    for token in jp.split(pointer):
        if isinstance(node, dict):
            node = node.get(token)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    if isinstance(node, dict) and field is not None:
        return node.get(field, False if field in ("supports_attachments", "can_reason") else None)
    return node


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _cite(evidence: Mapping[str, Any]) -> str:
    entry = evidence.get("entry")
    whose = f", {entry}'s entry" if entry else ""
    values = evidence.get("values")
    shown = " or ".join(_show(v) for v in values) if isinstance(values, list) else _show(values)
    return f"{evidence.get('source')} ({evidence.get('date')}{whose}): {shown}"


def _what(finding: Finding) -> str:
    field = finding.field or ""
    if field.startswith("cost_"):
        return "prices"
    return {"context_window": "context window", "default_max_tokens": "output limit"}.get(field, field)

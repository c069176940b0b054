"""Calendar items for the drift report: models past, or near, the shutdown date a catalogue
gives them (CW901-CW903).

A date passing changes nothing in a file, so no contributor's commit and no CI run fails
for it (`catwalk check` keeps these findings at warning). The nightly job is where they
are acted on: each finding joins the report as a drift item with `source: "calendar"`,
so the provider's issue lists it beside the live drift, and a finding the baseline
accepted (the provider still serves the model, with the evidence) stays out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from catwalk.document import ProviderFile
from catwalk.live.compare import Drift

RULES = ("CW901", "CW902", "CW903")
SOURCE = "calendar"
# The rule says what the date means for the model; the item's field names it.
FIELD = {"CW901": "retired", "CW902": "default retired", "CW903": "retiring"}
_COUNTDOWN = re.compile(r" \((?:in \d+ days|tomorrow)\)")


def calendar_drift(
    files: Sequence[ProviderFile],
    *,
    settings: Mapping[str, Any] | None = None,
    baseline: Path | None = None,
) -> list[Drift]:
    """One item per lifecycle finding of `files`, after the baseline; CW901/CW902 are
    errors here (the nightly job's `--calendar fail`), CW903 a warning."""
    from catwalk import engine
    from catwalk.registry import builtin_rules, select_rules

    parsed = [pf for pf in files if pf.parsed and pf.provider_id]
    if not parsed:
        return []
    rules = select_rules(builtin_rules(), list(RULES), [])
    result = engine.run(parsed, rules, settings=settings or {}, calendar="fail")
    findings = [f for f in result.findings if f.rule in RULES]
    if baseline is not None and findings:
        from catwalk.baseline import unaccepted

        findings = unaccepted(findings, parsed, baseline)
    items = []
    for finding in findings:
        if finding.provider is None or finding.model is None:
            continue
        items.append(
            Drift(
                provider=finding.provider,
                model=finding.model,
                field=FIELD[finding.rule],
                kind="changed",
                ours=None,
                # When and who says so, without the countdown: "in 4 days" tomorrow is
                # "in 3 days", which must not count as a change of the item.
                live=_COUNTDOWN.sub("", finding.message),
                severity=finding.severity.label,
                message=f"{finding.rule} {finding.message}",
                source=SOURCE,
            )
        )
    return items

"""The check gate on sync's edited file: no edit may add an error `catwalk check` would
report. A model whose changes would add one is held back with the finding; a new error
elsewhere refuses the whole file; errors the file already had are not sync's to fix.
The edits themselves are `catwalk.live.edits`' (the policy); this module only judges them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from catwalk.document import ProviderFile
from catwalk.live.compare import Drift
from catwalk.live.drift import LiveView
from catwalk.live.edits import FilePlan, Held, Planner

Checker = Callable[[ProviderFile, str], list[Any]]


def make_checker(rules: Sequence[Any], severity: dict[str, Any], settings: dict[str, Any]) -> Checker:
    """checker(pf, text) -> the error findings `catwalk check` would report for text."""

    def check(pf: ProviderFile, text: str) -> list[Any]:
        from catwalk import engine
        from catwalk.findings import Severity
        from catwalk.loader import load_bytes

        candidate = load_bytes(text.encode("utf-8"), pf.path, pf.display)
        candidate.settings = settings
        result = engine.run([candidate], rules, severity_overrides=severity, settings=settings)
        return [f for f in result.findings if f.severity is Severity.ERROR]

    return check


def _describe(finding: Any) -> str:
    return f"{finding.rule} at line {finding.line}: {finding.message}"


def plan_provider(
    view: LiveView,
    drift: Sequence[Drift],
    *,
    allow_removals: bool = False,
    checker: Checker | None = None,
    max_rounds: int = 5,
    today: str | None = None,
    secrets: Sequence[str] = (),
) -> FilePlan:
    """The edits for one provider file. With a checker, the edits must not add an error
    `catwalk check` would report: the changes of a model that would add one are held back
    (with the finding), and a new error elsewhere refuses the whole file. Errors the file
    already had are not sync's to fix and do not block it (they are counted in `plan.notes`)."""
    pf = view.target.file
    existing: set[tuple[Any, ...]] = set()
    if checker is not None:
        existing = {_key(f) for f in checker(pf, pf.text or "")}
    blocked: dict[str, str] = {}
    for _ in range(max_rounds):
        kept = [d for d in drift if d.model not in blocked]
        planner = Planner(view, allow_removals=allow_removals, today=today, secrets=secrets)
        plan = planner.apply(kept)
        plan.preexisting_errors = len(existing)
        for item in drift:
            if item.model in blocked:
                plan.held.append(
                    Held(plan.provider, item.model, item.field, item.ours, item.live, blocked[item.model])
                )
        if checker is None or plan.refused or not plan.changed:
            return plan
        assert plan.new_text is not None
        errors = [f for f in checker(pf, plan.new_text) if _key(f) not in existing]
        if not errors:
            return plan
        touched = {c.model for c in plan.changes}
        if any(f.model not in touched for f in errors):
            plan.refused = (
                f"the result would fail catwalk check ({len(errors)} new error(s); first: "
                f"{_describe(errors[0])}); nothing written"
            )
            return plan
        for finding in errors:
            blocked.setdefault(
                finding.model, f"the result would fail catwalk check ({_describe(finding)}); needs review"
            )
    plan.refused = "could not find a set of changes that passes catwalk check; nothing written"
    return plan


def _key(finding: Any) -> tuple[Any, ...]:
    return (finding.rule, finding.model, finding.field, finding.message)

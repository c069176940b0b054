"""The drift report: its data, its JSON form (version 1) and readable text/Markdown.

JSON (consumed by `catwalk issues sync`; extra keys may be added, never removed):

    {"version": 1, "generated_at": "2026-08-22T03:00:00Z",
     "providers": [{"provider", "status": "ok"|"suspect"|"unknown"|"skipped", "reason", "source",
                    "models_seen", "adapter", "models_ours", "not_comparable"}],
     "drift": [{"provider", "model", "field", "kind": "changed"|"removed"|"added",
                "ours", "live", "severity", "message", "source": "live"|"catalogue"|"calendar"}],
     "summary": {"providers": {...}, "drift": {...}}}
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from catwalk.live.compare import Drift

VERSION = 1
SEVERITIES = ("error", "warning", "info")
STATUSES = ("ok", "suspect", "unknown", "skipped")
KINDS = ("changed", "removed", "added")
# GitHub refuses issue bodies over 65,536 characters; keep well below it.
MARKDOWN_ROWS_PER_PROVIDER = 150


@dataclass
class ProviderStatus:
    provider: str
    status: str  # "ok" | "suspect" | "unknown" | "skipped"
    reason: str | None = None
    source: str | None = None
    models_seen: int | None = None
    adapter: str | None = None
    models_ours: int = 0
    not_comparable: dict[str, str] = field(default_factory=dict)
    listing: bool = True  # False: no model-listing API exists for it (see Target.listing)

    def to_dict(self) -> dict[str, Any]:
        return {
            "provider": self.provider,
            "status": self.status,
            "reason": self.reason,
            "source": self.source,
            "models_seen": self.models_seen,
            "adapter": self.adapter,
            "models_ours": self.models_ours,
            "not_comparable": dict(self.not_comparable),
            "listing": self.listing,
        }


@dataclass
class Report:
    providers: list[ProviderStatus]
    drift: list[Drift]
    generated_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    def count_status(self) -> Counter[str]:
        return Counter(p.status for p in self.providers)

    def count_severity(self) -> Counter[str]:
        return Counter(d.severity for d in self.drift)

    def drift_for(self, provider: str) -> list[Drift]:
        return [d for d in self.drift if d.provider == provider]

    def exit_status(self, fail_level: str = "info") -> int:
        """1 if drift at or above fail_level; else 3 if a provider is unknown or suspect; else 0."""
        worst = SEVERITIES.index(fail_level)
        if any(SEVERITIES.index(d.severity) <= worst for d in self.drift):
            return 1
        if any(p.status in ("unknown", "suspect") for p in self.providers):
            return 3
        return 0

    def to_dict(self) -> dict[str, Any]:
        statuses = self.count_status()
        severities = self.count_severity()
        kinds = Counter(d.kind for d in self.drift)
        return {
            "version": VERSION,
            "generated_at": timestamp(self.generated_at),
            "providers": [p.to_dict() for p in self.providers],
            "drift": [d.to_dict() for d in self.drift],
            "summary": {
                "providers": {s: statuses.get(s, 0) for s in STATUSES},
                "drift": {
                    **{s: severities.get(s, 0) for s in SEVERITIES},
                    **{k: kinds.get(k, 0) for k in KINDS},
                },
            },
        }


def timestamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(report: Report) -> str:
    statuses = report.count_status()
    severities = report.count_severity()
    # "suspect" is named only when it happened, so the usual line stays as it was.
    shown = [s for s in STATUSES if s != "suspect" or statuses.get(s)]
    providers = ", ".join(f"{statuses.get(s, 0)} {s}" for s in shown)
    if report.drift:
        parts = ", ".join(f"{severities[s]} {s}" for s in SEVERITIES if severities.get(s))
        drift = f"{_plural(len(report.drift), 'drift item')} ({parts})"
    else:
        drift = "no drift"
    return f"{_plural(len(report.providers), 'provider')} ({providers}): {drift}"


def _value(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "(none)"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    if isinstance(value, float):
        return format(value, "g") if abs(value) < 1e15 else str(value)
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    return str(value)


def _provider_heading(status: ProviderStatus, drift: list[Drift]) -> str:
    if status.status == "ok":
        seen = f"{status.models_seen} live model{'' if status.models_seen == 1 else 's'}"
        count = f"{_plural(len(drift), 'drift item')}" if drift else "no drift"
        detail = f"{seen}, {status.models_ours} ours: {count}"
    else:
        detail = status.reason or ""
    return f"{status.provider}: {status.status}: {detail}"


# -- text ---------------------------------------------------------------------------------
def render_text(report: Report) -> str:
    lines: list[str] = []
    for status in report.providers:
        drift = report.drift_for(status.provider)
        lines.append(_provider_heading(status, drift))
        for item in drift:
            where = item.model if item.field is None else f"{item.model} {item.field}"
            by = "" if item.source == "live" else f", {item.source}"
            lines.append(f"  {where}: {item.message} [{item.severity}{by}]")
        if status.not_comparable:
            ids = ", ".join(sorted(status.not_comparable))
            lines.append(f"  not comparable (the API gives no fixed price or context): {ids}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


# -- json ---------------------------------------------------------------------------------
def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


# -- markdown -----------------------------------------------------------------------------
def _cell(value: Any) -> str:
    text = _value(value) if not isinstance(value, str) else value
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    return f"`{text.replace('`', '')}`"


def _markdown_provider(status: ProviderStatus, drift: list[Drift]) -> list[str]:
    lines = [f"### {status.provider}", ""]
    source = f" from {_code(status.source)}" if status.source else ""
    if status.status != "ok":
        lines += [f"**{status.status}**{source}: {_cell(status.reason or '')}", ""]
        return lines + _catalogue_rows(drift)
    lines += [
        f"{status.models_seen} live models{source}, {status.models_ours} in the database: "
        f"{_plural(len(drift), 'drift item') if drift else 'no drift'}.",
        "",
    ]
    changed = [d for d in drift if d.kind == "changed" and d.source == "live"]
    removed = [d for d in drift if d.kind == "removed"]
    added = [d for d in drift if d.kind == "added"]
    if changed:
        lines += ["| Model | Field | Ours | Live | Severity | What |", "|---|---|---|---|---|---|"]
        for item in changed[:MARKDOWN_ROWS_PER_PROVIDER]:
            lines.append(
                f"| {_code(item.model)} | {_code(item.field or '')} | {_cell(item.ours)} | "
                f"{_cell(item.live)} | {item.severity} | {_cell(item.message)} |"
            )
        if len(changed) > MARKDOWN_ROWS_PER_PROVIDER:
            lines.append(f"\n…and {len(changed) - MARKDOWN_ROWS_PER_PROVIDER} more (see the JSON report).")
        lines.append("")
    if removed:
        ids = ", ".join(_code(d.model) for d in removed)
        lines += [f"**Removed upstream** ({len(removed)}; in the database, not in the live list): {ids}", ""]
    if added:
        lines += [
            f"<details><summary>New upstream ({len(added)}; in the live list, not in the database)</summary>",
            "",
        ]
        for item in added[:MARKDOWN_ROWS_PER_PROVIDER]:
            facts = item.live if isinstance(item.live, dict) else {}
            shown = ", ".join(f"{k} {_value(v)}" for k, v in facts.items() if k != "name")
            lines.append(f"- {_code(item.model)}" + (f": {_cell(shown)}" if shown else ""))
        if len(added) > MARKDOWN_ROWS_PER_PROVIDER:
            lines.append(f"- …and {len(added) - MARKDOWN_ROWS_PER_PROVIDER} more (see the JSON report)")
        lines += ["", "</details>", ""]
    if status.not_comparable:
        ids = ", ".join(_code(i) for i in sorted(status.not_comparable))
        lines += [f"Not comparable (the API gives no fixed price or context): {ids}", ""]
    return lines + _catalogue_rows(drift)


# The heading of each source's table: what the API does not say, and who says it.
_OFFLINE_HEADINGS = {
    "catalogue": "The catalogues disagree** ({n}; facts the API does not give):",
    "calendar": "Shutdown dates** ({n}; past or within the notice period, from the catalogues):",
}


def _catalogue_rows(drift: list[Drift]) -> list[str]:
    """The items that do not come from the API (catalogues, calendar), a table per source."""
    lines: list[str] = []
    for source in dict.fromkeys(d.source for d in drift if d.source != "live"):
        rows = [d for d in drift if d.source == source]
        heading = _OFFLINE_HEADINGS.get(source, source + "** ({n}):").format(n=len(rows))
        lines += ["**" + heading, "", "| Model | Field | Ours | What | Severity |", "|---|---|---|---|---|"]
        for item in rows[:MARKDOWN_ROWS_PER_PROVIDER]:
            lines.append(
                f"| {_code(item.model)} | {_code(item.field or '')} | {_cell(item.ours)} | "
                f"{_cell(item.message)} | {item.severity} |"
            )
        if len(rows) > MARKDOWN_ROWS_PER_PROVIDER:
            lines.append(f"\n…and {len(rows) - MARKDOWN_ROWS_PER_PROVIDER} more (see the JSON report).")
        lines.append("")
    return lines


def render_markdown(report: Report) -> str:
    lines = [
        "## Live model-list drift",
        "",
        f"Generated {timestamp(report.generated_at)}: {summary_line(report)}.",
        "",
        "| Provider | Status | Live models | Drift | Note |",
        "|---|---|---|---|---|",
    ]
    for status in report.providers:
        drift = report.drift_for(status.provider)
        seen = "-" if status.models_seen is None else str(status.models_seen)
        count = str(len(drift)) if status.status == "ok" or drift else "-"
        note = "" if status.status == "ok" else _cell(status.reason or "")
        lines.append(f"| {_code(status.provider)} | {status.status} | {seen} | {count} | {note} |")
    lines.append("")
    for status in report.providers:
        drift = report.drift_for(status.provider)
        if status.status == "ok" and not drift and not status.not_comparable:
            continue
        if status.status == "skipped" and not drift:
            continue  # the table already says why
        lines += _markdown_provider(status, drift)
    return "\n".join(lines).rstrip("\n") + "\n"


RENDERERS = {"text": render_text, "json": render_json, "markdown": render_markdown}


def render(report: Report, fmt: str) -> str:
    return RENDERERS[fmt](report)


def providers_with(report: Report, statuses: Iterable[str]) -> list[str]:
    wanted = set(statuses)
    return [p.provider for p in report.providers if p.status in wanted]

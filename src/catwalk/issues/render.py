"""Issue titles, bodies and comments, and the Markdown summary of a drift report.

Everything that comes from a report (model ids, values, sources) is untrusted text from a
provider's API: it goes into code spans (no Markdown, no @mentions, no #references), with
pipes escaped for tables and anything resembling an HTML comment defused, so it can
neither break the table nor forge or close our marker.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from catwalk.issues.digest import item_key, item_value
from catwalk.issues.marker import DriftMarker, StateMarker, encode_drift, encode_state
from catwalk.live.report_reader import DriftItem, DriftReport, ProviderStatus

TITLE_PREFIX = "Drift: "
STATE_TITLE = "Drift sync state (catwalk)"
# GitHub rejects bodies over 65,536 characters; the table stops well before that.
TABLE_BUDGET = 30_000
MAX_TABLE_ROWS = 300
MAX_VALUE_CHARS = 120
MAX_COMMENT_LINES = 10
# GITHUB_STEP_SUMMARY takes at most 1 MiB per step.
SUMMARY_BUDGET = 900_000
NOTE_OPEN, NOTE_CLOSE = "<!-- catwalk-note -->", "<!-- /catwalk-note -->"
_NOTE = re.compile(re.escape(NOTE_OPEN) + r".*?" + re.escape(NOTE_CLOSE), re.DOTALL)
_KIND_ORDER = {"changed": 0, "removed": 1, "added": 2}


def issue_title(provider: str) -> str:
    return f"{TITLE_PREFIX}{provider}"


def _defuse(text: str) -> str:
    return text.replace("<!--", "<!- -").replace("-->", "- ->")


def code(text: str, limit: int = MAX_VALUE_CHARS) -> str:
    """`text` as an inline code span that is safe inside a Markdown table cell."""
    text = _defuse(" ".join(text.splitlines()))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    runs = [len(run) for run in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text else ""
    return f"{fence}{pad}{text}{pad}{fence}".replace("|", "\\|")


def value_text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return code(value) if value else code('""')
    return code(json.dumps(value, sort_keys=True, ensure_ascii=False))


def public_source(source: str | None) -> str | None:
    """A report's source without query string, fragment or user info (keys hide there)."""
    if not source:
        return None
    try:
        parts = urlsplit(source)
        if parts.scheme and parts.hostname:
            netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
            return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
    except ValueError:
        return None
    return source.split("?", 1)[0]


def sort_items(items: Iterable[DriftItem]) -> list[DriftItem]:
    return sorted(items, key=lambda i: (_KIND_ORDER.get(i.kind, 9), i.model, i.field or "", i.kind))


def drift_table(
    items: Sequence[DriftItem], *, max_rows: int = MAX_TABLE_ROWS, budget: int = TABLE_BUDGET
) -> str:
    lines = ["| Model | Field | Kind | Ours | Live | Severity |", "|---|---|---|---|---|---|"]
    size = sum(len(line) + 1 for line in lines)
    ordered = sort_items(items)
    shown = 0
    for item in ordered:
        row = (
            f"| {code(item.model)} | {code(item.field) if item.field else '—'} | {item.kind} "
            f"| {value_text(item.ours)} | {value_text(item.live)} | {code(item.severity, 20)} |"
        )
        if shown >= max_rows or size + len(row) + 1 > budget:
            break
        lines.append(row)
        size += len(row) + 1
        shown += 1
    text = "\n".join(lines)
    if shown < len(ordered):
        text += (
            f"\n\n_… and {len(ordered) - shown} more; the full list is in the drift report "
            "(the workflow run's `drift-report` artifact)._"
        )
    return text


def status_note(clean: int, close_after: int) -> str:
    if clean <= 0:
        return ""
    return (
        f"> [!NOTE]\n> The last {_runs(clean)} found no drift for this provider "
        f"({clean} of {close_after} clean runs needed to close this issue). "
        "The table shows the drift as last seen."
    )


SUSPECT_HEAD = "> [!WARNING]\n> Tonight's listing looked suspect"


def suspect_note(reason: str | None, generated_at: str | None) -> str:
    """Why the sync left the issue as it was: the listing is not trusted tonight."""
    when = f" ({_plain(generated_at)})" if generated_at else ""
    return (
        f"{SUSPECT_HEAD}{when}: {code(reason or 'no reason given', 400)}. The table below is "
        "the drift as last seen; the sync changes nothing until a run's listing is trusted again."
    )


def closed_note(clean: int) -> str:
    return f"> [!NOTE]\n> Closed: no drift for this provider in {clean} consecutive {_runs_word(clean)}."


def _runs_word(count: int) -> str:
    return "run" if count == 1 else "runs"


def _runs(count: int) -> str:
    return "run" if count == 1 else f"{count} runs"


def note_block(note: str) -> str:
    return f"{NOTE_OPEN}\n{note}\n{NOTE_CLOSE}" if note else f"{NOTE_OPEN}\n{NOTE_CLOSE}"


def set_status_note(body: str, note: str) -> str:
    """`body` with the status note region replaced (inserted first when it is missing)."""
    block = note_block(note)
    if _NOTE.search(body):
        return _NOTE.sub(lambda _: block, body, count=1)
    return f"{block}\n\n{body}"


def drift_body(
    provider: str,
    items: Sequence[DriftItem],
    marker: DriftMarker,
    *,
    status: ProviderStatus | None,
    generated_at: str | None,
    close_after: int,
    waived_by: Sequence[int] = (),
    pull: int | None = None,
) -> str:
    source = public_source(status.source if status else None)
    seen = status.models_seen if status else None
    where = []
    if source:
        where.append(f"source {code(source, 200)}")
    if seen is not None:
        where.append(f"{seen} models listed")
    where_text = f" ({', '.join(where)})" if where else ""
    parts = [
        note_block(status_note(marker.clean, close_after)),
        f"The nightly drift check found **{len(items)}** difference{'s' if len(items) != 1 else ''} "
        f"between the database entry for {code(provider)} and the provider's live API{where_text}.",
        drift_table(items),
    ]
    if pull is not None:
        parts.append(
            f"**The safe changes are in #{pull}** (`catwalk sync --write`, checked by `catwalk check`); "
            "what it leaves out (removals, large price moves, anything held back) needs a human here."
        )
    if waived_by:
        refs = ", ".join(f"#{number}" for number in sorted(waived_by))
        parts.append(f"Drift waived when {refs} was closed as not planned is not listed.")
    parts.append(
        "**To resolve**: update the provider file (`catwalk sync` shows the live data as a diff and "
        "`--write` applies it), or close this issue as **not planned** to waive exactly this "
        "drift. The issue closes itself after "
        f"{close_after} consecutive {'run' if close_after == 1 else 'runs'} without drift, and is "
        "kept up to date by `catwalk issues sync`; do not edit the marker at the end."
    )
    parts.append(
        f"<sub>Updated from the drift report generated at {_plain(generated_at or 'unknown time')}; "
        f"fingerprint {code(marker.fingerprint)}.</sub>"
    )
    parts.append(encode_drift(marker))
    return "\n\n".join(parts) + "\n"


def _plain(text: str) -> str:
    """Text from a report shown outside code spans: only the characters an id or a
    timestamp needs survive, so nothing can turn into Markdown, a mention or a link."""
    return re.sub(r"[^A-Za-z0-9._:+\-/ ]", "", text)[:80]


def changed_comment(old: DriftMarker, items: Sequence[DriftItem], generated_at: str | None) -> str:
    when = f" (report generated at {_plain(generated_at)})" if generated_at else ""
    if old.items is None:
        return (
            f"The drift changed{when}: {len(items)} difference{'s' if len(items) != 1 else ''} now. "
            "The table in the description is up to date."
        )
    new, changed = [], []
    current_keys = set()
    for item in sort_items(items):
        key = item_key(item)
        current_keys.add(key)
        if key not in old.items:
            new.append(item)
        elif old.items[key] != item_value(item):
            changed.append(item)
    resolved = len(set(old.items) - current_keys)
    counts = [f"{len(new)} new", f"{len(changed)} changed", f"{resolved} resolved"]
    lines = [f"The drift changed{when}: {', '.join(counts)}. The table in the description is up to date."]
    for label, group in (("new", new), ("changed", changed)):
        if group:
            lines.append("")
            lines.append(f"**{label.capitalize()}:**")
            lines.extend(_bullet(item) for item in group[:MAX_COMMENT_LINES])
            if len(group) > MAX_COMMENT_LINES:
                lines.append(f"- … and {len(group) - MAX_COMMENT_LINES} more")
    return "\n".join(lines)


def _bullet(item: DriftItem) -> str:
    field = f" {code(item.field)}" if item.field else ""
    return (
        f"- {code(item.model)}{field} {item.kind}: ours {value_text(item.ours)}, live {value_text(item.live)}"
    )


def close_comment(provider: str, clean: int, generated_at: str | None) -> str:
    when = f" (latest report generated at {_plain(generated_at)})" if generated_at else ""
    return (
        f"No drift for {code(provider)} in {clean} consecutive {'run' if clean == 1 else 'runs'}{when}: "
        "closing as completed. If the drift comes back, this issue is reopened."
    )


def reopen_comment(provider: str, count: int) -> str:
    return (
        f"Drift for {code(provider)} is back ({count} difference{'s' if count != 1 else ''}): reopening. "
        "The table in the description shows the current drift. To stop tracking it, close this issue "
        "as **not planned**: the sync never reopens an issue for drift a human closed as not planned."
    )


def duplicate_comment(kept: int) -> str:
    return (
        f"Duplicate of #{kept}: `catwalk issues sync` keeps one issue per provider (the oldest) "
        "and closes the others."
    )


def state_body(marker: StateMarker, open_after: int) -> str:
    rows = [f"| {code(p)} | {n} of {open_after} |" for p, n in sorted(marker.pending.items())]
    table = (
        "\n".join(["| Provider | Runs with drift so far |", "|---|---|", *rows])
        if rows
        else "_Nothing pending._"
    )
    return (
        "This issue stores state for `catwalk issues sync`: providers whose drift has been seen on "
        f"consecutive runs but not yet on the {open_after} needed to open an issue (`--open-after`). "
        "It stays closed; do not edit the marker at the end.\n\n"
        f"{table}\n\n{encode_state(marker)}\n"
    )


def report_summary(report: DriftReport, *, max_rows: int = 50, budget: int = SUMMARY_BUDGET) -> str:
    """The whole report as Markdown for `$GITHUB_STEP_SUMMARY` (kept under 1 MiB)."""
    providers = sorted(report.provider_ids())
    counts = {p: len(report.items_for(p)) for p in providers}
    lines = [f"## Provider drift ({_plain(report.generated_at or 'unknown time')})", ""]
    totals = {
        s: sum(1 for p in providers if (report.status_of(p) or ProviderStatus(p, "unknown")).status == s)
        for s in ("ok", "suspect", "unknown", "skipped")
    }
    drifting = sum(1 for p in providers if counts[p])
    lines.append(
        f"{len(providers)} provider{'' if len(providers) == 1 else 's'}: "
        f"{totals['ok']} checked ({drifting} with drift), "
        f"{totals['unknown']} unknown, {totals['skipped']} skipped; "
        f"{sum(counts.values())} differences in all."
    )
    lines += ["", "| Provider | Status | Models listed | Drift | Reason |", "|---|---|---|---|---|"]
    for p in providers:
        status = report.status_of(p) or ProviderStatus(p, "unknown", "not in the report's provider list")
        seen = "" if status.models_seen is None else str(status.models_seen)
        reason = code(status.reason, 160) if status.reason else ""
        lines.append(f"| {code(p)} | {status.status} | {seen} | {counts[p]} | {reason} |")
    text = "\n".join(lines) + "\n"
    for p in providers:
        items = report.items_for(p)
        if not items:
            continue
        section = f"\n### {code(p)} ({len(items)})\n\n{drift_table(items, max_rows=max_rows)}\n"
        if len(text) + len(section) > budget:
            text += "\n_The remaining providers are left out to stay under the job-summary size limit._\n"
            break
        text += section
    return text

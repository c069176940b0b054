"""Accepted findings, each with a reason (`catwalk check --baseline FILE`).

    {"version": 1, "entries": [
      {"rule": "CW601", "file": "providers/venice.json", "model": "qwen3-5-397b-a17b",
       "pointer": "/models/12/cost_per_1m_in_cached", "field": "cost_per_1m_in_cached",
       "reason": "Venice bills cache writes above input; checked on its pricing page 2026-11-20"}]}

An entry matches a finding of the same rule in the same file about the same model and
field; entries without a model match by pointer. Matching by model id rather than array
index keeps entries valid when models are added or reordered. Entries that no longer match
anything are reported (CW009), so the file cannot silently rot.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from catwalk.errors import UsageError
from catwalk.findings import Finding

if TYPE_CHECKING:
    from catwalk.document import ProviderFile
    from catwalk.engine import CheckResult
    from catwalk.rules import Rule

VERSION = 1
STALE_RULE = "CW009"
MISPLACED_RULE = "CW011"


class Entry(NamedTuple):
    rule: str
    file: str
    pointer: str
    model: str | None
    field: str | None
    reason: str
    position: int

    def key(self) -> tuple[str, str, str | None, str | None, str]:
        if self.model is not None:
            return (self.rule, self.file, self.model, self.field, "")
        return (self.rule, self.file, None, None, self.pointer)


@functools.lru_cache(maxsize=8192)
def relative_file(display: str, base: Path) -> str:
    """Finding paths are relative to the working directory; entries to the baseline's."""
    try:
        return Path(os.path.relpath(Path(display).resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(display).as_posix()


def finding_key(f: Finding, base: Path) -> tuple[str, str, str | None, str | None, str]:
    file = relative_file(f.file, base)
    if f.model is not None:
        return (f.rule, file, f.model, f.field, "")
    return (f.rule, file, None, None, f.pointer)


def load(path: Path) -> tuple[list[Entry], str]:
    try:
        text = path.read_text("utf-8")
        document = json.loads(text)
    except OSError as exc:
        raise UsageError(f"cannot read baseline {path}: {exc.strerror}") from None
    except ValueError as exc:
        raise UsageError(f"baseline {path} is not valid JSON: {exc}") from None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise UsageError(f'baseline {path}: expected an object with "version": {VERSION}')
    raw = document.get("entries")
    if not isinstance(raw, list):
        raise UsageError(f"baseline {path}: `entries` must be a list")
    entries = []
    for index, item in enumerate(raw):
        where = f"baseline {path}: entry {index}"
        if not isinstance(item, dict):
            raise UsageError(f"{where} must be an object")
        rule, file, reason = item.get("rule"), item.get("file"), item.get("reason")
        if not isinstance(rule, str) or not isinstance(file, str):
            raise UsageError(f"{where} needs `rule` and `file` strings")
        if not isinstance(reason, str) or not reason.strip():
            raise UsageError(f"{where} ({rule} in {file}) has no reason; every accepted finding needs one")
        pointer = item.get("pointer", "")
        model, field = item.get("model"), item.get("field")
        if not isinstance(pointer, str) or not all(v is None or isinstance(v, str) for v in (model, field)):
            raise UsageError(f"{where}: `pointer`, `model` and `field` must be strings")
        entries.append(Entry(rule, file, pointer, model, field, reason.strip(), index))
    return entries, text


def apply(
    findings: list[Finding], entries: list[Entry], path: Path, text: str, checked: Iterable[str]
) -> tuple[list[Finding], int]:
    """Drop accepted findings; add a CW009 finding for every entry about a checked file that
    matched nothing (entries about files outside this run are neither used nor stale).
    Returns the new list and how many findings the baseline suppressed."""
    in_run = {relative_file(display, path.parent) for display in checked}
    entries = [e for e in entries if e.file in in_run]
    by_key: dict[tuple[str, str, str | None, str | None, str], Entry] = {e.key(): e for e in entries}
    used: set[int] = set()
    kept = []
    for f in findings:
        entry = by_key.get(finding_key(f, path.parent))
        if entry is None:
            kept.append(f)
        else:
            used.add(entry.position)
    stale = [e for e in entries if e.position not in used]
    if stale:
        kept.extend(_stale_findings(stale, path, text))
    return kept, len(findings) - (len(kept) - len(stale))


def _stale_findings(stale: list[Entry], path: Path, text: str) -> list[Finding]:
    from catwalk import pointer as jp
    from catwalk.findings import Severity
    from catwalk.loader import display_path
    from catwalk.sourcemap import SourceMap

    smap = SourceMap(text)
    pointers = [jp.join("entries", e.position) for e in stale]
    spans = smap.locate(pointers)
    places = smap.line_col(o for s in spans.values() for o in (s.start, s.end))
    out = []
    for entry, ptr in zip(stale, pointers, strict=True):
        span = spans[ptr]
        (line, column), (end_line, end_column) = places[span.start], places[span.end]
        what = f"model {entry.model!r}" if entry.model else f"pointer {entry.pointer!r}"
        out.append(
            Finding(
                rule=STALE_RULE,
                name="stale-baseline-entry",
                message=(
                    f"baseline entry for {entry.rule} in {entry.file} ({what}) "
                    "no longer matches a finding; delete it"
                ),
                file=display_path(path),
                pointer=ptr,
                severity=Severity.WARNING,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                located=True,
            )
        )
    return out


def render(findings: list[Finding], previous: list[Entry], reason: str | None, path: Path) -> str:
    """A baseline accepting `findings`: earlier entries keep their reasons, new ones get
    `reason` (required when there are new ones)."""
    reasons = {e.key(): e.reason for e in previous}
    entries: list[dict[str, Any]] = []
    seen = set()
    for f in findings:
        key = finding_key(f, path.parent)
        if key in seen or f.rule == STALE_RULE:
            continue
        seen.add(key)
        if key not in reasons and not (reason and reason.strip()):
            raise UsageError(
                f"new baseline entry for {f.rule} in {f.file} needs a reason: pass --reason TEXT"
            )
        entry: dict[str, Any] = {"rule": f.rule, "file": key[1], "pointer": f.pointer}
        if f.model is not None:
            entry["model"] = f.model
            entry["field"] = f.field
        entry["reason"] = reasons.get(key) or (reason or "").strip()
        entries.append(entry)
    return json.dumps({"version": VERSION, "entries": entries}, indent=2, ensure_ascii=False) + "\n"


def accept(result: CheckResult, path: Path, rules: Sequence[Rule]) -> None:
    """Apply the baseline at `path` to a check run's result, in place: accepted findings go,
    stale entries become CW009 findings, the summary counts what was accepted."""
    from catwalk import engine

    if not path.is_file():
        raise UsageError(f"baseline {path} does not exist (create it with --write-baseline --reason TEXT)")
    entries, text = load(path)
    always = {r.id for r in rules if r.always}
    active = {r.id for r in rules} - always
    # Entries of rules that did not run this time (deselected) are neither used nor stale;
    # reading errors cannot be accepted, so entries for them are stale.
    entries = [e for e in entries if e.rule in active or e.rule in always]
    unreadable = [f for f in result.findings if f.rule in always]
    findings, accepted = apply(
        [f for f in result.findings if f.rule not in always], entries, path, text,
        (pf.display for pf in result.files),
    )  # fmt: skip
    findings = sorted([*unreadable, *findings], key=Finding.sort_key)
    if STALE_RULE not in active:
        findings = [f for f in findings if f.rule != STALE_RULE]
    result.findings = findings
    result.summary = engine.summarize(result.files, findings)
    result.summary["baselined"] = accepted


def warn_if_inside(result: CheckResult, path: Path, targets: Iterable[Path], rules: Sequence[Rule]) -> None:
    """A CW011 finding when the baseline sits in a data directory being checked, where any
    tool that globs `providers/*.json` (Go's filepath.Glob matches dot-files) reads it as
    a provider. It is still applied: moving it is the user's call."""
    from catwalk import engine
    from catwalk.loader import display_path

    if MISPLACED_RULE not in {r.id for r in rules}:
        return
    home = path.resolve().parent
    if not any(t.is_dir() and t.resolve() == home for t in targets):
        return
    shown = display_path(path)
    result.findings.append(
        Finding(
            rule=MISPLACED_RULE,
            name="baseline-in-data-dir",
            message=(
                f"the baseline {shown} is inside the data directory, where tools that glob *.json "
                "read it as a provider; move it out (e.g. to baseline/providers.json, with each "
                "entry's `file` relative to its new place) and name it in [tool.catwalk] `baseline`"
            ),
            file=shown,
            line=1,
            column=1,
            end_line=1,
            end_column=2,
            located=True,
            severity=next(r.severity for r in rules if r.id == MISPLACED_RULE),
        )
    )
    result.findings.sort(key=Finding.sort_key)
    baselined = result.summary.get("baselined", 0)
    result.summary = engine.summarize(result.files, result.findings)
    result.summary["baselined"] = baselined


def unaccepted(findings: list[Finding], files: Iterable[ProviderFile], path: Path) -> list[Finding]:
    """The findings the baseline at `path` does not accept (its stale-entry findings left
    out): what the drift report's catalogue and calendar items start from."""
    entries, text = load(path)
    kept, _ = apply(findings, entries, path, text, (pf.display for pf in files))
    return [f for f in kept if f.rule != STALE_RULE]

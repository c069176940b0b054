"""The issue state machine: (drift report, our existing issues, config) -> operations.

Pure: no I/O, no clock. Per provider, with `current` = the report's drift for it minus
anything a human waived by closing an issue as not planned:

- status `unknown` or `skipped`, or not in the report: its issue is left untouched and
  its counters neither advance nor reset (except a provider skipped because it has no
  model-listing API at all: its catalogue and calendar items are all it will ever have);
- open issue, same drift as its marker: nothing (zero writes);
- open issue, changed drift: rewrite the body and comment what changed;
- open issue, no drift: count a clean run in the marker; after `close_after` consecutive
  clean runs close it (completed) with a comment;
- no open issue, drift: after `open_after` consecutive runs with drift, reopen the most
  recent issue closed as completed (with a comment), or else create one;
- several open issues: keep the oldest, close the others as duplicates.

Humans win: drift in an issue closed as not planned is waived (never reported again while
its values stay the same); an issue the sync closed and a human reopened is not closed
again until new drift has been seen in it.

Runs with drift before an issue opens (`open_after` > 1) are counted in one bookkeeping
issue that stays closed (see `state_action`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from catwalk.issues import render
from catwalk.issues.digest import fingerprint, item_key, item_map, item_value
from catwalk.issues.marker import (
    DriftMarker,
    StateMarker,
    parse_drift,
    parse_state,
    replace_drift_marker,
)
from catwalk.live.report_reader import DriftItem, DriftReport

# Above this many items the marker keeps only the fingerprint (bodies are capped at 64 KiB).
MAX_STORED_ITEMS = 1000
LABEL_COLOR = "d93f0b"
LABEL_DESCRIPTION = "Provider data differs from the provider's live API (catwalk drift)"


@dataclass(frozen=True)
class Config:
    label: str = "drift"
    open_after: int = 1
    close_after: int = 2
    min_severity: str = "info"
    # provider -> its open drift pull request (`catwalk issues pulls`), linked from the issue.
    pulls: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.open_after < 1 or self.close_after < 1:
            raise ValueError("open_after and close_after must be at least 1")


@dataclass(frozen=True)
class Issue:
    """An issue as the list endpoint returns it (pull requests already removed)."""

    number: int
    title: str
    state: str  # "open" | "closed"
    state_reason: str | None = None
    body: str = ""


@dataclass(frozen=True)
class CreateLabel:
    name: str
    color: str = LABEL_COLOR
    description: str = LABEL_DESCRIPTION


@dataclass(frozen=True)
class CreateIssue:
    title: str
    body: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class EditIssue:
    # None: the issue created earlier in the same action.
    number: int | None
    body: str | None = None
    state: str | None = None
    state_reason: str | None = None


@dataclass(frozen=True)
class Comment:
    number: int
    body: str


Write = CreateLabel | CreateIssue | EditIssue | Comment


@dataclass(frozen=True)
class Action:
    """Writes that belong together; the write cap never splits an action."""

    kind: str  # label | open | reopen | update | count-clean | close | close-duplicate | state
    provider: str | None
    number: int | None
    summary: str
    writes: tuple[Write, ...]


@dataclass(frozen=True)
class Note:
    """A decision that needs no write (shown in the output)."""

    provider: str
    number: int | None
    text: str


@dataclass(frozen=True)
class Plan:
    actions: tuple[Action, ...]
    notes: tuple[Note, ...]
    pending: dict[str, int] = field(default_factory=dict)
    previous_pending: dict[str, int] = field(default_factory=dict)
    state_issue: Issue | None = None

    @property
    def write_count(self) -> int:
        return sum(len(action.writes) for action in self.actions)

    @property
    def needs_label(self) -> bool:
        return any(isinstance(w, CreateIssue) for action in self.actions for w in action.writes)


@dataclass(frozen=True)
class _Tracked:
    issue: Issue
    marker: DriftMarker


def make_marker(provider: str, items: Sequence[DriftItem], clean: int = 0) -> DriftMarker:
    stored = item_map(items) if len(items) <= MAX_STORED_ITEMS else None
    return DriftMarker(provider, fingerprint(items), stored, clean)


def label_action(config: Config) -> Action:
    return Action("label", None, None, f"create label {config.label!r}", (CreateLabel(config.label),))


def classify(issues: Iterable[Issue]) -> tuple[dict[str, list[_Tracked]], Issue | None, StateMarker | None]:
    """Our drift issues by provider (ascending number) and the oldest bookkeeping issue."""
    by_provider: dict[str, list[_Tracked]] = {}
    states: list[tuple[Issue, StateMarker]] = []
    for issue in sorted(issues, key=lambda i: i.number):
        marker = parse_drift(issue.body)
        if marker is not None:
            by_provider.setdefault(marker.provider, []).append(_Tracked(issue, marker))
            continue
        state = parse_state(issue.body)
        if state is not None:
            states.append((issue, state))
    if not states:
        return by_provider, None, None
    return by_provider, states[0][0], states[0][1]


def plan(report: DriftReport, issues: Iterable[Issue], config: Config) -> Plan:
    tracked, state_issue, state = classify(issues)
    previous = dict(state.pending) if state else {}
    pending = dict(previous)
    actions: list[Action] = []
    notes: list[Note] = []
    providers = sorted(report.provider_ids() | set(tracked))
    # Duplicates first: whatever happens next happens to the one issue that is kept.
    for provider in providers:
        actions.extend(_close_duplicates(provider, tracked.get(provider, [])))
    for provider in providers:
        step = _ProviderStep(provider, report, tracked.get(provider, []), pending, config)
        step.run()
        actions.extend(step.actions)
        notes.extend(step.notes)
    result = Plan(tuple(actions), tuple(notes), pending, previous, state_issue)
    extra = state_action(state_issue, previous, pending, config)
    if extra is not None:
        result = Plan((*result.actions, extra), result.notes, pending, previous, state_issue)
    return result


def state_action(
    state_issue: Issue | None, previous: Mapping[str, int], pending: Mapping[str, int], config: Config
) -> Action | None:
    """Write the pending counters when they changed (creating the closed bookkeeping
    issue on first use); None when nothing changed."""
    if dict(previous) == dict(pending):
        return None
    body = render.state_body(StateMarker(dict(sorted(pending.items()))), config.open_after)
    summary = f"record runs with drift before opening: {_pending_text(pending)}"
    if state_issue is not None:
        return Action("state", None, state_issue.number, summary, (EditIssue(state_issue.number, body=body),))
    if not pending:
        return None
    return Action(
        "state",
        None,
        None,
        summary,
        (
            CreateIssue(render.STATE_TITLE, body, (config.label,)),
            EditIssue(None, state="closed", state_reason="not_planned"),
        ),
    )


def _differences(count: int) -> str:
    return f"{count} difference" + ("" if count == 1 else "s")


def _pending_text(pending: Mapping[str, int]) -> str:
    return ", ".join(f"{p}={n}" for p, n in sorted(pending.items())) or "none"


def _close_duplicates(provider: str, tracked: Sequence[_Tracked]) -> list[Action]:
    open_ones = [t for t in tracked if t.issue.state == "open"]
    if len(open_ones) < 2:
        return []
    kept = open_ones[0].issue.number
    actions = []
    for dup in open_ones[1:]:
        if dup.marker.closed:
            continue  # the sync closed it once and a human reopened it: humans win
        marker = replace(dup.marker, duplicate_of=kept, closed=True)
        actions.append(
            Action(
                "close-duplicate",
                provider,
                dup.issue.number,
                f"close #{dup.issue.number} as a duplicate of #{kept}",
                (
                    EditIssue(
                        dup.issue.number,
                        body=replace_drift_marker(dup.issue.body, marker),
                        state="closed",
                        state_reason="duplicate",
                    ),
                    Comment(dup.issue.number, render.duplicate_comment(kept)),
                ),
            )
        )
    return actions


class _ProviderStep:
    def __init__(
        self,
        provider: str,
        report: DriftReport,
        tracked: Sequence[_Tracked],
        pending: dict[str, int],
        config: Config,
    ) -> None:
        self.provider = provider
        self.report = report
        self.config = config
        self.pending = pending
        self.status = report.status_of(provider)
        open_ones = [t for t in tracked if t.issue.state == "open"]
        self.kept = open_ones[0] if open_ones else None
        closed = [t for t in tracked if t.issue.state != "open"]
        self.waivers = [
            t for t in closed if t.issue.state_reason == "not_planned" and t.marker.duplicate_of is None
        ]
        reopenable = [
            t
            for t in closed
            if t.issue.state_reason not in ("not_planned", "duplicate") and t.marker.duplicate_of is None
        ]
        self.reopenable = reopenable[-1] if reopenable else None
        self.actions: list[Action] = []
        self.notes: list[Note] = []

    def note(self, text: str, number: int | None = None) -> None:
        self.notes.append(Note(self.provider, number, text))

    def run(self) -> None:
        kept_number = self.kept.issue.number if self.kept else None
        if self.status is not None and self.status.status == "suspect":
            self._suspect()
            return
        if self.status is None or not self.status.checked:
            why = "not in this report" if self.status is None else self.status.status
            if self.status is not None and self.status.reason:
                why += f" ({self.status.reason})"
            self.note(f"{why}: left untouched", kept_number)
            return
        current, waived_by = self._unwaived(self.report.items_for(self.provider, self.config.min_severity))
        if self.kept is not None:
            self.pending.pop(self.provider, None)
            if current:
                self._update(self.kept, current, waived_by)
            elif self.kept.marker.closed:
                self.note(
                    "no drift; a human reopened this issue after the sync closed it: left open", kept_number
                )
            else:
                self._count_clean(self.kept)
            return
        if not current:
            self.pending.pop(self.provider, None)
            if waived_by:
                self.note(f"drift waived by {', '.join(f'#{n}' for n in waived_by)} (closed as not planned)")
            return
        runs = self.pending.get(self.provider, 0) + 1
        if runs < self.config.open_after:
            self.pending[self.provider] = runs
            self.note(f"drift seen on {runs} of {self.config.open_after} runs needed to open an issue")
            return
        self.pending.pop(self.provider, None)
        if self.reopenable is not None:
            self._reopen(self.reopenable, current, waived_by)
        else:
            self._open(current, waived_by)

    def _suspect(self) -> None:
        """A listing the rails do not trust: the issue, if any, keeps its drift and says why."""
        assert self.status is not None
        if self.kept is None:
            self.note(f"suspect ({self.status.reason}): no issue to tell")
            return
        number = self.kept.issue.number
        body = render.set_status_note(
            self.kept.issue.body, render.suspect_note(self.status.reason, self.report.generated_at)
        )
        if body == self.kept.issue.body:
            self.note("suspect, and the issue already says so: nothing to do", number)
            return
        self.actions.append(
            Action(
                "update",
                self.provider,
                number,
                f"suspect listing: noted on #{number}",
                (EditIssue(number, body=body),),
            )
        )

    def _unwaived(self, items: list[DriftItem]) -> tuple[list[DriftItem], list[int]]:
        """The items no not-planned close covers, and the issues that covered any."""
        whole = fingerprint(items)
        used: set[int] = set()
        current = []
        for item in items:
            key, value = item_key(item), item_value(item)
            waiver = next(
                (
                    w
                    for w in self.waivers
                    if (w.marker.items is not None and w.marker.items.get(key) == value)
                    or (w.marker.items is None and w.marker.fingerprint == whole)
                ),
                None,
            )
            if waiver is None:
                current.append(item)
            else:
                used.add(waiver.issue.number)
        return current, sorted(used)

    def _body(self, items: Sequence[DriftItem], marker: DriftMarker, waived_by: Sequence[int]) -> str:
        return render.drift_body(
            self.provider,
            items,
            marker,
            status=self.status,
            generated_at=self.report.generated_at,
            close_after=self.config.close_after,
            waived_by=waived_by,
            pull=self.config.pulls.get(self.provider),
        )

    def _update(self, kept: _Tracked, current: list[DriftItem], waived_by: list[int]) -> None:
        number = kept.issue.number
        marker = make_marker(self.provider, current)
        if (
            kept.marker.fingerprint == marker.fingerprint
            and kept.marker.clean == 0
            and not kept.marker.closed
            and render.SUSPECT_HEAD not in kept.issue.body  # a suspect night's note goes
        ):
            self.note("same drift: nothing to do", number)
            return
        body = self._body(current, marker, waived_by)
        if kept.marker.fingerprint == marker.fingerprint:
            self.actions.append(
                Action(
                    "update",
                    self.provider,
                    number,
                    f"drift on #{number} (reopened by a human): tracking it again"
                    if kept.marker.closed
                    else f"drift seen again on #{number}: reset the clean-run count",
                    (EditIssue(number, body=body),),
                )
            )
            return
        comment = render.changed_comment(kept.marker, current, self.report.generated_at)
        self.actions.append(
            Action(
                "update",
                self.provider,
                number,
                f"update #{number}: drift changed ({_differences(len(current))})",
                (EditIssue(number, body=body), Comment(number, comment)),
            )
        )

    def _count_clean(self, kept: _Tracked) -> None:
        number = kept.issue.number
        clean = kept.marker.clean + 1
        body = replace_drift_marker(kept.issue.body, kept.marker.with_clean(clean))
        if clean >= self.config.close_after:
            closed = replace(kept.marker, clean=clean, closed=True)
            body = replace_drift_marker(kept.issue.body, closed)
            body = render.set_status_note(body, render.closed_note(clean))
            self.actions.append(
                Action(
                    "close",
                    self.provider,
                    number,
                    f"close #{number}: no drift in {clean} consecutive runs",
                    (
                        EditIssue(number, body=body, state="closed", state_reason="completed"),
                        Comment(number, render.close_comment(self.provider, clean, self.report.generated_at)),
                    ),
                )
            )
            return
        body = render.set_status_note(body, render.status_note(clean, self.config.close_after))
        self.actions.append(
            Action(
                "count-clean",
                self.provider,
                number,
                f"no drift: clean run {clean} of {self.config.close_after} on #{number}",
                (EditIssue(number, body=body),),
            )
        )

    def _reopen(self, old: _Tracked, current: list[DriftItem], waived_by: list[int]) -> None:
        number = old.issue.number
        body = self._body(current, make_marker(self.provider, current), waived_by)
        self.actions.append(
            Action(
                "reopen",
                self.provider,
                number,
                f"reopen #{number}: drift is back ({_differences(len(current))})",
                (
                    EditIssue(number, body=body, state="open", state_reason="reopened"),
                    Comment(number, render.reopen_comment(self.provider, len(current))),
                ),
            )
        )

    def _open(self, current: list[DriftItem], waived_by: list[int]) -> None:
        title = render.issue_title(self.provider)
        body = self._body(current, make_marker(self.provider, current), waived_by)
        self.actions.append(
            Action(
                "open",
                self.provider,
                None,
                f"open issue {title!r} ({_differences(len(current))})",
                (CreateIssue(title, body, (self.config.label,)),),
            )
        )

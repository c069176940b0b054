"""Tie the pieces together: read our issues, plan, then apply the plan one write at a time.

Writes are grouped in actions (e.g. edit + comment); `max_writes` never splits an action
and, once one action does not fit, every later one waits for the next run, so the order
of the plan (duplicates, providers, bookkeeping) is kept. A POST whose outcome is unknown
is checked against GitHub before it is retried, so a flaky connection cannot create a
duplicate issue or comment.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from catwalk.issues import planner
from catwalk.issues.client import AmbiguousWrite, GitHubClient, GitHubError, Rejected, TransientError
from catwalk.issues.marker import parse_drift, parse_state
from catwalk.issues.planner import Action, Comment, Config, CreateIssue, CreateLabel, EditIssue, Issue, Plan
from catwalk.live.report_reader import DriftReport

# Environment variables whose values are secrets (provider keys, tokens): redacted from
# every issue body, comment and output line even if a provider's API echoed one back.
SECRET_NAME = re.compile(r"(?:^|_)(?:API_KEY|KEY|TOKEN|SECRET|SECRET_KEY|PASSWORD|PAT)$")
MIN_SECRET_LENGTH = 8
CREATE_ATTEMPTS = 3

Echo = Callable[[str], None]


def secret_values(environ: Mapping[str, str]) -> list[str]:
    return sorted(
        {v for k, v in environ.items() if SECRET_NAME.search(k.upper()) and len(v) >= MIN_SECRET_LENGTH},
        key=len,
        reverse=True,  # longest first, so a secret containing another is replaced whole
    )


@dataclass
class Outcome:
    plan: Plan
    done: list[Action] = field(default_factory=list)
    deferred: list[Action] = field(default_factory=list)
    error: GitHubError | None = None

    @property
    def exit_code(self) -> int:
        if self.error is not None:
            return self.error.exit_code
        return 1 if self.deferred else 0


def to_issue(item: Mapping[str, Any]) -> Issue | None:
    number, title, state = item.get("number"), item.get("title"), item.get("state")
    if not isinstance(number, int) or not isinstance(title, str) or state not in ("open", "closed"):
        return None
    reason = item.get("state_reason")
    body = item.get("body")
    return Issue(
        number=number,
        title=title,
        state=str(state),
        state_reason=reason if isinstance(reason, str) else None,
        body=body if isinstance(body, str) else "",
    )


def run_sync(
    report: DriftReport,
    client: GitHubClient,
    config: Config,
    *,
    dry_run: bool = False,
    max_writes: int = 50,
    echo: Echo = print,
    verbose: bool = False,
) -> Outcome:
    def say(text: str) -> None:
        echo(client.redact(text))

    issues = [i for i in (to_issue(item) for item in client.list_issues(config.label)) if i is not None]
    plan = planner.plan(report, issues, config)
    actions = list(plan.actions)
    if plan.needs_label and not client.label_exists(config.label):
        actions.insert(0, planner.label_action(config))
    ours = sum(1 for i in issues if parse_drift(i.body) is not None)
    say(f"{client.repo}: {ours} drift issue(s) labelled {config.label!r}; {len(actions)} action(s) planned")
    for note in plan.notes:
        say(f"  {note.provider}: {note.text}" + (f" (#{note.number})" if note.number else ""))
    if dry_run:
        for action in actions:
            say(f"  {_who(action)}would {action.summary}")
            if verbose:
                _show_writes(action, say)
        say(f"dry run: {sum(len(a.writes) for a in actions)} write(s) planned, nothing written")
        return Outcome(replace(plan, actions=tuple(actions)))

    outcome = Outcome(replace(plan, actions=tuple(actions)))
    runner = _Runner(client, config, {i.number for i in issues})
    writes = 0
    body_actions = [a for a in actions if a.kind != "state"]
    for action in body_actions:
        if outcome.deferred or outcome.error or writes + len(action.writes) > max_writes:
            outcome.deferred.append(action)
            continue
        try:
            result = runner.apply(action)
        except GitHubError as exc:
            outcome.error = exc
            outcome.deferred.append(action)
            continue
        writes += len(action.writes)
        outcome.done.append(action)
        say(f"  {_who(action)}{action.summary}{result}")
        if verbose:
            _show_writes(action, say)
    state = _state_after(plan, outcome.deferred, config)
    if state is not None:
        if outcome.error is None and writes + len(state.writes) <= max_writes:
            try:
                runner.apply(state)
                writes += len(state.writes)
                outcome.done.append(state)
                say(f"  {state.summary}")
            except GitHubError as exc:
                outcome.error = exc
                outcome.deferred.append(state)
        else:
            outcome.deferred.append(state)
    if outcome.deferred and outcome.error is None:
        say(f"  {len(outcome.deferred)} action(s) left for the next run by --max-writes {max_writes}")
    say(
        f"issues sync: {len(outcome.done)} action(s) done, {writes} write(s), "
        f"{len(outcome.deferred)} deferred; {client.stats.reads} read(s) "
        f"({client.stats.not_modified} not modified)"
    )
    return outcome


def _who(action: Action) -> str:
    return f"{action.provider}: " if action.provider else ""


def _state_after(plan: Plan, deferred: list[Action], config: Config) -> Action | None:
    """The bookkeeping write, recomputed when an opening was deferred: that provider then
    opens on the very next run instead of counting again from zero."""
    pending = dict(plan.pending)
    for action in deferred:
        if action.kind in ("open", "reopen") and action.provider and config.open_after > 1:
            pending[action.provider] = config.open_after - 1
    return planner.state_action(plan.state_issue, plan.previous_pending, pending, config)


def _show_writes(action: Action, say: Echo) -> None:
    for write in action.writes:
        if isinstance(write, CreateLabel):
            say(f"    POST label {write.name!r}")
        elif isinstance(write, CreateIssue):
            say(f"    POST issue {write.title!r}\n{_indent(write.body)}")
        elif isinstance(write, EditIssue):
            fields = {k: v for k, v in (("state", write.state), ("state_reason", write.state_reason)) if v}
            target = f"#{write.number}" if write.number else "the new issue"
            say(f"    PATCH {target} {fields or ''}" + (f"\n{_indent(write.body)}" if write.body else ""))
        else:
            say(f"    POST comment on #{write.number}\n{_indent(write.body)}")


def _indent(text: str) -> str:
    return "\n".join(f"      | {line}" for line in text.splitlines())


class _Runner:
    def __init__(self, client: GitHubClient, config: Config, known: set[int]) -> None:
        self.client = client
        self.config = config
        self.known = known

    def apply(self, action: Action) -> str:
        created: int | None = None
        for write in action.writes:
            if isinstance(write, CreateLabel):
                self.client.create_label(write.name, write.color, write.description)
            elif isinstance(write, CreateIssue):
                created = self._create(write, action)
                self.known.add(created)
            elif isinstance(write, EditIssue):
                number = write.number if write.number is not None else created
                if number is None:
                    raise GitHubError("internal: an edit refers to an issue that was not created")
                self._edit(number, write)
            else:
                self._comment(write)
        return f" -> #{created}" if created is not None else ""

    def _create(self, write: CreateIssue, action: Action) -> int:
        title, body = self.client.redact(write.title), self.client.redact(write.body)
        for attempt in range(1, CREATE_ATTEMPTS + 1):
            try:
                data = self.client.create_issue(title, body, list(write.labels))
            except AmbiguousWrite:
                found = self._find_created(action)
                if found is not None:
                    return found
                if attempt == CREATE_ATTEMPTS:
                    raise
                continue
            number = data.get("number") if isinstance(data, dict) else None
            if not isinstance(number, int):
                raise TransientError("GitHub created an issue but did not return its number")
            return number
        raise AssertionError("unreachable")

    def _find_created(self, action: Action) -> int | None:
        """After an ambiguous create: the issue, if it exists now (the list read is
        conditional, so when nothing changed it costs no rate limit)."""
        for item in self.client.list_issues(self.config.label):
            issue = to_issue(item)
            if issue is None or issue.number in self.known:
                continue
            if action.kind == "state" and parse_state(issue.body) is not None:
                return issue.number
            marker = parse_drift(issue.body)
            if marker is not None and marker.provider == action.provider and issue.state == "open":
                return issue.number
        return None

    def _edit(self, number: int, write: EditIssue) -> None:
        payload: dict[str, Any] = {}
        if write.body is not None:
            payload["body"] = self.client.redact(write.body)
        if write.state is not None:
            payload["state"] = write.state
        if write.state_reason is not None:
            payload["state_reason"] = write.state_reason
        try:
            self.client.edit_issue(number, payload)
        except Rejected:
            # Older GitHub Enterprise servers do not know state_reason "duplicate"; the
            # marker's duplicate_of keeps such an issue from counting as a human waiver.
            if write.state_reason != "duplicate":
                raise
            self.client.edit_issue(number, {**payload, "state_reason": "not_planned"})

    def _comment(self, write: Comment) -> None:
        body = self.client.redact(write.body)
        for attempt in range(1, CREATE_ATTEMPTS + 1):
            try:
                self.client.create_comment(write.number, body)
                return
            except AmbiguousWrite:
                if any(_same_text(c.get("body"), body) for c in self.client.list_comments(write.number)):
                    return
                if attempt == CREATE_ATTEMPTS:
                    raise


def _same_text(a: Any, b: str) -> bool:
    return isinstance(a, str) and a.replace("\r\n", "\n").strip() == b.replace("\r\n", "\n").strip()

"""One pull request per provider with the safe changes `catwalk sync --write` made.

For each provider the drift report checked (`ok`), with `synced` = its file as sync wrote
it and `base` = the file on the base branch:
- synced differs from base, no open pull request: the branch `catwalk/drift/<provider>` is
  set to the base commit (created, or moved by force: the branch is ours) and one commit
  puts the synced file on it; a pull request is opened, its body the provider's drift
  table and a hidden marker with the digest of the file's new text;
- an open pull request with the same digest: nothing (0 writes), or only its body when
  the drift table changed;
- an open pull request with another digest: the branch is rebuilt the same way (force)
  and the body rewritten, with a comment saying so;
- no difference any more (the drift is gone, or the pull request was merged): an open
  pull request is closed with a comment and its branch deleted;
- a pull request a human closed without merging is never reopened for the same digest.
Providers whose check was not `ok` (unknown, suspect, skipped) are left as they are.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from catwalk.issues.client import GitHubClient

BRANCH_PREFIX = "catwalk/drift/"
_MARKER = re.compile(r"<!-- catwalk-pr (\{.*?\}) -->")


@dataclass(frozen=True)
class SyncedFile:
    """A provider's file as sync left it, and where it lives in the repository."""

    provider: str
    path: str  # repository-relative, e.g. providers/openrouter.json
    text: str
    body: str  # the provider's drift table (Markdown)


@dataclass
class Outcome:
    opened: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def marker(provider: str, fingerprint: str) -> str:
    return f"<!-- catwalk-pr {json.dumps({'provider': provider, 'fp': fingerprint}, sort_keys=True)} -->"


def marked_digest(body: str | None) -> str | None:
    found = _MARKER.search(body or "")
    if found is None:
        return None
    try:
        data = json.loads(found.group(1))
    except ValueError:
        return None
    value = data.get("fp") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def pull_body(change: SyncedFile, fingerprint: str) -> str:
    return (
        f"The nightly drift check found safe changes for `{change.provider}`; this pull request "
        f"applies them to `{change.path}` (`catwalk sync --write`, checked by `catwalk check`). "
        "Held-back items (removals, large price moves) stay in the provider's drift issue.\n\n"
        f"{change.body.strip()}\n\n{marker(change.provider, fingerprint)}\n"
    )


def sync_pulls(
    client: GitHubClient,
    *,
    owner: str,
    base: str,
    checked: Sequence[str],
    changes: Mapping[str, SyncedFile],
    echo: Callable[[str], None] = lambda _: None,
) -> Outcome:
    """Open, update or close each checked provider's pull request (see the module doc)."""
    outcome = Outcome()
    base_sha: str | None = None
    for provider in checked:
        branch = BRANCH_PREFIX + provider
        pulls = client.list_pulls(f"{owner}:{branch}")
        open_pull = next((p for p in pulls if p.get("state") == "open"), None)
        change = changes.get(provider)
        if change is None:
            if open_pull is not None:
                number = int(open_pull["number"])
                client.create_comment(
                    number,
                    f"The database on `{base}` now matches what `{provider}`'s API says (the drift "
                    "is gone, or this change was merged): closing.",
                )
                client.edit_pull(number, {"state": "closed"})
                client.delete_branch(branch)
                outcome.closed.append(number)
                echo(f"{provider}: closed #{number} (no change left)")
            continue
        fingerprint = digest(change.text)
        body = pull_body(change, fingerprint)
        if open_pull is None:
            declined = [
                p for p in pulls if not p.get("merged_at") and marked_digest(p.get("body")) == fingerprint
            ]
            if declined:
                outcome.notes.append(
                    f"{provider}: #{declined[0]['number']} was closed by a human: not reopened"
                )
                echo(outcome.notes[-1])
                continue
        if open_pull is not None and marked_digest(open_pull.get("body")) == fingerprint:
            number = int(open_pull["number"])
            if open_pull.get("body") == body:
                outcome.unchanged.append(provider)
                echo(f"{provider}: #{number} is current")
            else:
                client.edit_pull(number, {"body": body})
                outcome.updated.append(number)
                echo(f"{provider}: #{number}: description updated")
            continue
        if base_sha is None:
            base_sha = client.branch_sha(base)
            if base_sha is None:
                raise ValueError(f"the base branch {base!r} does not exist")
        exists = client.branch_sha(branch) is not None
        client.set_branch(branch, base_sha, exists=exists)
        client.put_file(
            change.path,
            branch,
            change.text,
            f"{provider}: apply the live API's safe changes (catwalk sync)",
            client.file_sha(change.path, base_sha),
        )
        if open_pull is None:
            created = client.create_pull(f"Drift: {provider}", branch, base, body)
            outcome.opened.append(int(created.get("number", 0)))
            echo(f"{provider}: opened #{created.get('number')}")
        else:
            number = int(open_pull["number"])
            client.edit_pull(number, {"body": body})
            client.create_comment(
                number, "The drift changed: the branch was rebuilt on the base with the new change."
            )
            outcome.updated.append(number)
            echo(f"{provider}: #{number}: rebuilt with the new change")
    return outcome

"""`catwalk issues`: turn a drift report into GitHub issues (`sync`), pull requests of the
safe changes (`pulls`) or Markdown (`summary`).

Exit status of `issues sync`: 0 done (or dry run planned); 1 not finished (write cap
reached, rate limit longer than --max-wait, GitHub failing after retries, network down);
2 usage or setup problem (bad flags, unreadable or invalid report, GITHUB_TOKEN missing,
401, 403 without rate limit, 404, 410 issues disabled); 3 internal error.
"""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING

from catwalk.commands._types import positive_int

if TYPE_CHECKING:  # annotations only: the command imports nothing heavy at top level
    from catwalk.issues.client import GitHubClient
    from catwalk.live.report_reader import DriftReport

HELP = "open, update and close GitHub issues from a `catwalk drift --format json` report"
REPO_PATTERN = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a finite number ≥ 0, got {text!r}")
    return value


def _positive_seconds(text: str) -> float:
    value = _seconds(text)
    if value == 0:
        raise argparse.ArgumentTypeError("must be more than 0 seconds")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="issues_command", metavar="<subcommand>")
    sync = sub.add_parser(
        "sync",
        help="make the repository's drift issues match a drift report",
        description=(
            "One issue per provider with drift, found by a hidden marker in issues carrying "
            "--label. Same drift: no writes. Changed drift: body updated plus a comment. "
            "Provider unknown/skipped: untouched. No drift for --close-after runs: closed. "
            "Reads GITHUB_TOKEN and GITHUB_API_URL (default https://api.github.com)."
        ),
    )
    sync.add_argument("--report", required=True, metavar="FILE", help="JSON report of `catwalk drift`")
    sync.add_argument(
        "--repo", metavar="OWNER/NAME", help="repository to file issues in (default: $GITHUB_REPOSITORY)"
    )
    sync.add_argument("--label", default="drift", help="label that marks the sync's issues (default: drift)")
    sync.add_argument("--dry-run", action="store_true", help="print the planned operations, write nothing")
    sync.add_argument(
        "--open-after",
        type=positive_int,
        default=1,
        metavar="N",
        help="open an issue after N consecutive runs with drift (default: 1)",
    )
    sync.add_argument(
        "--close-after",
        type=positive_int,
        default=2,
        metavar="N",
        help="close an issue after N consecutive runs without drift (default: 2)",
    )
    sync.add_argument(
        "--min-severity",
        choices=("info", "warning", "error"),
        default="info",
        help="ignore drift below this severity (default: info, i.e. everything)",
    )
    sync.add_argument(
        "--min-gap", type=_seconds, default=1.0, metavar="SECONDS", help="pause between writes (default: 1)"
    )
    sync.add_argument(
        "--max-writes",
        type=positive_int,
        default=50,
        metavar="N",
        help="write at most N times per run; the rest waits for the next run (default: 50)",
    )
    sync.add_argument(
        "--max-wait",
        type=_seconds,
        default=600.0,
        metavar="SECONDS",
        help="give up (exit 1) rather than wait longer than this for a rate limit (default: 600)",
    )
    sync.add_argument(
        "--timeout",
        type=_positive_seconds,
        default=30.0,
        metavar="SECONDS",
        help="HTTP timeout (default: 30)",
    )
    sync.add_argument("--verbose", "-v", action="store_true", help="also print every body and comment")
    sync.add_argument(
        "--link-pulls",
        action="store_true",
        help="link each issue to its provider's open drift pull request (`catwalk issues pulls`)",
    )

    summary = sub.add_parser(
        "summary",
        help="print a drift report as Markdown (for $GITHUB_STEP_SUMMARY)",
        description="Render a `catwalk drift --format json` report as Markdown, under 1 MiB.",
    )
    summary.add_argument("--report", required=True, metavar="FILE", help="JSON report of `catwalk drift`")
    summary.add_argument("--output", "-o", metavar="FILE", help="write to FILE (default: stdout)")

    pulls = sub.add_parser(
        "pulls",
        help="one pull request per provider with the files `catwalk sync --write` changed",
        description=(
            "Compares each file in --synced with the same file in --data-dir (the base "
            "branch's checkout); a difference that passes `catwalk check` goes to the branch "
            "catwalk/drift/<provider> and its pull request (opened, updated in place, or left "
            "alone when it is the same); a provider the report checked with no difference left "
            "has its pull request closed. Reads GITHUB_TOKEN and GITHUB_API_URL."
        ),
    )
    pulls.add_argument("--report", required=True, metavar="FILE", help="JSON report of `catwalk drift`")
    pulls.add_argument("--synced", required=True, metavar="DIR", help="the provider files after sync --write")
    pulls.add_argument(
        "--data-dir", default="providers", metavar="DIR", help="the base checkout's provider files"
    )
    pulls.add_argument("--repo", metavar="OWNER/NAME", help="repository (default: $GITHUB_REPOSITORY)")
    pulls.add_argument("--base", default="main", help="the branch pull requests target (default: main)")


def run(args: argparse.Namespace) -> int:
    from catwalk.errors import UsageError

    if args.issues_command == "sync":
        return _sync(args)
    if args.issues_command == "summary":
        return _summary(args)
    if args.issues_command == "pulls":
        return _pulls(args)
    raise UsageError("choose a subcommand: `catwalk issues sync`, `pulls` or `summary`")


def _load(path: str) -> DriftReport:
    from pathlib import Path

    from catwalk.errors import UsageError
    from catwalk.live.report_reader import ReportError, load_report

    try:
        return load_report(Path(path))
    except ReportError as exc:
        raise UsageError(str(exc)) from None


def _summary(args: argparse.Namespace) -> int:
    import os
    from pathlib import Path

    from catwalk.issues.apply import secret_values
    from catwalk.issues.render import report_summary
    from catwalk.output import emit
    from catwalk.secrets import redact

    report = _load(args.report)
    text = redact(report_summary(report), secret_values(os.environ))
    emit(text, Path(args.output) if args.output else None)
    return 0


def _connection(repo_arg: str | None, *, need_token: bool) -> tuple[str, str, str | None]:
    """The repository, API URL and token, validated."""
    import os
    from urllib.parse import urlsplit

    from catwalk.errors import UsageError
    from catwalk.issues.client import DEFAULT_API_URL

    repo = repo_arg or os.environ.get("GITHUB_REPOSITORY", "")
    if not repo:
        raise UsageError("--repo OWNER/NAME is required (GITHUB_REPOSITORY is not set)")
    if not REPO_PATTERN.match(repo):
        raise UsageError(f"--repo expects OWNER/NAME, got {repo!r}")
    api_url = os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL
    parts = urlsplit(api_url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
        raise UsageError(f"GITHUB_API_URL must be an http(s) URL without query, got {api_url!r}")
    token = os.environ.get("GITHUB_TOKEN") or None
    if token is None and need_token:
        raise UsageError("GITHUB_TOKEN is not set (the workflow passes it through `env:`)")
    return repo, api_url, token


def _pulls(args: argparse.Namespace) -> int:
    import os
    import sys
    from pathlib import Path

    import catwalk
    from catwalk.errors import UsageError
    from catwalk.issues.apply import secret_values
    from catwalk.issues.client import GitHubClient, GitHubError
    from catwalk.issues.pulls import SyncedFile, sync_pulls
    from catwalk.issues.render import drift_table

    repo, api_url, token = _connection(args.repo, need_token=True)
    report = _load(args.report)
    synced_dir, data_dir = Path(args.synced), Path(args.data_dir)
    if not synced_dir.is_dir():
        raise UsageError(f"--synced {synced_dir}: not a directory")
    checked = sorted(p.provider for p in report.providers.values() if p.status == "ok")

    def say(text: str) -> None:
        print(f"catwalk issues pulls: {text}", file=sys.stderr)

    changes: dict[str, SyncedFile] = {}
    for synced in sorted(synced_dir.glob("*.json")):
        base = data_dir / synced.name
        text = synced.read_text(encoding="utf-8")
        if base.is_file() and base.read_text(encoding="utf-8") == text:
            continue
        try:
            provider = catwalk.load(synced).id
        except catwalk.LoadError as exc:
            print(
                f"catwalk issues pulls: {synced.name}: not a provider file ({exc}): skipped", file=sys.stderr
            )
            continue
        if provider not in checked:
            continue
        # The file in the pull request passes `catwalk check`, or there is none.
        found = catwalk.check([synced], scope="file")
        if not found.passed:
            print(
                f"catwalk issues pulls: {provider}: the synced file fails `catwalk check`: skipped",
                file=sys.stderr,
            )
            continue
        table = drift_table(report.items_for(provider))
        changes[provider] = SyncedFile(provider, (data_dir / synced.name).as_posix(), text, table)
    with GitHubClient(repo, token, api_url=api_url, secrets=secret_values(os.environ)) as client:
        try:
            outcome = sync_pulls(
                client,
                owner=repo.split("/", 1)[0],
                base=args.base,
                checked=checked,
                changes=changes,
                echo=lambda line: print(line, flush=True),
            )
        except (GitHubError, ValueError) as exc:
            print(f"catwalk issues pulls: error: {client.redact(str(exc))}", file=sys.stderr)
            return getattr(exc, "exit_code", 2)
    print(
        f"catwalk issues pulls: {len(outcome.opened)} opened, {len(outcome.updated)} updated, "
        f"{len(outcome.closed)} closed, {len(outcome.unchanged)} unchanged",
        file=sys.stderr,
    )
    return 0


def _open_pulls(client: GitHubClient, repo: str, report: DriftReport) -> dict[str, int]:
    """provider -> number of its open drift pull request, for the providers with drift."""
    from catwalk.issues.pulls import BRANCH_PREFIX

    owner = repo.split("/", 1)[0]
    found = {}
    for provider in sorted({item.provider for item in report.drift}):
        pulls = client.list_pulls(f"{owner}:{BRANCH_PREFIX}{provider}")
        number = next((p.get("number") for p in pulls if p.get("state") == "open"), None)
        if isinstance(number, int):
            found[provider] = number
    return found


def _sync(args: argparse.Namespace) -> int:
    import os
    import sys
    from dataclasses import replace

    from catwalk.errors import UsageError
    from catwalk.issues.apply import run_sync, secret_values
    from catwalk.issues.client import GitHubClient, GitHubError
    from catwalk.issues.planner import Config

    repo, api_url, token = _connection(args.repo, need_token=not args.dry_run)
    if not args.label.strip() or "," in args.label:
        raise UsageError(f"--label must be one non-empty label name without commas, got {args.label!r}")
    report = _load(args.report)
    config = Config(
        label=args.label.strip(),
        open_after=args.open_after,
        close_after=args.close_after,
        min_severity=args.min_severity,
    )
    client = GitHubClient(
        repo,
        token,
        api_url=api_url,
        min_gap=args.min_gap,
        max_wait=args.max_wait,
        timeout=args.timeout,
        secrets=secret_values(os.environ),
    )
    if token is None:
        print("catwalk issues: GITHUB_TOKEN is not set: reading anonymously", file=sys.stderr)
    with client:
        try:
            if args.link_pulls:
                config = replace(config, pulls=_open_pulls(client, repo, report))
            outcome = run_sync(
                report,
                client,
                config,
                dry_run=args.dry_run,
                max_writes=args.max_writes,
                echo=lambda line: print(line, flush=True),
                verbose=args.verbose,
            )
        except GitHubError as exc:
            print(f"catwalk issues sync: error: {client.redact(str(exc))}", file=sys.stderr)
            return exc.exit_code
        if outcome.error is not None:
            print(f"catwalk issues sync: error: {client.redact(str(outcome.error))}", file=sys.stderr)
    return outcome.exit_code

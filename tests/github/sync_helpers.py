"""Helpers for the issue-sync tests: reports, a fake clock, an in-process sync run."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fake_github import FakeGitHub

from catwalk.issues.apply import Outcome, run_sync
from catwalk.issues.client import GitHubClient
from catwalk.issues.planner import Config
from catwalk.live.report_reader import DriftReport, parse_report

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_report(name: str) -> DriftReport:
    return parse_report((FIXTURES / name).read_text("utf-8"), name)


def item(
    provider: str,
    model: str,
    field_name: str | None = "cost_per_1m_in",
    kind: str = "changed",
    *,
    ours: Any = 1,
    live: Any = 2,
    severity: str = "error",
) -> dict[str, Any]:
    return {
        "provider": provider,
        "model": model,
        "field": field_name,
        "kind": kind,
        "ours": ours,
        "live": live,
        "severity": severity,
        "message": f"{field_name} {kind}",
    }


def report_data(
    statuses: dict[str, str], drift: list[dict[str, Any]], generated_at: str = "2026-05-15T03:17:00Z"
) -> dict[str, Any]:
    return {
        "version": 1,
        "generated_at": generated_at,
        "providers": [
            {
                "provider": p,
                "status": s,
                "reason": None if s == "ok" else f"{s} for the test",
                "source": f"https://api.{p}.example/v1/models",
                "models_seen": 3 if s == "ok" else None,
            }
            for p, s in sorted(statuses.items())
        ],
        "drift": drift,
    }


def make_report(statuses: dict[str, str], drift: list[dict[str, Any]]) -> DriftReport:
    return parse_report(json.dumps(report_data(statuses, drift)))


@dataclass
class FakeClock:
    """time.sleep/monotonic/time stand-ins: sleeping advances the clock instantly."""

    t: float = 1_000_000.0
    sleeps: list[float] = field(default_factory=list)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.t += seconds

    def monotonic(self) -> float:
        return self.t

    def now(self) -> float:
        return self.t


def make_client(fake: FakeGitHub, clock: FakeClock | None = None, **options: Any) -> GitHubClient:
    clock = clock or FakeClock()
    options.setdefault("min_gap", 0.0)
    return GitHubClient(
        fake.repo_name,
        fake.token,
        api_url=fake.url,
        sleep=clock.sleep,
        monotonic=clock.monotonic,
        now=clock.now,
        **options,
    )


def sync_once(
    fake: FakeGitHub,
    report: DriftReport,
    config: Config | None = None,
    *,
    clock: FakeClock | None = None,
    dry_run: bool = False,
    max_writes: int = 50,
    **client_options: Any,
) -> tuple[Outcome, list[str]]:
    lines: list[str] = []
    with make_client(fake, clock, **client_options) as client:
        outcome = run_sync(
            report,
            client,
            config or Config(),
            dry_run=dry_run,
            max_writes=max_writes,
            echo=lines.append,
            verbose=True,
        )
    return outcome, lines

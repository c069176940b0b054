"""`catwalk issues sync|summary` as a user runs it: a real subprocess against the fake
GitHub, exit codes, messages without tracebacks, and no secret in any output or issue."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fake_github import FakeGitHub
from sync_helpers import FIXTURES, item, report_data

from catwalk_testing import REPO


def _env(fake: FakeGitHub | None = None, /, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("GITHUB_") and not k.endswith(("_KEY", "_TOKEN")) and k != "CATWALK_DEBUG"
    }
    env["NO_COLOR"] = "1"
    if fake is not None:
        env["GITHUB_API_URL"] = fake.url
        env["GITHUB_TOKEN"] = fake.token
    env.update(extra)
    return env


def _run(*args: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "catwalk", "issues", *map(str, args)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _sync(fake: FakeGitHub, report: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return _run(
        "sync", "--report", report, "--repo", fake.repo_name, "--min-gap", "0", *args, env=_env(fake, **extra)
    )


REPORT = FIXTURES / "report-drift.json"


def test_sync_then_idempotent_rerun(github_api: FakeGitHub) -> None:
    first = _sync(github_api, REPORT)
    assert first.returncode == 0, first.stderr
    assert "openrouter: open issue 'Drift: openrouter' (3 differences) -> #1" in first.stdout
    assert "groq: unknown (timed out after 20 s): left untouched" in first.stdout
    assert first.stderr == ""
    mark = github_api.mark()
    second = _sync(github_api, REPORT)
    assert second.returncode == 0
    assert github_api.writes_since(mark) == []
    assert "0 write(s)" in second.stdout


def test_dry_run_writes_nothing_and_works_without_a_token(github_api: FakeGitHub) -> None:
    env = _env(github_api)
    del env["GITHUB_TOKEN"]
    result = _run("sync", "--report", REPORT, "--repo", github_api.repo_name, "--dry-run", "-v", env=env)
    assert result.returncode == 0, result.stderr
    assert "reading anonymously" in result.stderr
    assert "openrouter: would open issue 'Drift: openrouter'" in result.stdout
    assert "| `anthropic/claude-sonnet-4.5` | `cost_per_1m_in` |" in result.stdout  # -v shows bodies
    assert github_api.writes() == []


def test_repo_defaults_to_github_repository(github_api: FakeGitHub) -> None:
    env = _env(github_api, GITHUB_REPOSITORY=github_api.repo_name)
    result = _run("sync", "--report", REPORT, "--dry-run", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("acme/catwalk: ")


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("disabled", "issues are disabled for acme/catwalk (410"),
        ("token", "GitHub rejected the token (401"),
        ("repo", "check that the repository acme/elsewhere exists"),
    ],
)
def test_setup_errors_exit_2_with_a_clear_message(github_api: FakeGitHub, setup: str, message: str) -> None:
    repo, token = github_api.repo_name, github_api.token
    if setup == "disabled":
        github_api.issues_disabled = True
    if setup == "token":
        token = "wrong-token-31415926"
    if setup == "repo":
        repo = "acme/elsewhere"
    env = _env(github_api, GITHUB_TOKEN=token)
    result = _run("sync", "--report", REPORT, "--repo", repo, env=env)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and token not in result.stderr + result.stdout


def test_rate_limit_longer_than_max_wait_exits_1(github_api: FakeGitHub) -> None:
    github_api.add_fault("GET", r"^/issues$", 429, {"Retry-After": "900"})
    result = _sync(github_api, REPORT, "--max-wait", "60")
    assert result.returncode == 1
    assert "more than --max-wait 60 s; rerun later" in result.stderr


def test_write_cap_exits_1(github_api: FakeGitHub) -> None:
    result = _sync(github_api, REPORT, "--max-writes", "1")
    assert result.returncode == 1
    assert "left for the next run by --max-writes 1" in result.stdout


@pytest.mark.parametrize(
    ("args", "env_extra", "message"),
    [
        (
            ["sync", "--report", "{report}", "--repo", "acme/catwalk"],
            {"GITHUB_TOKEN": ""},
            "GITHUB_TOKEN is not set",
        ),
        (["sync", "--report", "{report}", "--repo", "not-a-repo"], {}, "--repo expects OWNER/NAME"),
        (["sync", "--report", "{report}"], {}, "--repo OWNER/NAME is required"),
        (["sync", "--report", "{report}", "--repo", "a/b", "--label", "a,b"], {}, "--label must be one"),
        (["sync", "--report", "{report}", "--repo", "a/b", "--close-after", "0"], {}, "must be at least 1"),
        (["sync", "--report", "{report}", "--repo", "a/b", "--min-gap", "-1"], {}, "must be a finite number"),
        (
            ["sync", "--report", "{report}", "--repo", "a/b"],
            {"GITHUB_API_URL": "ftp://x"},
            "GITHUB_API_URL must be",
        ),
        (["sync", "--report", "{missing}", "--repo", "a/b"], {}, "no such file"),
        (["sync", "--report", "{bad}", "--repo", "a/b"], {}, "$.drift[0]: missing required key 'model'"),
        (["summary", "--report", "{bad}"], {}, "$.drift[0]: missing required key 'model'"),
        ([], {}, "choose a subcommand"),
    ],
)
def test_usage_problems_exit_2(
    tmp_path: Path, args: list[str], env_extra: dict[str, str], message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(report_data({"p": "ok"}, [{"provider": "p", "kind": "added"}])), encoding="utf-8"
    )
    paths = {"report": str(REPORT), "missing": str(tmp_path / "nope.json"), "bad": str(bad)}
    env = _env(**{"GITHUB_TOKEN": "t", **env_extra})
    result = _run(*(a.format(**paths) for a in args), env=env)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_no_secret_reaches_output_or_issues(github_api: FakeGitHub, tmp_path: Path) -> None:
    """Canary values in the environment (a provider key, the GitHub token) planted in
    every report field that reaches an issue or the output."""
    key, token = "canary-openai-key-5772156649", "canary-github-token-1414213562"
    github_api.token = token
    drift = [
        item("openrouter", f"model-{key}", "cost_per_1m_in", ours=key, live=f"{token} x"),
        item("openrouter", "m2", f"field-{token}", kind="changed", ours=1, live=2),
    ]
    data = report_data({"openrouter": "ok", "groq": "unknown"}, drift)
    data["providers"][0]["reason"] = f"upstream said {key}"
    data["providers"][1]["source"] = f"https://api.example/{key}?token={token}"
    report = tmp_path / "drift.json"
    report.write_text(json.dumps(data), encoding="utf-8")
    env_extra = {"OPENAI_API_KEY": key}
    runs = [
        _sync(github_api, report, "-v", **env_extra),
        _sync(github_api, report, "--dry-run", "-v", **env_extra),
        _run("summary", "--report", report, env=_env(github_api, **env_extra)),
    ]
    for result in runs:
        assert result.returncode == 0, result.stderr
        assert key not in result.stdout + result.stderr
        assert token not in result.stdout + result.stderr
    assert "***" in runs[0].stdout
    assert len(github_api.drift_issues()) == 1
    text = github_api.all_text()
    assert key not in text and token not in text


def test_summary_writes_markdown(tmp_path: Path) -> None:
    out = tmp_path / "summary.md"
    result = _run("summary", "--report", REPORT, "--output", out, env=_env())
    assert result.returncode == 0, result.stderr
    text = out.read_text("utf-8")
    assert text.startswith("## Provider drift (2026-05-15T03:17:42Z)")
    assert "| `venice` | skipped |" in text
    printed = _run("summary", "--report", REPORT, env=_env())
    assert printed.stdout == text

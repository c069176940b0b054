"""Baselines accept known findings, each with a reason, and report stale entries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from catwalk_testing import run_catwalk


@pytest.fixture
def project(tmp_path: Path, provider: dict[str, Any]) -> Path:
    provider["models"][0]["default_max_tokens"] = 999_999
    provider["models"][1]["top_p"] = 1
    (tmp_path / "providers").mkdir()
    (tmp_path / "providers" / "example.json").write_text(json.dumps(provider, indent=2))
    return tmp_path


def test_write_then_apply(project: Path) -> None:
    assert run_catwalk("check", cwd=project).returncode == 1
    missing_reason = run_catwalk("check", "--baseline", "baseline.json", "--write-baseline", cwd=project)
    assert missing_reason.returncode == 2 and "needs a reason" in missing_reason.stderr
    written = run_catwalk(
        "check",
        "--baseline",
        "baseline.json",
        "--write-baseline",
        "--reason",
        "provider documents it",
        cwd=project,
    )
    assert written.returncode == 0
    doc = json.loads((project / "baseline.json").read_text())
    assert [(e["rule"], e["file"], e.get("model"), e["reason"]) for e in doc["entries"]] == [
        ("CW301", "providers/example.json", "model-large", "provider documents it"),
        ("CW101", "providers/example.json", "model-small", "provider documents it"),
    ]
    applied = run_catwalk("check", "--baseline", "baseline.json", cwd=project)
    assert applied.returncode == 0
    assert "2 accepted by the baseline" in applied.stdout


def test_entries_match_by_model_not_index(project: Path, provider: dict[str, Any]) -> None:
    run_catwalk("check", "--baseline", "b.json", "--write-baseline", "--reason", "ok", cwd=project)
    data = json.loads((project / "providers" / "example.json").read_text())
    data["models"].reverse()  # indexes change, model ids do not
    (project / "providers" / "example.json").write_text(json.dumps(data, indent=2))
    assert run_catwalk("check", "--baseline", "b.json", cwd=project).returncode == 0


def test_stale_entries_are_reported_at_their_line(project: Path) -> None:
    run_catwalk("check", "--baseline", "b.json", "--write-baseline", "--reason", "ok", cwd=project)
    data = json.loads((project / "providers" / "example.json").read_text())
    data["models"][0]["default_max_tokens"] = 1000  # fixed
    (project / "providers" / "example.json").write_text(json.dumps(data, indent=2))
    result = run_catwalk("check", "--baseline", "b.json", cwd=project)
    assert result.returncode == 0  # stale entries are warnings
    stale = [line for line in result.stdout.splitlines() if "CW009" in line]
    assert stale == [
        "b.json:4:5: CW009 baseline entry for CW301 in providers/example.json (model 'model-large') "
        "no longer matches a finding; delete it [warning]"
    ]
    rewritten = run_catwalk("check", "--baseline", "b.json", "--write-baseline", cwd=project)
    assert rewritten.returncode == 0  # reasons of kept entries survive; no new entries, no --reason needed
    assert [e["rule"] for e in json.loads((project / "b.json").read_text())["entries"]] == ["CW101"]


def test_every_entry_needs_a_reason(project: Path) -> None:
    (project / "b.json").write_text(
        json.dumps({"version": 1, "entries": [{"rule": "CW301", "file": "x", "reason": " "}]})
    )
    result = run_catwalk("check", "--baseline", "b.json", cwd=project)
    assert result.returncode == 2 and "has no reason" in result.stderr


def test_baseline_from_config_and_relative_to_its_own_directory(project: Path) -> None:
    (project / "ci").mkdir()
    (project / "pyproject.toml").write_text('[tool.catwalk]\nbaseline = "ci/baseline.json"\n')
    assert run_catwalk("check", "--write-baseline", "--reason", "ok", cwd=project).returncode == 0
    entries = json.loads((project / "ci" / "baseline.json").read_text())["entries"]
    assert {e["file"] for e in entries} == {"../providers/example.json"}
    assert run_catwalk("check", cwd=project).returncode == 0
    sub = project / "providers"
    assert run_catwalk("check", ".", cwd=sub).returncode == 0  # same result from another directory
    assert run_catwalk("check", "--no-baseline", cwd=project).returncode == 1

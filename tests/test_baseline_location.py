"""The baseline lives outside the data directory; one left at the old place
(`providers/.baseline.json`) is still applied, with a CW011 finding that says to move it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from catwalk_testing import REPO, run_catwalk


@pytest.fixture
def repo(tmp_path: Path, provider: dict[str, Any]) -> Path:
    provider["models"][0]["default_max_tokens"] = 999_999  # CW301, accepted below
    (tmp_path / "providers").mkdir()
    (tmp_path / "providers" / "example.json").write_text(json.dumps(provider, indent=2))
    return tmp_path


def entry(file: str) -> dict[str, str]:
    return {
        "rule": "CW301", "file": file, "pointer": "/models/0/default_max_tokens",
        "model": "model-large", "field": "default_max_tokens", "reason": "known",
    }  # fmt: skip


def write(path: Path, file: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "entries": [entry(file)]}, indent=2))


def test_a_baseline_at_the_old_place_is_read_and_reported(repo: Path) -> None:
    write(repo / "providers" / ".baseline.json", "example.json")
    result = run_catwalk("check", cwd=repo)
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "providers/.baseline.json:1:1: CW011 the baseline providers/.baseline.json is inside"
    )
    assert lines[0].endswith("[warning]")
    assert "1 accepted by the baseline" in lines[-1]
    assert run_catwalk("check", "--ignore", "CW011", cwd=repo).stdout.startswith("All checks passed")


def test_a_configured_baseline_inside_the_data_directory_is_reported(repo: Path) -> None:
    write(repo / "providers" / "accepted.baseline", "example.json")
    (repo / "pyproject.toml").write_text('[tool.catwalk]\nbaseline = "providers/accepted.baseline"\n')
    assert " CW011 " in run_catwalk("check", cwd=repo).stdout


def test_a_baseline_outside_the_data_directory_is_quiet(repo: Path) -> None:
    write(repo / "baseline" / "providers.json", "../providers/example.json")
    (repo / "pyproject.toml").write_text('[tool.catwalk]\nbaseline = "baseline/providers.json"\n')
    result = run_catwalk("check", cwd=repo)
    assert result.stdout.startswith("All checks passed (1 file, 1 provider, 2 models; 1 accepted"), (
        result.stdout
    )


def test_this_repository_keeps_no_baseline_in_its_data_directory() -> None:
    assert not list((REPO / "providers").glob(".*.json"))
    assert (REPO / "baseline" / "providers.json").is_file()

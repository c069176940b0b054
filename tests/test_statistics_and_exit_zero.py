"""ruff's `--statistics` and `--exit-zero`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from catwalk_testing import run_catwalk


@pytest.fixture
def tree(tmp_path: Path, provider: dict[str, Any]) -> Path:
    for model in provider["models"]:
        model["temperature"] = 1  # CW101 twice
    provider["models"][0]["default_max_tokens"] = 999_999  # CW301 once
    (tmp_path / "example.json").write_text(json.dumps(provider, indent=2))
    (tmp_path / "broken.json").write_text("{")
    return tmp_path


def test_statistics_counts_each_rule_most_first(tree: Path) -> None:
    result = run_catwalk("check", ".", "--statistics", cwd=tree)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.split("\t") for line in lines[:-1]] == [
        ["2", "CW101", "unknown-key", "[error]"],
        ["1", "CW001", "invalid-json", "[error]"],
        ["1", "CW301", "max-tokens-exceeds-context", "[error]"],
    ]
    assert lines[-1].startswith("Found 4 errors, 0 warnings (2 files, 1 provider")


def test_statistics_as_json(tree: Path) -> None:
    result = run_catwalk("check", ".", "--statistics", "--format", "json", cwd=tree)
    assert json.loads(result.stdout)[0] == {
        "code": "CW101", "name": "unknown-key", "severity": "error", "count": 2
    }  # fmt: skip
    assert sum(row["count"] for row in json.loads(result.stdout)) == 4


def test_statistics_refuses_formats_it_cannot_print(tree: Path) -> None:
    result = run_catwalk("check", ".", "--statistics", "--format", "sarif", cwd=tree)
    assert result.returncode == 2
    assert "--statistics" in result.stderr


def test_exit_zero_reports_but_does_not_fail(tree: Path) -> None:
    result = run_catwalk("check", ".", "--exit-zero", cwd=tree)
    assert result.returncode == 0
    assert " CW001 " in result.stdout and " CW301 " in result.stdout
    # Usage errors still exit 2.
    assert run_catwalk("check", "missing.json", "--exit-zero", cwd=tree).returncode == 2

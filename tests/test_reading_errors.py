"""A file that cannot be read is always reported: no selector, severity override or
baseline hides it, and the summary never says "passed" for it (ruff does the same with
syntax errors)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from catwalk_testing import run_catwalk

BROKEN = '{"id": "broken", "models": [],}\n'


@pytest.fixture
def tree(tmp_path: Path, provider: dict[str, Any]) -> Path:
    (tmp_path / "broken.json").write_text(BROKEN)
    (tmp_path / "example.json").write_text(json.dumps(provider, indent=2))
    return tmp_path


@pytest.mark.parametrize(
    "options",
    [
        ["--select", "CW3"],
        ["--ignore", "CW001"],
        ["--ignore", "CW0"],
        ["--select", ""],
        ["--select", "CW101", "--ignore", "ALL"],
        ["--scope", "database"],
        ["--fail-level", "error", "--ignore", "invalid-json"],
    ],
)
def test_selection_never_hides_invalid_json(tree: Path, options: list[str]) -> None:
    result = run_catwalk("check", "broken.json", *options, cwd=tree)
    assert result.returncode == 1, result.stdout + result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("broken.json:1:31: CW001 invalid JSON"), first
    assert "passed" not in result.stdout
    assert result.stdout.splitlines()[-1].startswith("Found 1 error, 0 warnings (1 file, 0 providers")


def test_selection_still_applies_to_files_that_parse(tree: Path, provider: dict[str, Any]) -> None:
    provider["models"][0]["temperature"] = 1
    (tree / "example.json").write_text(json.dumps(provider, indent=2))
    result = run_catwalk("check", ".", "--ignore", "CW101", cwd=tree)
    rules = [line.split()[1] for line in result.stdout.splitlines()[:-1]]
    assert rules == ["CW001"]


def test_config_cannot_ignore_or_downgrade_reading_errors(tree: Path) -> None:
    (tree / "pyproject.toml").write_text(
        '[tool.catwalk]\nignore = ["CW001"]\nselect = ["CW3"]\n[tool.catwalk.severity]\nCW001 = "info"\n'
    )
    result = run_catwalk("check", "broken.json", cwd=tree)
    assert result.returncode == 1
    assert " CW001 invalid JSON" in result.stdout
    assert "[info]" not in result.stdout


def test_every_reading_rule_is_always_reported() -> None:
    from catwalk.registry import builtin_rules, select_rules

    rules = builtin_rules()
    reading = {r.id for r in rules if r.always}
    assert reading == {f"CW00{n}" for n in range(1, 9)} | {"CW010"}
    # The baseline's own rules are about the baseline file: a user may deselect them.
    assert {r.id for r in rules if r.scope == "loader"} - reading == {"CW009", "CW011"}
    assert {r.id for r in select_rules(rules, ["CW101"], ["ALL"])} == reading | {"CW101"}
    # The baseline rule is about the baseline file, and a user may deselect it.
    assert "CW009" not in {r.id for r in select_rules(rules, ["CW101"], [])}


def test_a_baseline_cannot_accept_a_file_that_does_not_parse(tree: Path) -> None:
    baseline = tree / "baseline.json"
    entry = {"rule": "CW001", "file": "broken.json", "pointer": "", "reason": "later"}
    baseline.write_text(json.dumps({"version": 1, "entries": [entry]}, indent=2))
    result = run_catwalk("check", "broken.json", "--baseline", baseline, cwd=tree)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert any(" CW001 invalid JSON" in line for line in lines)
    assert any(" CW009 " in line for line in lines)  # the entry is stale: it can never match
    assert "accepted by the baseline" not in lines[-1]


def test_write_baseline_records_no_reading_error_and_fails(tree: Path) -> None:
    baseline = tree / "baseline.json"
    result = run_catwalk("check", ".", "--baseline", baseline, "--write-baseline", "--reason", "r", cwd=tree)
    assert result.returncode == 1
    assert "CW001" not in baseline.read_text()
    assert "broken.json:1:31: CW001 invalid JSON" in result.stderr

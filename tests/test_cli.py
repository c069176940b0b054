"""The `catwalk check` contract that other tools and CI parse."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from catwalk_testing import REPO, run_catwalk


@pytest.fixture
def bad_tree(tmp_path: Path, provider: dict[str, Any]) -> Path:
    provider["models"][0]["default_max_tokens"] = 999_999
    provider["models"][1]["temperature"] = 1
    (tmp_path / "example.json").write_text(json.dumps(provider, indent=2))
    return tmp_path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_text_format_and_exit_status(bad_tree: Path) -> None:
    result = run_catwalk("check", bad_tree / "example.json", cwd=bad_tree)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    max_line = line_of(bad_tree / "example.json", '"default_max_tokens": 999999')
    temp_line = line_of(bad_tree / "example.json", '"temperature": 1')
    assert lines[:-1] == [
        f"example.json:{max_line}:7: CW301 default_max_tokens 999999 exceeds context_window 128000",
        f"example.json:{temp_line}:7: CW101 unknown key `temperature`; did you mean `options.temperature`?",
    ]
    assert lines[-1].startswith("Found 2 errors, 0 warnings (1 file, 1 provider, 2 models)")
    assert "\x1b[" not in result.stdout
    assert result.stderr == ""


def test_color_only_when_asked_or_on_a_tty(bad_tree: Path) -> None:
    forced = run_catwalk("check", "example.json", "--color", "always", cwd=bad_tree)
    assert "\x1b[" in forced.stdout


def test_json_format(bad_tree: Path) -> None:
    result = run_catwalk("check", "--format", "json", cwd=bad_tree)  # default target: the embedded database
    assert result.returncode == 0  # the embedded database has no error
    doc = json.loads(run_catwalk("check", ".", "--format", "json", cwd=bad_tree).stdout)
    assert doc["version"] == 1
    assert doc["summary"] == {
        "files": 1, "providers": 1, "models": 2, "rules": doc["summary"]["rules"],
        "findings": {"error": 2, "warning": 0, "info": 0}, "baselined": 0,
    }  # fmt: skip
    first = doc["findings"][0]
    assert first == {
        "rule": "CW301",
        "name": "max-tokens-exceeds-context",
        "severity": "error",
        "message": "default_max_tokens 999999 exceeds context_window 128000",
        "file": "example.json",
        "line": line_of(bad_tree / "example.json", '"default_max_tokens": 999999'),
        "column": 7,
        "end_line": line_of(bad_tree / "example.json", '"default_max_tokens": 999999'),
        "end_column": 35,
        "pointer": "/models/0/default_max_tokens",
        "provider": "example",
        "model": "model-large",
        "field": "default_max_tokens",
    }


def test_github_format_escapes(tmp_path: Path, provider: dict[str, Any]) -> None:
    provider["models"][0]["id"] = "weird,id:50%\nx"
    provider["default_large_model_id"] = "a,b:c%"
    (tmp_path / "example.json").write_text(json.dumps(provider, indent=2))
    out = run_catwalk("check", "example.json", "--format", "github", cwd=tmp_path).stdout
    line = next(line for line in out.splitlines() if "title=CW205" in line)
    assert line.startswith("::error file=example.json,line=7,col=3,endLine=7,endColumn=37,title=CW205::")
    assert "'a,b:c%25'" in line  # message part: only %, CR and LF are escaped
    assert "\n" not in line


def test_github_property_escaping() -> None:
    from catwalk.reporters.github import escape_data, escape_property

    assert escape_property("a:b,c%d\r\n") == "a%3Ab%2Cc%25d%0D%0A"
    assert escape_data("a:b,c%d\r\n") == "a:b,c%25d%0D%0A"


def test_sarif_format(bad_tree: Path) -> None:
    from sarif_pydantic import Sarif

    result = run_catwalk("check", ".", "--format", "sarif", cwd=bad_tree)
    doc = json.loads(result.stdout)
    Sarif.model_validate(doc)
    run = doc["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert {"shortDescription", "fullDescription", "help"} <= set(rules["CW301"])
    res = run["results"][0]
    assert res["ruleId"] == "CW301" and res["level"] == "error"
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "example.json", "uriBaseId": "%SRCROOT%"}
    line = line_of(bad_tree / "example.json", '"default_max_tokens": 999999')
    assert loc["region"] == {"startLine": line, "startColumn": 7, "endLine": line, "endColumn": 35}
    fingerprint = res["partialFingerprints"]["primaryLocationLineHash"]
    # Stable when lines shift: the same finding two lines lower keeps its fingerprint.
    text = (bad_tree / "example.json").read_text()
    (bad_tree / "example.json").write_text(text.replace("{", "{\n\n", 1))
    moved = json.loads(run_catwalk("check", ".", "--format", "sarif", cwd=bad_tree).stdout)["runs"][0][
        "results"
    ][0]
    assert moved["locations"][0]["physicalLocation"]["region"]["startLine"] == line + 2
    assert moved["partialFingerprints"]["primaryLocationLineHash"] == fingerprint


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--select", "CW3"], ["CW301"]),
        (["--select", "CW1,CW3"], ["CW101", "CW301"]),
        (["--select", "CW3", "--select", "CW101"], ["CW101", "CW301"]),
        (["--ignore", "CW301"], ["CW101"]),
        (["--ignore", "CW1"], ["CW301"]),
        (["--select", "CW101", "--ignore", "CW1"], ["CW101"]),  # the more specific selector wins
        (["--select", "CW1", "--ignore", "CW101"], []),
        (["--ignore", "unknown-key"], ["CW301"]),
        (["--select", "ALL", "--ignore", "CW"], []),
    ],
)
def test_select_and_ignore(bad_tree: Path, args: list[str], expected: list[str]) -> None:
    doc = json.loads(run_catwalk("check", ".", "--format", "json", *args, cwd=bad_tree).stdout)
    assert sorted(f["rule"] for f in doc["findings"]) == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--select", "ZZ9"], "unknown rule selector 'ZZ9'"),
        (["check", "no/such/path.json"], "path does not exist: no/such/path.json"),
        (["check", "--format", "xml"], "invalid choice: 'xml'"),
        (["check", "--frobnicate"], "unrecognized arguments: --frobnicate"),
        (["rule", "CW999"], "no rule 'CW999'"),
        (["check", "--write-baseline"], "--write-baseline needs --baseline FILE"),
    ],
)
def test_usage_errors_exit_2_without_traceback(tmp_path: Path, args: list[str], message: str) -> None:
    result = run_catwalk(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_fail_level(tmp_path: Path, provider: dict[str, Any]) -> None:
    (tmp_path / "example.json").write_text(json.dumps(provider))
    assert run_catwalk("check", ".", "--fail-level", "warning", cwd=tmp_path).returncode == 0
    provider["id"] = "Bad Id"
    (tmp_path / "example.json").write_text(json.dumps(provider))
    assert run_catwalk("check", ".", "--fail-level", "never", cwd=tmp_path).returncode == 0
    assert run_catwalk("check", ".", cwd=tmp_path).returncode == 1


def test_output_file_is_written_atomically(bad_tree: Path) -> None:
    out = bad_tree / "reports" / "check.json"
    result = run_catwalk("check", "example.json", "--format", "json", "--output", out, cwd=bad_tree)
    assert result.returncode == 1 and result.stdout == ""
    assert json.loads(out.read_text())["summary"]["findings"]["error"] == 2
    assert [p.name for p in out.parent.iterdir()] == ["check.json"]


def test_default_target_prefers_config_then_providers_then_embedded(
    tmp_path: Path, provider: dict[str, Any]
) -> None:
    # Lifecycle rules compare with today's date: pin it so the embedded database stays clean.
    # (no notice ahead either: a shutdown date within 30 days of it would be announced).
    settings = '[tool.catwalk.settings]\ntoday = "2026-11-26"\nretirement-notice-days = 0\n'
    (tmp_path / "pyproject.toml").write_text(settings)
    embedded = json.loads(run_catwalk("check", "--format", "json", cwd=tmp_path).stdout)
    assert embedded["summary"]["providers"] >= 41 and embedded["findings"] == []
    assert embedded["summary"]["baselined"] > 0

    (tmp_path / "providers").mkdir()
    (tmp_path / "providers" / "example.json").write_text(json.dumps(provider))
    local = json.loads(run_catwalk("check", "--format", "json", cwd=tmp_path).stdout)
    assert local["summary"]["files"] == 1

    (tmp_path / "data").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.catwalk]\ndata-dir = "data"\n')
    configured = json.loads(run_catwalk("check", "--format", "json", cwd=tmp_path).stdout)
    assert configured["summary"]["files"] == 0


def test_rules_and_rule_commands() -> None:
    listing = run_catwalk("rules")
    assert listing.returncode == 0
    assert re.search(
        r"^CW301  max-tokens-exceeds-context +error +file +`default_max_tokens`", listing.stdout, re.M
    )
    doc = run_catwalk("rule", "CW301")
    assert doc.returncode == 0
    assert doc.stdout.startswith("# CW301 max-tokens-exceeds-context\n")
    assert "## How to fix" in doc.stdout and "Bad:" in doc.stdout
    assert run_catwalk("rule", "max-tokens-exceeds-context").stdout == doc.stdout
    as_json = json.loads(run_catwalk("rules", "--format", "json").stdout)
    assert {r["id"] for r in as_json} >= {"CW001", "CW101", "CW205", "CW503"}


def test_internal_errors_are_reported_without_traceback(tmp_path: Path) -> None:
    # A local check module that breaks at import time is a usage error, not a crash.
    (tmp_path / "pyproject.toml").write_text('[tool.catwalk]\nchecks = ["broken_checks"]\n')
    (tmp_path / "broken_checks.py").write_text("raise RuntimeError('nope')\n")
    result = run_catwalk("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "local check module 'broken_checks' failed to import: nope" in result.stderr
    assert "Traceback" not in result.stderr


def test_version() -> None:
    assert run_catwalk("--version").stdout.startswith("catwalk ")


def test_no_command_prints_help() -> None:
    result = run_catwalk()
    assert result.returncode == 2 and "check" in result.stderr


def test_repository_database_is_clean() -> None:
    result = run_catwalk("check", REPO / "providers", "--format", "json")
    doc = json.loads(result.stdout)
    assert result.returncode == 0
    assert doc["summary"]["findings"]["error"] == 0


def test_text_output_keeps_one_finding_per_line(tmp_path: Path, provider: dict[str, Any]) -> None:
    provider["models"][0]["evil\nkey\x1b[31m"] = 1
    (tmp_path / "example.json").write_text(json.dumps(provider))
    out = run_catwalk("check", "example.json", cwd=tmp_path).stdout.splitlines()
    assert len(out) == 2
    assert out[0].endswith("unknown key `evil\\nkey\\x1b[31m`")


def test_piped_output_is_complete_before_the_quick_exit(tmp_path: Path, provider: dict[str, Any]) -> None:
    # `check` ends with os._exit; everything it wrote to a pipe must still arrive, in order.
    for i in range(300):
        provider["models"].append({**provider["models"][0], "id": f"m{i}", f"bad{i}": 1})
    (tmp_path / "many.json").write_text(json.dumps(provider, indent=2))
    result = run_catwalk("check", "many.json", "--select", "CW101", cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert len(lines) == 301
    assert all(": CW101 " in line for line in lines[:-1])
    assert lines[-1].startswith("Found 300 errors")

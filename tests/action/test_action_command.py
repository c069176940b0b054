"""`catwalk action` on hand-made reports: the annotation caps (with infos too), the 1 MiB summary
limit, the outputs file, bad reports and the default path. In-process and fast."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from catwalk import cli
from catwalk.commands import action as gha

sim = sys.modules["catwalk_tests_simulator"]


def finding(
    i: int, severity: str = "error", message: str | None = None, file: str = "providers/a.json"
) -> dict[str, Any]:
    return {
        "rule": "CW301",
        "name": "max-tokens-exceeds-context",
        "severity": severity,
        "message": message or f"finding {i}",
        "file": file,
        "line": i + 1,
        "column": 7,
        "end_line": i + 1,
        "end_column": 30,
        "pointer": f"/models/{i}/default_max_tokens",
        "provider": "a",
        "model": f"m{i}",
        "field": "default_max_tokens",
    }


def write_report(path: Path, findings: list[dict[str, Any]]) -> Path:
    counts = {s: sum(1 for f in findings if f["severity"] == s) for s in ("error", "warning", "info")}
    document = {
        "version": 1,
        "findings": findings,
        "summary": {"files": 1, "providers": 1, "models": len(findings), "rules": 30, "findings": counts},
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def actions_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    files = {"output": tmp_path / "output", "summary": tmp_path / "summary"}
    monkeypatch.setenv("GITHUB_OUTPUT", str(files["output"]))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(files["summary"]))
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"):
        monkeypatch.delenv(name, raising=False)
    return files


def test_infos_leave_room_for_the_counting_notice(
    tmp_path: Path, actions_env: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    findings = [finding(i, "info") for i in range(15)] + [finding(100 + i, "warning") for i in range(3)]
    status = cli.main(["action", "report", str(write_report(tmp_path / "r.json", findings))])
    commands = sim.parse_commands(capsys.readouterr().out)
    assert status == 0  # warnings and infos do not fail at fail-level error
    assert [c.level for c in commands] == ["warning"] * 3 + ["notice"] * 10
    assert commands[-1].message.startswith("6 more findings (6 infos) are not shown")
    assert sum(1 for c in commands if c.level == "notice") == 10  # GitHub's notice limit


def test_exactly_ten_of_each_needs_no_notice(
    tmp_path: Path, actions_env: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    findings = [finding(i) for i in range(10)] + [finding(20 + i, "warning") for i in range(10)]
    assert cli.main(["action", "report", str(write_report(tmp_path / "r.json", findings))]) == 1
    levels = [c.level for c in sim.parse_commands(capsys.readouterr().out)]
    assert levels == ["error"] * 10 + ["warning"] * 10


def test_summary_stays_under_one_mebibyte_and_counts_the_rest(
    tmp_path: Path, actions_env: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    long = "x" * 400
    findings = [finding(i, "error" if i % 3 else "warning", message=f"{i} {long}") for i in range(5000)]
    assert (
        cli.main(
            ["action", "report", str(write_report(tmp_path / "r.json", findings)), "--fail-level", "never"]
        )
        == 0
    )
    summary = actions_env["summary"].read_bytes()
    assert len(summary) <= gha.SUMMARY_LIMIT
    text = summary.decode()
    rows = [line for line in text.splitlines() if line.startswith("| ") and "Severity" not in line]
    assert 1000 < len(rows) < 5000
    left = 5000 - len(rows)
    assert f"**{left} more findings (" in text
    # Errors were listed first, so every warning is among the rows left out.
    assert all("error" in row for row in rows)
    outputs = sim.parse_output_file(actions_env["output"].read_text(encoding="utf-8"))
    assert outputs["errors"] == str(sum(1 for i in range(5000) if i % 3))


def test_summary_respects_what_the_step_already_wrote(
    tmp_path: Path, actions_env: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    actions_env["summary"].write_bytes(b"y" * (gha.SUMMARY_LIMIT - 50_000))
    findings = [finding(i, message="z" * 300) for i in range(1000)]
    cli.main(["action", "report", str(write_report(tmp_path / "r.json", findings)), "--fail-level", "never"])
    assert actions_env["summary"].stat().st_size <= gha.SUMMARY_LIMIT


def test_outputs_survive_hostile_values(
    tmp_path: Path, actions_env: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    odd = tmp_path / "odd\nname=injected"
    odd.mkdir()
    cli.main(["action", "report", str(write_report(odd / "r.json", [finding(0)]))])
    outputs = sim.parse_output_file(actions_env["output"].read_text(encoding="utf-8"))
    assert set(outputs) == {"errors", "warnings", "report"}
    assert outputs["report"] == str((odd / "r.json").resolve())


def test_absolute_paths_become_workspace_relative(
    tmp_path: Path, actions_env: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    inside = str(tmp_path / "providers" / "a.json")
    cli.main(["action", "report", str(write_report(tmp_path / "r.json", [finding(0, file=inside)]))])
    command = sim.parse_commands(capsys.readouterr().out)[0]
    assert command.properties["file"] == "providers/a.json"


def test_summary_links_to_the_commit_when_the_run_says_which(
    tmp_path: Path,
    actions_env: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "owner/repo")
    monkeypatch.setenv("GITHUB_SHA", "abc123")
    cli.main(["action", "report", str(write_report(tmp_path / "r.json", [finding(4)]))])
    summary = actions_env["summary"].read_text(encoding="utf-8")
    assert "(https://github.com/owner/repo/blob/abc123/providers/a.json#L5)" in summary


def test_markdown_cells_cannot_break_the_table() -> None:
    cell = gha.markdown_text("a | b\n<script>*x*</script> [l](u) `c`")
    assert "\n" not in cell
    assert "|" not in cell.replace("\\|", "")
    assert "<" not in cell.replace("\\<", "")
    assert "`" not in cell.replace("\\`", "")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "is not a JSON report"),
        ('{"version": 2, "findings": [], "summary": {}}', "is not a version 1 catwalk JSON report"),
        (
            '{"version": 1, "findings": [{"rule": 3, "severity": "error"}], "summary": {}}',
            "findings[0].rule must be a string",
        ),
        ('{"version": 1, "findings": {}, "summary": {}}', "has no findings list"),
    ],
)
def test_a_bad_report_is_an_error_annotation_not_a_traceback(
    tmp_path: Path,
    actions_env: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    content: str,
    message: str,
) -> None:
    path = tmp_path / "r.json"
    path.write_text(content, encoding="utf-8")
    assert cli.main(["action", "report", str(path)]) == 2
    commands = sim.parse_commands(capsys.readouterr().out)
    assert len(commands) == 1 and commands[0].level == "error"
    assert message in commands[0].message
    assert not actions_env["output"].exists()


def test_a_missing_report_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["action", "report", str(tmp_path / "nowhere.json")]) == 2
    assert "cannot read" in capsys.readouterr().out


def test_default_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert cli.main(["action", "default-path"]) == 2
    assert "no provider files to check" in capsys.readouterr().out
    (tmp_path / "providers").mkdir()
    assert cli.main(["action", "default-path"]) == 0
    assert capsys.readouterr().out.strip() == "providers"
    (tmp_path / "pyproject.toml").write_text('[tool.catwalk]\ndata-dir = "data"\n', encoding="utf-8")
    assert cli.main(["action", "default-path"]) == 2
    assert "is not a directory" in capsys.readouterr().out
    (tmp_path / "data").mkdir()
    assert cli.main(["action", "default-path"]) == 0
    assert Path(capsys.readouterr().out.strip()) == tmp_path / "data"

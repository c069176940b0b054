"""action.yml run step by step under a simulated Actions runner (simulator.py): outputs,
annotations (count, order, cap, escaping), the step summary, SARIF and input validation."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
GOOD_TREE = REPO / "tests/hooks/fixtures/good"

pytestmark = pytest.mark.slow


def models_over_limit(base: dict[str, Any], prefix: str, count: int) -> dict[str, Any]:
    """A provider whose `count` models each break CW301 (default_max_tokens > context_window)."""
    document = copy.deepcopy(base)
    template = document["models"][0]
    document["models"] = []
    for i in range(count):
        model = copy.deepcopy(template)
        model.update(id=f"{prefix}-model-{i}", name=f"{prefix} model {i}".title())
        model["default_max_tokens"] = model["context_window"] + 1 + i
        document["models"].append(model)
    document.update(
        id=prefix,
        name=prefix.title(),
        api_key=f"${prefix.upper()}_API_KEY",
        default_large_model_id=f"{prefix}-model-0",
        default_small_model_id=f"{prefix}-model-{count - 1}",
    )
    return document


def findings(run: Any) -> list[dict[str, Any]]:
    report = json.loads(Path(run.outputs["report"]).read_text(encoding="utf-8"))
    return report["findings"]  # type: ignore[no-any-return]


def table_rows(summary: str) -> list[str]:
    return [
        line for line in summary.splitlines() if line.startswith("| ") and not line.startswith("| Severity")
    ]


def test_good_tree_passes_quietly(simulate: Callable[..., Any], tmp_path: Path) -> None:
    workspace = tmp_path / "good"
    shutil.copytree(GOOD_TREE, workspace)
    run = simulate(workspace)
    assert not run.failed, run.log
    assert [s.name for s in run.steps] == [
        "Validate inputs",
        "Set up Python",
        "Install catwalk",
        "Check provider files",
    ]
    assert run.outputs["errors"] == "0"
    assert run.outputs["warnings"] == "0"
    assert run.annotations() == []
    assert "catwalk check passed" in run.summary
    assert "2 files, 2 providers, 5 models" in run.summary
    report = json.loads(Path(run.outputs["report"]).read_text(encoding="utf-8"))
    assert report["version"] == 1 and report["findings"] == []
    assert not list(workspace.glob("*.sarif"))  # no SARIF unless asked for


def test_thirty_errors_ten_annotations_one_notice_full_summary(
    simulate: Callable[..., Any],
    workspace: Path,
    write_tree: Callable[..., None],
    provider: dict[str, Any],
    github_sarif_problems: Callable[[dict[str, Any]], list[str]],
) -> None:
    write_tree(workspace, {p: models_over_limit(provider, p, 10) for p in ("alpha", "beta", "gamma")})
    run = simulate(workspace, sarif_file="results/catwalk.sarif")

    assert run.failed
    check = run.step("check")
    assert check.returncode == 1  # fail-level error
    assert run.outputs["errors"] == "30"
    assert run.outputs["warnings"] == "0"
    all_findings = findings(run)
    assert len(all_findings) == 30
    assert {f["rule"] for f in all_findings} == {"CW301"}

    errors = run.annotations("error")
    assert len(errors) == 10
    assert run.annotations("warning") == []
    notices = run.annotations("notice")
    assert len(notices) == 1
    assert notices[0].message.startswith("20 more findings (20 errors) are not shown as annotations")
    assert "job summary lists all findings" in notices[0].message
    assert run.annotations()[-1].level == "notice"  # after the errors

    # The first ten findings of the report, in its order, at their exact places.
    for command, finding in zip(errors, all_findings[:10], strict=True):
        assert command.properties["file"] == finding["file"]
        assert command.properties["line"] == str(finding["line"])
        assert command.properties["col"] == str(finding["column"])
        assert command.properties["endLine"] == str(finding["end_line"])
        assert command.properties["endColumn"] == str(finding["end_column"])
        assert command.properties["title"] == "CW301"
        assert command.message.startswith(finding["message"])
    first = errors[0].properties
    text = (workspace / first["file"]).read_text(encoding="utf-8").splitlines()
    assert text[int(first["line"]) - 1][int(first["col"]) - 1 :].startswith('"default_max_tokens"')

    rows = table_rows(run.summary)
    assert len(rows) == 30
    for row, finding in zip(rows, all_findings, strict=True):
        assert f"{finding['file']}:{finding['line']}:{finding['column']}" in row.replace("\\", "")
    assert "### catwalk check: 30 errors" in run.summary
    assert "not listed here" not in run.summary

    sarif = json.loads((workspace / "results/catwalk.sarif").read_text(encoding="utf-8"))
    assert github_sarif_problems(sarif) == []
    results = sarif["runs"][0]["results"]
    assert len(results) == 30
    for result, finding in zip(results, all_findings, strict=True):
        region = result["locations"][0]["physicalLocation"]["region"]
        assert result["ruleId"] == finding["rule"] and result["level"] == "error"
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == finding["file"]
        assert (region["startLine"], region["startColumn"]) == (finding["line"], finding["column"])
    assert len({r["partialFingerprints"]["primaryLocationLineHash"] for r in results}) == 30


def test_errors_come_before_warnings_and_each_level_is_capped(
    simulate: Callable[..., Any],
    workspace: Path,
    write_tree: Callable[..., None],
    provider: dict[str, Any],
) -> None:
    # Warnings sit earlier in the files than the errors; annotations still put errors first.
    warned = copy.deepcopy(provider)
    warned.update(id="aaa", api_key="$AAA_API_KEY")
    for model in warned["models"]:
        model["cost_per_1m_in"] = -1  # CW105 out-of-range, made a warning below
        model["cost_per_1m_out"] = -1
    warned_docs = {}
    for i in range(8):
        document = copy.deepcopy(warned)
        document["id"] = f"aaa{i}"
        document["api_key"] = f"$AAA{i}_API_KEY"
        warned_docs[f"aaa{i}"] = document  # 4 warnings each: 32 in all
    write_tree(workspace, {**warned_docs, "zzz": models_over_limit(provider, "zzz", 12)})
    (workspace / "pyproject.toml").write_text(
        '[tool.catwalk.severity]\nCW105 = "warning"\n', encoding="utf-8"
    )

    run = simulate(workspace)
    assert run.outputs["errors"] == "12"
    assert run.outputs["warnings"] == "32"
    levels = [c.level for c in run.annotations()]
    assert levels == ["error"] * 10 + ["warning"] * 10 + ["notice"]
    assert run.annotations("notice")[0].message.startswith(
        "24 more findings (2 errors, 22 warnings) are not shown as annotations"
    )
    rows = table_rows(run.summary)
    assert len(rows) == 44
    assert all("error" in row for row in rows[:12]) and all("warning" in row for row in rows[12:])
    assert run.step("check").returncode == 1


@pytest.mark.parametrize(
    ("fail_level", "expected"),
    [("error", 0), ("warning", 1), ("never", 0), ("WARNING", 1)],
)
def test_fail_level_on_warnings_only(
    *,
    simulate: Callable[..., Any],
    workspace: Path,
    write_tree: Callable[..., None],
    provider: dict[str, Any],
    fail_level: str,
    expected: int,
) -> None:
    provider["models"][0]["cost_per_1m_in"] = -1
    write_tree(workspace, {"example": provider})
    (workspace / "pyproject.toml").write_text(
        '[tool.catwalk.severity]\nCW105 = "warning"\n', encoding="utf-8"
    )
    run = simulate(workspace, fail_level=fail_level)
    assert run.step("check").returncode == expected, run.log
    assert run.outputs["warnings"] == "1"
    assert [c.level for c in run.annotations()] == ["warning"]


def test_fail_level_never_reports_but_passes(
    simulate: Callable[..., Any],
    workspace: Path,
    write_tree: Callable[..., None],
    provider: dict[str, Any],
) -> None:
    write_tree(workspace, {"over": models_over_limit(provider, "over", 2)})
    run = simulate(workspace, fail_level="never")
    assert not run.failed, run.log
    assert run.outputs["errors"] == "2"
    assert len(run.annotations("error")) == 2


def test_annotations_escape_file_names_and_messages(
    simulate: Callable[..., Any], workspace: Path, provider: dict[str, Any]
) -> None:
    provider["id"] = "weird"
    provider["bad%key,with:colon\nand newline"] = 1  # CW101 names the key in its message
    name = "we,ird:100%.json"
    (workspace / "providers" / name).write_text(json.dumps(provider, indent=2) + "\n", encoding="utf-8")
    run = simulate(workspace)
    errors = run.annotations("error")
    assert {c.properties["title"] for c in errors} == {"CW101", "CW201"}
    for command in errors:
        assert command.properties["file"] == f"providers/{name}"  # round-trips exactly
        # The raw line keeps the property separators unambiguous and stays on one line.
        assert "file=providers/we%2Cird%3A100%25.json," in command.raw
    unknown = next(c for c in errors if c.properties["title"] == "CW101")
    assert "bad%key,with:colon\nand newline" in unknown.message
    assert "%0A" in unknown.raw and "\n" not in unknown.raw
    # The summary table keeps one row per finding, whatever the message holds.
    assert len(table_rows(run.summary)) == 2
    assert "| unknown key \\`bad%key,with:colon and newline\\` |" in run.summary


def test_select_and_ignore(
    simulate: Callable[..., Any],
    workspace: Path,
    write_tree: Callable[..., None],
    provider: dict[str, Any],
) -> None:
    document = models_over_limit(provider, "mixed", 2)
    write_tree(workspace, {"misnamed": document})  # CW201 (file name) + 2 x CW301
    selected = simulate(workspace, select="CW301")
    assert {c.properties["title"] for c in selected.annotations()} == {"CW301"}
    assert selected.outputs["errors"] == "2"
    ignored = simulate(workspace, ignore="CW301")
    assert {c.properties["title"] for c in ignored.annotations()} == {"CW201"}
    assert ignored.outputs["errors"] == "1"


def test_paths_are_words_and_globs_never_code(
    simulate: Callable[..., Any],
    workspace: Path,
    write_tree: Callable[..., None],
    provider: dict[str, Any],
) -> None:
    write_tree(
        workspace,
        {"one": models_over_limit(provider, "one", 1), "two": models_over_limit(provider, "two", 1)},
    )
    shutil.move(workspace / "providers", workspace / "data")
    run = simulate(workspace, paths="data/one.json\n  data/t*.json")
    assert run.outputs["errors"] == "2"
    assert {c.properties["file"] for c in run.annotations("error")} == {"data/one.json", "data/two.json"}

    hostile = simulate(workspace, paths="$(touch pwned) `touch pwned2` ;touch pwned3")
    assert not list(workspace.glob("pwned*"))
    assert hostile.step("check").returncode == 2
    assert any(c.level == "error" and "could not run" in c.message for c in hostile.annotations()), (
        hostile.log
    )
    assert "path does not exist" in hostile.step("check").stderr


def test_default_path_is_the_data_dir_of_pyproject(
    simulate: Callable[..., Any],
    workspace: Path,
    write_tree: Callable[..., None],
    provider: dict[str, Any],
) -> None:
    write_tree(workspace, {"elsewhere": models_over_limit(provider, "elsewhere", 1)})
    shutil.move(workspace / "providers", workspace / "catalog")
    (workspace / "pyproject.toml").write_text('[tool.catwalk]\ndata-dir = "catalog"\n', encoding="utf-8")
    run = simulate(workspace)
    assert run.outputs["errors"] == "1"
    assert run.annotations("error")[0].properties["file"] == "catalog/elsewhere.json"


def test_no_provider_files_is_an_error_not_a_pass(simulate: Callable[..., Any], tmp_path: Path) -> None:
    """Without paths, data-dir or ./providers the action must not quietly check the database
    embedded in catwalk."""
    empty = tmp_path / "empty"
    empty.mkdir()
    run = simulate(empty)
    assert run.step("check").returncode == 2
    assert any("no provider files to check" in c.message for c in run.annotations("error")), run.log


def test_summary_false_writes_no_summary(
    simulate: Callable[..., Any],
    workspace: Path,
    write_tree: Callable[..., None],
    provider: dict[str, Any],
) -> None:
    write_tree(workspace, {"big": models_over_limit(provider, "big", 11)})
    run = simulate(workspace, summary="false")
    assert run.summary == ""
    notice = run.annotations("notice")[0].message
    assert notice.startswith("1 more findings (1 error)") and "JSON report" in notice


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({"fail_level": "sometimes"}, "input fail-level must be error, warning or never, not 'sometimes'"),
        ({"summary": "yes"}, "input summary must be true or false, not 'yes'"),
        ({"python_version": " "}, "input python-version is required, for example 3.12"),
        ({"sarif_file": "providers"}, "input sarif-file must name a file, but 'providers' is a directory"),
    ],
)
def test_invalid_inputs_fail_first_with_a_clear_message(
    simulate: Callable[..., Any], workspace: Path, inputs: dict[str, str], message: str
) -> None:
    run = simulate(workspace, **inputs)
    assert [s.name for s in run.steps] == ["Validate inputs"]  # nothing installed, nothing run
    assert run.steps[0].returncode == 2
    assert [(c.level, c.properties, c.message) for c in run.annotations()] == [
        ("error", {"title": "catwalk action"}, message)
    ]


def test_an_input_cannot_inject_workflow_commands(simulate: Callable[..., Any], workspace: Path) -> None:
    run = simulate(workspace, fail_level="error\n::warning::injected%")
    commands = run.annotations()
    assert [c.level for c in commands] == ["error"]
    assert "%0A::warning::injected%25" in commands[0].raw
    assert commands[0].message.endswith("not 'error\n::warning::injected%'")


def test_outputs_are_also_set_when_the_step_fails(
    simulate: Callable[..., Any],
    workspace: Path,
    write_tree: Callable[..., None],
    provider: dict[str, Any],
) -> None:
    write_tree(workspace, {"one": models_over_limit(provider, "one", 1)})
    run = simulate(workspace)
    assert run.failed
    assert run.outputs == {
        "errors": "1",
        "warnings": "0",
        "report": run.outputs["report"],
    }
    assert Path(run.outputs["report"]).is_file()
    assert Path(run.outputs["report"]).is_absolute()

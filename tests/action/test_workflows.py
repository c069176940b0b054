"""action.yml and every workflow in .github/workflows/ against GitHub's schemas (the copies
check-jsonschema vendors) and zizmor's security audits, offline; plus the rules this
project sets itself: SHA-pinned actions, no expressions inside `run:`, least privilege."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
ACTION = REPO / "action.yml"
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+(?P<ref>[^\s#]+)(?:\s+#\s*(?P<comment>.*))?$")


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("zizmor", path=str(BIN)) or shutil.which("zizmor")
    if executable is None:
        pytest.fail("zizmor is not installed (it is in the dev extra)")
    return subprocess.run(
        [executable, "--offline", "--no-progress", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_there_are_workflows() -> None:
    assert REPO / ".github/workflows/ci.yml" in WORKFLOWS


def test_action_matches_the_vendored_actions_schema() -> None:
    done = check_jsonschema("vendor.github-actions", ACTION)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_the_vendored_workflows_schema(workflow: Path) -> None:
    done = check_jsonschema("vendor.github-workflows", workflow)
    assert done.returncode == 0, done.stdout + done.stderr


def test_schema_validation_catches_a_broken_workflow(tmp_path: Path) -> None:
    """Control: the same validation rejects a workflow with a job that has no runner."""
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  test:\n    steps:\n      - run: echo hi\n", encoding="utf-8")
    assert check_jsonschema("vendor.github-workflows", broken).returncode != 0


def test_zizmor_finds_nothing() -> None:
    done = zizmor(ACTION, *WORKFLOWS)
    findings = json.loads(done.stdout or "[]")
    assert findings == [], json.dumps(findings, indent=2)
    assert done.returncode == 0, done.stderr


def test_zizmor_would_catch_an_input_expanded_in_run(tmp_path: Path) -> None:
    """Control: the injection this action avoids is what zizmor reports."""
    text = ACTION.read_text(encoding="utf-8")
    assert 'for path in $INPUT_PATHS; do paths+=("$path"); done' in text
    injected = tmp_path / "action.yml"
    injected.write_text(text.replace("for path in $INPUT_PATHS;", "for path in ${{ inputs.paths }};"))
    findings = json.loads(zizmor(injected).stdout or "[]")
    assert any(f["ident"] == "template-injection" for f in findings), findings


def _uses_lines(path: Path) -> list[tuple[str, str | None]]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PINNED.match(line)
        if match:
            found.append((match["ref"], match["comment"]))
    return found


@pytest.mark.parametrize("path", [ACTION, *WORKFLOWS], ids=lambda p: p.name)
def test_third_party_actions_are_pinned_by_sha_with_a_version_comment(path: Path) -> None:
    for ref, comment in _uses_lines(path):
        if ref.startswith("./"):
            continue
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), f"{ref} is not pinned by commit SHA"
        assert comment and re.match(r"v\d+(\.\d+)*", comment), f"{ref} has no version comment"


def test_no_expression_inside_run() -> None:
    """Inputs reach scripts only through env:. (The simulator refuses it too.)"""
    for step in load(ACTION)["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]
        for value in step.get("env", {}).values():
            assert re.fullmatch(r"\$\{\{ [\w.-]+ \}\}", value), value  # one plain context each


def test_action_interface() -> None:
    spec = load(ACTION)
    assert spec["runs"]["using"] == "composite"
    assert list(spec["inputs"]) == [
        "paths",
        "select",
        "ignore",
        "fail-level",
        "sarif-file",
        "summary",
        "python-version",
    ]
    assert list(spec["outputs"]) == ["errors", "warnings", "report"]
    for name, meta in spec["inputs"].items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", name)
        assert meta["description"]
        assert isinstance(meta.get("default", ""), str)
    # Every input is used, and only through env:.
    env_values = " ".join(str(v) for s in spec["runs"]["steps"] for v in s.get("env", {}).values())
    with_values = " ".join(str(v) for s in spec["runs"]["steps"] for v in s.get("with", {}).values())
    for name in spec["inputs"]:
        assert f"inputs.{name} " in env_values + " " + with_values + " ", f"input {name} is never used"


def test_action_installs_from_its_own_checkout_with_the_lock() -> None:
    install = next(s for s in load(ACTION)["runs"]["steps"] if s.get("id") == "install")
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    script = install["run"]
    assert '--require-hashes --only-binary :all: --requirement "$lock"' in script
    assert 'lock="$ACTION_PATH/action/requirements.txt"' in script
    assert '--no-deps --no-build-isolation "$ACTION_PATH"' in script


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_have_least_privilege_and_timeouts(workflow: Path) -> None:
    spec = load(workflow)
    assert spec.get("permissions") in ({}, {"contents": "read"}), "top-level permissions must be minimal"
    for name, job in spec["jobs"].items():
        assert "timeout-minutes" in job, f"job {name} has no timeout-minutes"


def test_ci_runs_the_suite_and_uses_the_action_on_this_repository() -> None:
    spec = load(REPO / ".github/workflows/ci.yml")
    runs = [s.get("run", "") for job in spec["jobs"].values() for s in job["steps"]]
    assert "bash .ci/run" in runs
    uses_self = [s for job in spec["jobs"].values() for s in job["steps"] if s.get("uses") == "./"]
    assert len(uses_self) >= 2
    for job in spec["jobs"].values():
        assert job["permissions"] == {"contents": "read"}
        for step in job["steps"]:
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False

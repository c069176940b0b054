"""`.github/workflows/drift.yml`: valid, hardened, and its shell steps do what they say."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]

from catwalk.paths import provider_files
from catwalk_testing import REPO

WORKFLOW = REPO / ".github" / "workflows" / "drift.yml"
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def _steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    """Every step of every job, in order."""
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    assert steps
    return steps


def _step(workflow: dict[Any, Any], name_part: str) -> dict[str, Any]:
    (step,) = [s for s in _steps(workflow) if name_part in s.get("name", "")]
    return step


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[dev]')")
    return found


def test_validates_against_the_vendored_workflow_schemas() -> None:
    tool = _tool("check-jsonschema")
    for schema in ("vendor.github-workflows", "github-workflows-require-timeout"):
        result = subprocess.run(
            [tool, "--builtin-schema", schema, str(WORKFLOW)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing() -> None:
    tool = _tool("zizmor")
    result = subprocess.run(
        [tool, "--offline", "--format", "json", str(WORKFLOW)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


def test_schedule_is_off_the_hour_with_manual_dispatch(workflow: dict[Any, Any]) -> None:
    triggers = workflow["on"] if "on" in workflow else workflow[True]  # YAML 1.1: bare `on` is true
    (schedule,) = triggers["schedule"]
    minute, hour, *_ = schedule["cron"].split()
    assert minute.isdigit() and int(minute) not in (0, 30) and hour.isdigit()
    assert "workflow_dispatch" in triggers
    assert set(triggers) == {"schedule", "workflow_dispatch"}  # never on pull requests


def test_least_privilege_concurrency_and_timeout(workflow: dict[Any, Any]) -> None:
    assert workflow["permissions"] == {}
    drift, issues = workflow["jobs"]["drift"], workflow["jobs"]["issues"]
    # The job with the provider keys cannot write anything (an OIDC token for the cloud
    # platforms' short-lived credentials is not a write to the repository); the one that
    # writes has no key.
    assert drift["permissions"] == {"contents": "read", "id-token": "write"}
    assert drift["environment"] == "drift-keys"
    assert issues["permissions"] == {"contents": "read", "issues": "write", "pull-requests": "read"}
    assert issues["needs"] == ["drift", "pulls"] and "environment" not in issues
    # Only the pull-request job may push (its own branches) and open pull requests; no key.
    pulls = workflow["jobs"]["pulls"]
    assert pulls["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert pulls["needs"] == "drift" and "environment" not in pulls
    writers = [
        n
        for n, j in workflow["jobs"].items()
        if any(v == "write" and k != "id-token" for k, v in j["permissions"].items())
    ]
    assert [n for n, j in workflow["jobs"].items() if "id-token" in j["permissions"]] == ["drift"]
    assert sorted(writers) == ["issues", "pulls"]
    assert workflow["concurrency"]["cancel-in-progress"] is False
    assert "github.repository" in workflow["concurrency"]["group"]
    assert all(0 < job["timeout-minutes"] <= 60 for job in (drift, issues, pulls))


def test_every_job_installs_from_the_hash_pinned_lock(workflow: dict[Any, Any]) -> None:
    for name, job in workflow["jobs"].items():
        installs = [s["run"] for s in job["steps"] if "pip install" in s.get("run", "")]
        assert installs, name
        for script in installs:
            commands = [" ".join(c.split()) for c in script.replace("\\\n", " ").splitlines() if c.strip()]
            # Dependencies only from the lock, with hashes; catwalk itself without any.
            assert all("--require-hashes" in c or "--no-deps" in c for c in commands), commands
            # The jobs that talk to the network need the live extra's lock; the rest the core's.
            lock = "action/requirements.txt" if name == "lifecycle" else ".github/requirements/nightly.txt"
            assert any(f"--require-hashes --only-binary :all: --requirement {lock}" in c for c in commands)


def test_actions_are_sha_pinned_and_checkout_keeps_no_credentials(workflow: dict[Any, Any]) -> None:
    uses = [s["uses"] for s in _steps(workflow) if "uses" in s]
    assert {u.split("@")[0] for u in uses} == {
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-artifact",
        "actions/download-artifact",
        *CLOUD_TYPES.values(),
    }
    assert all(SHA_PIN.match(u) for u in uses), uses
    checkouts = [s for s in _steps(workflow) if s.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == 4 and all(s["with"]["persist-credentials"] is False for s in checkouts)


def test_no_expression_is_interpolated_into_a_script(workflow: dict[Any, Any]) -> None:
    for step in _steps(workflow):
        assert "${{" not in step.get("run", ""), step["name"]


def _provider_key_variables() -> set[str]:
    """The variable each provider file names, or (a file that names none, Copilot) the
    first its home lists; and the endpoint variables of per-customer homes."""
    from catwalk.homes import packaged

    names = set()
    for path in provider_files(REPO / "providers"):
        data = json.loads(path.read_text("utf-8"))
        key = data.get("api_key") if isinstance(data, dict) else None
        if isinstance(key, str) and (m := re.fullmatch(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?", key.strip())):
            names.add(m.group(1))
        elif (
            key is None
            and data.get("type") not in CLOUD_TYPES
            and (home := packaged().get(data["id"]))
            and home.hosts
            and home.keys
        ):
            names.add(home.keys[0])
        # A resource per customer (Azure, Databricks): its endpoint is the operator's too.
        home = packaged().get(data["id"])
        if home is not None and not home.hosts:
            names.update(home.endpoints)
    return names


CLOUD_STEP = re.compile(r"cloud platforms are configured|credentials for (Bedrock|Vertex AI)")
# Provider types that sign with cloud credentials the workflow gets through OIDC.
CLOUD_TYPES = {
    "bedrock": "aws-actions/configure-aws-credentials",
    "google-vertex": "google-github-actions/auth",
}


def test_the_cloud_platforms_get_short_lived_credentials_before_the_live_step(
    workflow: dict[Any, Any],
) -> None:
    job = workflow["jobs"]["drift"]
    assert job["permissions"]["id-token"] == "write"
    names = [step.get("uses", "").split("@")[0] for step in job["steps"]]
    live = next(i for i, step in enumerate(job["steps"]) if "live APIs" in step.get("name", ""))
    for action in CLOUD_TYPES.values():
        assert action in names and names.index(action) < live, action
        # Run only when configured, so that a fork without cloud identities stays green.
        assert job["steps"][names.index(action)]["if"].startswith("steps.cloud.outputs.")
    # No long-lived cloud key is stored as a secret.
    assert not any(name.startswith(("AWS_", "GOOGLE_")) for name in job["steps"][live]["env"])


def test_every_provider_key_comes_from_a_secret_of_the_same_name(workflow: dict[Any, Any]) -> None:
    env = dict(_step(workflow, "live APIs")["env"])
    expected = _provider_key_variables()
    assert expected, "no provider names an API key variable"
    missing = sorted(expected - set(env))
    assert not missing, f"add to drift.yml: {', '.join(f'{n}: ${{{{ secrets.{n} }}}}' for n in missing)}"
    for name, value in env.items():
        assert value == f"${{{{ secrets.{name} }}}}", name
    assert set(env) == expected  # no secret the database does not name


def test_only_the_live_check_step_sees_a_secret(workflow: dict[Any, Any]) -> None:
    # Besides the provider keys: the names of the cloud identities the drift job assumes
    # through OIDC (a role, a workload identity provider), in its own steps.
    live = _step(workflow, "live APIs")
    cloud = [step for step in workflow["jobs"]["drift"]["steps"] if CLOUD_STEP.search(step.get("name", ""))]
    assert len(cloud) == 3
    for step in _steps(workflow):
        if step is not live and step not in cloud:
            assert "secrets." not in json.dumps(step), step["name"]
    for step in cloud:
        assert re.findall(r"secrets\.(\w+)", json.dumps(step)) and all(
            name.startswith("CATWALK_") for name in re.findall(r"secrets\.(\w+)", json.dumps(step))
        )


def test_steps_run_in_order_and_only_the_sync_gets_the_token(workflow: dict[Any, Any]) -> None:
    names = [s["name"] for s in _steps(workflow)]
    order = [
        "live APIs",
        "Upload the drift report",
        "Upload the synced files",
        "drift pull requests",
        "job summary",
        "drift issues",
    ]
    positions = [next(i for i, n in enumerate(names) if part in n) for part in order]
    assert positions == sorted(positions)
    upload = _step(workflow, "Upload the drift report")
    assert upload["with"]["path"] == "drift.json" and upload["with"]["if-no-files-found"] == "error"
    assert '"$GITHUB_STEP_SUMMARY"' in _step(workflow, "job summary")["run"]
    sync = _step(workflow, "drift issues")
    assert sync["env"]["GITHUB_TOKEN"] == "${{ github.token }}"
    assert "catwalk issues sync --report drift.json" in sync["run"]
    pulls = _step(workflow, "drift pull requests")
    assert "catwalk issues pulls --report drift.json --synced synced" in pulls["run"]
    tokens = [s for s in _steps(workflow) if "GITHUB_TOKEN" in s.get("env", {})]
    assert tokens == [pulls, sync]  # the live check never sees the GitHub token


def _fake_catwalk(tmp_path: Path, exit_code: int, write_report: bool) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "catwalk"
    write = "printf '{\"version\": 1}' > drift.json" if write_report else ":"
    (tmp_path / "providers").mkdir(exist_ok=True)
    (tmp_path / "providers" / "a.json").write_text("{}", encoding="utf-8")
    script.write_text(
        f'#!/bin/sh\necho "$@" >> "{tmp_path}/calls"\n'
        f'case "$1" in drift) {write}; exit {exit_code};; esac\nexit 0\n',
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}


@pytest.mark.parametrize(
    ("exit_code", "write_report", "passes"),
    [
        (0, True, True),
        (1, True, True),
        (3, True, True),
        (2, True, False),
        (3, False, False),
        (4, True, False),
    ],
)
def test_drift_step_lets_drift_and_unknown_through_to_the_sync(
    workflow: dict[Any, Any], tmp_path: Path, exit_code: int, write_report: bool, passes: bool
) -> None:
    _tool("bash")
    script = _step(workflow, "live APIs")["run"]
    env = _fake_catwalk(tmp_path, exit_code, write_report)
    # GitHub runs `bash -e {0}` for run steps on Linux.
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode == 0) is passes, result.stdout + result.stderr
    assert (tmp_path / "calls").read_text().split("\n")[
        0
    ] == "drift --calendar --record recorded --format json --output drift.json"
    if passes:  # then the safe changes, whose files the pull-request job receives
        calls = (tmp_path / "calls").read_text().split("\n")
        assert calls[1] == "sync --write --quiet --allow-unchecked"
        assert (tmp_path / "synced" / "a.json").is_file()


@pytest.mark.parametrize("dry_run", ["true", "false", ""])
def test_sync_step_passes_dry_run_only_when_asked(
    workflow: dict[Any, Any], tmp_path: Path, dry_run: str
) -> None:
    _tool("bash")
    env = {**_fake_catwalk(tmp_path, 0, True), "DRY_RUN": dry_run, "GITHUB_REPOSITORY": "acme/catwalk"}
    script = _step(workflow, "drift issues")["run"]
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    call = (tmp_path / "calls").read_text().strip()
    expected = "issues sync --report drift.json --repo acme/catwalk --label drift --link-pulls"
    assert call == (expected + " --dry-run" if dry_run == "true" else expected)


def test_the_nightly_run_opts_into_calendar_findings_without_secrets(workflow: dict[Any, Any]) -> None:
    job = workflow["jobs"]["lifecycle"]
    assert job["permissions"] == {"contents": "read"}
    assert "environment" not in job
    (step,) = [s for s in job["steps"] if "catwalk check" in s.get("run", "")]
    assert "--calendar fail" in step["run"] and "--select CW9" in step["run"]
    assert "env" not in step

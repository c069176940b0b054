"""`.github/workflows/release.yml`: tag -> build once -> PyPI by trusted publishing -> GitHub
release, each job with only the permission it needs, the tag checked against the version."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]

from catwalk import __version__
from catwalk_testing import REPO

WORKFLOW = REPO / ".github" / "workflows" / "release.yml"
SCRIPT = REPO / ".github" / "release_version.py"


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def test_runs_on_version_tags_only(workflow: dict[Any, Any]) -> None:
    trigger = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert trigger == {"push": {"tags": ["v[0-9]+.[0-9]+.[0-9]+*"]}}


def test_each_job_holds_only_what_its_step_needs(workflow: dict[Any, Any]) -> None:
    jobs = workflow["jobs"]
    assert workflow["permissions"] == {}
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["publish"]["permissions"] == {"id-token": "write"}
    assert jobs["publish"]["environment"]["name"] == "pypi"
    assert jobs["github-release"]["permissions"] == {"contents": "write"}
    assert jobs["publish"]["needs"] == "build" and jobs["github-release"]["needs"] == "publish"


def test_publishing_uses_no_stored_token(workflow: dict[Any, Any]) -> None:
    (step,) = [s for s in workflow["jobs"]["publish"]["steps"] if "pypi-publish" in s.get("uses", "")]
    assert "with" not in step  # no password: trusted publishing
    assert "secrets." not in WORKFLOW.read_text("utf-8")


def test_the_build_installs_only_hash_pinned_packages(workflow: dict[Any, Any]) -> None:
    (step,) = [s for s in workflow["jobs"]["build"]["steps"] if "python -m build" in s.get("run", "")]
    assert "--require-hashes" in step["run"] and "--no-isolation" in step["run"]


@pytest.mark.parametrize(("tag", "code"), [(f"v{__version__}", 0), ("v9.9.9", 1), (__version__, 1)])
def test_the_tag_must_name_the_version(tag: str, code: int) -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), tag], capture_output=True, text=True, check=False)
    assert done.returncode == code, done.stderr
    if code:
        assert done.stderr.startswith("::error::tag") and repr(tag) in done.stderr
    else:
        assert done.stdout.strip() == f"releasing catwalk-db {__version__}"


def test_the_release_lock_builds_catwalk(tmp_path: Path) -> None:
    """The lock's pins are exact and hashed, and `build` is among them."""
    text = (REPO / ".github" / "requirements" / "release.txt").read_text("utf-8")
    pins = [line.split(" ", 1)[0] for line in text.splitlines() if "==" in line]
    assert {p.split("==")[0] for p in pins} == {"build", "packaging", "pyproject-hooks", "setuptools"}
    assert text.count("--hash=sha256:") >= len(pins)

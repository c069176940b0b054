"""This repository's own .pre-commit-config.yaml: valid, ruff via ruff-pre-commit, and local
hooks that are the published hooks (same entry and filters) and really run under pre-commit."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / ".pre-commit-config.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAME = ("name", "entry", "files", "types", "pass_filenames", "require_serial")
offline = sys.modules["catwalk_tests_offline"]


def config() -> dict[str, Any]:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def local_hooks() -> dict[str, dict[str, Any]]:
    return {
        hook["id"]: hook for repo in config()["repos"] if repo["repo"] == "local" for hook in repo["hooks"]
    }


def test_config_validates_with_pre_commit() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(CONFIG)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_runs_through_ruff_pre_commit() -> None:
    repos = {repo["repo"]: repo for repo in config()["repos"]}
    ruff = repos["https://github.com/astral-sh/ruff-pre-commit"]
    assert re.fullmatch(r"v\d+\.\d+\.\d+", ruff["rev"])
    assert [hook["id"] for hook in ruff["hooks"]] == ["ruff-check", "ruff-format"]


def test_local_hooks_are_the_published_hooks(manifest: dict[str, dict[str, Any]]) -> None:
    local = local_hooks()
    assert set(local) == set(manifest)
    for hook_id, published in manifest.items():
        for key in SAME:
            assert local[hook_id].get(key) == published.get(key), f"{hook_id}.{key} differs"


def test_pre_commit_ci_skips_only_the_local_hooks() -> None:
    assert set(config()["ci"]["skip"]) == set(local_hooks())


def _repo_with(tmp_path: Path, tree: str) -> tuple[Path, dict[str, str]]:
    root = tmp_path / "repo"
    root.mkdir()
    local_only = {**config(), "repos": [r for r in config()["repos"] if r["repo"] == "local"]}
    local_only.pop("ci")
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(local_only), encoding="utf-8")
    shutil.copytree(FIXTURES / tree / "providers", root / "providers")
    env = offline.git_env(tmp_path / "git-home")
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    offline.git("init", "--quiet", cwd=root, env=env)
    offline.git("add", "--all", cwd=root, env=env)
    return root, env


@pytest.mark.parametrize(("tree", "returncode", "verdict"), [("good", 0, "Passed"), ("bad", 1, "Failed")])
def test_local_hooks_run_under_pre_commit(tmp_path: Path, tree: str, returncode: int, verdict: str) -> None:
    root, env = _repo_with(tmp_path, tree)
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == returncode, done.stdout + done.stderr
    for name in ("catwalk check \\(per-file rules\\)", "catwalk check \\(cross-file rules\\)", "catwalk fmt"):
        assert re.search(rf"^{name}\.+{verdict}$", done.stdout, re.MULTILINE), done.stdout

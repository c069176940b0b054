"""What the slow tests of tests/hooks and tests/action share, built once per test session:

- a snapshot of this working tree as a committed git repository (what `pre-commit try-repo`
  clones and what the action installs from: tracked and new files, never build debris);
- a wheelhouse of the action's hash-pinned lock (action/requirements.txt), so that every
  later install (pre-commit's hook environment, the action's virtual environment) runs with
  `PIP_NO_INDEX` and needs no network. Filling it is the one download of the session.

Both live in a directory shared by all xdist workers and are built under a file lock.
Loaded by path from the conftest files (tests run with --import-mode=importlib).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

REPO = Path(__file__).resolve().parents[2]
LOCK_FILE = REPO / "action" / "requirements.txt"
# Top-level entries of the repository that building, installing and hooking need.
SNAPSHOT_DIRS = ("src", "checks", "providers", "baseline", "schema", "action")
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "catwalk tests",
    "GIT_AUTHOR_EMAIL": "tests@catwalk.invalid",
    "GIT_COMMITTER_NAME": "catwalk tests",
    "GIT_COMMITTER_EMAIL": "tests@catwalk.invalid",
}


def git_env(home: Path) -> dict[str, str]:
    """git with no user or system configuration (no signing, no templates, no hooks)."""
    home.mkdir(parents=True, exist_ok=True)
    config = home / "gitconfig"
    config.write_text("[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n", encoding="utf-8")
    env = {**os.environ, **GIT_IDENTITY, "GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1"}
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(name, None)
    return env


def git(*args: str | Path, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        ["git", *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise AssertionError(f"git {' '.join(map(str, args))} failed:\n{done.stderr}")
    return done.stdout


def shared_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory all xdist workers of this session see (the per-worker base's parent)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _working_tree_files() -> list[str]:
    if (REPO / ".git").exists():
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            capture_output=True,
            check=True,
        ).stdout.decode()
        return [name for name in listed.split("\0") if name]
    skip = {".git", ".venv", "build", "dist", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
    return [
        p.relative_to(REPO).as_posix()
        for p in REPO.rglob("*")
        if p.is_file() and not skip.intersection(p.relative_to(REPO).parts)
    ]


def _wanted(name: str) -> bool:
    first = name.split("/", 1)[0]
    return "/" not in name or first in SNAPSHOT_DIRS


def build_snapshot(dest: Path) -> Path:
    """Copy the working tree's files into `dest`, a fresh git repository with one commit."""
    dest.mkdir(parents=True)
    for name in filter(_wanted, _working_tree_files()):
        source = REPO / name
        if not source.is_file() or "__pycache__" in name or name.endswith(".egg-info"):
            continue  # deleted but still listed, or build debris
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    env = git_env(dest.parent / f"{dest.name}-git-home")
    git("init", "--quiet", cwd=dest, env=env)
    git("add", "--all", cwd=dest, env=env)
    git("commit", "--quiet", "--no-verify", "-m", "snapshot of the working tree", cwd=dest, env=env)
    return dest


def build_wheelhouse(dest: Path) -> Path:
    """Download the locked wheels (hash-checked) for this interpreter and platform."""
    tmp = dest.with_name(dest.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    done = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check"),
            *("--require-hashes", "--only-binary", ":all:", "-r", str(LOCK_FILE), "-d", str(tmp)),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if done.returncode != 0:
        raise AssertionError(f"could not download the locked wheels:\n{done.stdout}\n{done.stderr}")
    tmp.rename(dest)
    return dest


def shared(tmp_path_factory: pytest.TempPathFactory, name: str, build: str) -> Path:
    """Build `name` once per session for all workers: `build` is "snapshot" or "wheelhouse"."""
    root = shared_root(tmp_path_factory)
    if build == "wheelhouse":
        # Keyed by the lock's content, so a changed lock never meets old wheels.
        name = f"{name}-{hashlib.sha256(LOCK_FILE.read_bytes()).hexdigest()[:12]}"
    dest = root / name
    with FileLock(str(root / f"{name}.lock")):
        if not dest.exists():
            (build_snapshot if build == "snapshot" else build_wheelhouse)(dest)
    return dest


def offline_pip_env(wheelhouse: Path) -> dict[str, str]:
    """Environment for installs that must come from the wheelhouse alone."""
    return {
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(wheelhouse),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        # virtualenv's background wheel refresh is install machinery, not a hook.
        "VIRTUALENV_NO_PERIODIC_UPDATE": "1",
    }

"""`catwalk check` with no PATH: the repository's data, never the embedded database by
accident (a hook pointed at the wrong files would pass while checking ours)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from catwalk_testing import run_catwalk


@pytest.fixture
def repository(tmp_path: Path, provider: dict[str, Any]) -> Path:
    subprocess.run(["git", "init", "--quiet", str(tmp_path)], check=True)
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "example.json").write_text(json.dumps(provider, indent=2))
    return tmp_path


def test_a_repository_without_providers_is_a_usage_error(repository: Path) -> None:
    result = run_catwalk("check", cwd=repository)
    assert result.returncode == 2
    assert result.stdout == ""
    message = result.stderr
    assert "no provider files to check" in message and str(repository) in message
    assert 'data-dir = "config"' in message and "--embedded" in message
    assert "Traceback" not in message


def test_from_a_subdirectory_and_a_worktree_file_too(repository: Path) -> None:
    nested = repository / "config"
    assert run_catwalk("check", "--scope", "database", cwd=nested).returncode == 2
    worktree = repository.parent / "worktree"
    worktree.mkdir()
    (worktree / ".git").write_text(f"gitdir: {repository}/.git/worktrees/x\n")
    assert run_catwalk("check", cwd=worktree).returncode == 2


def test_embedded_is_used_when_asked_for(repository: Path) -> None:
    result = run_catwalk("check", "--embedded", cwd=repository)
    assert result.returncode == 0, result.stdout + result.stderr
    # The embedded database with its own reviewed baseline, not this repository's.
    assert "1 file," not in result.stdout
    assert "accepted by the baseline" in result.stdout


def test_embedded_takes_no_path(repository: Path) -> None:
    result = run_catwalk("check", "--embedded", "config", cwd=repository)
    assert result.returncode == 2
    assert "--embedded" in result.stderr


def test_data_dir_or_providers_is_the_default(repository: Path) -> None:
    (repository / "pyproject.toml").write_text('[tool.catwalk]\ndata-dir = "config"\n')
    result = run_catwalk("check", cwd=repository)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("All checks passed (1 file, 1 provider")
    (repository / "pyproject.toml").unlink()
    (repository / "config").rename(repository / "providers")
    assert run_catwalk("check", cwd=repository).stdout.startswith("All checks passed (1 file, 1 provider")


def test_outside_a_repository_the_embedded_database_is_the_default(tmp_path: Path) -> None:
    result = run_catwalk("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "accepted by the baseline" in result.stdout
    assert "1 file," not in result.stdout


def test_coverage_takes_embedded_too(repository: Path) -> None:
    assert run_catwalk("coverage", cwd=repository).returncode == 2
    assert run_catwalk("coverage", "--embedded", "--format", "json", cwd=repository).returncode == 0

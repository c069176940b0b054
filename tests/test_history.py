"""When a provider file last changed: its last commit, else its modification time."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from catwalk.history import last_changed

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def set_mtime(path: Path, when: str) -> None:
    from datetime import datetime, timezone

    moment = datetime.fromisoformat(when).replace(tzinfo=timezone.utc).timestamp()
    os.utime(path, (moment, moment))


@needs_git
def test_a_committed_file_is_dated_by_its_last_commit(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    path = tmp_path / "openai.json"
    path.write_text("{}\n", "utf-8")
    git(tmp_path, "add", "openai.json")
    git(tmp_path, "commit", "-q", "-m", "add", date="2026-03-04T23:30:00+00:00")
    (tmp_path / "other.json").write_text("{}\n", "utf-8")
    git(tmp_path, "add", "other.json")
    git(tmp_path, "commit", "-q", "-m", "other", date="2026-05-06T10:00:00+00:00")
    set_mtime(path, "2026-11-30T00:00:00")  # a checkout's mtime says nothing
    assert last_changed(path) == "2026-03-04"


@needs_git
def test_a_file_changed_since_its_commit_is_dated_by_its_modification(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    path = tmp_path / "openai.json"
    path.write_text("{}\n", "utf-8")
    git(tmp_path, "add", "openai.json")
    git(tmp_path, "commit", "-q", "-m", "add", date="2026-03-04T12:00:00+00:00")
    path.write_text('{"id": "openai"}\n', "utf-8")
    set_mtime(path, "2026-12-01T08:00:00")
    assert last_changed(path) == "2026-12-01"


def test_outside_a_repository_the_modification_time_counts(tmp_path: Path) -> None:
    path = tmp_path / "openai.json"
    path.write_text("{}\n", "utf-8")
    set_mtime(path, "2026-10-09T12:00:00")
    assert last_changed(path) == "2026-10-09"
    assert last_changed(tmp_path / "missing.json") is None

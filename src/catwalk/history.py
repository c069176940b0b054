"""When a provider file last changed: the date of the last commit that touched it, or its
modification time when git cannot say (no repository, git missing, the file not committed
or changed since its last commit).

Dates are UTC `YYYY-MM-DD`. A shallow clone knows only its newest commit, so every file
seems to have changed then: a later date only makes the catalogue comparisons of `catwalk
drift` stricter, never laxer (`catwalk.live.catalogue`).
"""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path

_TIMEOUT = 10.0


def last_changed(path: Path) -> str | None:
    """The file's last change, or None when neither git nor the file system can say."""
    return _committed(path) or _modified(path)


def _git(path: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(
            ["git", *args],
            cwd=path.parent,
            capture_output=True,
            text=True,
            timeout=_TIMEOUT,
            check=False,
            env={**os.environ, "TZ": "UTC", "GIT_TERMINAL_PROMPT": "0"},
        )
    except (OSError, subprocess.SubprocessError):
        return None


def _committed(path: Path) -> str | None:
    dirty = _git(path, "status", "--porcelain", "--", path.name)
    if dirty is None or dirty.returncode != 0 or dirty.stdout.strip():
        return None  # no repository, or changed (or untracked) since the last commit
    done = _git(path, "log", "-1", "--format=%cd", "--date=format-local:%Y-%m-%d", "--", path.name)
    date = done.stdout.strip() if done is not None and done.returncode == 0 else ""
    return date if len(date) == 10 else None


def _modified(path: Path) -> str | None:
    try:
        moment = path.stat().st_mtime
    except OSError:
        return None
    return datetime.fromtimestamp(moment, timezone.utc).strftime("%Y-%m-%d")

"""Turn the PATH arguments of a command into provider files."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from catwalk.config import Config
from catwalk.errors import UsageError


def local_target(config: Config) -> Path | None:
    """The data directory from [tool.catwalk], else ./providers, else None."""
    if config.data_dir is not None:
        if not config.data_dir.is_dir():
            raise UsageError(f"data-dir {config.data_dir} from {config.path} is not a directory")
        return config.data_dir
    local = Path("providers")
    return local if local.is_dir() else None


def git_root(start: Path) -> Path | None:
    """The working tree that contains `start` (a `.git` directory, or a `.git` file of a
    worktree or submodule), else None."""
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return None


def default_target(config: Config, *, embedded: bool = False, flag: str | None = "--embedded") -> Path:
    """The data directory from [tool.catwalk], else ./providers, else the embedded database;
    but never the embedded database by accident inside a repository, where a hook or a CI
    step pointed at the wrong files would pass while checking ours (`flag` names the option
    of the command that asks for it, if it has one)."""
    from catwalk.resources import providers_dir

    if embedded:
        return providers_dir()
    local = local_target(config)
    if local is not None:
        return local
    root = git_root(Path.cwd().resolve())
    if root is not None:
        ask = f", or pass {flag} to use the database shipped with catwalk" if flag else ""
        raise UsageError(
            f"no provider files to check: {root} is a git repository with no ./providers directory "
            "and no `data-dir` in [tool.catwalk]; name the directory (`catwalk check config/`, or "
            '`args: [config]` on the pre-commit hook), set `data-dir = "config"` under [tool.catwalk] '
            f"in pyproject.toml{ask}"
        )
    return providers_dir()


def provider_files(directory: Path) -> list[Path]:
    """The provider files of a data directory: its *.json files, sorted, skipping dot-files
    such as a `.baseline.json` left there by an older catwalk (see CW011)."""
    try:
        entries = list(directory.iterdir())
    except OSError as exc:
        raise UsageError(f"cannot list {directory}: {exc.strerror or exc}") from None
    return sorted(p for p in entries if p.suffix == ".json" and not p.name.startswith("."))


def expand(paths: Sequence[Path]) -> list[Path]:
    """Files as given; directories become their *.json files (sorted, not recursive).
    Whatever an entry is (a link loop, a FIFO, unreadable), it is kept: the loader reports
    it as CW008 at its own path, and the other files are still checked."""
    files: list[Path] = []
    seen: set[str] = set()
    for path in paths:
        if path.is_dir():
            found = provider_files(path)
        elif os.path.lexists(path):
            found = [path]
        else:
            raise UsageError(f"path does not exist: {path}")
        for item in found:
            # realpath never raises, even on a symlink loop (Path.resolve does before 3.13).
            key = os.path.realpath(item)
            if key not in seen:
                seen.add(key)
                files.append(item)
    return files

"""Fixtures for the pre-commit hook tests: the manifest, fixture trees, and running a hook's
entry the way pre-commit does (entry + args + file names) under the network guard."""

from __future__ import annotations

import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from catwalk.paths import provider_files

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
MANIFEST = REPO / ".pre-commit-hooks.yaml"
TREES = HERE / "fixtures"
NETGUARD = HERE / "netguard"
BIN = Path(sys.executable).parent


def _load(name: str, path: Path) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


offline = _load("catwalk_tests_offline", HERE / "offline.py")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: end-to-end tests that build environments (seconds each)")


def load_manifest() -> dict[str, dict[str, Any]]:
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in hooks}


@pytest.fixture(scope="session")
def manifest() -> dict[str, dict[str, Any]]:
    return load_manifest()


@dataclass
class HookRun:
    returncode: int
    stdout: str
    stderr: str
    violations: list[str]
    guarded: list[str]

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def finding_lines(self) -> list[str]:
        """The `file:line:col: RULE message` lines, without the per-invocation summary."""
        return [line for line in self.output.splitlines() if line.startswith("providers/")]


def guard_env(log_dir: Path, programs: str | None = None) -> dict[str, str]:
    """Environment that loads tests/hooks/netguard/sitecustomize.py into Python processes."""
    log_dir.mkdir(parents=True, exist_ok=True)
    env = {
        "PYTHONPATH": os.pathsep.join(filter(None, [str(NETGUARD), os.environ.get("PYTHONPATH")])),
        "CATWALK_NETGUARD_LOG": str(log_dir / "violations.log"),
        "CATWALK_NETGUARD_ARMED": str(log_dir / "armed.log"),
    }
    if programs:
        env["CATWALK_NETGUARD_PROGRAMS"] = programs
    return env


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def run_hook(
    hook: dict[str, Any], files: Sequence[str], cwd: Path, log_dir: Path, *, guard: bool = True
) -> HookRun:
    """Run the hook as pre-commit would: `entry args... files...` (files only when passed)."""
    argv = [*shlex.split(hook["entry"]), *hook.get("args", [])]
    if hook.get("pass_filenames", True):
        argv.extend(files)
    executable = shutil.which(argv[0], path=str(BIN))
    assert executable is not None, f"{argv[0]} is not installed next to {sys.executable}"
    env = {**os.environ, "NO_COLOR": "1", "PATH": os.pathsep.join([str(BIN), os.environ.get("PATH", "")])}
    env.pop("FORCE_COLOR", None)
    if guard:
        env.update(guard_env(log_dir))
    done = subprocess.run(
        [executable, *argv[1:]], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    return HookRun(
        done.returncode,
        done.stdout,
        done.stderr,
        read_lines(log_dir / "violations.log"),
        read_lines(log_dir / "armed.log"),
    )


@pytest.fixture
def tree(tmp_path: Path) -> Callable[[str], Path]:
    """tree("good") -> a private copy of tests/hooks/fixtures/good (hooks may rewrite files)."""

    def copy(name: str) -> Path:
        dest = tmp_path / name
        shutil.copytree(TREES / name, dest)
        return dest

    return copy


def relative_provider_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in provider_files(root / "providers"))


# Test modules are imported by path (--import-mode=importlib) and cannot import this
# conftest, so its helpers are handed out as fixtures.
@pytest.fixture(name="run_hook")
def run_hook_fixture() -> Callable[..., HookRun]:
    return run_hook


@pytest.fixture(name="provider_files")
def provider_files_fixture() -> Callable[[Path], list[str]]:
    return relative_provider_files


@pytest.fixture(name="guard_env")
def guard_env_fixture() -> Callable[..., dict[str, str]]:
    return guard_env


@pytest.fixture(scope="session")
def repo_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return offline.shared(tmp_path_factory, "catwalk-snapshot", "snapshot")  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return offline.shared(tmp_path_factory, "catwalk-wheelhouse", "wheelhouse")  # type: ignore[no-any-return]

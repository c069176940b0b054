"""End to end with the real pre-commit: `pre-commit try-repo <this repo> catwalk-check
--files ...` inside a fresh git repository, as a downstream user would try the hooks.

try-repo clones the hook repository and builds a new hook environment on every call (it
uses a private store in a temporary directory, whatever PRE_COMMIT_HOME says). The one
download of the session fills the wheelhouse; every environment is then installed from it
with PIP_NO_INDEX. "Network blocked" runs the whole of pre-commit in a network namespace
without interfaces (`unshare -rn`, like pre-commit.ci or `docker --net=none`) where the
system allows it, and always with the network guard inside the hook's `catwalk` process.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
GOOD = HERE / "fixtures/good/providers/alpha.json"
BAD = HERE / "fixtures/bad/providers/limits.json"
offline = sys.modules["catwalk_tests_offline"]


@functools.cache
def network_namespace() -> list[str]:
    """`unshare -rn` when unprivileged network namespaces work here, else nothing."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return []
    probe = subprocess.run([unshare, "-rn", "true"], capture_output=True, check=False)
    return [unshare, "-rn"] if probe.returncode == 0 else []


def position(path: Path, needle: str) -> tuple[int, int]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


class Downstream:
    """A fresh git repository that keeps provider files, and pre-commit to try the hooks."""

    def __init__(self, root: Path, hook_repo: Path, wheelhouse: Path, blocked: bool, logs: Path) -> None:
        self.root = root
        self.hook_repo = hook_repo
        self.blocked = blocked
        self.logs = logs
        self.env = offline.git_env(root.parent / "git-home")
        self.env.update(offline.offline_pip_env(wheelhouse))
        self.env["PRE_COMMIT_HOME"] = str(root.parent / "pre-commit-home")
        self.env["PRE_COMMIT_COLOR"] = "never"
        self.env["NO_COLOR"] = "1"
        root.mkdir()
        offline.git("init", "--quiet", cwd=root, env=self.env)

    def add(self, source: Path, name: str, directory: str = "providers") -> Path:
        target = self.root / directory / name
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, target)
        offline.git("add", target, cwd=self.root, env=self.env)
        return target

    def commit(self, message: str) -> None:
        offline.git("commit", "--quiet", "--no-verify", "-m", message, cwd=self.root, env=self.env)

    def try_repo(self, hook_id: str, *files: str) -> subprocess.CompletedProcess[str]:
        return self._try_repo([hook_id], files)

    def try_repo_all(self, *files: str) -> subprocess.CompletedProcess[str]:
        return self._try_repo([], files)

    def _try_repo(self, hook: list[str], files: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
        env = dict(self.env)
        prefix: list[str] = []
        if self.blocked:
            env.update(self.guard)
            prefix = network_namespace()
        return subprocess.run(
            [
                *prefix,
                sys.executable,
                "-m",
                "pre_commit",
                "try-repo",
                str(self.hook_repo),
                *hook,
                "--files",
                *files,
            ],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    def run_config(self, hooks: str) -> subprocess.CompletedProcess[str]:
        """`pre-commit run --all-files` with a .pre-commit-config.yaml whose hooks (YAML
        list items, indented for `hooks:`) come from the hook repository's commit."""
        rev = offline.git("rev-parse", "HEAD", cwd=self.hook_repo, env=self.env).strip()
        config = f"repos:\n  - repo: {self.hook_repo}\n    rev: {rev}\n    hooks:\n{hooks}"
        (self.root / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--all-files"],
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    @functools.cached_property
    def guard(self) -> dict[str, str]:
        netguard = HERE / "netguard"
        self.logs.mkdir(parents=True, exist_ok=True)
        return {
            "PYTHONPATH": os.pathsep.join(filter(None, [str(netguard), os.environ.get("PYTHONPATH")])),
            "CATWALK_NETGUARD_LOG": str(self.logs / "violations.log"),
            "CATWALK_NETGUARD_ARMED": str(self.logs / "armed.log"),
            # pip probes for IPv6 support with a socket; only the hook itself is judged.
            "CATWALK_NETGUARD_PROGRAMS": "catwalk",
        }

    def log(self, name: str) -> list[str]:
        path = self.logs / name
        return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


@pytest.fixture
def downstream(repo_snapshot: Path, wheelhouse: Path, tmp_path: Path) -> Callable[[bool], Downstream]:
    return lambda blocked: Downstream(
        tmp_path / "downstream", repo_snapshot, wheelhouse, blocked, tmp_path / "net"
    )


@pytest.mark.slow
@pytest.mark.parametrize("network", ["open", "blocked"])
def test_try_repo_passes_a_good_commit_and_fails_a_bad_one(
    downstream: Callable[[bool], Downstream], network: str
) -> None:
    repo = downstream(network == "blocked")

    repo.add(GOOD, "alpha.json")
    good = repo.try_repo("catwalk-check", "providers/alpha.json")
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"^catwalk check \(per-file rules\)\.+Passed$", good.stdout, re.MULTILINE), good.stdout
    repo.commit("add a good provider")

    bad_file = repo.add(BAD, "limits.json")
    bad = repo.try_repo("catwalk-check", "providers/limits.json")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert re.search(r"^catwalk check \(per-file rules\)\.+Failed$", bad.stdout, re.MULTILINE)
    line, column = position(bad_file, '"default_max_tokens": 200000')
    located = rf"^providers/limits\.json:{line}:{column}: CW301 default_max_tokens 200000 exceeds \S+"
    assert re.search(located, bad.stdout, re.MULTILINE), bad.stdout

    if network == "blocked":
        assert repo.log("violations.log") == []
        armed = repo.log("armed.log")
        assert len(armed) == 2 and all("catwalk" in entry for entry in armed), armed


@pytest.mark.slow
def test_try_repo_runs_all_three_hooks(downstream: Callable[[bool], Downstream]) -> None:
    """Every hook of the manifest through pre-commit, on a commit that breaks each one."""
    repo = downstream(False)
    repo.add(GOOD, "alpha.json")
    repo.commit("add a good provider")
    names = ["limits.json", "twin.json", "messy.json"]
    for name in names:
        repo.add(HERE / "fixtures/bad/providers" / name, name)
    messy_before = (repo.root / "providers/messy.json").read_bytes()

    done = repo.try_repo_all(*(f"providers/{name}" for name in names))
    out = done.stdout
    assert done.returncode == 1, out + done.stderr
    for hook_name in (
        r"catwalk check \(per-file rules\)",
        r"catwalk check \(cross-file rules\)",
        "catwalk fmt",
    ):
        assert re.search(rf"^{hook_name}\.+Failed$", out, re.MULTILINE), out
    assert re.search(r"^providers/limits\.json:\d+:\d+: CW301 ", out, re.MULTILINE)
    assert re.search(r"^providers/twin\.json:\d+:\d+: CW201 ", out, re.MULTILINE)
    assert re.search(r"^providers/twin\.json:\d+:\d+: CW202 ", out, re.MULTILINE)
    assert "files were modified by this hook" in out
    assert (repo.root / "providers/messy.json").read_bytes() != messy_before


@pytest.mark.slow
def test_check_db_never_checks_the_embedded_database_instead_of_the_repository(
    downstream: Callable[[bool], Downstream],
) -> None:
    """Provider files in config/, the hook's `files:` pointed there, no data-dir: the hook
    fails and says how to configure it, rather than passing on the embedded database."""
    repo = downstream(False)
    repo.add(GOOD, "alpha.json", "config")
    for name in ("limits.json", "twin.json"):  # two files with one provider id
        repo.add(HERE / "fixtures/bad/providers" / name, name, "config")
    hook = "      - id: catwalk-check-db\n        files: ^config/.*\\.json$\n"

    done = repo.run_config(hook)
    assert done.returncode == 1, done.stdout + done.stderr
    assert re.search(r"^catwalk check \(cross-file rules\)\.+Failed$", done.stdout, re.MULTILINE)
    assert "no provider files to check" in done.stdout
    assert "data-dir" in done.stdout and "args: [config]" in done.stdout

    configured = repo.run_config(hook + "        args: [config]\n")
    assert configured.returncode == 1, configured.stdout
    assert re.search(r"^config/twin\.json:\d+:\d+: CW202 ", configured.stdout, re.MULTILINE), (
        configured.stdout
    )

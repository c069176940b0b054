"""Wall time of each pre-commit hook: on a one-file change and on the whole database.

    python benchmarks/bench_hooks.py [--repeat 15] [--no-pre-commit]

Each hook's entry is read from .pre-commit-hooks.yaml and run the way pre-commit runs it
(`entry files...`, or no files for `pass_filenames: false`) in a temporary copy of the
database, as a whole process (interpreter start-up included), `--repeat` times; the table
shows the fastest and the median run. Unless --no-pre-commit is given, the same hooks are
also timed through `pre-commit run` (the local hooks of .pre-commit-config.yaml) in a
temporary git repository, which adds pre-commit's own start-up and file classification.
The issue's start-up budget, `catwalk check` on one small provider file, is checked last.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import yaml

from catwalk.paths import provider_files

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BUDGET = 0.25  # seconds: `catwalk check` on one small provider file


def timed(argv: Sequence[str], cwd: Path, env: dict[str, str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(
            argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
        )
        times.append(time.perf_counter() - start)
    return times


def row(label: str, files: str, times: list[float]) -> str:
    return f"| {label} | {files} | {min(times) * 1000:.0f} ms | {statistics.median(times) * 1000:.0f} ms |"


def hook_argv(hook: dict[str, object], files: list[str]) -> list[str]:
    argv = shlex.split(str(hook["entry"]))
    executable = shutil.which(argv[0], path=str(BIN))
    if executable is None:
        raise SystemExit(f"{argv[0]} is not installed next to {sys.executable}")
    passed = files if hook.get("pass_filenames", True) else []
    return [executable, *argv[1:], *passed]


def smallest_provider(root: Path) -> str:
    return (
        min(provider_files(root / "providers"), key=lambda p: p.stat().st_size).relative_to(root).as_posix()
    )


def prepare(work: Path) -> dict[str, str]:
    shutil.copytree(REPO / "providers", work / "providers")
    env = {**os.environ, "NO_COLOR": "1"}
    env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", "")])
    return env


def bench_entries(work: Path, env: dict[str, str], repeat: int) -> tuple[list[str], list[float]]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    one = smallest_provider(work)
    every = sorted(p.relative_to(work).as_posix() for p in provider_files(work / "providers"))
    lines = []
    budget_times: list[float] = []
    for hook in hooks:
        for files, label in (([one], f"1 file ({one})"), (every, f"whole database ({len(every)} files)")):
            times = timed(hook_argv(hook, files), work, env, repeat)
            lines.append(row(f"`{hook['id']}` entry", label, times))
            if hook["id"] == "catwalk-check" and files == [one]:
                budget_times = times
    return lines, budget_times


def bench_pre_commit(work: Path, env: dict[str, str], repeat: int) -> list[str]:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    config["repos"] = [repo for repo in config["repos"] if repo["repo"] == "local"]
    config.pop("ci", None)
    (work / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git_env = {
        **env,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "PRE_COMMIT_HOME": str(work / ".pre-commit-home"),
    }
    for command in (["git", "init", "--quiet"], ["git", "add", "--all"]):
        done = subprocess.run(command, cwd=work, env=git_env, capture_output=True, text=True, check=False)
        if done.returncode:
            raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()}")
    one = smallest_provider(work)
    lines = []
    for hook in ("catwalk-check", "catwalk-check-db", "catwalk-fmt"):
        base = [sys.executable, "-m", "pre_commit", "run", hook]
        lines.append(
            row(f"`pre-commit run {hook}`", "1 file", timed([*base, "--files", one], work, git_env, repeat))
        )
        lines.append(
            row(f"`pre-commit run {hook}`", "all files", timed([*base, "--all-files"], work, git_env, repeat))
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-pre-commit", action="store_true", help="skip the timings through pre-commit")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="catwalk-bench-") as tmp:
        work = Path(tmp)
        env = prepare(work)
        entry_lines, budget_times = bench_entries(work, env, args.repeat)
        pre_commit_lines = [] if args.no_pre_commit else bench_pre_commit(work, env, args.repeat)

    print(
        f"Python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} CPUs, {args.repeat} runs each\n"
    )
    print("| hook | files | fastest | median |\n|---|---|---|---|")
    print("\n".join(entry_lines + pre_commit_lines))
    fastest, median = min(budget_times), statistics.median(budget_times)
    verdict = "within" if median <= BUDGET else "OVER"
    print(
        f"\nStart-up budget: `catwalk check` on one small provider file: median {median * 1000:.0f} ms, "
        f"fastest {fastest * 1000:.0f} ms, {verdict} the {BUDGET * 1000:.0f} ms budget."
    )
    return 0 if median <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())

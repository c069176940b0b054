"""Each hook's entry, parsed from .pre-commit-hooks.yaml and run as pre-commit runs it, on
the good and bad fixture trees; always under the network guard (tests/hooks/netguard)."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from catwalk.canonical import dumps

LOCATED = re.compile(r"^providers/[^/:]+\.json:(\d+):(\d+): (CW\d{3}) \S")


def position(path: Path, needle: str) -> tuple[int, int]:
    """1-based line and column of the first occurrence of `needle` in the file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


def offline(run: Any) -> None:
    assert run.violations == [], f"the hook tried to use the network: {run.violations}"
    assert any("catwalk" in line for line in run.guarded), "the guard was not loaded into the hook"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("hook_id", ["catwalk-check", "catwalk-check-db", "catwalk-fmt"])
def test_good_tree_passes_and_changes_nothing(
    *,
    manifest: dict[str, dict[str, Any]],
    tree: Callable[[str], Path],
    run_hook: Callable[..., Any],
    provider_files: Callable[[Path], list[str]],
    tmp_path: Path,
    hook_id: str,
) -> None:
    root = tree("good")
    before = snapshot(root)
    run = run_hook(manifest[hook_id], provider_files(root), root, tmp_path / "guard")
    assert run.returncode == 0, run.output
    assert run.finding_lines() == []
    offline(run)
    assert snapshot(root) == before  # no rewrites, no caches, no stray files


def test_check_reports_each_per_file_problem_at_its_place(
    manifest: dict[str, dict[str, Any]],
    tree: Callable[[str], Path],
    run_hook: Callable[..., Any],
    provider_files: Callable[[Path], list[str]],
    tmp_path: Path,
) -> None:
    root = tree("bad")
    run = run_hook(manifest["catwalk-check"], provider_files(root), root, tmp_path / "guard")
    assert run.returncode == 1
    offline(run)
    lines = run.finding_lines()
    assert all(LOCATED.match(line) for line in lines), lines
    found = {(line.split(":")[0], LOCATED.match(line).group(3)) for line in lines}  # type: ignore[union-attr]
    assert found == {
        ("providers/broken.json", "CW001"),  # trailing comma
        ("providers/limits.json", "CW301"),  # default_max_tokens > context_window
        ("providers/twin.json", "CW201"),  # id differs from the file name
    }
    line, column = position(root / "providers/limits.json", '"default_max_tokens": 200000')
    assert any(
        entry.startswith(f"providers/limits.json:{line}:{column}: CW301 default_max_tokens 200000")
        for entry in lines
    ), lines
    # Per-file rules only: the duplicate id across files is the database hook's business.
    assert "CW202" not in run.output


def test_check_db_reads_the_whole_directory(
    manifest: dict[str, dict[str, Any]],
    tree: Callable[[str], Path],
    run_hook: Callable[..., Any],
    tmp_path: Path,
) -> None:
    root = tree("bad")
    hook = manifest["catwalk-check-db"]
    # pass_filenames: false, so pre-commit gives it no file names, whatever changed.
    run = run_hook(hook, ["providers/messy.json"], root, tmp_path / "guard")
    assert run.returncode == 1
    offline(run)
    lines = run.finding_lines()
    rules = {(line.split(":")[0], LOCATED.match(line).group(3)) for line in lines}  # type: ignore[union-attr]
    assert ("providers/limits.json", "CW202") in rules
    assert ("providers/twin.json", "CW202") in rules
    assert "CW301" not in run.output  # per-file rules are the other hook's business


def test_check_db_passes_once_the_duplicate_is_gone(
    manifest: dict[str, dict[str, Any]],
    tree: Callable[[str], Path],
    run_hook: Callable[..., Any],
    tmp_path: Path,
) -> None:
    root = tree("bad")
    (root / "providers/twin.json").unlink()
    (root / "providers/broken.json").unlink()
    run = run_hook(manifest["catwalk-check-db"], [], root, tmp_path / "guard")
    assert run.returncode == 0, run.output
    offline(run)


def test_fmt_rewrites_and_fails_then_passes(
    manifest: dict[str, dict[str, Any]],
    tree: Callable[[str], Path],
    run_hook: Callable[..., Any],
    tmp_path: Path,
) -> None:
    root = tree("bad")
    hook = manifest["catwalk-fmt"]
    messy = root / "providers/messy.json"
    expected = dumps(json.loads(messy.read_text(encoding="utf-8")))
    assert messy.read_text(encoding="utf-8") != expected

    first = run_hook(hook, ["providers/messy.json", "providers/limits.json"], root, tmp_path / "one")
    assert first.returncode == 1  # pre-commit's contract: a hook that changed files failed
    assert "reformatted providers/messy.json" in first.output
    assert messy.read_text(encoding="utf-8") == expected
    offline(first)

    second = run_hook(hook, ["providers/messy.json", "providers/limits.json"], root, tmp_path / "two")
    assert second.returncode == 0, second.output
    offline(second)


def test_fmt_never_rewrites_a_broken_file(
    manifest: dict[str, dict[str, Any]],
    tree: Callable[[str], Path],
    run_hook: Callable[..., Any],
    tmp_path: Path,
) -> None:
    root = tree("bad")
    broken = root / "providers/broken.json"
    before = broken.read_bytes()
    run = run_hook(manifest["catwalk-fmt"], ["providers/broken.json"], root, tmp_path / "guard")
    assert run.returncode == 1
    assert re.search(r"^providers/broken\.json:5:\d+: CW001 ", run.output, re.MULTILINE), run.output
    assert broken.read_bytes() == before
    offline(run)


def _batches(files: list[str], seed: int) -> list[list[str]]:
    """Like pre-commit's xargs: a deterministic shuffle cut into several invocations."""
    shuffled = files[:]
    random.Random(seed).shuffle(shuffled)
    size = max(1, len(shuffled) // 3)
    return [shuffled[i : i + size] for i in range(0, len(shuffled), size)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_check_gives_the_same_findings_in_batches(
    *,
    manifest: dict[str, dict[str, Any]],
    tree: Callable[[str], Path],
    run_hook: Callable[..., Any],
    provider_files: Callable[[Path], list[str]],
    tmp_path: Path,
    seed: int,
) -> None:
    root = tree("bad")
    for name in ("alpha", "beta"):  # a larger mix of good and bad files
        (root / f"providers/{name}.json").write_bytes(
            (Path(__file__).parent / "fixtures/good/providers" / f"{name}.json").read_bytes()
        )
    hook = manifest["catwalk-check"]
    files = provider_files(root)
    whole = run_hook(hook, files, root, tmp_path / "whole")
    parts = [
        run_hook(hook, batch, root, tmp_path / f"part{i}") for i, batch in enumerate(_batches(files, seed))
    ]
    assert len(parts) >= 3
    assert sorted(line for part in parts for line in part.finding_lines()) == sorted(whole.finding_lines())
    # pre-commit reports the largest exit code of all batches.
    assert max(part.returncode for part in parts) == whole.returncode == 1
    for run in (whole, *parts):
        offline(run)


def test_fmt_gives_the_same_files_in_batches(
    manifest: dict[str, dict[str, Any]],
    tree: Callable[[str], Path],
    run_hook: Callable[..., Any],
    provider_files: Callable[[Path], list[str]],
    tmp_path: Path,
) -> None:
    whole_root, split_root = tree("bad"), tmp_path / "split"
    split_root.mkdir()
    (split_root / "providers").mkdir()
    for path in (whole_root / "providers").iterdir():
        (split_root / "providers" / path.name).write_bytes(path.read_bytes())
    hook = manifest["catwalk-fmt"]
    files = provider_files(whole_root)
    run_hook(hook, files, whole_root, tmp_path / "whole")
    for i, batch in enumerate(_batches(files, 7)):
        run_hook(hook, batch, split_root, tmp_path / f"part{i}")
    assert snapshot(split_root) == snapshot(whole_root)


HEAVY = ("pydantic", "httpx", "rich", "jsonschema", "yaml")
PROBE = """
import contextlib, io, shlex, sys
from catwalk.cli import main
argv = shlex.split(sys.argv[1])[1:] + sys.argv[2:]
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    main(argv)
print(",".join(m for m in HEAVY if m in sys.modules))
"""


@pytest.mark.parametrize("hook_id", ["catwalk-check", "catwalk-check-db", "catwalk-fmt"])
def test_hooks_load_no_heavy_library(
    manifest: dict[str, dict[str, Any]],
    tree: Callable[[str], Path],
    provider_files: Callable[[Path], list[str]],
    hook_id: str,
) -> None:
    """Hooks run on every commit: their start-up must not pay for pydantic, httpx or rich."""
    root = tree("good")
    hook = manifest[hook_id]
    files = provider_files(root) if hook.get("pass_filenames", True) else []
    code = PROBE.replace("HEAVY", repr(HEAVY))
    done = subprocess.run(
        [sys.executable, "-c", code, hook["entry"], *files],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"{hook_id} imported {done.stdout.strip()}"

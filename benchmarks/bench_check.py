"""Wall time of `catwalk check` against `check-jsonschema`, process start to exit.

    python benchmarks/bench_check.py [--runs 15] [--files DIR] [--instructions]

Scenarios:
- the 41 upstream reference files (../shared/reference/catwalk; falls back to
  providers/ when the reference data is absent), every rule on, side by side with
  `check-jsonschema --schemafile schema/provider.schema.json` on the same files, which
  runs only the schema; and `catwalk check --jobs 1`, everything in one process (by
  default a second core runs the per-file rules beside the cross-file ones). Runs
  alternate A B C A B C so machine drift hits all; the figure is the ratio of medians
  (issue target: <= 0.33).
- one small provider file (pre-commit's usual case; issue target: <= 0.25 s).

catwalk runs from a throwaway virtualenv it is installed into the way pre-commit installs
a hook (`pip install .`, not editable; `--catwalk EXE` to time another build).

`--instructions` also counts the instructions each tool executes (valgrind's callgrind):
the same count on every run, whatever else the machine is doing, where wall times on a
shared machine move by a tenth between runs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from catwalk.paths import provider_files

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO.parent / "shared" / "reference" / "catwalk"
NEUTRAL = tempfile.gettempdir()
# An installed tool has its bytecode cached (pip compiles at install, an editable install on
# first run); a shell that forbids writing it would time the compiler instead of the tools.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str]) -> float:
    # Run from a neutral directory: neither tool should pick up this repository's config.
    start = time.perf_counter()
    out = subprocess.DEVNULL
    subprocess.run(cmd, stdout=out, stderr=out, check=False, cwd=NEUTRAL, env=ENV)
    return time.perf_counter() - start


def instructions(cmd: list[str]) -> int | None:
    """Instructions the command executes (valgrind --tool=callgrind), or None without valgrind."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    first = Path(cmd[0])
    with first.open("rb") as handle:  # a console script: valgrind runs its interpreter
        head = handle.readline()
    if head.startswith(b"#!"):
        cmd = [head[2:].decode().strip().split()[0], *cmd]
    probe = [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd]
    done = subprocess.run(probe, capture_output=True, text=True, check=False, cwd=NEUTRAL, env=ENV)
    found = re.search(r"Collected : (\d+)", done.stderr)
    return int(found.group(1)) if found else None


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def installed(into: Path) -> list[str]:
    """catwalk installed as a hook environment is: a fresh virtualenv, `pip install .`."""
    subprocess.run([sys.executable, "-m", "venv", str(into)], check=True)
    pip = [str(into / "bin" / "python"), "-m", "pip", "install", "-q", str(REPO)]
    subprocess.run(pip, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return [str(into / "bin" / "catwalk")]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--catwalk", help="the catwalk executable to time (default: a fresh install)")
    parser.add_argument(
        "--files", type=Path, help="directory of provider files (default: reference, else providers/)"
    )
    parser.add_argument("--instructions", action="store_true", help="also count instructions (valgrind)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        exe = [args.catwalk] if args.catwalk else installed(Path(scratch) / "venv")
        return measure(args, exe)


def measure(args: argparse.Namespace, catwalk: list[str]) -> int:

    directory = args.files or (REFERENCE if REFERENCE.is_dir() else REPO / "providers")
    files = sorted(str(p) for p in provider_files(directory))
    schema = str(REPO / "schema" / "provider.schema.json")
    ours = [*catwalk, "check", "-q", *files]
    theirs = [sys.executable, "-m", "check_jsonschema", "--schemafile", schema, *files]
    jsonschema_exe = shutil.which("check-jsonschema")
    if jsonschema_exe:
        theirs = [jsonschema_exe, "--schemafile", schema, *files]

    serial = [*catwalk, "check", "-q", "--jobs", "1", *files]
    for cmd in (ours, serial, theirs):  # warm-up: page cache, .pyc files
        timed(cmd)
    a, s, b = [], [], []
    for _ in range(args.runs):
        a.append(timed(ours))
        s.append(timed(serial))
        b.append(timed(theirs))
    print(f"files: {len(files)} from {directory}")
    rows = (
        ("catwalk check (all rules)", a),
        ("catwalk check --jobs 1", s),
        ("check-jsonschema (schema only)", b),
    )
    for label, runs in rows:
        print(f"{label:<32} median {ms(statistics.median(runs))}  min {ms(min(runs))}")
    ratio = statistics.median(a) / statistics.median(b)
    print(f"ratio catwalk / check-jsonschema: {ratio:.3f} (target <= 0.33)")
    print(f"  with --jobs 1 (one process): {statistics.median(s) / statistics.median(b):.3f}")
    if args.instructions:
        # One process: callgrind counts a forked child on its own, so count the serial run.
        counts = [instructions(cmd) for cmd in (serial, theirs)]
        if None in counts:
            print("instructions: valgrind not found (apt-get install valgrind)")
        else:
            mine, other = (int(c) for c in counts)  # type: ignore[arg-type]
            ratio = mine / other
            print(f"instructions (--jobs 1): catwalk {mine:,}, check-jsonschema {other:,}: ratio {ratio:.3f}")

    small = min(files, key=lambda f: Path(f).stat().st_size)
    one = [timed([*catwalk, "check", "-q", small]) for _ in range(args.runs)]
    name = Path(small).name
    print(f"catwalk check on one small file ({name}): median {ms(statistics.median(one))} (target <= 250 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

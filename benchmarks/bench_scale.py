"""How `catwalk check` scales: wall time and peak memory at 1x, 10x and 100x the database.

    python benchmarks/bench_scale.py [--runs 3] [--scales 1,10,100] [--source DIR] [--keep]

The synthetic databases replicate the 41 upstream reference files
(../shared/reference/catwalk; without it, the committed providers/) under new provider
ids: copy k of `openai.json` becomes `openai-k<k>.json` with `"id": "openai-k<k>"`, so
100x is ~150,000 models in ~4,100 files. Copies keep the model ids, so every
cross-provider group grows 100-fold too: the worst case for the database-scope rules.

Each run is one `catwalk check DIR -q --fail-level never` process, every rule on, its
output thrown away; wall time by `time.perf_counter` around the process, peak RSS from
the kernel's accounting of that child (`os.wait4`). Reported: median wall time, largest
peak RSS, and the growth factors between scales (linear growth is ~10x per step).
Issue targets at 100x: <= 10 s and <= 1 GiB.
"""

from __future__ import annotations

import argparse
import json
import os
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
LIMIT_SECONDS = 10.0
LIMIT_BYTES = 1 << 30


def catwalk_cmd() -> list[str]:
    exe = shutil.which("catwalk")
    return [exe] if exe else [sys.executable, "-m", "catwalk"]


def replicate(source: Path, target: Path, copies: int) -> tuple[int, int]:
    """Write `copies` renamed copies of every provider file; return (files, models)."""
    target.mkdir(parents=True)
    files = models = 0
    for path in provider_files(source):
        doc = json.loads(path.read_text("utf-8"))
        base = doc["id"]
        for copy in range(copies):
            doc["id"] = f"{base}-k{copy}" if copies > 1 else base
            (target / f"{doc['id']}.json").write_text(json.dumps(doc, indent=2) + "\n", "utf-8")
            files += 1
            models += len(doc.get("models") or [])
    return files, models


def run_once(directory: Path) -> tuple[float, int, int]:
    """(wall seconds, peak RSS bytes, exit status) of one `catwalk check` process."""
    cmd = [*catwalk_cmd(), "check", str(directory), "-q", "--fail-level", "never"]
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.stderr is not None:
        error = process.stderr.read().decode(errors="replace")
        process.stderr.close()
        if process.returncode not in (0, 1):
            raise SystemExit(f"catwalk check failed ({process.returncode}): {error}")
    # ru_maxrss is KiB on Linux, bytes on macOS
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return wall, peak, process.returncode


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per scale (default 3)")
    parser.add_argument("--scales", default="1,10,100", help="comma-separated copies (default 1,10,100)")
    parser.add_argument(
        "--source", type=Path, help="provider files to replicate (default: reference, else providers/)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated databases (printed path)")
    args = parser.parse_args()

    source = args.source or (REFERENCE if REFERENCE.is_dir() else REPO / "providers")
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    workdir = Path(tempfile.mkdtemp(prefix="catwalk-scale-"))
    print(f"source: {source}")
    print(f"{'scale':>6} {'files':>6} {'models':>8} {'wall (median)':>14} {'peak RSS':>10} {'growth':>7}")
    results: list[tuple[int, float, int]] = []
    ok = True
    try:
        for scale in scales:
            directory = workdir / f"x{scale}"
            files, models = replicate(source, directory, scale)
            runs = [run_once(directory) for _ in range(args.runs)]
            wall = statistics.median(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            growth = f"{wall / results[-1][1]:.1f}x" if results else "-"
            results.append((scale, wall, peak))
            print(f"{scale:>5}x {files:>6} {models:>8} {wall:>12.2f} s {peak / 2**20:>7.0f} MiB {growth:>7}")
            if scale == 100:
                ok = wall <= LIMIT_SECONDS and peak <= LIMIT_BYTES
        if 100 in scales:
            verdict = "within" if ok else "OVER"
            print(f"100x: {verdict} the targets (<= {LIMIT_SECONDS:.0f} s, <= {LIMIT_BYTES >> 20} MiB)")
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

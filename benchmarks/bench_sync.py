"""Wall time of a `catwalk sync` dry run on large provider files, process start to exit.

    python benchmarks/bench_sync.py [--models 1000 4000 10000] [--runs 3]

A local HTTP server (tests/live/server.py) answers with the real OpenRouter `/models`
envelope listing every model of the file with its input price 10 % higher, so every
model gets one surgical edit and the diff has one hunk per model: the worst case for the
diff. The operator points the provider at the server with `--endpoint`.

Target (issue 9): a dry run of a 10,000-model file in under 5 s. Side by side, in
process: the diff sync used before (`difflib.SequenceMatcher(autojunk=False)`, quadratic
on files whose lines repeat) and `catwalk.linediff` on the same two texts.
"""

from __future__ import annotations

import argparse
import difflib
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from catwalk.linediff import unified_diff  # noqa: E402
from live.server import LocalAPI, json_reply  # noqa: E402

TARGET_SECONDS = 5.0
DIFFLIB_LIMIT = 500  # the old diff takes 54 s here and 435 s at 1,000 models: not run above


def provider(count: int) -> dict[str, Any]:
    models = [
        {
            "id": f"vendor/model-{i:05d}",
            "name": f"Model {i}",
            "cost_per_1m_in": 1,
            "cost_per_1m_out": 2,
            "cost_per_1m_in_cached": 0,
            "cost_per_1m_out_cached": 0,
            "context_window": 128000,
            "default_max_tokens": 8192,
            "can_reason": False,
            "supports_attachments": False,
        }
        for i in range(count)
    ]
    return {
        "name": "Big",
        "id": "big",
        "type": "openrouter",
        "api_key": "$BIG_API_KEY",
        "api_endpoint": "https://big.example/api/v1",
        "default_large_model_id": models[0]["id"],
        "default_small_model_id": models[1]["id"],
        "models": models,
    }


def listing(count: int) -> dict[str, Any]:
    return {
        "data": [
            {
                "id": f"vendor/model-{i:05d}",
                "name": f"Model {i}",
                "context_length": 128000,
                "architecture": {"input_modalities": ["text"], "output_modalities": ["text"]},
                "pricing": {"prompt": "0.0000011", "completion": "0.000002"},
                "top_provider": {"context_length": 128000, "max_completion_tokens": 16384},
                "supported_parameters": ["tools"],
            }
            for i in range(count)
        ]
    }


def catwalk_cmd() -> list[str]:
    exe = shutil.which("catwalk")
    return [exe] if exe else [sys.executable, "-m", "catwalk"]


def dry_run(directory: Path, url: str) -> tuple[float, str]:
    command = [*catwalk_cmd(), "sync", str(directory), f"--endpoint=big={url}", "-q", "--timeout", "60"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 1:
        raise SystemExit(f"catwalk sync exited {done.returncode}: {done.stderr[-2000:]}")
    return elapsed, done.stdout


def old_diff(old: str, new: str) -> str:
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return "".join(str(group) for group in matcher.get_grouped_opcodes(3))


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--models", type=int, nargs="+", default=[1000, 4000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    failures: list[str] = []
    with LocalAPI() as api, tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "providers"
        directory.mkdir()
        print(f"catwalk sync dry run, every model's price changed, {args.runs} runs (whole process):")
        for count in args.models:
            path = directory / "big.json"
            path.write_text(json.dumps(provider(count), indent=2) + "\n", encoding="utf-8")
            api.route("/models", json_reply(listing(count)))
            times: list[float] = []
            diff = ""
            for _ in range(args.runs):
                elapsed, diff = dry_run(directory, api.url())
                times.append(elapsed)
            hunks = diff.count("\n@@ ")
            verdict = ""
            if count >= 10000:
                verdict = "  (target < 5 s: " + ("met)" if max(times) < TARGET_SECONDS else "MISSED)")
                if max(times) >= TARGET_SECONDS:
                    failures.append(f"{count} models")
            print(
                f"  {count:6,} models  median {statistics.median(times):6.2f} s  max {max(times):6.2f} s"
                f"  {hunks:,} hunks{verdict}"
            )
            if hunks < count:
                failures.append(f"{count} models: only {hunks} hunks")

        print("the diff alone, in process (old: difflib autojunk=False; new: catwalk.linediff):")
        for count in sorted({250, 500, *args.models}):
            old = json.dumps(provider(count), indent=2) + "\n"
            new = old.replace('"cost_per_1m_in": 1,', '"cost_per_1m_in": 1.1,')
            start = time.perf_counter()
            unified_diff(old, new, "big.json")
            ours = time.perf_counter() - start
            shown = "   (minutes)"
            if count <= DIFFLIB_LIMIT:
                start = time.perf_counter()
                old_diff(old, new)
                shown = f"{time.perf_counter() - start:8.2f} s"
            print(f"  {count:6,} models  old {shown}   new {ours:6.3f} s")
    if failures:
        print("FAILED: " + ", ".join(failures))
        return 1
    print("OK: every target met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

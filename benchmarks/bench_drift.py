"""Wall time of `catwalk drift` against 40 slow providers, process start to exit.

    python benchmarks/bench_drift.py [--runs 5] [--providers 40] [--latency 0.3]

A local HTTP server (tests/live/server.py: one asyncio server in a thread, listening on
one port per provider, i.e. one "host" per provider as in real life) answers every
`/models` request after `--latency` seconds with the real OpenAI-compatible envelope
listing 50 models. Each provider file lists the same 50 models, so the run must report
40 providers `ok` and no drift.

Scenarios (issue targets):
1. all providers answer after 300 ms: the whole `catwalk drift` process, interpreter
   start-up included, must finish in <= 1.5 s;
2. the same with one provider that accepts the connection and never answers, run with
   `--timeout 2`: the run must end within that provider's 2 s deadline (+0.25 s; the
   whole process gets 1 s more for interpreter start-up and exit) and report it
   `unknown`, every other provider `ok`.
Each scenario is timed twice: as a whole `catwalk drift` process (subprocess, wall
clock) and in process (resolve + fetch + compare, no interpreter start-up).
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from catwalk.paths import provider_files  # noqa: E402
from live.server import LocalAPI, Reply, Seen, json_reply  # noqa: E402

MODELS = [f"model-{i:02d}" for i in range(50)]
KEY_VARIABLE = "BENCH_API_KEY"
KEY = "bench-key-0123456789"
HANGING: set[int] = set()  # ports whose provider never answers


def provider(provider_id: str, endpoint: str) -> dict[str, object]:
    models = [
        {
            "id": m,
            "name": m,
            "cost_per_1m_in": 1,
            "cost_per_1m_out": 2,
            "context_window": 128000,
            "default_max_tokens": 8192,
        }
        for m in MODELS
    ]
    return {
        "name": provider_id,
        "id": provider_id,
        "type": "openai-compat",
        "api_key": f"${KEY_VARIABLE}",
        "api_endpoint": endpoint,
        "default_large_model_id": MODELS[0],
        "default_small_model_id": MODELS[1],
        "models": models,
    }


def catwalk_cmd() -> list[str]:
    exe = shutil.which("catwalk")
    return [exe] if exe else [sys.executable, "-m", "catwalk"]


def local_endpoints(directory: Path) -> dict[str, str]:
    """The operator points each provider at its local port: a provider file alone never
    makes drift send a key anywhere (docs/live-drift.md, "Trust model")."""
    docs = (json.loads(p.read_text(encoding="utf-8")) for p in provider_files(directory))
    return {doc["id"]: doc["api_endpoint"] for doc in docs}


def run_process(directory: Path, timeout: float) -> tuple[float, dict[str, Any], int]:
    """The whole `catwalk drift` process: interpreter start-up to exit."""
    report = directory.parent / "report.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CATWALK_ENDPOINT_")}
    env[KEY_VARIABLE] = KEY
    endpoints = [f"--endpoint={pid}={url}" for pid, url in local_endpoints(directory).items()]
    command = [
        *catwalk_cmd(),
        "drift",
        str(directory),
        *endpoints,
        "--format",
        "json",
        "-o",
        str(report),
        "-q",
    ]
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "--timeout", str(timeout)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 3):
        raise SystemExit(f"catwalk drift exited {done.returncode}: {done.stderr}")
    return elapsed, json.loads(report.read_text(encoding="utf-8")), done.returncode


def run_in_process(directory: Path, timeout: float) -> tuple[float, dict[str, Any], int]:
    """Only the run itself: resolve, fetch every provider, compare (no interpreter start-up)."""
    from catwalk.live.drift import Gathered, build_report
    from catwalk.live.fetch import FetchOptions, fetch_all
    from catwalk.live.resolve import resolve
    from catwalk.loader import load_path

    files = [load_path(p) for p in provider_files(directory)]
    start = time.perf_counter()
    targets = resolve(files, environ={KEY_VARIABLE: KEY}, overrides=local_endpoints(directory))
    gathered = Gathered(targets, fetch_all(targets, FetchOptions(provider_timeout=timeout)))
    report = build_report(gathered)
    elapsed = time.perf_counter() - start
    return elapsed, report.to_dict(), report.exit_status()


Runner = Callable[[Path, float], tuple[float, dict[str, Any], int]]


def scenario(
    api: LocalAPI, *, count: int, timeout: float, runs: int, hang: int | None, runner: Runner
) -> tuple[list[float], dict[str, Any], int]:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "providers"
        directory.mkdir()
        for index in range(count):
            provider_id = f"bench-{index:02d}"
            doc = provider(provider_id, api.url(index))
            (directory / f"{provider_id}.json").write_text(json.dumps(doc), encoding="utf-8")
        HANGING.clear()
        if hang is not None:
            HANGING.add(api.ports[hang])
        times: list[float] = []
        report: dict[str, Any] = {}
        code = 0
        for _ in range(runs):
            elapsed, report, code = runner(directory, timeout)
            times.append(elapsed)
        return times, report, code


def spread(times: list[float]) -> str:
    return f"min {min(times):.3f} s   median {statistics.median(times):.3f} s   max {max(times):.3f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--providers", type=int, default=40)
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--hang-timeout", type=float, default=2.0)
    args = parser.parse_args()

    body = {"object": "list", "data": [{"id": m, "object": "model", "owned_by": "bench"} for m in MODELS]}
    api = LocalAPI(ports=args.providers)

    def answer(seen: Seen) -> Reply:
        if seen.port in HANGING:
            return Reply(action="hang")
        return json_reply(body, delay=args.latency)

    api.fallback = answer
    failures = []
    runners: list[tuple[str, Runner]] = [("whole process", run_process), ("in process", run_in_process)]
    with api:
        latency = f"{args.latency * 1000:.0f} ms"
        print(f"{args.providers} providers, each answering after {latency}, {args.runs} runs:")
        for label, runner in runners:
            times, report, code = scenario(
                api, count=args.providers, timeout=30.0, runs=args.runs, hang=None, runner=runner
            )
            statuses = [p["status"] for p in report["providers"]]
            print(f"  {label:13}  {spread(times)}   {statuses.count('ok')} ok, {len(report['drift'])} drift")
            if max(times) > 1.5 or statuses.count("ok") != args.providers or report["drift"] or code != 0:
                failures.append(f"all answer ({label})")

        print(f"the same, one provider never answering, --timeout {args.hang_timeout:g} s, {args.runs} runs:")
        for label, runner in runners:
            times, report, code = scenario(
                api, count=args.providers, timeout=args.hang_timeout, runs=args.runs, hang=7, runner=runner
            )
            providers = {p["provider"]: p for p in report["providers"]}
            hung = providers.pop("bench-07")
            others_ok = sum(1 for p in providers.values() if p["status"] == "ok")
            print(f"  {label:13}  {spread(times)}   bench-07 {hung['status']}, {others_ok} others ok")
            # The run ends at the hanging provider's deadline; a process adds its start-up.
            budget = args.hang_timeout + (0.25 if runner is run_in_process else 1.0)
            if (
                hung["status"] != "unknown"
                or others_ok != args.providers - 1
                or max(times) > budget
                or code != 3
            ):
                failures.append(f"one provider hangs ({label})")
        print(f"  reason: {hung['reason']}")
    if failures:
        print("FAILED: " + ", ".join(failures))
        return 1
    print("OK: every target met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

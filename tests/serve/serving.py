"""Start the real `catwalk serve` on 127.0.0.1 for a test, and talk to it over sockets."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
DB = HERE / "data" / "db"
GOLDEN = HERE / "golden"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    port: int
    process: subprocess.Popen[str]
    path: Path

    def stop(self) -> str:
        """Stop the server (SIGTERM, as an orchestrator does); its log."""
        os.killpg(self.process.pid, signal.SIGTERM)
        _, err = self.process.communicate(timeout=30)
        return err

    def get(self, path: str = "/v2/providers", **kwargs: object) -> httpx.Response:
        return httpx.get(self.url + path, timeout=10, **kwargs)  # type: ignore[arg-type]

    def metric(self, name: str) -> float:
        for line in self.get("/metrics").text.splitlines():
            if line.startswith((name + " ", name + "{")):
                return float(line.rsplit(" ", 1)[1])
        raise AssertionError(f"no metric {name}")

    def settled(self, name: str) -> float:
        """A counter's value once every worker has added what it counted (each adds its
        count every half second)."""
        previous = self.metric(name)
        while True:
            time.sleep(0.7)
            current = self.metric(name)
            if current == previous:
                return current
            previous = current

    def wait_for(self, predicate: object, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():  # type: ignore[operator]
                return
            time.sleep(0.1)
        raise AssertionError("condition not reached in time")


def copy_db(tmp_path: Path) -> Path:
    target = tmp_path / "db"
    shutil.copytree(DB, target)
    return target


@contextlib.contextmanager
def running(
    path: Path | None,
    *extra: str,
    workers: int = 2,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    port_flag: bool = True,
) -> Iterator[Server]:
    """`catwalk serve` in its own process group; `port_flag=False` passes the port in
    CATWALK_PORT instead of --port."""
    port = free_port()
    env = {**os.environ, **(env or {})}
    if port_flag:
        extra = ("--port", str(port), *extra)
    else:
        env["CATWALK_PORT"] = str(port)
    args = [sys.executable, "-m", "catwalk", "serve", *([str(path)] if path else []), "--host", "127.0.0.1",
            "--workers", str(workers), *extra]  # fmt: skip
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                               cwd=cwd, start_new_session=True)  # fmt: skip
    server = Server(f"http://127.0.0.1:{port}", port, process, path or Path())
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise AssertionError(f"catwalk serve exited {process.returncode}: {process.stderr.read()}")  # type: ignore[union-attr]
            with contextlib.suppress(httpx.HTTPError):
                if server.get("/healthz").status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise AssertionError("catwalk serve did not start")
            time.sleep(0.1)
        yield server
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        for stream in (process.stdout, process.stderr):
            if stream:
                stream.close()

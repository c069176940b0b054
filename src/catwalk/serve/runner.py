"""`catwalk serve`: check the database, then serve it from uvicorn workers under uvicorn's
own supervisor, with reloads (SIGHUP, a watcher on PATH) handled in the supervisor.

uvicorn rather than granian: measured on 2 cores with 32 keep-alive connections sending
If-None-Match (benchmarks/bench_serve.py --granian), the same ASGI app served 304s faster on
uvicorn (httptools, uvloop): 0.74 of a Go net/http handler's rate against granian's 0.57 in
the same run.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn
from uvicorn.supervisors.multiprocess import Multiprocess

from catwalk.serve import app, state
from catwalk.serve.database import Rejected, Snapshot
from catwalk.serve.reloader import Reloader

log = logging.getLogger("catwalk.serve")


@dataclass
class Options:
    path: Path
    host: str
    port: int
    workers: int
    watch: bool = True
    cache_control: str = app.CACHE_CONTROL
    log_level: str = "info"
    access_log: bool = False
    baseline: Path | None = None


class Supervisor(Multiprocess):
    """uvicorn's supervisor, with SIGHUP meaning "check and reload the database" (its own
    SIGHUP restarts the workers, which would drop the connections for nothing)."""

    def __init__(self, config: uvicorn.Config, sockets: list[socket.socket], reloader: Reloader) -> None:
        super().__init__(config, sockets)
        self.reloader = reloader

    def handle_hup(self) -> None:
        self.reloader.reload("SIGHUP")


def _available(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def uvicorn_config(options: Options) -> uvicorn.Config:
    return uvicorn.Config(
        "catwalk.serve.app:create_app",
        factory=True,
        host=options.host,
        port=options.port,
        workers=options.workers,
        http="httptools" if _available("httptools") else "h11",
        loop="uvloop" if _available("uvloop") else "asyncio",
        lifespan="on",
        timeout_keep_alive=60,  # upstream's idle timeout
        access_log=options.access_log,
        server_header=False,
        proxy_headers=False,
        log_level=options.log_level,
    )


def _watch(reloader: Reloader, stop: threading.Event) -> None:
    try:
        import watchfiles
    except ImportError:
        log.warning("catwalk serve: watchfiles is not installed; reload with SIGHUP")
        return
    target = reloader.path.resolve()
    # A file is watched through its directory: editors replace files by renaming.
    root = target if target.is_dir() else target.parent

    def relevant(_change: Any, changed: str) -> bool:
        path = Path(changed)
        return path == target if not target.is_dir() else path.suffix == ".json"

    try:
        for _changes in watchfiles.watch(root, watch_filter=relevant, stop_event=stop, debounce=400,
                                         raise_interrupt=False):  # fmt: skip
            reloader.reload("files changed")
    except Exception as exc:  # an unwatchable PATH leaves SIGHUP working
        log.warning("catwalk serve: not watching %s (%s); reload with SIGHUP", root, exc)


def run(options: Options, first: Snapshot, findings_text: Callable[[Rejected], str]) -> int:
    """Serve `first` (checked already) until SIGINT/SIGTERM; `findings_text` renders a
    rejected reload's findings for the log."""
    runtime = Path(tempfile.mkdtemp(prefix="catwalk-serve-"))
    try:
        (runtime / state.METRICS).mkdir()
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(runtime / state.METRICS)
        os.environ[app.RUNTIME_ENV] = str(runtime)
        os.environ[app.CACHE_CONTROL_ENV] = options.cache_control
        reloader = Reloader(options.path, runtime, findings_text, options.baseline)
        reloader.start(first)
        config = uvicorn_config(options)
        try:
            sock = config.bind_socket()
        except SystemExit:  # uvicorn has logged why (address in use, no permission)
            from catwalk.errors import UsageError

            raise UsageError(f"cannot listen on {options.host}:{options.port}") from None
        supervisor = Supervisor(config, [sock], reloader)
        if options.watch:
            threading.Thread(target=_watch, args=(reloader, supervisor.should_exit), daemon=True).start()
        supervisor.run()
        return 0
    finally:
        shutil.rmtree(runtime, ignore_errors=True)

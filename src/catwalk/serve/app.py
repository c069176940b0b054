"""The ASGI application each worker runs: upstream's routes, answered from bodies and
header lists built once per database generation.

A raw ASGI callable rather than a framework: the providers endpoint is one dictionary
lookup for the route, one for each of the two headers it reads, and two `send` calls.
Workers notice a new generation in the runtime directory (see `catwalk.serve.state`)
within `POLL_SECONDS` and swap to it between requests.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from catwalk.serve import state
from catwalk.serve.database import ENCODINGS
from catwalk.serve.metrics import CONTENT_TYPE as METRICS_CONTENT_TYPE
from catwalk.serve.metrics import Metrics
from catwalk.serve.negotiate import Codings, Tags

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
Headers = list[tuple[bytes, bytes]]

RUNTIME_ENV = "CATWALK_SERVE_RUNTIME"
CACHE_CONTROL_ENV = "CATWALK_CACHE_CONTROL"
# Fresh for 5 minutes at a CDN or proxy; revalidated in the background for 10 more; served
# stale for a day if this server is down.
CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=600, stale-if-error=86400"
POLL_SECONDS = 0.5

REMOVED = b'{"error":"This endpoint was removed. Please use /v2/providers instead."}'
TEXT = (b"content-type", b"text/plain; charset=utf-8")
NOSNIFF = (b"x-content-type-options", b"nosniff")
log = logging.getLogger("catwalk.serve")


class Generation:
    """One published database, with every answer's headers prepared."""

    def __init__(self, pointer: dict[str, Any], bodies: dict[str, bytes], cache_control: bytes) -> None:
        self.number = pointer["generation"]
        self.tags = Tags(pointer["etag"], pointer["compact_etag"])
        etag = f'"{pointer["etag"]}"'.encode("ascii")
        self.codings = Codings(tuple(c for c in ENCODINGS if c in bodies))
        common: Headers = [(b"etag", etag), (b"cache-control", cache_control), (b"vary", b"Accept-Encoding")]
        self.not_modified = common
        self.bodies = bodies
        self.full: dict[str, Headers] = {}
        for coding, body in bodies.items():
            headers = [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *common,
            ]
            if coding != "identity":
                headers.append((b"content-encoding", coding.encode("ascii")))
            self.full[coding] = headers
        self.refused: Headers = [
            TEXT, NOSNIFF, (b"allow", b"GET, HEAD"), (b"etag", etag), (b"content-length", b"19"),
        ]  # fmt: skip


class App:
    def __init__(self, runtime: Path, cache_control: str = CACHE_CONTROL) -> None:
        self.runtime = runtime
        self.cache_control = cache_control.encode("latin-1")
        self.metrics = Metrics(runtime)
        self.counter = self.metrics.counter
        # Counted here and added to the shared counter between requests: an increment in
        # prometheus-client's multiprocess mode takes a lock and writes a memory-mapped file.
        self.requests = 0
        self.current = self._read()
        self._pointer_mtime = self._mtime()
        self.routes: dict[str, Callable[[Scope, Send], Awaitable[None]]] = {
            "/v2/providers": self.providers,
            "/providers": self.removed,
            "/health": self.health,
            "/healthz": self.health,
            "/metrics": self.render_metrics,
        }

    # -- generations ---------------------------------------------------------------
    def _read(self) -> Generation:
        pointer = state.read_pointer(self.runtime)
        return Generation(pointer, state.read_bodies(self.runtime, pointer), self.cache_control)

    def _mtime(self) -> int:
        try:
            return os.stat(self.runtime / state.POINTER).st_mtime_ns
        except OSError:
            return 0

    def refresh(self) -> None:
        """Swap to a newer generation if the supervisor published one."""
        mtime = self._mtime()
        if mtime == self._pointer_mtime:
            return
        self._pointer_mtime = mtime
        try:
            pointer = state.read_pointer(self.runtime)
            if pointer["generation"] != self.current.number:
                self.current = Generation(
                    pointer, state.read_bodies(self.runtime, pointer), self.cache_control
                )
        except (OSError, ValueError, KeyError) as exc:  # half-cleaned runtime dir: keep serving
            log.warning("catwalk serve: could not read the new database: %s", exc)

    def flush(self) -> None:
        pending, self.requests = self.requests, 0
        if pending:
            self.counter.inc(pending)

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(POLL_SECONDS)
            self.flush()
            self.refresh()

    # -- ASGI ------------------------------------------------------------------------
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "http":
            await self.routes.get(scope["path"], self.not_found)(scope, send)
        elif kind == "lifespan":
            await self._lifespan(receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        watcher: asyncio.Task[None] | None = None
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                watcher = asyncio.ensure_future(self._watch())
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if watcher is not None:
                    watcher.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await watcher
                self.flush()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def providers(self, scope: Scope, send: Send) -> None:
        generation = self.current
        method = scope["method"]
        if method not in ("GET", "HEAD"):
            await send({"type": "http.response.start", "status": 405, "headers": generation.refused})
            await send({"type": "http.response.body", "body": b"Method not allowed\n"})
            return
        if_none_match = accept_encoding = None
        for name, value in scope["headers"]:
            if name == b"if-none-match":
                if_none_match = value
            elif name == b"accept-encoding":
                accept_encoding = value
        if method == "GET":
            self.requests += 1  # as upstream counts: every GET, 304s included, no HEAD
            if if_none_match is not None and generation.tags.match(if_none_match):
                await send({"type": "http.response.start", "status": 304, "headers": generation.not_modified})
                await send({"type": "http.response.body", "body": b""})
                return
        coding = generation.codings.choose(accept_encoding)
        await send({"type": "http.response.start", "status": 200, "headers": generation.full[coding]})
        body = generation.bodies[coding] if method == "GET" else b""
        await send({"type": "http.response.body", "body": body})

    async def removed(self, scope: Scope, send: Send) -> None:
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(REMOVED)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": REMOVED if scope["method"] != "HEAD" else b""})

    async def health(self, scope: Scope, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": 200, "headers": [TEXT, (b"content-length", b"2")]}
        )
        await send({"type": "http.response.body", "body": b"OK" if scope["method"] != "HEAD" else b""})

    async def render_metrics(self, scope: Scope, send: Send) -> None:
        self.flush()  # this worker's count is exact; the others' at most POLL_SECONDS old
        page = self.metrics.render()
        headers = [
            (b"content-type", METRICS_CONTENT_TYPE.encode()),
            (b"content-length", str(len(page)).encode()),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": page if scope["method"] != "HEAD" else b""})

    async def not_found(self, scope: Scope, send: Send) -> None:
        body = b"404 page not found\n"
        await send(
            {
                "type": "http.response.start",
                "status": 404,
                "headers": [TEXT, NOSNIFF, (b"content-length", b"19")],
            }
        )
        await send({"type": "http.response.body", "body": body})


def create_app() -> App:
    """The factory uvicorn calls in each worker (the supervisor set the environment)."""
    runtime = Path(os.environ[RUNTIME_ENV])
    return App(runtime, os.environ.get(CACHE_CONTROL_ENV, CACHE_CONTROL))

"""A real HTTP/1.1 server on 127.0.0.1 for live-check tests and the drift benchmark.

It runs an asyncio loop in a background thread and listens on one or more ports (one
port per simulated provider host). Each route answers with a scripted `Reply`, which
can also misbehave the ways real APIs do: answer slowly, never answer, reset the
connection, or send a body shorter than its Content-Length.
"""

from __future__ import annotations

import asyncio
import json
import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Reply:
    status: int = 200
    body: Any = b""  # bytes, str, or any JSON value (serialised)
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    # "respond", "hang" (never answer), "reset" (TCP RST), "truncate" (short body, close)
    action: str = "respond"

    def payload(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode()
        return json.dumps(self.body).encode()


@dataclass(frozen=True)
class Seen:
    """One request as the server received it."""

    port: int
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes = b""
    # The request target as sent (path and query, not decoded): what a signature covers.
    target: str = ""


Handler = Callable[[Seen], Reply]


def json_reply(body: Any, status: int = 200, **kwargs: Any) -> Reply:
    return Reply(status, body, {"Content-Type": "application/json", **kwargs.pop("headers", {})}, **kwargs)


def sequence(*replies: Reply) -> Handler:
    """Answer with each reply in turn; the last one repeats."""
    queue = list(replies)
    lock = threading.Lock()

    def handler(_: Seen) -> Reply:
        with lock:
            return queue.pop(0) if len(queue) > 1 else queue[0]

    return handler


class LocalAPI:
    def __init__(self, ports: int = 1, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port_count = ports
        # Every TCP connection accepted, even one that never sent a request (a TLS hello):
        # zero proves nothing was even attempted.
        self.connections = 0
        self.ports: list[int] = []
        self.routes: dict[str, Handler] = {}
        self.fallback: Handler | None = None
        self.seen: list[Seen] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._servers: list[asyncio.base_events.Server] = []
        self._tasks: set[asyncio.Task[Any]] = set()

    # -- set-up -------------------------------------------------------------------------
    def route(self, path: str, reply: Reply | Handler) -> None:
        if isinstance(reply, Reply):
            fixed = reply

            def constant(_: Seen) -> Reply:
                return fixed

            self.routes[path] = constant
        else:
            self.routes[path] = reply

    def url(self, index: int = 0) -> str:
        return f"http://{self.host}:{self.ports[index]}"

    def start(self) -> LocalAPI:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._listen(), self._loop)
        future.result(timeout=10)
        return self

    async def _listen(self) -> None:
        for _ in range(self.port_count):
            server = await asyncio.start_server(self._serve, self.host, 0, backlog=256)
            self._servers.append(server)
            self.ports.append(server.sockets[0].getsockname()[1])

    def stop(self) -> None:
        async def shutdown() -> None:
            for server in self._servers:
                server.close()
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(shutdown(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def __enter__(self) -> LocalAPI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def requests_to(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]

    # -- serving ------------------------------------------------------------------------
    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self.connections += 1
        try:
            while await self._one(reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            # Cancelled by stop() (a "hang" reply): end quietly, the test is over.
            pass
        finally:
            self._tasks.discard(task)
            if not writer.is_closing():
                writer.close()

    async def _one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            return False
        lines = head.decode("latin-1").split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        body = b""
        if int(headers.get("content-length", "0") or 0):
            body = await reader.readexactly(int(headers["content-length"]))
        parts = urlsplit(target)
        port = writer.get_extra_info("sockname")[1]
        seen = Seen(port, method, parts.path, dict(parse_qsl(parts.query)), headers, body, target)
        self.seen.append(seen)
        handler = self.routes.get(parts.path) or self.fallback
        reply = handler(seen) if handler else Reply(404, b'{"error": {"message": "no such route"}}')
        if reply.delay:
            await asyncio.sleep(reply.delay)
        if reply.action == "hang":
            await asyncio.sleep(3600)
            return False
        if reply.action == "reset":
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
            return False
        body = reply.payload()
        sent = body[: len(body) // 2] if reply.action == "truncate" else body
        out_headers = {"Content-Type": "application/json", **reply.headers}
        out_headers["Content-Length"] = str(len(body))
        out_headers["Connection"] = "close"
        status_line = f"HTTP/1.1 {reply.status} {_phrase(reply.status)}\r\n"
        header_text = "".join(f"{k}: {v}\r\n" for k, v in out_headers.items())
        writer.write((status_line + header_text + "\r\n").encode("latin-1") + sent)
        await writer.drain()
        writer.close()
        return False


def _phrase(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"

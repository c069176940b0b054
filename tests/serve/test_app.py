"""The ASGI app in-process, through httpx's ASGI transport: generation swaps, a damaged
runtime directory, the request counter's batching, and the lifespan."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest

from catwalk.serve import database, state
from catwalk.serve.app import App
from serve.serving import DB


def published(tmp_path: Path, path: Path = DB) -> tuple[Path, state.History]:
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    snapshot, _ = database.load(path)
    history = state.History()
    state.publish(runtime, snapshot, history)
    return runtime, history


async def get(app: App, path: str = "/v2/providers", **headers: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://catwalk") as client:
        return await client.get(path, headers=headers)


def test_a_published_generation_replaces_the_served_one(tmp_path: Path) -> None:
    runtime, history = published(tmp_path)
    app = App(runtime)
    before = asyncio.run(get(app)).headers["etag"]
    changed = tmp_path / "db"
    changed.mkdir()
    for file in DB.glob("*.json"):
        data = json.loads(file.read_text("utf-8"))
        data["name"] += " (renamed)"
        (changed / file.name).write_text(json.dumps(data), "utf-8")
    snapshot, _ = database.load(changed)
    state.publish(runtime, snapshot, history)
    app.refresh()
    after = asyncio.run(get(app))
    assert after.headers["etag"] == f'"{snapshot.etag}"' != before
    assert b"(renamed)" in after.content
    assert sorted(p.name for p in runtime.glob("db-*")) == ["db-1", "db-2"]  # the previous kept for readers


def test_a_damaged_runtime_directory_keeps_the_current_body(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    runtime, _ = published(tmp_path)
    app = App(runtime)
    body = asyncio.run(get(app)).content
    (runtime / state.POINTER).write_text('{"generation": 7}', "utf-8")  # names a directory that is gone
    app.refresh()
    assert asyncio.run(get(app)).content == body
    assert "could not read the new database" in caplog.text


def test_requests_are_counted_in_batches_and_exactly_at_a_scrape(tmp_path: Path) -> None:
    runtime, _ = published(tmp_path)
    app = App(runtime)
    for _ in range(3):
        asyncio.run(get(app))
    asyncio.run(get(app, **{"if-none-match": "*"}))
    assert app.requests == 4  # not yet in the shared counter
    page = asyncio.run(get(app, "/metrics")).text
    assert "catwalk_providers_requests_total 4.0" in page
    assert app.requests == 0


def test_the_lifespan_starts_and_stops_the_watcher(tmp_path: Path) -> None:
    runtime, _ = published(tmp_path)
    app = App(runtime)

    async def lifespan() -> list[str]:
        incoming = asyncio.Queue[dict[str, str]]()
        sent: list[str] = []

        async def receive() -> dict[str, str]:
            return await incoming.get()

        async def send(message: dict[str, object]) -> None:
            sent.append(str(message["type"]))

        task = asyncio.ensure_future(app({"type": "lifespan"}, receive, send))  # type: ignore[arg-type]
        await incoming.put({"type": "lifespan.startup"})
        await asyncio.sleep(0.01)
        await incoming.put({"type": "lifespan.shutdown"})
        await asyncio.wait_for(task, 5)
        return sent

    assert asyncio.run(lifespan()) == ["lifespan.startup.complete", "lifespan.shutdown.complete"]

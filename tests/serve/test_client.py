"""catwalk.client against the real server on 127.0.0.1 (and, for failures, against small
HTTP servers that misbehave on purpose)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from catwalk import wire
from catwalk.client import Client, ClientError, NotModified, etag_of
from catwalk.loader import load_path
from catwalk.model import Provider
from catwalk.paths import provider_files
from serve.serving import DB, Server, running


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running(DB, workers=1) as started:
        yield started


def requests(server: Server) -> float:
    return server.settled("catwalk_providers_requests_total")


def test_get_providers_returns_the_typed_providers(server: Server) -> None:
    with Client(server.url) as client:
        providers = client.get_providers()
    assert all(isinstance(p, Provider) for p in providers)
    assert [p.id for p in providers] == ["anthropic", "openai", "groq"]
    source = {pf.data["id"]: pf.data for pf in map(load_path, provider_files(DB))}
    assert providers[1].models[0].cost_per_1m_in == source["openai"]["models"][0]["cost_per_1m_in"]
    body = wire.indented(wire.providers(source.values()))
    assert client.etag == wire.etag(body)


def test_catwalk_url_is_the_default(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CATWALK_URL", server.url + "/")
    assert Client().url == server.url
    monkeypatch.delenv("CATWALK_URL")
    assert Client().url == "http://localhost:8080"


@pytest.mark.parametrize("quoted", [True, False])
def test_not_modified_for_the_servers_tag_and_crushs(server: Server, quoted: bool) -> None:
    with Client(server.url) as client:
        providers = client.get_providers()
        compact = wire.etag(
            wire.compact(wire.providers(p.model_dump(mode="json", by_alias=True) for p in providers))
        )
        for tag in (client.etag, compact):
            with pytest.raises(NotModified):
                client.get_providers(etag=f'"{tag}"' if quoted else tag)
        assert client.get_providers(etag="0" * 32)  # a stale tag: the full list again


def test_the_cache_sends_its_tag_and_serves_304s_from_disk(server: Server, tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "providers.json"
    with Client(server.url, cache=cache) as client:
        first = client.get_providers()
        assert not client.from_cache
        stored = cache.read_bytes()
        assert etag_of(stored) == client.etag  # the server's bytes, as sent
        before = requests(server)
        second = client.get_providers()
        assert client.from_cache  # answered 304: nothing downloaded
        assert second == first
        assert requests(server) == before + 1
    assert cache.read_bytes() == stored
    assert [p.name for p in tmp_path.joinpath("cache").iterdir()] == ["providers.json"]  # no temp left


def test_a_stale_cache_is_replaced(server: Server, tmp_path: Path) -> None:
    cache = tmp_path / "providers.json"
    cache.write_text("[]", "utf-8")
    with Client(server.url, cache=cache) as client:
        assert [p.id for p in client.get_providers()] == ["anthropic", "openai", "groq"]
        assert not client.from_cache
    assert json.loads(cache.read_bytes())[0]["id"] == "anthropic"


class _Scripted(BaseHTTPRequestHandler):
    script: ClassVar[list[tuple[int, bytes]]] = []
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).seen.append(self.headers.get("If-None-Match", ""))
        status, body = type(self).script.pop(0) if type(self).script else (500, b"")
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def scripted() -> Iterator[tuple[str, type[_Scripted]]]:
    handler = type("Handler", (_Scripted,), {"script": [], "seen": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_retries_on_503_then_succeeds(scripted: tuple[str, type[_Scripted]]) -> None:
    url, handler = scripted
    body = (DB / "groq.json").read_bytes()
    handler.script = [(503, b""), (502, b""), (200, b"[" + body + b"]")]
    with Client(url, retries=2, backoff=0.01) as client:
        assert [p.id for p in client.get_providers()] == ["groq"]
    assert len(handler.seen) == 3


def test_errors_are_client_errors_not_tracebacks(scripted: tuple[str, type[_Scripted]]) -> None:
    url, handler = scripted
    handler.script = [(404, b"404 page not found\n")]
    with Client(url, retries=0) as client, pytest.raises(ClientError, match="HTTP 404"):
        client.get_providers()
    handler.script = [(200, b"not json")]
    with Client(url, retries=0) as client, pytest.raises(ClientError, match="not JSON"):
        client.get_providers()
    handler.script = [(200, b'[{"id": "x"}]')]
    with Client(url, retries=0) as client, pytest.raises(ClientError):
        client.get_providers()


def test_unknown_fields_from_a_newer_server_are_ignored(scripted: tuple[str, type[_Scripted]]) -> None:
    url, handler = scripted
    data = json.loads((DB / "groq.json").read_text("utf-8"))
    data["future_field"] = {"x": 1}
    data["models"][0]["future_model_field"] = True
    handler.script = [(200, json.dumps([data]).encode())]
    with Client(url, retries=0) as client:
        assert client.get_providers()[0].models[0].id == data["models"][0]["id"]


def test_an_unreachable_server_falls_back_to_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "providers.json"
    cache.write_bytes(b"[" + (DB / "groq.json").read_bytes() + b"]")
    with socket_free_url() as url, Client(url, retries=1, backoff=0.01, cache=cache) as client:
        assert [p.id for p in client.get_providers()] == ["groq"]
        assert client.from_cache
    with socket_free_url() as url, Client(url, retries=0) as client, pytest.raises(ClientError):
        client.get_providers()


class socket_free_url:
    """A URL on 127.0.0.1 where nothing listens."""

    def __enter__(self) -> str:
        from serve.serving import free_port

        return f"http://127.0.0.1:{free_port()}"

    def __exit__(self, *exc: object) -> None:
        pass

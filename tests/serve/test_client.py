"""catwalk.client against the real server on 127.0.0.1 (and, for failures, against small
HTTP servers that misbehave on purpose)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from catwalk import wire
from catwalk.client import Client, ClientError, NotModified
from catwalk.loader import load_path
from catwalk.model import Provider
from catwalk.paths import provider_files
from live.server import LocalAPI, Reply, json_reply, sequence
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
        assert wire.etag(stored) == client.etag  # the server's bytes, as sent
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


@pytest.fixture
def api() -> Iterator[LocalAPI]:
    with LocalAPI() as started:
        yield started


def test_retries_on_503_then_succeeds(api: LocalAPI) -> None:
    body = (DB / "groq.json").read_bytes()
    api.route("/v2/providers", sequence(Reply(503), Reply(502), Reply(200, b"[" + body + b"]")))
    with Client(api.url(), retries=2, backoff=0.01) as client:
        assert [p.id for p in client.get_providers()] == ["groq"]
    assert len(api.requests_to("/v2/providers")) == 3


def test_errors_are_client_errors_not_tracebacks(api: LocalAPI) -> None:
    for reply, message in (
        (Reply(404, "404 page not found\n"), "HTTP 404"),
        (Reply(200, "not json"), "not JSON"),
        (Reply(200, [{"id": "x"}]), "validation error"),
        (Reply(200, {"providers": []}), "expected a list"),
        (Reply(200, b"[", action="truncate"), "RemoteProtocolError|not JSON"),
    ):
        api.route("/v2/providers", reply)
        with Client(api.url(), retries=0) as client, pytest.raises(ClientError, match=message):
            client.get_providers()


def test_unknown_fields_from_a_newer_server_are_ignored(api: LocalAPI) -> None:
    data = json.loads((DB / "groq.json").read_text("utf-8"))
    data["future_field"] = {"x": 1}
    data["models"][0]["future_model_field"] = True
    api.route("/v2/providers", json_reply([data]))
    with Client(api.url(), retries=0) as client:
        assert client.get_providers()[0].models[0].id == data["models"][0]["id"]


def test_the_tag_sent_is_quoted_once(api: LocalAPI) -> None:
    api.route("/v2/providers", Reply(304))
    with Client(api.url(), retries=0) as client, pytest.raises(NotModified):
        client.get_providers(etag='"abc"')
    assert api.requests_to("/v2/providers")[0].headers["if-none-match"] == '"abc"'


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

"""The real server on 127.0.0.1: upstream's routes and headers, the body byte for byte,
304 for both tags, negotiated compression, and the metrics."""

from __future__ import annotations

import gzip
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest
import zstandard

from catwalk import wire
from catwalk.loader import load_path
from catwalk.paths import provider_files
from serve.serving import DB, Server, running


def expected_values(path: Path) -> list[wire.Object]:
    return wire.providers(load_path(p).data for p in provider_files(path))


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running(DB) as started:
        yield started


@pytest.fixture(scope="module")
def body() -> bytes:
    return wire.indented(expected_values(DB))


def test_the_body_is_upstreams_encoding_and_tag(server: Server, body: bytes) -> None:
    response = server.get(headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert response.content == body
    assert response.headers["content-type"] == "application/json"
    assert response.headers["etag"] == f'"{wire.etag(body)}"'
    assert response.headers["content-length"] == str(len(body))
    assert "content-encoding" not in response.headers
    assert response.headers["vary"] == "Accept-Encoding"
    assert "max-age=" in response.headers["cache-control"]
    assert [p["id"] for p in json.loads(body)] == ["anthropic", "openai", "groq"]  # upstream's order


def test_304_for_the_indented_tag_and_for_crushs_compact_tag(server: Server, body: bytes) -> None:
    indented = wire.etag(body)
    compact = wire.etag(wire.compact(expected_values(DB)))
    assert indented != compact
    for sent in (
        f'"{indented}"',
        indented,
        f'"{compact}"',
        compact,
        f'W/"{compact}"',
        f'"x", "{indented}"',
        "*",
    ):
        response = server.get(headers={"If-None-Match": sent})
        assert response.status_code == 304, sent
        assert response.content == b""
        assert response.headers["etag"] == f'"{indented}"'
    stale = server.get(headers={"If-None-Match": '"0123456789abcdef0123456789abcdef"'})
    assert stale.status_code == 200 and stale.content == body


@pytest.mark.parametrize(
    ("offer", "coding", "decode"),
    [
        ("gzip", "gzip", gzip.decompress),
        ("gzip, deflate, br", "br", brotli.decompress),
        ("zstd;q=1, br;q=0.5, gzip;q=0.9", "zstd", lambda b: zstandard.ZstdDecompressor().decompress(b)),
        ("br;q=0, gzip", "gzip", gzip.decompress),
        ("*", "br", brotli.decompress),
    ],
)
def test_compression_is_negotiated_and_round_trips(server: Server, body: bytes, offer: str, coding: str,
                                                    decode: object) -> None:  # fmt: skip
    with socket.create_connection(("127.0.0.1", server.port)) as s:  # raw: httpx would decode
        s.sendall(
            f"GET /v2/providers HTTP/1.1\r\nHost: x\r\nAccept-Encoding: {offer}\r\nConnection: close\r\n\r\n".encode()
        )
        raw = b""
        while chunk := s.recv(65536):
            raw += chunk
    head, _, payload = raw.partition(b"\r\n\r\n")
    headers = dict(line.split(b": ", 1) for line in head.split(b"\r\n")[1:])
    assert headers[b"content-encoding"] == coding.encode()
    assert int(headers[b"content-length"]) == len(payload) < len(body) / 4
    assert decode(payload) == body  # type: ignore[operator]
    assert headers[b"etag"] == f'"{wire.etag(body)}"'.encode()  # one tag for every coding


def test_identity_when_nothing_acceptable_is_offered(server: Server, body: bytes) -> None:
    response = server.get(headers={"Accept-Encoding": "compress, gzip;q=0"})
    assert "content-encoding" not in response.headers and response.content == body


def test_head_sends_headers_only_and_is_not_counted(server: Server, body: bytes) -> None:
    before = server.settled("catwalk_providers_requests_total")
    response = httpx_head(server, {"If-None-Match": f'"{wire.etag(body)}"'})
    assert response.status_code == 200  # upstream never answers HEAD with 304
    assert response.content == b""
    assert response.headers["etag"] == f'"{wire.etag(body)}"'
    assert server.settled("catwalk_providers_requests_total") == before


def httpx_head(server: Server, headers: dict[str, str]) -> object:
    import httpx

    return httpx.head(server.url + "/v2/providers", headers=headers, timeout=10)


def test_every_get_is_counted_across_workers_304s_included(server: Server, body: bytes) -> None:
    before = server.settled("catwalk_providers_requests_total")
    for _ in range(7):
        server.get(headers={"If-None-Match": f'"{wire.etag(body)}"'})
    for _ in range(3):
        server.get()
    # Each worker adds its count within half a second; the scraping worker's is exact.
    server.wait_for(lambda: server.metric("catwalk_providers_requests_total") == before + 10)


def test_other_methods_are_refused_as_upstream_does(server: Server) -> None:
    import httpx

    for method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
        response = httpx.request(method, server.url + "/v2/providers", timeout=10)
        assert response.status_code == 405, method
        assert response.text == "Method not allowed\n"
        assert response.headers["content-type"] == "text/plain; charset=utf-8"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["allow"] == "GET, HEAD"


def test_the_removed_v1_endpoint_answers_its_notice(server: Server) -> None:
    import httpx

    for method in ("GET", "POST"):
        response = httpx.request(method, server.url + "/providers", timeout=10)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        assert response.content == b'{"error":"This endpoint was removed. Please use /v2/providers instead."}'


@pytest.mark.parametrize("path", ["/health", "/healthz"])
def test_health(server: Server, path: str) -> None:
    response = server.get(path)
    assert (response.status_code, response.text) == (200, "OK")


def test_unknown_paths_are_404(server: Server) -> None:
    response = server.get("/v2/providers/openai")
    assert (response.status_code, response.text) == (404, "404 page not found\n")


def test_metrics_describe_the_database(server: Server, body: bytes) -> None:
    page = server.get("/metrics").text
    assert (
        "# HELP catwalk_providers_requests_total Total number of requests to the providers endpoint" in page
    )
    assert f'etag="{wire.etag(body)}"' in page
    assert f'compact_etag="{wire.etag(wire.compact(expected_values(DB)))}"' in page
    assert server.metric("catwalk_database_providers") == 3
    assert server.metric("catwalk_database_models") == sum(len(json.loads(p.read_text())["models"])
                                                           for p in DB.glob("*.json"))  # fmt: skip
    assert server.metric("catwalk_database_loaded_timestamp_seconds") > 1.7e9
    assert server.metric("catwalk_database_reload_failures_total") == 0

"""The fetch layer against real HTTP servers on 127.0.0.1: the fault matrix, retries,
Retry-After, deadlines, paging and redirects. Every failure must make its provider
`unknown` with a clear reason, never drift, never a traceback, and never stop the others."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from catwalk.live.adapters.base import Adapter, Page, Request
from catwalk.live.fetch import FetchOptions, Unavailable, backoff_delay, decode_json, retry_after_seconds
from catwalk.live.records import LiveModel
from live.helpers import check_live, model, openai_list, provider_doc
from live.server import LocalAPI, Reply, Seen, json_reply, sequence

IDS = ["model-a", "model-b"]
MODELS = [model(i) for i in IDS]
OK_BODY = openai_list(IDS)

# provider id -> (reply handler, expected status, words the reason must contain)
FAULTS: dict[str, tuple[Any, str, tuple[str, ...]]] = {
    "ok": (json_reply(OK_BODY), "ok", ()),
    "slow-ok": (json_reply(OK_BODY, delay=0.4), "ok", ()),
    "e500": (
        json_reply({"error": {"message": "boom"}}, status=500),
        "unknown",
        ("HTTP 500", "3 attempts", "boom"),
    ),
    "e503": (json_reply({}, status=503), "unknown", ("HTTP 503", "3 attempts")),
    "r429": (
        sequence(json_reply({}, status=429, headers={"Retry-After": "1"}), json_reply(OK_BODY)),
        "ok",
        (),
    ),
    "r429-huge": (
        json_reply({}, status=429, headers={"Retry-After": "3600"}),
        "unknown",
        ("HTTP 429", "retry after 3600 s", "deadline"),
    ),
    "e401": (
        json_reply({"error": {"message": "invalid key"}}, status=401),
        "unknown",
        ("HTTP 401", "check the key"),
    ),
    "e403": (json_reply({}, status=403), "unknown", ("HTTP 403",)),
    "e404": (json_reply({}, status=404), "unknown", ("HTTP 404", "no model list at")),
    "malformed": (Reply(200, b'{"object": "list", "data": [1,,2]}'), "unknown", ("malformed JSON",)),
    "truncated-json": (
        Reply(200, b'{"object": "list", "data": [{"id": "model-a"'),
        "unknown",
        ("truncated JSON",),
    ),
    "short-body": (Reply(200, OK_BODY, action="truncate"), "unknown", ("broke off", "3 attempts")),
    "hang": (Reply(action="hang"), "unknown", ("provider deadline",)),
    "reset": (Reply(action="reset"), "unknown", ("3 attempts",)),
    "empty": (json_reply(openai_list([])), "unknown", ("listed no models", "database has 2")),
    "html": (
        Reply(200, "<!doctype html><html><body>Sign in</body></html>", {"Content-Type": "text/html"}),
        "unknown",
        ("HTML page", "text/html"),
    ),
    "html-as-json": (Reply(200, "<html>502 Bad Gateway</html>"), "unknown", ("HTML page",)),
    "wrong-shape": (json_reply({"models": []}), "unknown", ("unexpected response shape",)),
    "error-200": (
        json_reply({"error": {"message": "quota"}}),
        "unknown",
        ("unexpected response shape", "quota"),
    ),
    "transient": (sequence(json_reply({}, status=503), json_reply(OK_BODY)), "ok", ()),
    "transient-reset": (sequence(Reply(action="reset"), json_reply(OK_BODY)), "ok", ()),
}
DEADLINE = 3.0


@pytest.fixture
def fault_matrix(local_api: LocalAPI, providers_dir: Any) -> tuple[LocalAPI, list[Path]]:
    paths = []
    for provider_id, (reply, _, _) in FAULTS.items():
        local_api.route(f"/{provider_id}/models", reply)
        paths.append(
            providers_dir(provider_doc(provider_id, MODELS, api_endpoint=f"{local_api.url()}/{provider_id}"))
        )
    return local_api, paths


def test_fault_matrix(fault_matrix: tuple[LocalAPI, list[Path]]) -> None:
    api, paths = fault_matrix
    options = FetchOptions(provider_timeout=DEADLINE, run_timeout=DEADLINE * 3, per_host=len(FAULTS))
    started = time.monotonic()
    report, gathered = check_live(paths, options=options)
    elapsed = time.monotonic() - started

    statuses = {p.provider: p for p in report.providers}
    for provider_id, (_, expected, words) in FAULTS.items():
        status = statuses[provider_id]
        assert status.status == expected, (provider_id, status.reason)
        for word in words:
            assert word in (status.reason or ""), (provider_id, status.reason)
    assert report.drift == [], "a failing provider must never produce drift"
    # The hanging provider bounds the run: it ends at its deadline, not later.
    assert DEADLINE - 0.1 <= elapsed < DEADLINE + 1.5
    assert gathered.fetched["hang"].elapsed == pytest.approx(DEADLINE, abs=0.5)
    # Retries where they belong, none where they do not.
    requests = {pid: len(api.requests_to(f"/{pid}/models")) for pid in FAULTS}
    assert requests["e500"] == requests["e503"] == requests["reset"] == 3
    assert requests["e401"] == requests["e403"] == requests["e404"] == 1
    assert requests["r429"] == requests["transient"] == requests["transient-reset"] == 2
    assert requests["r429-huge"] == 1
    assert requests["malformed"] == requests["html"] == requests["ok"] == 1
    # Retry-After: 1 was honoured before the second request.
    assert gathered.fetched["r429"].elapsed >= 1.0
    assert report.exit_status() == 3


def test_retry_after_http_date_is_honoured(local_api: LocalAPI, providers_dir: Any) -> None:
    when = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=2), usegmt=True)
    local_api.route(
        "/models", sequence(json_reply({}, status=503, headers={"Retry-After": when}), json_reply(OK_BODY))
    )
    path = providers_dir(provider_doc("dated", MODELS, api_endpoint=local_api.url()))
    report, gathered = check_live([path], options=FetchOptions(provider_timeout=6))
    assert report.providers[0].status == "ok"
    assert gathered.fetched["dated"].elapsed >= 0.9  # HTTP dates have one-second resolution
    assert len(local_api.requests_to("/models")) == 2


def test_retry_after_longer_than_deadline_gives_up_at_once(local_api: LocalAPI, providers_dir: Any) -> None:
    local_api.route("/models", json_reply({}, status=429, headers={"Retry-After": "20"}))
    path = providers_dir(provider_doc("limited", MODELS, api_endpoint=local_api.url()))
    started = time.monotonic()
    report, _ = check_live([path], options=FetchOptions(provider_timeout=5))
    assert time.monotonic() - started < 2
    assert report.providers[0].status == "unknown"
    assert "retry after 20 s" in (report.providers[0].reason or "")


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "7"}, 7.0),
        ({"Retry-After": "0.5"}, 0.5),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0),  # in the past: retry now
        ({"Retry-After": "soon"}, None),
        ({"Retry-After": "-3"}, None),
        ({}, None),
    ],
)
def test_retry_after_parsing(headers: dict[str, str], expected: float | None) -> None:
    assert retry_after_seconds(httpx.Headers(headers)) == expected


def test_retry_after_http_date_in_future() -> None:
    now = datetime(2026, 5, 15, 12, 0, 0, tzinfo=timezone.utc)
    headers = httpx.Headers({"Retry-After": "Fri, 15 May 2026 12:00:30 GMT"})
    assert retry_after_seconds(headers, now) == 30.0


def test_backoff_grows_exponentially_with_jitter_and_a_cap() -> None:
    options = FetchOptions(backoff_base=1.0, backoff_cap=4.0)
    for attempt, step in ((1, 1.0), (2, 2.0), (3, 4.0), (6, 4.0)):
        delays = {backoff_delay(attempt, options) for _ in range(50)}
        assert all(step / 2 <= d <= step for d in delays)
        assert len(delays) > 1  # jitter


def test_decode_json_reasons() -> None:
    assert decode_json(b'{"a": 1}', "application/json") == {"a": 1}
    for body, ctype, words in [
        (b"", "application/json", "empty"),
        (b"   <html>", "application/json", "HTML page"),
        (b'{"a": 1', "application/json", "truncated JSON"),
        (b'{"a": tru}', "application/json", "malformed JSON"),
        (b"\xff\xfe\x00", "application/json", "malformed JSON"),
        (b"[" * 100000, "application/json", "nested too deeply"),
    ]:
        with pytest.raises(Unavailable, match=words):
            decode_json(body, ctype)


def test_run_deadline_marks_unfinished_providers_unknown(local_api: LocalAPI, providers_dir: Any) -> None:
    local_api.route("/a/models", Reply(action="hang"))
    local_api.route("/b/models", json_reply(OK_BODY))
    paths = [
        providers_dir(provider_doc(p, MODELS, api_endpoint=f"{local_api.url()}/{p}")) for p in ("a", "b")
    ]
    started = time.monotonic()
    report, _ = check_live(paths, options=FetchOptions(provider_timeout=30, run_timeout=1.0))
    assert time.monotonic() - started < 2.5
    statuses = {p.provider: p for p in report.providers}
    assert statuses["a"].status == "unknown"
    assert "run deadline (1 s)" in (statuses["a"].reason or "")
    assert statuses["b"].status == "ok"


def test_per_host_limit_queues_providers_on_one_host(local_api: LocalAPI, providers_dir: Any) -> None:
    local_api.fallback = lambda seen: json_reply(OK_BODY, delay=0.3)
    paths = [
        providers_dir(provider_doc(f"p{i}", MODELS, api_endpoint=f"{local_api.url()}/p{i}")) for i in range(6)
    ]
    started = time.monotonic()
    report, _ = check_live(paths, options=FetchOptions(per_host=2))
    elapsed = time.monotonic() - started
    assert [p.status for p in report.providers] == ["ok"] * 6
    assert elapsed >= 0.85  # three waves of two, not one wave of six


def test_connection_refused_is_unknown(providers_dir: Any) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again below: nothing listens there
    path = providers_dir(provider_doc("gone", MODELS, api_endpoint=f"http://127.0.0.1:{port}"))
    report, _ = check_live([path], options=FetchOptions(backoff_base=0.05))
    assert report.providers[0].status == "unknown"
    assert "connection failed" in (report.providers[0].reason or "")


# -- paging ---------------------------------------------------------------------------------
def anthropic_page(ids: list[str], has_more: bool) -> dict[str, Any]:
    return {
        "data": [
            {"type": "model", "id": i, "display_name": i, "created_at": "2026-01-01T00:00:00Z"} for i in ids
        ],
        "first_id": ids[0] if ids else None,
        "last_id": ids[-1] if ids else None,
        "has_more": has_more,
    }


# The anthropic provider reads its key only from its home's variable.
ANTHROPIC_KEY = "$ANTHROPIC_API_KEY"
ANTHROPIC_ENV = {"ANTHROPIC_API_KEY": "test-key-123"}


def test_cursor_pages_are_followed(local_api: LocalAPI, providers_dir: Any) -> None:
    def pages(seen: Seen) -> Reply:
        if seen.query.get("after_id") == "model-a":
            return json_reply(anthropic_page(["model-b"], has_more=False))
        return json_reply(anthropic_page(["model-a"], has_more=True))

    local_api.route("/v1/models", pages)
    doc = provider_doc(
        "anthropic", MODELS, provider_type="anthropic", api_key=ANTHROPIC_KEY, api_endpoint=local_api.url()
    )
    report, gathered = check_live([providers_dir(doc)], environ=ANTHROPIC_ENV)
    assert report.providers[0].status == "ok", report.providers[0].reason
    assert gathered.fetched["anthropic"].pages == 2
    assert report.drift == []
    seen = local_api.requests_to("/v1/models")
    assert [s.query.get("after_id") for s in seen] == [None, "model-a"]
    assert all(s.headers.get("x-api-key") == "test-key-123" for s in seen)


def test_page_cap_stops_an_endless_listing(local_api: LocalAPI, providers_dir: Any) -> None:
    counter = iter(range(10_000))
    local_api.route(
        "/v1/models", lambda seen: json_reply(anthropic_page([f"m{next(counter)}"], has_more=True))
    )
    doc = provider_doc(
        "anthropic", MODELS, provider_type="anthropic", api_key=ANTHROPIC_KEY, api_endpoint=local_api.url()
    )
    report, _ = check_live([providers_dir(doc)], environ=ANTHROPIC_ENV, options=FetchOptions(max_pages=5))
    assert report.providers[0].status == "unknown"
    assert "more than 5 pages" in (report.providers[0].reason or "")
    assert len(local_api.requests_to("/v1/models")) == 5
    assert report.drift == []


def test_paging_loop_is_unknown(local_api: LocalAPI, providers_dir: Any) -> None:
    local_api.route("/v1/models", json_reply({"data": [], "has_more": True, "last_id": None}))
    doc = provider_doc(
        "anthropic", MODELS, provider_type="anthropic", api_key=ANTHROPIC_KEY, api_endpoint=local_api.url()
    )
    report, _ = check_live([providers_dir(doc)], environ=ANTHROPIC_ENV)
    assert report.providers[0].status == "unknown"
    assert report.drift == []


# -- redirects ------------------------------------------------------------------------------
def test_same_host_redirect_is_followed(local_api: LocalAPI, providers_dir: Any) -> None:
    local_api.route("/old/models", Reply(308, b"", {"Location": "/new/models"}))
    local_api.route("/new/models", json_reply(OK_BODY))
    path = providers_dir(provider_doc("moved", MODELS, api_endpoint=f"{local_api.url()}/old"))
    report, _ = check_live([path])
    assert report.providers[0].status == "ok"
    assert local_api.requests_to("/new/models")[0].headers["authorization"] == "Bearer test-key-123"


def test_redirect_to_another_host_is_not_followed_with_the_key(providers_dir: Any) -> None:
    with LocalAPI() as origin, LocalAPI() as elsewhere:
        elsewhere.route("/models", json_reply(OK_BODY))
        origin.route("/models", Reply(302, b"", {"Location": f"{elsewhere.url()}/models"}))
        path = providers_dir(provider_doc("moved", MODELS, api_endpoint=origin.url()))
        report, _ = check_live([path])
        assert report.providers[0].status == "unknown"
        assert "redirected to another host" in (report.providers[0].reason or "")
        assert elsewhere.seen == []


# -- adapters that misbehave -----------------------------------------------------------------
class BrokenAdapter(Adapter):
    family = "broken"
    default_base_url = ""
    requires_key = False

    def parse(self, payload: Any, request: Request) -> Page:
        return Page([LiveModel(id=payload["data"][0]["missing"])])


class NotAPage(Adapter):
    family = "not-a-page"
    default_base_url = ""
    requires_key = False

    def parse(self, payload: Any, request: Request) -> Page:
        return {"models": []}  # type: ignore[return-value]


@pytest.mark.parametrize(("adapter", "words"), [(BrokenAdapter(), "KeyError"), (NotAPage(), "not a Page")])
def test_an_adapter_bug_is_unknown_not_a_crash(
    local_api: LocalAPI, providers_dir: Any, adapter: Adapter, words: str
) -> None:
    local_api.route("/models", json_reply(OK_BODY))
    ok_path = providers_dir(provider_doc("fine", MODELS, api_endpoint=local_api.url()))
    bad_path = providers_dir(provider_doc("bad", MODELS, api_endpoint=local_api.url()))
    from catwalk.live.adapters.registry import find_adapter

    def lookup(provider_id: str, provider_type: str) -> Adapter | None:
        return adapter if provider_id == "bad" else find_adapter(provider_id, provider_type)

    report, _ = check_live([ok_path, bad_path], lookup=lookup)
    statuses = {p.provider: p for p in report.providers}
    assert statuses["fine"].status == "ok"
    assert statuses["bad"].status == "unknown"
    assert words in (statuses["bad"].reason or "")

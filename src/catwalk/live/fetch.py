"""Fetch every provider's model list at once, and never mistake an outage for drift.

One `httpx.AsyncClient` serves the whole run. Each provider gets its own deadline (which
covers retries and pages) and the run has one more; a per-host semaphore keeps us polite
to hosts that serve several providers. Whatever goes wrong - a timeout, a reset, a 5xx
after retries, an HTML login page, truncated or malformed JSON, a response the adapter
does not recognise, even a bug in an adapter - makes that provider `unknown` with a reason
that is safe to print; the other providers are still checked.

Retries: connection errors, timeouts, 408/425/429 and every 5xx, up to `max_attempts`,
with exponential backoff and jitter. A `Retry-After` (seconds or an HTTP date; also
OpenAI's `retry-after-ms`) is honoured when it fits in the provider's deadline and in
`max_retry_after`; a longer one ends the attempts at once instead of blowing the deadline.
401, 403, 404 and other 4xx are final.

Secrets: keys travel only in request headers. Every reason passes through
`catwalk.secrets.redact` with the run's key values (plain and URL-encoded), because error
bodies, redirect targets and exception texts can echo them.
"""

from __future__ import annotations

import asyncio
import email.utils
import http
import json
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx

from catwalk.live.adapters.base import Page, PayloadError, Request
from catwalk.live.credentials import CredentialsFailed
from catwalk.live.records import LiveModel
from catwalk.live.resolve import Target, known_secrets, public_url
from catwalk.output import escape_surrogates
from catwalk.secrets import redact

RETRY_STATUSES = frozenset({408, 425, 429})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Error bodies are read only for a short message; never keep megabytes of an error page.
ERROR_BODY_LIMIT = 64 * 1024


@dataclass(frozen=True)
class FetchOptions:
    provider_timeout: float = 30.0
    # The whole run; None means four provider deadlines (providers run concurrently, so
    # only a queue behind the per-host limit needs more than one).
    run_timeout: float | None = None
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    per_host: int = 4
    max_attempts: int = 3
    backoff_base: float = 0.5
    backoff_cap: float = 8.0
    max_retry_after: float = 60.0
    max_pages: int = 100
    max_bytes: int = 64 * 1024 * 1024
    max_redirects: int = 5
    # Keep each page's decoded answer in FetchResult.pages_seen (`catwalk drift --record`).
    record: bool = False

    @property
    def run_deadline(self) -> float:
        return self.run_timeout if self.run_timeout is not None else 4 * self.provider_timeout


@dataclass
class FetchResult:
    provider_id: str
    status: str  # "ok" | "unknown"
    reason: str | None = None
    models: list[LiveModel] = field(default_factory=list)
    pages: int = 0
    requests: int = 0
    elapsed: float = 0.0
    # With FetchOptions.record: each page's request and decoded JSON (the request's headers
    # hold the key: `catwalk.live.record` writes only its public URL and parameters).
    pages_seen: list[tuple[Request, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


class Progress(Protocol):
    def started(self, provider_id: str) -> None: ...

    def finished(self, result: FetchResult) -> None: ...


class _Silent:
    def started(self, provider_id: str) -> None:
        pass

    def finished(self, result: FetchResult) -> None:
        pass


class Unavailable(Exception):
    """The provider could not tell us its model list; the message says why."""


@dataclass
class _Trace:
    """What one provider's fetch has done so far (for the message when time runs out)."""

    requests: int = 0
    pages: int = 0
    last_problem: str | None = None
    seen: list[tuple[Request, Any]] = field(default_factory=list)


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


def _shorten(text: str, limit: int = 160) -> str:
    text = escape_surrogates(" ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 3] + "..."


# -- retry timing ------------------------------------------------------------------------
def retry_after_seconds(headers: httpx.Headers, now: datetime | None = None) -> float | None:
    """Seconds the server asked us to wait, from `retry-after-ms` or `Retry-After`."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            value = float(millis) / 1000
        except ValueError:
            value = -1.0
        if value >= 0:
            return value
    raw = headers.get("retry-after")
    if raw is None:
        return None
    raw = raw.strip()
    try:
        seconds = float(raw)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        seconds = (when - (now or datetime.now(timezone.utc))).total_seconds()
        return max(0.0, seconds)
    return seconds if seconds >= 0 else None


def backoff_delay(attempt: int, options: FetchOptions) -> float:
    """Exponential backoff with jitter: a random point in the upper half of the step."""
    step: float = min(options.backoff_cap, options.backoff_base * 2.0 ** (attempt - 1))
    return step * random.uniform(0.5, 1.0)


# -- describing problems -----------------------------------------------------------------
def _error_detail(body: bytes) -> str | None:
    """The message an API error body carries, if it is JSON with a recognisable one."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        text = body.decode("utf-8", "replace").strip()
        return _shorten(text, 120) if text and not text.startswith("<") else None
    candidates: list[Any] = []
    if isinstance(data, dict):
        error = data.get("error")
        if isinstance(error, dict):
            candidates += [error.get("message"), error.get("type"), error.get("code")]
        candidates += [error, data.get("message"), data.get("detail")]
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.strip():
            return _shorten(candidate, 120)
    return None


def describe_status(status: int, body: bytes, target: Target) -> str:
    try:
        phrase = http.HTTPStatus(status).phrase
    except ValueError:
        phrase = {529: "Overloaded"}.get(status, "")
    text = f"HTTP {status} {phrase}".rstrip()
    if status in (401, 403) and target.credentials is not None:
        scheme = target.credentials.scheme
        text += f": the API refused the request; check the {scheme} credentials and their permissions"
    elif status in (401, 403):
        where = f" in ${target.key_variable}" if target.key_variable and target.api_key else ""
        text += f": the API refused the request; check the key{where}"
    elif status == 404:
        text += f": no model list at {target.source}"
    detail = _error_detail(body)
    if detail:
        text += f" ({detail})"
    return text


def describe_transport(exc: httpx.TransportError, options: FetchOptions) -> str:
    if isinstance(exc, httpx.LocalProtocolError):
        # Its text quotes the offending header, key and all: never shown.
        return "could not send the request (the HTTP client refused a header or the URL)"
    detail = _shorten(str(exc), 120)
    if isinstance(exc, httpx.ConnectTimeout):
        return f"connection timed out after {options.connect_timeout:g} s"
    if isinstance(exc, httpx.ReadTimeout):
        return f"no data for {options.read_timeout:g} s (read timeout)"
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out ({type(exc).__name__})"
    if isinstance(exc, httpx.ConnectError):
        return f"connection failed ({detail or type(exc).__name__})"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server broke off the response ({detail or 'protocol error'})"
    if isinstance(exc, httpx.ReadError):
        return f"connection reset while reading ({detail or type(exc).__name__})"
    return f"network error ({type(exc).__name__}{': ' + detail if detail else ''})"


def decode_json(body: bytes, content_type: str) -> Any:
    """The JSON document in a 2xx body, or Unavailable saying what the body is instead."""
    start = body.lstrip()[:1]
    if "html" in content_type.lower() or start == b"<":
        shown = content_type.split(";", maxsplit=1)[0].strip() or "none"
        raise Unavailable(
            f"expected JSON, got an HTML page (Content-Type: {shown}); a login wall, a proxy or a wrong URL?"
        )
    if not body.strip():
        raise Unavailable("the response body is empty")
    try:
        return json.loads(body)
    except RecursionError:
        raise Unavailable("malformed JSON: nested too deeply") from None
    except json.JSONDecodeError as exc:
        if exc.pos >= len(exc.doc.rstrip()):
            raise Unavailable(
                f"truncated JSON: the body ({len(body)} bytes) ends before the document does"
            ) from None
        raise Unavailable(f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except ValueError as exc:  # undecodable bytes, over-long integers
        raise Unavailable(f"malformed JSON: {_shorten(str(exc), 80)}") from None


# -- one request, with retries -----------------------------------------------------------
async def _read(response: httpx.Response, limit: int, *, strict: bool) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit:
            if strict:
                raise Unavailable(
                    f"the response is larger than {limit // (1024 * 1024)} MiB; refusing to read it"
                )
            break
        chunks.append(chunk)
    return b"".join(chunks)


async def _send(
    client: httpx.AsyncClient, request: Request, options: FetchOptions, target: Target
) -> tuple[int, httpx.Headers, bytes]:
    grant = target.grant
    assert grant is not None
    url: str = request.url
    params: dict[str, str] | None = dict(request.params) or None
    # A cloud platform signs each request, redirects included (the signature covers the URL).
    auth: httpx.Auth | None = target.credentials
    for _ in range(options.max_redirects + 1):
        built = client.build_request(request.method, url, params=params, headers=request.headers)
        response = await client.send(built, stream=True, auth=auth)
        try:
            location = response.headers.get("location")
            if response.status_code in REDIRECT_STATUSES and location:
                try:
                    moved = response.url.join(location)
                except httpx.InvalidURL:
                    raise Unavailable("redirected to an invalid URL; not following it") from None
                refusal = grant.refusal(str(moved))
                if refusal is not None:
                    raise Unavailable(f"redirected to another host ({refusal})")
                url, params = str(moved), None
                continue
            success = 200 <= response.status_code < 300
            limit = options.max_bytes if success else ERROR_BODY_LIMIT
            body = await _read(response, limit, strict=success)
            return response.status_code, response.headers, body
        finally:
            await response.aclose()
    raise Unavailable(f"more than {options.max_redirects} redirects")


async def request_json(
    client: httpx.AsyncClient,
    request: Request,
    target: Target,
    *,
    options: FetchOptions,
    trace: _Trace,
    deadline: float,
) -> Any:
    """The decoded JSON of one listing page, retrying what is worth retrying."""
    loop = asyncio.get_running_loop()
    attempt = 0
    while True:
        attempt += 1
        trace.requests += 1
        wait_hint: float | None = None
        try:
            status, headers, body = await _send(client, request, options, target)
        except CredentialsFailed as exc:
            raise Unavailable(
                f"the credentials could not sign the request: {_shorten(str(exc), 200)}"
            ) from None
        except httpx.TransportError as exc:
            problem, retryable = describe_transport(exc, options), True
        else:
            if 200 <= status < 300:
                return decode_json(body, headers.get("content-type", ""))
            problem = describe_status(status, body, target)
            retryable = status in RETRY_STATUSES or status >= 500
            wait_hint = retry_after_seconds(headers) if retryable else None
        trace.last_problem = problem
        if not retryable:
            raise Unavailable(problem)
        if attempt >= options.max_attempts:
            raise Unavailable(f"{problem}; gave up after {attempt} attempts")
        delay = backoff_delay(attempt, options)
        remaining = deadline - loop.time()
        if wait_hint is not None:
            if wait_hint > options.max_retry_after or wait_hint >= remaining:
                raise Unavailable(
                    f"{problem}; the server asked to retry after {wait_hint:.0f} s, "
                    "longer than the deadline allows"
                )
            delay = max(delay, wait_hint)
        if delay >= remaining:
            raise Unavailable(f"{problem}; no time left to retry before the deadline")
        await asyncio.sleep(delay)


# -- one provider: pages -----------------------------------------------------------------
def _parse(target: Target, payload: Any, request: Request) -> Page:
    adapter = target.adapter
    assert adapter is not None
    try:
        page = adapter.parse(payload, request)
    except PayloadError as exc:
        raise Unavailable(f"unexpected response shape: {_shorten(str(exc))}") from None
    except Exception as exc:  # an adapter bug must not take the run down
        raise Unavailable(
            f"the {adapter.family} adapter could not read the response "
            f"({type(exc).__name__}: {_shorten(str(exc), 100)})"
        ) from None
    if not isinstance(page, Page) or not all(isinstance(m, LiveModel) for m in page.models):
        raise Unavailable(f"the {adapter.family} adapter returned something that is not a Page of LiveModels")
    return page


async def fetch_models(
    client: httpx.AsyncClient, target: Target, options: FetchOptions, trace: _Trace, deadline: float
) -> list[LiveModel]:
    adapter = target.adapter
    assert adapter is not None and target.base_url is not None
    try:
        request: Request | None = adapter.first_request(target.base_url, target.api_key)
    except Exception as exc:
        raise Unavailable(
            f"the {adapter.family} adapter could not build its request ({type(exc).__name__})"
        ) from None
    assert request is not None and target.grant is not None
    models: dict[str, LiveModel] = {}
    seen: set[tuple[str, str, tuple[tuple[str, str], ...]]] = set()
    while request is not None:
        if trace.pages >= options.max_pages:
            raise Unavailable(f"more than {options.max_pages} pages; the list may never end")
        key = (request.method, request.url, tuple(sorted(request.params.items())))
        if key in seen:
            raise Unavailable("the API sent us back to a page we already read (a paging loop)")
        seen.add(key)
        # Every request, the first and each page or hand-off, goes only where the key may.
        refusal = target.grant.refusal(request.url)
        if refusal is not None:
            raise Unavailable(f"not requesting {public_url(request.url)}: {refusal}")
        payload = await request_json(client, request, target, options=options, trace=trace, deadline=deadline)
        if options.record:
            trace.seen.append((request, payload))
        page = _parse(target, payload, request)
        trace.pages += 1
        for model in page.models:
            models.setdefault(model.id, model)  # the first listing of an id wins
        request = page.next
    return list(models.values())


async def _fetch_one(
    client: httpx.AsyncClient,
    target: Target,
    *,
    options: FetchOptions,
    gate: asyncio.Semaphore,
    progress: Progress,
    secrets: Sequence[str],
) -> FetchResult:
    loop = asyncio.get_running_loop()
    trace = _Trace()
    async with gate:
        progress.started(target.provider_id)
        began = loop.time()
        deadline = began + options.provider_timeout
        result = FetchResult(target.provider_id, "unknown")
        try:
            models = await asyncio.wait_for(
                fetch_models(client, target, options, trace, deadline), options.provider_timeout
            )
            result = FetchResult(target.provider_id, "ok", models=models)
        except asyncio.TimeoutError:
            reason = f"no complete answer within the {options.provider_timeout:g} s provider deadline"
            if trace.last_problem:
                reason += f"; last problem: {trace.last_problem}"
            result.reason = reason
        except Unavailable as exc:
            result.reason = str(exc)
        except Exception as exc:  # never a traceback: the other providers still count
            result.reason = f"internal error while fetching ({type(exc).__name__}: {_shorten(str(exc), 100)})"
        result.pages, result.requests = trace.pages, trace.requests
        result.pages_seen = trace.seen
        result.elapsed = loop.time() - began
    if result.reason is not None:
        # Tokens a cloud signer obtained during the run are secrets too.
        obtained = list(target.credentials.secrets) if target.credentials is not None else []
        result.reason = redact(result.reason, sorted({*secrets, *obtained}, key=len, reverse=True))
    progress.finished(result)
    return result


async def fetch_all_async(
    targets: Sequence[Target], options: FetchOptions | None = None, progress: Progress | None = None
) -> dict[str, FetchResult]:
    """A FetchResult for every ready target, keyed by provider id, in target order."""
    opts = options or FetchOptions()
    report = progress or _Silent()
    ready = [t for t in targets if t.ready]
    secrets = known_secrets(targets)
    gates: dict[tuple[str, str, int | None], asyncio.Semaphore] = {}
    timeout = httpx.Timeout(
        connect=opts.connect_timeout, read=opts.read_timeout, write=opts.read_timeout, pool=opts.run_deadline
    )
    headers = {"Accept": "application/json", "User-Agent": _user_agent()}
    started = time.monotonic()
    async with httpx.AsyncClient(timeout=timeout, follow_redirects=False, headers=headers) as client:
        tasks: dict[asyncio.Task[FetchResult], Target] = {}
        for target in ready:
            assert target.adapter is not None and target.base_url is not None
            try:
                origin = _origin(target.adapter.url(target.base_url))
            except Exception:
                origin = _origin(target.base_url)
            gate = gates.setdefault(origin, asyncio.Semaphore(max(1, opts.per_host)))
            task = asyncio.ensure_future(
                _fetch_one(client, target, options=opts, gate=gate, progress=report, secrets=secrets)
            )
            tasks[task] = target
        results: dict[str, FetchResult] = {}
        if tasks:
            done, pending = await asyncio.wait(tasks, timeout=opts.run_deadline)
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.gather(*pending, return_exceptions=True)
            for task, target in tasks.items():
                if task in done and not task.cancelled() and task.exception() is None:
                    results[target.provider_id] = task.result()
                    continue
                result = FetchResult(
                    target.provider_id,
                    "unknown",
                    reason=f"the run deadline ({opts.run_deadline:g} s) passed before it answered",
                    elapsed=time.monotonic() - started,
                )
                if task in done and not task.cancelled() and task.exception() is not None:
                    error = task.exception()
                    result.reason = redact(f"internal error while fetching ({type(error).__name__})", secrets)
                report.finished(result)
                results[target.provider_id] = result
    return {t.provider_id: results[t.provider_id] for t in ready}


def fetch_all(
    targets: Sequence[Target], options: FetchOptions | None = None, progress: Progress | None = None
) -> dict[str, FetchResult]:
    return asyncio.run(fetch_all_async(targets, options, progress))


def _user_agent() -> str:
    from catwalk import __version__

    return f"catwalk/{__version__} (model-list drift check)"

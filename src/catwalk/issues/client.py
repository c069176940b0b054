"""GitHub REST transport for the issue sync: httpx, pagination, rate limits, retries.

Following GitHub's documented advice (docs: best practices for the REST API):
- requests are serial; writes keep a minimum gap (`min_gap`, default 1 s);
- 403/429 with `Retry-After` waits that long; with `x-ratelimit-remaining: 0` waits until
  `x-ratelimit-reset`; a secondary-limit 403/429 without either waits 60 s, doubling;
  a wait longer than `max_wait` ends the run (rerun later) instead of hanging the job;
- 5xx and connection failures are retried a bounded number of times with backoff, but a
  POST whose outcome is unknown (5xx, reset after sending) raises `AmbiguousWrite` so the
  caller can check whether it happened instead of creating a duplicate;
- GETs send `If-None-Match` when the same URL was read before in this run: a 304 costs
  nothing against the primary rate limit;
- 401, a plain 403, 404 and 410 (issues disabled) are `SetupError`s with a message
  that says what to fix.
The token is sent only in the Authorization header and redacted from every message.
"""

from __future__ import annotations

import contextlib
import email.utils
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx

from catwalk import __version__
from catwalk.secrets import redact

DEFAULT_API_URL = "https://api.github.com"
API_VERSION = "2022-11-28"


class GitHubError(Exception):
    """A failure talking to GitHub; `exit_code` is what the command should return."""

    exit_code = 1


class SetupError(GitHubError):
    """Token, repository or settings are wrong: retrying will not help."""

    exit_code = 2


class NotFound(SetupError):
    """404: a resource that is not there (a branch not yet created, a file not on it)."""


class TransientError(GitHubError):
    """GitHub is failing or rate limiting; a later run can finish the work."""


class RateLimited(TransientError):
    pass


class AmbiguousWrite(TransientError):
    """A POST may or may not have been applied (5xx or connection lost after sending)."""


class Rejected(GitHubError):
    """422: GitHub validated the request and refused it."""

    exit_code = 2

    def __init__(self, message: str, payload: Any) -> None:
        super().__init__(message)
        self.payload = payload


@dataclass
class Stats:
    reads: int = 0
    writes: int = 0  # write requests sent, retries included
    not_modified: int = 0
    retries: int = 0
    waits: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class _Cached:
    etag: str
    data: Any
    next_url: str | None


class GitHubClient:
    def __init__(
        self,
        repo: str,
        token: str | None,
        *,
        api_url: str = DEFAULT_API_URL,
        min_gap: float = 1.0,
        max_wait: float = 600.0,
        retries: int = 3,
        rate_limit_retries: int = 3,
        backoff: float = 1.0,
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
        now: Callable[[], float] = time.time,
        transport: httpx.BaseTransport | None = None,
        secrets: Iterable[str] = (),
    ) -> None:
        owner, _, name = repo.partition("/")
        self.repo = repo
        self.repo_path = f"/repos/{quote(owner, safe='')}/{quote(name, safe='')}"
        self.min_gap = min_gap
        self.max_wait = max_wait
        self.retries = retries
        self.rate_limit_retries = rate_limit_retries
        self.backoff = backoff
        self.sleep = sleep
        self.monotonic = monotonic
        self.now = now
        self.stats = Stats()
        self._secrets = tuple(s for s in (token, *secrets) if s)
        self._last_write: float | None = None
        self._cache: dict[str, _Cached] = {}
        headers = {
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": API_VERSION,
            "User-Agent": f"catwalk/{__version__} (issues sync)",
        }
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._http = httpx.Client(
            base_url=api_url.rstrip("/"),
            headers=headers,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=True,
            transport=transport,
        )

    def __enter__(self) -> GitHubClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def redact(self, text: str) -> str:
        return redact(text, self._secrets)

    # Reads -------------------------------------------------------------------------

    def list_issues(self, label: str) -> list[dict[str, Any]]:
        """Every issue (open and closed) carrying `label`; pull requests are skipped."""
        params = {"state": "all", "labels": label, "per_page": "100"}
        return [
            item
            for item in self._paginate(f"{self.repo_path}/issues", params)
            if isinstance(item, dict) and "pull_request" not in item
        ]

    def list_labels(self) -> list[dict[str, Any]]:
        return [
            item
            for item in self._paginate(f"{self.repo_path}/labels", {"per_page": "100"})
            if isinstance(item, dict)
        ]

    def label_exists(self, name: str) -> bool:
        # GitHub label names are case-insensitive.
        return any(str(label.get("name", "")).lower() == name.lower() for label in self.list_labels())

    def list_comments(self, number: int) -> list[dict[str, Any]]:
        params = {"per_page": "100"}
        return [
            item
            for item in self._paginate(f"{self.repo_path}/issues/{number}/comments", params)
            if isinstance(item, dict)
        ]

    # Writes ------------------------------------------------------------------------

    def create_label(self, name: str, color: str, description: str) -> None:
        payload = {"name": name, "color": color, "description": description}
        try:
            self._write("POST", f"{self.repo_path}/labels", payload, idempotent=True)
        except Rejected as exc:
            if not _already_exists(exc.payload):
                raise

    def create_issue(self, title: str, body: str, labels: list[str]) -> dict[str, Any]:
        payload = {"title": title, "body": body, "labels": labels}
        return self._write("POST", f"{self.repo_path}/issues", payload, idempotent=False)

    def edit_issue(self, number: int, payload: dict[str, Any]) -> dict[str, Any]:
        return self._write("PATCH", f"{self.repo_path}/issues/{number}", payload, idempotent=True)

    def create_comment(self, number: int, body: str) -> dict[str, Any]:
        path = f"{self.repo_path}/issues/{number}/comments"
        return self._write("POST", path, {"body": body}, idempotent=False)

    # Branches, files and pull requests (the drift pull requests) --------------------

    def get_json(self, path: str) -> Any | None:
        """One resource, or None when GitHub says it does not exist."""
        try:
            data, _ = self._get(str(self._http.build_request("GET", f"{self.repo_path}{path}").url))
        except NotFound:
            return None
        return data

    def branch_sha(self, branch: str) -> str | None:
        data = self.get_json(f"/git/ref/heads/{quote(branch, safe='/')}")
        sha = data.get("object", {}).get("sha") if isinstance(data, dict) else None
        return sha if isinstance(sha, str) else None

    def set_branch(self, branch: str, sha: str, *, exists: bool) -> None:
        """Point `branch` at `sha`: created, or moved there by force (our branches only)."""
        if exists:
            path = f"{self.repo_path}/git/refs/heads/{quote(branch, safe='/')}"
            self._write("PATCH", path, {"sha": sha, "force": True}, idempotent=True)
        else:
            self._write(
                "POST",
                f"{self.repo_path}/git/refs",
                {"ref": f"refs/heads/{branch}", "sha": sha},
                idempotent=False,
            )

    def delete_branch(self, branch: str) -> None:
        path = f"{self.repo_path}/git/refs/heads/{quote(branch, safe='/')}"
        # Already gone (404, or 422 "Reference does not exist") is what was wanted.
        with contextlib.suppress(NotFound, Rejected):
            self._send("DELETE", path, write=True, idempotent=True)

    def file_sha(self, path: str, ref: str) -> str | None:
        data = self.get_json(f"/contents/{quote(path)}?ref={quote(ref, safe='')}")
        sha = data.get("sha") if isinstance(data, dict) else None
        return sha if isinstance(sha, str) else None

    def put_file(self, path: str, branch: str, text: str, message: str, sha: str | None) -> None:
        """One commit on `branch` that sets `path` to `text` (the contents API)."""
        import base64

        payload: dict[str, Any] = {
            "message": message,
            "content": base64.b64encode(text.encode("utf-8")).decode("ascii"),
            "branch": branch,
        }
        if sha is not None:
            payload["sha"] = sha
        self._write("PUT", f"{self.repo_path}/contents/{quote(path)}", payload, idempotent=True)

    def list_pulls(self, head: str) -> list[dict[str, Any]]:
        """Every pull request (open or closed) from `head` ("owner:branch")."""
        return list(
            self._paginate(f"{self.repo_path}/pulls", {"head": head, "state": "all", "per_page": "100"})
        )

    def create_pull(self, title: str, head: str, base: str, body: str) -> dict[str, Any]:
        payload = {"title": title, "head": head, "base": base, "body": body}
        return self._write("POST", f"{self.repo_path}/pulls", payload, idempotent=False)

    def edit_pull(self, number: int, payload: dict[str, Any]) -> dict[str, Any]:
        return self._write("PATCH", f"{self.repo_path}/pulls/{number}", payload, idempotent=True)

    # Transport ---------------------------------------------------------------------

    def _paginate(self, path: str, params: dict[str, str]) -> Iterator[Any]:
        url: str | None = str(self._http.build_request("GET", path, params=params).url)
        pages = 0
        while url is not None:
            pages += 1
            if pages > 1000:
                raise TransientError(f"GitHub pagination did not end after 1000 pages ({path})")
            data, url = self._get(url)
            if url is not None and _origin(httpx.URL(url)) != _origin(self._http.base_url):
                # The token goes with every request this client sends: never to a host a
                # response names, only to the API the operator configured.
                raise TransientError(
                    f"the next-page link for {path} points to another host; not following it"
                )
            if not isinstance(data, list):
                raise TransientError(f"GitHub returned {type(data).__name__} for {path}, expected a list")
            yield from data

    def _get(self, url: str) -> tuple[Any, str | None]:
        cached = self._cache.get(url)
        headers = {"If-None-Match": cached.etag} if cached else {}
        response = self._send("GET", url, headers=headers, write=False, idempotent=True)
        self.stats.reads += 1
        if response.status_code == 304 and cached is not None:
            self.stats.not_modified += 1
            return cached.data, cached.next_url
        data = self._json(response, url)
        next_url = response.links.get("next", {}).get("url")
        etag = response.headers.get("etag")
        if etag:
            self._cache[url] = _Cached(etag, data, next_url)
        return data, next_url

    def _write(self, method: str, path: str, payload: dict[str, Any], *, idempotent: bool) -> dict[str, Any]:
        response = self._send(method, path, json=payload, write=True, idempotent=idempotent)
        data = self._json(response, path)
        return data if isinstance(data, dict) else {}

    def _json(self, response: httpx.Response, where: str) -> Any:
        try:
            return response.json()
        except ValueError:
            raise TransientError(
                f"GitHub answered {response.status_code} with a body that is not JSON ({self._where(where)})"
            ) from None

    def _where(self, url: str) -> str:
        return self.redact(httpx.URL(url).path)

    def _pace(self) -> None:
        if self._last_write is None:
            return
        gap = self._last_write + self.min_gap - self.monotonic()
        if gap > 0:
            self.sleep(gap)

    def _send(
        self,
        method: str,
        url: str,
        *,
        json: Any = None,
        headers: dict[str, str] | None = None,
        write: bool,
        idempotent: bool,
    ) -> httpx.Response:
        failures = 0
        limited = 0
        where = f"{method} {self._where(url)}"
        while True:
            if write:
                self._pace()
                self.stats.writes += 1
            try:
                response = self._http.request(method, url, json=json, headers=headers)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                # Nothing reached GitHub: safe to retry any method.
                failures += 1
                self._backoff(failures, where, f"cannot connect: {type(exc).__name__}")
                continue
            except httpx.TransportError as exc:
                if not idempotent:
                    raise AmbiguousWrite(f"{where}: connection lost ({type(exc).__name__})") from None
                failures += 1
                self._backoff(failures, where, type(exc).__name__)
                continue
            finally:
                if write:
                    self._last_write = self.monotonic()
            status = response.status_code
            if status in (403, 429):
                wait = self._rate_limit_wait(response, limited)
                if wait is not None:
                    limited += 1
                    if limited > self.rate_limit_retries:
                        raise RateLimited(f"{where}: still rate limited after {limited - 1} waits")
                    if wait > self.max_wait:
                        raise RateLimited(
                            f"{where}: GitHub's rate limit asks to wait {wait:.0f} s, more than "
                            f"--max-wait {self.max_wait:.0f} s; rerun later"
                        )
                    self.stats.waits.append(wait)
                    self.sleep(wait)
                    continue
            if status >= 500:
                if not idempotent:
                    raise AmbiguousWrite(f"{where}: GitHub answered {status} {response.reason_phrase}")
                failures += 1
                self._backoff(failures, where, f"{status} {response.reason_phrase}")
                continue
            if status < 300 or status == 304:
                return response
            raise self._error(response, where)

    def _backoff(self, failures: int, where: str, what: str) -> None:
        if failures > self.retries:
            raise TransientError(f"{where}: GitHub kept failing ({what}) after {failures} attempts")
        self.stats.retries += 1
        delay = self.backoff * 2.0 ** (failures - 1)
        self.stats.waits.append(delay)
        self.sleep(delay)

    def _rate_limit_wait(self, response: httpx.Response, attempt: int) -> float | None:
        """Seconds to wait before retrying, or None when this 403 is not a rate limit."""
        headers = response.headers
        retry_after = headers.get("retry-after")
        if retry_after is not None:
            seconds = _retry_after_seconds(retry_after, self.now())
            if seconds is not None:
                return seconds
        if headers.get("x-ratelimit-remaining") == "0":
            try:
                return max(0.0, float(headers.get("x-ratelimit-reset", "")) - self.now()) + 1.0
            except ValueError:
                return 60.0 * 2.0**attempt
        message = _message(response).lower()
        if response.status_code == 429 or "rate limit" in message or "abuse" in message:
            return 60.0 * 2.0**attempt
        return None

    def _error(self, response: httpx.Response, where: str) -> GitHubError:
        status = response.status_code
        message = self.redact(_message(response))
        detail = f"{status} {message}".strip()
        if status == 401:
            return SetupError(f"GitHub rejected the token ({detail}): check GITHUB_TOKEN")
        if status == 403:
            return SetupError(
                f"GitHub refused {where} ({detail}): the token needs `issues: write` on {self.repo}"
            )
        if status == 404:
            return NotFound(
                f"{where}: not found ({detail}): check that the repository {self.repo} exists "
                "and that the token can see it"
            )
        if status == 410:
            return SetupError(
                f"issues are disabled for {self.repo} ({detail}): enable Issues in the repository "
                "settings, or remove the `catwalk issues sync` step"
            )
        if status == 422:
            try:
                payload = response.json()
            except ValueError:
                payload = None
            return Rejected(f"GitHub refused {where} ({detail})", payload)
        return SetupError(f"GitHub refused {where} ({detail})")


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port


def _message(response: httpx.Response) -> str:
    try:
        payload = response.json()
    except ValueError:
        return response.reason_phrase
    if isinstance(payload, dict) and isinstance(payload.get("message"), str):
        return str(payload["message"])[:300]
    return response.reason_phrase


def _retry_after_seconds(value: str, now: float) -> float | None:
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


def _already_exists(payload: Any) -> bool:
    if not isinstance(payload, dict):
        return False
    errors = payload.get("errors")
    return isinstance(errors, list) and any(
        isinstance(e, dict) and e.get("code") == "already_exists" for e in errors
    )

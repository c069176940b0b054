"""A typed client of a Catwalk server (ours or upstream's), in the manner of upstream's Go
client: `CATWALK_URL` or `http://localhost:8080`, `GET /v2/providers`, `If-None-Match`,
304 as a signal.

    from catwalk.client import Client, NotModified

    with Client() as client:                      # $CATWALK_URL or http://localhost:8080
        providers = client.get_providers()        # list[catwalk.model.Provider]
        try:
            client.get_providers(etag=client.etag)
        except NotModified:
            pass                                  # what you have is current

    # With a cache file: the tag of its bytes is sent, a 304 returns the cached providers,
    # a 200 replaces the file atomically; an unreachable server falls back to the cache.
    providers = Client(cache="~/.cache/catwalk/providers.json").get_providers()

Needs the `client` extra (httpx, pydantic).
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import Any

import httpx

from catwalk import wire
from catwalk.model import Model, ModelOptions, Provider

DEFAULT_URL = "http://localhost:8080"
RETRY_STATUSES = frozenset({429, 502, 503, 504})
log = logging.getLogger("catwalk.client")


class NotModified(Exception):
    """The server answered 304: the providers are those the given ETag names."""


class ClientError(Exception):
    """The server could not be reached, answered something else than 200 or 304, or sent
    a body that is not a list of providers."""


class Client:
    def __init__(
        self,
        url: str | None = None,
        *,
        timeout: float = 30.0,
        retries: int = 2,
        backoff: float = 0.5,
        cache: str | os.PathLike[str] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url = (url or os.environ.get("CATWALK_URL") or DEFAULT_URL).rstrip("/")
        self.retries = retries
        self.backoff = backoff
        self.cache = Path(cache).expanduser() if cache is not None else None
        self.etag = ""  # the server's tag of the last providers received (unquoted)
        self.from_cache = False  # the last providers came from the cache (304 or server down)
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            transport=transport,  # retries: `_get` (connection errors and 429/5xx alike)
            headers={"User-Agent": "catwalk-python-client"},
        )

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def get_providers(self, etag: str = "") -> list[Provider]:
        """The server's providers. With `etag` (quoted or not), a 304 raises NotModified.
        Without it and with a cache file, the cache's tag is sent and a 304 returns the
        cached providers."""
        self.from_cache = False
        cached = self._read_cache() if not etag else None
        tag = etag.strip('"') or (wire.etag(cached) if cached is not None else "")
        try:
            response = self._get(tag)
        except ClientError:
            if cached is None:
                raise
            log.warning("catwalk: %s unreachable, using the cached providers", self.url)
            self.from_cache = True
            return self._decode(cached, str(self.cache))
        if response.status_code == 304:
            self.etag = tag
            if cached is None:
                raise NotModified(tag)
            self.from_cache = True
            return self._decode(cached, str(self.cache))
        body = response.content
        providers = self._decode(body, self.url)
        self.etag = response.headers.get("etag", "").strip('"') or wire.etag(body)
        if self.cache is not None:
            from catwalk.atomic import write_bytes

            self.cache.parent.mkdir(parents=True, exist_ok=True)
            write_bytes(self.cache, body)
        return providers

    def _get(self, tag: str) -> httpx.Response:
        headers = {"If-None-Match": f'"{tag}"'} if tag else {}
        url = f"{self.url}/v2/providers"
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = self._http.get(url, headers=headers)
            except httpx.HTTPError as exc:
                problem = f"{url}: {type(exc).__name__}: {exc}"
                continue
            if response.status_code in (200, 304):
                return response
            problem = f"{url}: HTTP {response.status_code}"
            if response.status_code not in RETRY_STATUSES:
                break
        raise ClientError(problem)

    def _read_cache(self) -> bytes | None:
        if self.cache is None:
            return None
        try:
            return self.cache.read_bytes()
        except OSError:
            return None

    def _decode(self, body: bytes, where: str) -> list[Provider]:
        from pydantic import ValidationError

        try:
            data = json.loads(body)
        except ValueError as exc:
            raise ClientError(f"{where}: not JSON ({exc})") from exc
        if not isinstance(data, list):
            raise ClientError(f"{where}: expected a list of providers")
        try:
            return [Provider.model_validate(_known(item, Provider)) for item in data]
        except ValidationError as exc:
            raise ClientError(f"{where}: {exc}") from exc


def _known(data: Any, model: type[Provider] | type[Model] | type[ModelOptions]) -> Any:
    """Keep the fields the typed model has, as Go's decoder does: a newer server may send
    more."""
    if not isinstance(data, dict):
        return data
    names = {field.alias or name for name, field in model.model_fields.items()}
    kept = {key: value for key, value in data.items() if key in names}
    if model is Provider and isinstance(kept.get("models"), list):
        kept["models"] = [_known(m, Model) for m in kept["models"]]
    if model is Model and isinstance(kept.get("options"), dict):
        kept["options"] = _known(kept["options"], ModelOptions)
    return kept

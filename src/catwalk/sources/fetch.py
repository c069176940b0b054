"""Download the catalogues from their public URLs (only `catwalk snapshots refresh` does;
the checks never use the network)."""

from __future__ import annotations

import json
from typing import Any

from catwalk.sources.build import URLS


class FetchError(Exception):
    """A catalogue could not be downloaded or is not JSON."""


def fetch(name: str, *, timeout: float = 60.0, url: str | None = None) -> Any:
    """The parsed JSON document of one catalogue."""
    import httpx

    target = url or URLS[name]
    try:
        response = httpx.get(
            target,
            timeout=timeout,
            follow_redirects=True,
            headers={"Accept": "application/json", "User-Agent": "catwalk-snapshots"},
        )
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot download {target}: {type(exc).__name__}: {exc}") from None
    if response.status_code != 200:
        raise FetchError(f"cannot download {target}: HTTP {response.status_code}")
    try:
        return json.loads(response.content)
    except ValueError as exc:
        raise FetchError(f"{target} did not return JSON: {exc}") from None

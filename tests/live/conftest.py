"""Fixtures for the live-check tests: a real HTTP server on 127.0.0.1 and provider files.

Nothing here touches the network: every provider a test checks points at the local
server (`--endpoint` or an `api_endpoint` on 127.0.0.1), and subprocess runs get an
environment without the caller's keys and endpoint overrides (`live.helpers.clean_env`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from live.server import LocalAPI


@pytest.fixture
def local_api() -> Iterator[LocalAPI]:
    with LocalAPI() as api:
        yield api


@pytest.fixture
def providers_dir(tmp_path: Path) -> Callable[..., Path]:
    """write(doc, name=None, text=None) -> path in <tmp>/providers (pretty JSON by default)."""
    directory = tmp_path / "providers"
    directory.mkdir(exist_ok=True)

    def write(doc: dict[str, Any] | None = None, name: str | None = None, text: str | None = None) -> Path:
        stem = name or (doc or {}).get("id", "example")
        path = directory / f"{stem}.json"
        path.write_text(text if text is not None else json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        return path

    return write

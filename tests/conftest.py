"""Shared fixtures. Tests never touch the network; the full reference data in
../shared/reference is optional (tests that need it skip cleanly without it)."""

from __future__ import annotations

import copy
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from catwalk_testing import MINIMAL_PROVIDER, REFERENCE, run_catwalk


@pytest.fixture
def provider() -> dict[str, Any]:
    """A fresh, valid provider document to mutate."""
    return copy.deepcopy(MINIMAL_PROVIDER)


@pytest.fixture
def write_provider(tmp_path: Path) -> Callable[..., Path]:
    """write_provider(data, name=None, raw=None) -> path of <tmp>/providers/<name>.json."""

    def write(data: Any = None, name: str | None = None, raw: bytes | str | None = None) -> Path:
        directory = tmp_path / "providers"
        directory.mkdir(exist_ok=True)
        stem = name or (data.get("id") if isinstance(data, dict) else None) or "example"
        path = directory / f"{stem}.json"
        if raw is not None:
            path.write_bytes(raw.encode() if isinstance(raw, str) else raw)
        else:
            path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        return path

    return write


@pytest.fixture
def reference_dir() -> Path:
    if not (REFERENCE / "catwalk").is_dir():
        pytest.skip(f"reference data not available at {REFERENCE}")
    return REFERENCE


@pytest.fixture
def catwalk_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_catwalk

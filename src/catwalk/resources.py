"""The data shipped inside the package: the provider database, its reviewed baseline and
its JSON Schema.

In a wheel they sit in `catwalk/data/{providers,baseline,schema}`; in a source checkout or
an editable install they are the repository's top-level `providers/`, `baseline/` and
`schema/`.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent.parent / name  # src/catwalk -> repository root
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"the embedded {name}/ directory is missing from this installation")


def providers_dir() -> Path:
    """The embedded database."""
    return _data_dir("providers")


def embedded_baseline() -> Path | None:
    """The reviewed baseline of the embedded database (outside its data directory: tools
    that glob `providers/*.json` would read a baseline there as a provider)."""
    try:
        path = _data_dir("baseline") / "providers.json"
    except FileNotFoundError:
        return None
    return path if path.is_file() else None


def schema_path() -> Path:
    return _data_dir("schema") / "provider.schema.json"


@cache
def provider_schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_path().read_text("utf-8"))
    return loaded

"""The real-format response fixtures that ship beside the adapters.

`fixtures/<family>.json` is one response of that family's listing API (hand-written
from the documented shapes, or, for OpenRouter, cut from a real capture);
`<family>-page2.json` is the following page where the family pages, and
`copilot-token.json` is Copilot's token-exchange response. Tests and local test
servers load them from here, so they work from an installed package too.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

PACKAGE = "catwalk.live.adapters"


def fixture_names() -> list[str]:
    """Every fixture's name without `.json`, sorted."""
    folder = resources.files(PACKAGE).joinpath("fixtures")
    return sorted(entry.name[: -len(".json")] for entry in folder.iterdir() if entry.name.endswith(".json"))


def fixture_text(name: str) -> str:
    return resources.files(PACKAGE).joinpath("fixtures").joinpath(f"{name}.json").read_text(encoding="utf-8")


def load_fixture(name: str) -> Any:
    """The decoded JSON of `fixtures/<name>.json`."""
    return json.loads(fixture_text(name))

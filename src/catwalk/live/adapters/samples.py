"""The real-format response fixtures that ship beside the adapters, and what each parses to.

`fixtures/<family>.json` is one response of that family's listing API (hand-written
from the documented shapes, or, for OpenRouter, cut from a real capture);
`<family>-page2.json` is the following page where the family pages, `<family>-old.json`
an older shape of the same API, and `<family>-token.json` a token exchange that comes
before the list (Copilot). Tests and local test servers load them from here, so they
work from an installed package too.

Beside each fixture, `<name>.expected.json` says what the adapter makes of it: the
request whose answer the fixture is (the sample key in its headers), the records, and
the next request (None on the last page). Adding an adapter is its module, its fixture
and this file, written by `python -m catwalk.live.adapters.samples --write NAME` and
read over by its author before it is committed; the tests hold every adapter to it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from importlib import resources
from typing import Any

from catwalk.live.adapters.base import Adapter, Page, Request
from catwalk.live.records import LiveModel

PACKAGE = "catwalk.live.adapters"
EXPECTED_SUFFIX = ".expected.json"
# The key the sample requests carry (never a real one).
SAMPLE_KEY = "sample-key-0123456789"
# A fixture named <family><suffix> is a further response of that family.
_SUFFIXES = ("-page2", "-old", "-token")


def _folder() -> Any:
    return resources.files(PACKAGE).joinpath("fixtures")


def fixture_names() -> list[str]:
    """Every response fixture's name without `.json`, sorted."""
    return sorted(
        entry.name[: -len(".json")]
        for entry in _folder().iterdir()
        if entry.name.endswith(".json") and not entry.name.endswith(EXPECTED_SUFFIX)
    )


def fixture_text(name: str) -> str:
    text: str = _folder().joinpath(f"{name}.json").read_text(encoding="utf-8")
    return text


def load_fixture(name: str) -> Any:
    """The decoded JSON of `fixtures/<name>.json`."""
    return json.loads(fixture_text(name))


def family_of(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def adapter_of(name: str) -> Adapter:
    from catwalk.live.adapters.registry import adapter_by_family

    adapter = adapter_by_family(family_of(name))
    if adapter is None:
        raise LookupError(f"fixture {name!r} belongs to no adapter family")
    return adapter


def base_url(adapter: Adapter) -> str:
    return getattr(adapter, "default_base_url", None) or "https://api.example.test/v1"


def request_for(name: str) -> Request:
    """The request whose answer the fixture is: the family's first request, or the
    next request of the response before it (page 1 before page 2, the token before
    the list)."""
    family = family_of(name)
    names = set(fixture_names())
    before = None
    if name.endswith("-page2"):
        before = family
    elif name == family and f"{family}-token" in names:
        before = f"{family}-token"
    if before is None:
        adapter = adapter_of(name)
        return adapter.first_request(base_url(adapter), SAMPLE_KEY)
    following = parse_fixture(before).next
    if following is None:
        raise LookupError(f"{before!r} asks for no next request, so {name!r} has none")
    return following


def parse_fixture(name: str) -> Page:
    return adapter_of(name).parse(load_fixture(name), request_for(name))


# --- the expected output --------------------------------------------------------------------


def request_to_json(request: Request | None) -> dict[str, Any] | None:
    if request is None:
        return None
    return {
        "method": request.method,
        "url": request.url,
        "params": request.params,
        "headers": request.headers,
    }


def model_to_json(model: LiveModel) -> dict[str, Any]:
    """The fields the record sets (None means "not said", so it is left out)."""
    fields = asdict(model)
    if fields["reasoning_levels"] is not None:
        fields["reasoning_levels"] = list(fields["reasoning_levels"])
    return {key: value for key, value in fields.items() if value is not None and value != {}}


def model_from_json(data: dict[str, Any]) -> LiveModel:
    fields = dict(data)
    if fields.get("reasoning_levels") is not None:
        fields["reasoning_levels"] = tuple(fields["reasoning_levels"])
    return LiveModel(**fields)


def output_of(name: str) -> dict[str, Any]:
    """What the adapter makes of the fixture, in the expected file's form."""
    page = parse_fixture(name)
    return {
        "request": request_to_json(request_for(name)),
        "models": [model_to_json(model) for model in page.models],
        "next": request_to_json(page.next),
    }


def expected_text(name: str) -> str | None:
    entry = _folder().joinpath(name + EXPECTED_SUFFIX)
    return entry.read_text(encoding="utf-8") if entry.is_file() else None


def load_expected(name: str) -> dict[str, Any]:
    text = expected_text(name)
    if text is None:
        raise FileNotFoundError(f"fixtures/{name}{EXPECTED_SUFFIX} is missing (write it with --write {name})")
    data: dict[str, Any] = json.loads(text)
    return data


def render(output: dict[str, Any]) -> str:
    return json.dumps(output, indent=2, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """`--check` (default): say which expected files differ from the adapters' output;
    `--write [NAME ...]`: rewrite them (all when no name is given)."""
    import argparse
    from pathlib import Path

    parser = argparse.ArgumentParser(prog="python -m catwalk.live.adapters.samples")
    parser.add_argument("--write", action="store_true", help="rewrite the expected files")
    parser.add_argument("names", nargs="*", help="fixtures (default: all)")
    args = parser.parse_args(argv)
    folder = Path(str(_folder()))
    stale = 0
    for name in args.names or fixture_names():
        text = render(output_of(name))
        if text == expected_text(name):
            continue
        if args.write:
            from catwalk.atomic import write_text

            write_text(folder / f"{name}{EXPECTED_SUFFIX}", text)
            print(f"wrote fixtures/{name}{EXPECTED_SUFFIX}")
        else:
            stale += 1
            print(f"fixtures/{name}{EXPECTED_SUFFIX} differs from what the adapter makes of {name}.json")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())

"""OpenRouter's model list, `GET /api/v1/models`: the one reader of its format, used by
`catwalk import openrouter`, the OpenRouter snapshot and the live OpenRouter adapter.

Each item of `data` has an `id` (`author/slug`, variants such as `:free` after a colon),
a `name` (`"Author: Model"`), `context_length`, `architecture.input_modalities` /
`output_modalities`, `pricing` and `top_provider`. Read here:
- chat models only (`is_chat`): text in and text out;
- prices are strings in USD per token: `prompt`, `completion`, `input_cache_write` (cache
  WRITE) and `input_cache_read` (cache READ), each x 1e6; `"-1"` means the price varies
  (routers such as `openrouter/auto`) and such a model is skipped;
- the context window is `top_provider.context_length`, else `context_length` (what the
  endpoint OpenRouter routes to serves, as catwalk's generator reads it); the output
  limit `top_provider.max_completion_tokens`, which that endpoint enforces;
- `supports_attachments` is image input; `can_reason` is a `reasoning` object, or
  `reasoning` (or `include_reasoning`) among `supported_parameters`; levels only from a
  published `reasoning.supported_efforts` list (null names no list); `expiration_date`
  is the retirement date.

The provider key selects models: `*` is the whole router list with full ids (the shape of
an OpenRouter provider file); an author such as `perplexity` selects that vendor's own
models, with ids and names stripped of the author (`perplexity/sonar` -> `sonar`,
`Perplexity: Sonar` -> `Sonar`) and colon variants left out, which is how the vendor's own
API names them.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from catwalk.importers import Imported
from catwalk.importers.records import Selection, SourceModel
from catwalk.importers.units import iso_date, price, token_count

SOURCE = "openrouter"
HELP = "OpenRouter's /api/v1/models list (USD per token, as strings)"
ALL = "*"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from catwalk.importers.options import add_arguments as add_shared_arguments

    add_shared_arguments(parser, SOURCE)


def convert(args: argparse.Namespace) -> list[Imported]:
    from catwalk.importers.options import convert as convert_source

    return convert_source(SOURCE, args)


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def is_chat(item: dict[str, Any]) -> bool:
    """Text in and text out; a listing that names no modalities is taken at its word that
    it lists chat models (OpenRouter's default listing holds text-output models only)."""
    architecture = _dict(item.get("architecture"))
    return all(
        "text" in _strings(found) if isinstance(found := architecture.get(side), list) else True
        for side in ("input_modalities", "output_modalities")
    )


def record(item: dict[str, Any], model_id: str, strip_author: bool) -> SourceModel:
    pricing = _dict(item.get("pricing"))
    cost_in = price(pricing.get("prompt"), per_token=True)
    cost_out = price(pricing.get("completion"), per_token=True)
    problem = None if cost_in is not None and cost_out is not None else "variable or non-numeric price"
    top = _dict(item.get("top_provider"))
    context = token_count(top.get("context_length")) or token_count(item.get("context_length"))
    # The routed endpoint's enforced limit, even when it equals the window: a request for
    # more is refused (unlike a catalogue copying the window into its output field).
    max_output = token_count(top.get("max_completion_tokens"))
    # Unknown, not false, when the listing leaves the lists out.
    modalities = _dict(item.get("architecture")).get("input_modalities")
    listed = item.get("supported_parameters")
    reasoning = item.get("reasoning")
    reasons = True if isinstance(reasoning, dict) else None
    if reasons is None and isinstance(listed, list):
        reasons = bool({"reasoning", "include_reasoning"} & set(_strings(listed)))
    efforts = tuple(_strings(_dict(reasoning).get("supported_efforts")))
    name = item.get("name")
    if isinstance(name, str) and strip_author and ": " in name:
        name = name.split(": ", 1)[1]
    return SourceModel(
        id=model_id,
        source=SOURCE,
        name=name.strip() if isinstance(name, str) and name.strip() else None,
        cost_in=cost_in,
        cost_out=cost_out,
        cache_write=price(pricing.get("input_cache_write"), per_token=True),
        cache_read=price(pricing.get("input_cache_read"), per_token=True),
        context=context,
        max_output=max_output,
        vision="image" in _strings(modalities) if isinstance(modalities, list) else None,
        reasoning=reasons,
        levels=efforts or None,
        retires=iso_date(item.get("expiration_date")),
        price_problem=problem,
    )


def records(doc: Any) -> Iterator[SourceModel]:
    """The record of every chat model of a listing, with its full id (`author/slug`)."""
    data = doc.get("data") if isinstance(doc, dict) else None
    if not isinstance(data, list):
        raise ValueError('OpenRouter\'s listing must be {"data": [...]}')
    for item in data:
        if isinstance(item, dict) and isinstance(item.get("id"), str) and is_chat(item):
            yield record(item, item["id"], strip_author=False)


class OpenRouterCatalogue:
    source = SOURCE

    def __init__(self, items: list[Any]) -> None:
        self._items = [i for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)]

    def keys(self) -> dict[str, int]:
        counts: dict[str, int] = {ALL: 0}
        for item in self._items:
            if is_chat(item):
                counts[ALL] += 1
                author, _, rest = item["id"].partition("/")
                if rest and ":" not in rest:
                    counts[author] = counts.get(author, 0) + 1
        return dict(sorted(counts.items()))

    def has_key(self, key: str) -> bool:
        return key in self.keys()

    def _chosen(self, key: str) -> list[tuple[str, dict[str, Any]]]:
        chosen = []
        for item in self._items:
            if not is_chat(item):
                continue
            if key == ALL:
                chosen.append((item["id"], item))
                continue
            author, _, rest = item["id"].partition("/")
            if author == key and rest and ":" not in rest:
                chosen.append((rest, item))
        return chosen

    def select(self, key: str, as_of: str) -> Selection:
        return Selection(models=[record(item, mid, key != ALL) for mid, item in self._chosen(key)])

    def lookup(self, key: str, model_id: str, as_of: str) -> SourceModel | None:
        for mid, item in self._chosen(key):
            if mid == model_id:
                return record(item, mid, key != ALL)
        return None


def load(path: Path) -> OpenRouterCatalogue:
    from catwalk.importers.reference import read_json

    data = read_json(path)
    items = data.get("data") if isinstance(data, dict) else None
    if not isinstance(items, list):
        from catwalk.errors import UsageError

        raise UsageError(f"{path}: not an OpenRouter model list (expected an object with a `data` list)")
    return OpenRouterCatalogue(items)

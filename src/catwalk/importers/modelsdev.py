"""models.dev's catalogue, `https://models.dev/api.json` (`catwalk import models.dev`): the one
reader of its format, used by the importer and by the models.dev snapshot.

The file is one object: provider id -> `{id, name, env, npm, api, doc, models}`, and
`models` is model id -> entry. Read here, per entry:
- `cost` in USD per 1M tokens: `input`, `output`, `cache_write` (cache WRITE) and
  `cache_read` (cache READ); a missing `cost` is unknown, not free;
- `limit.context` is the context window, `limit.output` the output limit unless it merely
  repeats the context window;
- image input is `"image"` among `modalities.input` (`attachment` also counts PDFs and
  files, which Crush's `supports_attachments` does not mean); `attachment` only when
  `modalities` is missing;
- `reasoning` as it is; levels are the `values` of the `{"type": "effort"}` entry of
  `reasoning_options` (a `toggle` or `budget_tokens` entry has no levels);
- `status: "deprecated"` marks the model deprecated;
- chat models only: text among the output modalities (or no modalities given), and no
  embedding models (models.dev lists their vectors as text output; their id or `family`
  says `embedding`).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from catwalk.importers import Imported
from catwalk.importers.records import Selection, SourceModel
from catwalk.importers.units import price, token_count

SOURCE = "models.dev"
HELP = "the models.dev catalogue, api.json (USD per 1M tokens)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from catwalk.importers.options import add_arguments as add_shared_arguments

    add_shared_arguments(parser, SOURCE)


def convert(args: argparse.Namespace) -> list[Imported]:
    from catwalk.importers.options import convert as convert_source

    return convert_source(SOURCE, args)


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _strings(value: object) -> list[str] | None:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else None


def _flag(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def is_chat(entry: dict[str, Any], model_id: str) -> bool:
    family = entry.get("family")
    if "embedding" in model_id or (isinstance(family, str) and "embedding" in family):
        return False
    output = _strings(_dict(entry.get("modalities")).get("output"))
    return output is None or "text" in output


def effort_levels(entry: dict[str, Any]) -> tuple[str, ...] | None:
    """The effort values of `reasoning_options`, in the order given; None when there is
    no effort option (a model may still reason with a toggle or a token budget)."""
    options = entry.get("reasoning_options")
    for option in options if isinstance(options, list) else ():
        if isinstance(option, dict) and option.get("type") == "effort":
            values = tuple(v for v in _strings(option.get("values")) or () if v)
            return values or None
    return None


def record(entry: dict[str, Any], model_id: str) -> SourceModel:
    cost = _dict(entry.get("cost"))
    cost_in = price(cost.get("input"), per_token=False)
    cost_out = price(cost.get("output"), per_token=False)
    problem = None
    if cost_in is None or cost_out is None:
        problem = "no input/output price" if not cost else "variable or non-numeric price"
    limit = _dict(entry.get("limit"))
    context = token_count(limit.get("context"))
    max_output = token_count(limit.get("output"))
    if context is not None and max_output is not None and max_output >= context:
        max_output = None
    modalities = _strings(_dict(entry.get("modalities")).get("input"))
    vision = "image" in modalities if modalities is not None else _flag(entry.get("attachment"))
    name = entry.get("name")
    return SourceModel(
        id=model_id,
        source=SOURCE,
        name=name.strip() if isinstance(name, str) and name.strip() else None,
        cost_in=cost_in,
        cost_out=cost_out,
        cache_write=price(cost.get("cache_write"), per_token=False),
        cache_read=price(cost.get("cache_read"), per_token=False),
        context=context,
        max_output=max_output,
        vision=vision,
        reasoning=_flag(entry.get("reasoning")),
        levels=effort_levels(entry),
        deprecated=entry.get("status") == "deprecated",
        price_problem=problem,
        weights=weights_repository(entry),
    )


_HUGGING_FACE = "huggingface.co/"


def weights_repository(entry: dict[str, Any]) -> str | None:
    """The Hugging Face repository of the weights an entry serves ("org/name", lower case),
    when exactly one is linked."""
    links = entry.get("weights")
    found = set()
    for link in links if isinstance(links, list) else ():
        url = link.get("url") if isinstance(link, dict) else None
        if isinstance(url, str) and _HUGGING_FACE in url:
            parts = url.split(_HUGGING_FACE, 1)[1].split("?")[0].strip("/").split("/")
            if len(parts) >= 2 and parts[0] and parts[1]:
                found.add(f"{parts[0]}/{parts[1]}".lower())
    return found.pop() if len(found) == 1 else None


def records(doc: Any) -> Iterator[tuple[str, SourceModel]]:
    """(models.dev provider id, record) for every chat model of the catalogue."""
    if not isinstance(doc, dict):
        raise ValueError("models.dev's api.json must be a JSON object of provider id -> provider")
    for provider_id, provider in doc.items():
        models = _dict(provider).get("models") if isinstance(provider_id, str) else None
        for model_id, entry in _dict(models).items():
            if isinstance(model_id, str) and isinstance(entry, dict) and is_chat(entry, model_id):
                yield provider_id, record(entry, model_id)


class ModelsDevCatalogue:
    source = SOURCE

    def __init__(self, doc: dict[str, Any]) -> None:
        self._by_provider: dict[str, dict[str, SourceModel]] = {}
        for provider_id, model in records(doc):
            self._by_provider.setdefault(provider_id, {}).setdefault(model.id, model)

    def keys(self) -> dict[str, int]:
        return {key: len(models) for key, models in sorted(self._by_provider.items())}

    def has_key(self, key: str) -> bool:
        return key in self._by_provider

    def select(self, key: str, as_of: str) -> Selection:
        return Selection(models=list(self._by_provider.get(key, {}).values()))

    def lookup(self, key: str, model_id: str, as_of: str) -> SourceModel | None:
        return self._by_provider.get(key, {}).get(model_id)


def load(path: Path) -> ModelsDevCatalogue:
    from catwalk.importers.reference import read_json

    data = read_json(path)
    if not isinstance(data, dict):
        from catwalk.errors import UsageError

        raise UsageError(f"{path}: not models.dev's api.json (expected an object of provider id -> provider)")
    return ModelsDevCatalogue(data)

"""LiteLLM's `model_prices_and_context_window.json`: the one reader of its format, used by
`catwalk import litellm` and by the LiteLLM snapshot.

The file is one object: model key -> entry, where `litellm_provider` names the provider.
Read here:
- text-generation entries (`mode` `chat`, `responses` or `completion`, kept as the
  record's `api`; the importer takes `chat` ones, the API Crush calls); the
  provider-facing id is the key without the `<litellm_provider>/` prefix LiteLLM adds for
  routing (`mistral/codestral-2508` is `codestral-2508` at Mistral's API);
- prices are USD per token: `input_cost_per_token`, `output_cost_per_token`,
  `cache_creation_input_token_cost` (cache WRITE), `cache_read_input_token_cost` (cache
  READ), each x 1e6. Variants (`..._above_200k_tokens`, `_priority`, `_batches`) are
  ignored: Catwalk has one price per field, the base one;
- `max_input_tokens` is the context window; the legacy `max_tokens` stands in for it only
  when no `max_output_tokens` is given (LiteLLM sets `max_tokens` to the output limit
  when there is one); `max_output_tokens` is the output limit unless it merely repeats
  the context window;
- `supports_vision`, `supports_reasoning`, `reasoning_effort_levels`,
  `default_reasoning_effort` and `deprecation_date` as they are.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from catwalk.importers import Imported
from catwalk.importers.records import Selection, SourceModel
from catwalk.importers.units import iso_date, price, token_count

SOURCE = "litellm"
HELP = "LiteLLM's model_prices_and_context_window.json (USD per token)"
TEXT_MODES = frozenset({"chat", "responses", "completion"})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from catwalk.importers.options import add_arguments as add_shared_arguments

    add_shared_arguments(parser, SOURCE)


def convert(args: argparse.Namespace) -> list[Imported]:
    from catwalk.importers.options import convert as convert_source

    return convert_source(SOURCE, args)


def _flag(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _levels(value: object) -> tuple[str, ...] | None:
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        return tuple(value)
    return None


def record(key: str, entry: dict[str, Any], provider: str) -> SourceModel:
    """One LiteLLM entry as a SourceModel with the provider-facing id."""
    model_id = key[len(provider) + 1 :] if key.startswith(f"{provider}/") else key
    cost_in = price(entry.get("input_cost_per_token"), per_token=True)
    cost_out = price(entry.get("output_cost_per_token"), per_token=True)
    problem = None
    if cost_in is None or cost_out is None:
        given = "input_cost_per_token" in entry and "output_cost_per_token" in entry
        problem = "variable or non-numeric price" if given else "no input/output price"
    context = token_count(entry.get("max_input_tokens"))
    if context is None and "max_output_tokens" not in entry:
        context = token_count(entry.get("max_tokens"))
    max_output = token_count(entry.get("max_output_tokens"))
    if context is not None and max_output is not None and max_output >= context:
        max_output = None
    effort = entry.get("default_reasoning_effort")
    return SourceModel(
        id=model_id,
        source=SOURCE,
        cost_in=cost_in,
        cost_out=cost_out,
        cache_write=price(entry.get("cache_creation_input_token_cost"), per_token=True),
        cache_read=price(entry.get("cache_read_input_token_cost"), per_token=True),
        context=context,
        max_output=max_output,
        vision=_flag(entry.get("supports_vision")),
        reasoning=_flag(entry.get("supports_reasoning")),
        levels=_levels(entry.get("reasoning_effort_levels")),
        default_effort=effort if isinstance(effort, str) and effort else None,
        retires=iso_date(entry.get("deprecation_date")),
        price_problem=problem,
        api=mode if isinstance(mode := entry.get("mode"), str) else None,
    )


def records(doc: Any) -> Iterator[tuple[str, str, SourceModel]]:
    """(litellm_provider, map key, record) for every text-generation entry of the map."""
    if not isinstance(doc, dict):
        raise ValueError("LiteLLM's map must be a JSON object of model -> entry")
    for key, entry in doc.items():
        mode = entry.get("mode") if isinstance(entry, dict) else None
        if mode.__class__ is not str or mode not in TEXT_MODES:
            continue
        provider = entry.get("litellm_provider")
        if isinstance(key, str) and isinstance(provider, str) and provider:
            yield provider, key, record(key, entry, provider)


class LiteLLMCatalogue:
    source = SOURCE

    def __init__(self, data: dict[str, Any]) -> None:
        self._by_provider: dict[str, list[SourceModel]] = {}
        for provider, _, model in records(data):
            if model.api == "chat":
                self._by_provider.setdefault(provider, []).append(model)
        self._index: dict[str, dict[str, SourceModel]] = {}

    def keys(self) -> dict[str, int]:
        return {key: len(models) for key, models in sorted(self._by_provider.items())}

    def has_key(self, key: str) -> bool:
        return key in self._by_provider

    def select(self, key: str, as_of: str) -> Selection:
        return Selection(models=list(self._by_provider.get(key, [])))

    def lookup(self, key: str, model_id: str, as_of: str) -> SourceModel | None:
        if key not in self._index:
            index: dict[str, SourceModel] = {}
            for model in self._by_provider.get(key, []):
                index.setdefault(model.id, model)
            self._index[key] = index
        return self._index[key].get(model_id)


def load(path: Path) -> LiteLLMCatalogue:
    from catwalk.importers.reference import read_json

    data = read_json(path)
    if not isinstance(data, dict):
        from catwalk.errors import UsageError

        raise UsageError(f"{path}: not a LiteLLM price map (expected a JSON object of models)")
    return LiteLLMCatalogue(data)

"""pydantic/genai-prices `data.json`: the one reader of its format, used by `catwalk import
genai-prices` and by the genai-prices snapshot.

The file is a list of providers, each with `models`; a model has an `id`, a `name`, a
`match` rule (a tree of `equals` / `starts_with` / `ends_with` / `contains` / `regex` /
`or` / `and` over the model name a client sends), an optional `context_window` and
`prices` in USD per 1M tokens (`*_mtok`, used as they are):
- `input_mtok`, `output_mtok`; `cache_write_mtok` is the cache WRITE price and
  `cache_read_mtok` the cache READ price;
- a tiered price `{"base": .., "tiers": [..]}` contributes its base tier (Catwalk has one
  price per field); a list of conditional prices contributes the entry in force on the
  import date (`constraint.start_date`); prices that change with the time of day are
  variable, and such a model is skipped;
- a model without an `output_mtok` price is not a text-generation model (embeddings,
  rerankers, unpriced entries) and is left out.
genai-prices publishes no output limit and no capability flags.

As the primary source the model id is the genai-prices `id`, kept only when the model's own
`match` rule accepts it (otherwise the id a client must send is unknown). As a secondary
source a record is found only by exact id (the `id` or an `equals` alias): prefix rules
such as `starts_with: mistral-medium` cover several versions and must not lend one
version's name or limits to another.

For the snapshot (`records`), every price table a model lists counts (price history and
conditional prices are alternatives a catwalk price may agree with), and a model is found
under its id, its `equals` names and its `starts_with` prefixes.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from catwalk.importers import Imported
from catwalk.importers.records import Selection, SourceModel
from catwalk.importers.units import price, token_count

SOURCE = "genai-prices"
HELP = "pydantic/genai-prices data.json (USD per 1M tokens)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from catwalk.importers.options import add_arguments as add_shared_arguments

    add_shared_arguments(parser, SOURCE)


def convert(args: argparse.Namespace) -> list[Imported]:
    from catwalk.importers.options import convert as convert_source

    return convert_source(SOURCE, args)


def matches(clause: object, text: str) -> bool:
    """Whether a genai-prices match rule accepts `text` (case-sensitive, as the data is)."""
    if not isinstance(clause, dict) or not clause:
        return False
    results = []
    for op, arg in clause.items():
        if op in ("or", "and") and isinstance(arg, list):
            found = [matches(sub, text) for sub in arg]
            results.append(any(found) if op == "or" else bool(found) and all(found))
        elif not isinstance(arg, str):
            results.append(False)
        elif op == "equals":
            results.append(text == arg)
        elif op == "starts_with":
            results.append(text.startswith(arg))
        elif op == "ends_with":
            results.append(text.endswith(arg))
        elif op == "contains":
            results.append(arg in text)
        elif op == "regex":
            try:
                results.append(re.search(arg, text) is not None)
            except re.error:
                results.append(False)
        else:
            results.append(False)
    return all(results)


def aliases(clause: object, *, prefixes: bool = False) -> set[str]:
    """Every exact name (`equals`) a match rule lists, and with `prefixes` its
    `starts_with` values too."""
    found: set[str] = set()
    ops = ("equals", "starts_with") if prefixes else ("equals",)
    if isinstance(clause, dict):
        for op, arg in clause.items():
            if op in ops and isinstance(arg, str):
                found.add(arg)
            elif op in ("or", "and") and isinstance(arg, list):
                for sub in arg:
                    found |= aliases(sub, prefixes=prefixes)
    return found


def prices_in_force(prices: object, as_of: str) -> tuple[dict[str, Any] | None, str | None]:
    """The price table that applies on `as_of`, or (None, why it cannot be used)."""
    if isinstance(prices, dict):
        return prices, None
    if not isinstance(prices, list):
        return None, "no price table"
    chosen: dict[str, Any] | None = None
    for entry in prices:
        if not isinstance(entry, dict) or not isinstance(entry.get("prices"), dict):
            continue
        constraint = entry.get("constraint")
        if constraint is None:
            chosen = entry["prices"]
        elif isinstance(constraint, dict) and set(constraint) == {"start_date"}:
            start = constraint["start_date"]
            if isinstance(start, str) and start <= as_of:
                chosen = entry["prices"]
        else:
            return None, "variable price (depends on the time of day)"
    return chosen, None if chosen is not None else "no price in force"


def _mtok(table: dict[str, Any], key: str) -> tuple[float | None, bool]:
    """(USD per 1M tokens, whether it was tiered) for one price key."""
    value = table.get(key)
    if isinstance(value, dict) and "base" in value:
        return price(value["base"], per_token=False), True
    return price(value, per_token=False), False


def price_tables(prices: object) -> list[dict[str, Any]]:
    """Every price table of a model: the one table, or each entry of a conditional list."""
    if isinstance(prices, dict):
        return [prices]
    if isinstance(prices, list):
        return [p["prices"] for p in prices if isinstance(p, dict) and isinstance(p.get("prices"), dict)]
    return []


def record(model: dict[str, Any], model_id: str, as_of: str) -> tuple[SourceModel, list[str]]:
    """The record with the prices in force on `as_of` (and notes on how they were read)."""
    table, problem = prices_in_force(model.get("prices"), as_of)
    return _record(model, model_id, table, problem)


def _record(
    model: dict[str, Any], model_id: str, table: dict[str, Any] | None, problem: str | None
) -> tuple[SourceModel, list[str]]:
    notes: list[str] = []
    fields: dict[str, float | None] = {}
    tiered = False
    for key in ("input_mtok", "output_mtok", "cache_write_mtok", "cache_read_mtok"):
        value, was_tiered = _mtok(table or {}, key)
        fields[key] = value
        tiered = tiered or was_tiered
    if tiered:
        notes.append(f"`{model_id}`: tiered genai-prices price, the base tier is used")
    if problem is None and (fields["input_mtok"] is None or fields["output_mtok"] is None):
        problem = "variable or non-numeric price"
    name = model.get("name")
    return (
        SourceModel(
            id=model_id,
            source=SOURCE,
            name=name if isinstance(name, str) and name.strip() else None,
            cost_in=fields["input_mtok"],
            cost_out=fields["output_mtok"],
            cache_write=fields["cache_write_mtok"],
            cache_read=fields["cache_read_mtok"],
            context=token_count(model.get("context_window")),
            deprecated=model.get("deprecated") is True,
            price_problem=problem,
        ),
        notes,
    )


def records(doc: Any) -> Iterator[tuple[str, frozenset[str], SourceModel]]:
    """(provider id, every name the model is found under, record) for each price table
    of each text-generation model."""
    provider_list = doc.get("providers") if isinstance(doc, dict) else doc
    if not isinstance(provider_list, list):
        raise ValueError("genai-prices data must be a list of providers")
    for provider in provider_list:
        if not isinstance(provider, dict) or not isinstance(provider.get("id"), str):
            continue
        models = provider.get("models")
        for model in models if isinstance(models, list) else ():
            model_id = model.get("id") if isinstance(model, dict) else None
            if not isinstance(model_id, str) or not _generates_text(model):
                continue
            names = frozenset({model_id, *aliases(model.get("match"), prefixes=True)})
            for table in price_tables(model.get("prices")):
                yield provider["id"], names, _record(model, model_id, table, None)[0]


def _generates_text(model: dict[str, Any]) -> bool:
    return any("output_mtok" in table for table in price_tables(model.get("prices")))


class GenaiPricesCatalogue:
    source = SOURCE

    def __init__(self, data: list[Any]) -> None:
        self._providers: dict[str, list[dict[str, Any]]] = {}
        for provider in data:
            if not isinstance(provider, dict) or not isinstance(provider.get("id"), str):
                continue
            models = provider.get("models")
            self._providers[provider["id"]] = [
                m for m in (models if isinstance(models, list) else []) if isinstance(m, dict)
            ]

    def keys(self) -> dict[str, int]:
        return {
            key: sum(1 for m in models if _generates_text(m))
            for key, models in sorted(self._providers.items())
        }

    def has_key(self, key: str) -> bool:
        return key in self._providers

    def select(self, key: str, as_of: str) -> Selection:
        selection = Selection()
        left_out = 0
        for model in self._providers.get(key, []):
            model_id = model.get("id")
            if not isinstance(model_id, str) or not _generates_text(model):
                left_out += 1
                continue
            if not matches(model.get("match"), model_id):
                selection.notes.append(
                    f"`{model_id}` skipped: its match rule does not accept the id, so the API id is unknown"
                )
                continue
            source_model, notes = record(model, model_id, as_of)
            selection.models.append(source_model)
            selection.notes.extend(notes)
        if left_out:
            selection.notes.append(f"{left_out} entries without an output price (not chat models) left out")
        return selection

    def lookup(self, key: str, model_id: str, as_of: str) -> SourceModel | None:
        for model in self._providers.get(key, []):
            if not _generates_text(model):
                continue
            if model.get("id") == model_id or model_id in aliases(model.get("match")):
                return record(model, model_id, as_of)[0]
        return None


def load(path: Path) -> GenaiPricesCatalogue:
    from catwalk.importers.reference import read_json

    data = read_json(path)
    if not isinstance(data, list):
        from catwalk.errors import UsageError

        raise UsageError(f"{path}: not a genai-prices data file (expected a JSON list of providers)")
    return GenaiPricesCatalogue(data)

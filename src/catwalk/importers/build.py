"""Merge catalogue records into one Catwalk provider file.

Rules (docs/importers.md explains them with examples):

Model list - the provider's first (primary) source decides which models exist; other
sources only fill in what it leaves unsaid, matched by exact provider-facing id (or
ignoring case, and limited to some fields, when the `SourceRef` says so).
Models are dropped, each with a logged reason, when
- the `include` / `exclude` patterns of the provider leave them out;
- a source says they retire on or before the import date (`--as-of`), or marks them
  deprecated - a fresh import must not add models that are already going away;
- no source gives both an input and an output price, or both prices are 0 (unless the
  provider is marked `free`: a 0 in these catalogues usually means "unknown");
- no source gives a context window.

Field precedence - the first source in the provider's list that says something wins,
unless no other source agrees with it and two or more others agree with each other on
another value (`choose`); every disagreement is logged:
- prices are chosen as one set (input, output, cache write, cache read) by their
  (input, output) pair, so a model never mixes two price lists; an unknown cache price
  is 0 ("not charged separately" in Catwalk);
- context window, output limit, vision, reasoning and reasoning levels are chosen field
  by field; the name is the first one given.

Derived fields -
- `default_max_tokens` is the output limit when a source publishes a real one (smaller
  than the context window), capped at half the context window so a prompt still fits;
  else a tenth of the context window, as Catwalk's own generators do;
- `can_reason` is true when a source says so or publishes reasoning levels, false when a
  source says so, and absent when no source says anything (silence is not "no": the
  cross-provider checks then compare the model with the other providers serving it);
- `supports_attachments` likewise: absent when no source says;
- prices converted upstream from another unit (`snap_cents`: Databricks Units at $0.07,
  rounded by LiteLLM to 5 decimals) are snapped to the nearest eighth of a cent when they
  lie within $0.00005 (or 2 parts per million) of it, which removes conversion noise such
  as 15.00002, 0.24997 or 75.0001; 315 of LiteLLM's 328 Databricks prices are such noisy
  eighths, and the others (0.028, 0.13202) are kept as they are;
- `name` falls back to the id without its leading `vendor/` segment.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from catwalk.entries import default_effort, default_max_tokens
from catwalk.errors import UsageError
from catwalk.importers import Imported
from catwalk.importers.records import Catalogue, SourceModel
from catwalk.sources.ids import model_key
from catwalk.sources.providers import maker

MERGED_FIELDS = ("name", "context", "max_output", "vision", "reasoning", "levels", "default_effort")


@dataclass(frozen=True)
class SourceRef:
    """Which models of which catalogue: a LiteLLM `litellm_provider`, a genai-prices
    provider id, or an OpenRouter author (`*` for the whole list).

    A secondary source can be limited to some fields (`fields`, SourceModel attribute
    names) and matched ignoring case (`casefold`): OpenRouter's list says whether a model
    reasons or reads images for every host serving it (`Qwen/Qwen3-32B` at DeepInfra is
    `qwen/qwen3-32b` there), but its prices and limits are OpenRouter's own.
    """

    source: str
    key: str
    fields: tuple[str, ...] = ()
    casefold: bool = False
    # Match by the grouping key (`catwalk.sources.ids.model_key`): a platform that names
    # models its own way (`databricks-claude-opus-4`) finds the model it serves.
    grouped: bool = False
    # Only for the models this catwalk provider makes (`catwalk.sources.providers.maker`):
    # a closed-weights maker's retirement date binds every host reselling the model.
    made_by: str | None = None

    def __str__(self) -> str:
        limited = f" ({', '.join(self.fields)} only)" if self.fields else ""
        return f"{self.source}:{self.key}{limited}"


@dataclass(frozen=True)
class ProviderSpec:
    """Everything about a provider that no catalogue says, and where its models come from."""

    id: str
    name: str
    type: str
    api_endpoint: str
    api_key: str
    default_large: str
    default_small: str
    sources: tuple[SourceRef, ...]
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    free: bool = False
    snap_cents: bool = False
    evidence: str = ""
    defaults_reason: str = ""
    exclude_reason: str = ""

    @property
    def primary(self) -> SourceRef:
        return self.sources[0]


@dataclass
class Merged:
    """The winning value of every field for one model, and where conflicts were."""

    id: str
    values: dict[str, Any] = field(default_factory=dict)
    prices: SourceModel | None = None
    conflicts: list[str] = field(default_factory=list)


def _same(a: object, b: object) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1)
    return a == b


def choose(candidates: Sequence[tuple[Any, str]]) -> tuple[Any, str, str | None]:
    """(value, source, note) from (value, source) pairs in precedence order.

    The first value wins, unless no other source agrees with it and at least two other
    sources agree with each other on a different value: one catalogue against two is more
    likely the catalogue's mistake.
    """
    (first, origin), others = candidates[0], candidates[1:]
    if any(_same(first, value) for value, _ in others):
        return first, origin, None
    for value, source in others:
        backers = [s for v, s in others if _same(v, value)]
        if len(backers) >= 2:
            note = f"{_show(value)} from {' and '.join(backers)} used; {origin} says {_show(first)}"
            return value, source, note
    if others:
        shown = "; ".join(f"{s} says {_show(v)}" for v, s in others)
        return first, origin, f"{_show(first)} from {origin} kept; {shown}"
    return first, origin, None


def merge(records: Sequence[SourceModel]) -> Merged:
    """Combine one model's records, highest precedence first (see `choose`)."""
    merged = Merged(id=records[0].id)
    for name in MERGED_FIELDS:
        candidates = [(getattr(r, name), r.source) for r in records if getattr(r, name) is not None]
        if not candidates:
            continue
        if name == "name":
            merged.values[name] = candidates[0]
            continue
        value, source, note = choose(candidates)
        merged.values[name] = (value, source)
        if note:
            merged.conflicts.append(f"`{merged.id}`: {name} {note}")
    priced = [r for r in records if r.cost_in is not None and r.cost_out is not None]
    if priced:
        value, source, note = choose([((r.cost_in, r.cost_out), r.source) for r in priced])
        merged.prices = next(r for r in priced if r.source == source)
        if note:
            merged.conflicts.append(f"`{merged.id}`: input/output prices {note}")
    return merged


def _show(value: object) -> str:
    if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
        return "[" + ", ".join(value) + "]"
    if isinstance(value, tuple):
        return "/".join(map(_show, value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# Conversion noise is far below a cent: 15.00002 is 15, 0.24997 is 0.25 (USD per 1M).
PRICE_GRID = 0.00125  # an eighth of a cent
GRID_NOISE, GRID_NOISE_RELATIVE = 5e-5, 2e-6


def snapped(price: Any) -> Any:
    """`price` on the nearest multiple of PRICE_GRID when it lies within the noise of it."""
    if not isinstance(price, (int, float)) or isinstance(price, bool) or not price:
        return price
    grid = round(round(price / PRICE_GRID) * PRICE_GRID, 5)
    if grid and abs(price - grid) <= max(GRID_NOISE, GRID_NOISE_RELATIVE * grid):
        return int(grid) if float(grid).is_integer() else grid
    return price


def model_dict(merged: Merged, *, snap_cents: bool = False) -> dict[str, Any]:
    values = {name: value for name, (value, _) in merged.values.items()}
    prices = merged.prices
    if prices is None:
        raise ValueError(f"model {merged.id} has no prices")  # build() never passes one
    context: int = values["context"]
    levels: tuple[str, ...] | None = values.get("levels")
    said = values.get("reasoning")
    reasoning = bool(said) or bool(levels)
    fix = snapped if snap_cents else (lambda value: value)
    model: dict[str, Any] = {
        "id": merged.id,
        "name": values.get("name") or merged.id.split("/", 1)[-1],
        "cost_per_1m_in": fix(prices.cost_in),
        "cost_per_1m_out": fix(prices.cost_out),
        "cost_per_1m_in_cached": fix(prices.cache_write) if prices.cache_write is not None else 0,
        "cost_per_1m_out_cached": fix(prices.cache_read) if prices.cache_read is not None else 0,
        "context_window": context,
        "default_max_tokens": default_max_tokens(context, values.get("max_output")),
    }
    if said is not None or levels:
        model["can_reason"] = reasoning
    if reasoning and levels:
        model["reasoning_levels"] = list(levels)
        model["default_reasoning_effort"] = default_effort(levels, values.get("default_effort"))
    if values.get("vision") is not None:
        model["supports_attachments"] = bool(values["vision"])
    return model


def _restricted(record: SourceModel, fields: tuple[str, ...]) -> SourceModel:
    """`record` with only `fields` kept: no prices, limits or retirement from it."""
    if not fields:
        return record
    return SourceModel(id=record.id, source=record.source, **{f: getattr(record, f) for f in fields})


Finder = Callable[[str], SourceModel | None]


def _finder(catalogue: Catalogue, ref: SourceRef, as_of: str) -> Finder:
    """Look up a model id in a secondary source: exactly, ignoring case, or by group."""
    if not ref.casefold and not ref.grouped:
        return lambda model_id: catalogue.lookup(ref.key, model_id, as_of)
    spell: Callable[[str], str] = model_key if ref.grouped else str.casefold
    index: dict[str, SourceModel] = {}
    for model in catalogue.select(ref.key, as_of).models:
        index.setdefault(spell(model.id), model)
    return lambda model_id: index.get(spell(model_id))


def _compiled(patterns: Sequence[str], what: str, spec_id: str) -> list[re.Pattern[str]]:
    try:
        return [re.compile(p) for p in patterns]
    except re.error as exc:
        raise UsageError(f"provider {spec_id}: bad {what} pattern {exc.pattern!r}: {exc}") from None


@dataclass
class Collected:
    """A provider's imported models, the log of what happened, and the sources used."""

    models: list[dict[str, Any]]
    changes: list[str]
    sources: list[SourceRef]


def collect(
    spec: ProviderSpec,
    catalogues: dict[str, Catalogue],
    as_of: str,
    merge_sources: bool = True,
) -> Collected:
    """Every model `spec` imports, merged and converted, sorted by id."""
    primary = catalogues[spec.primary.source]
    if not primary.has_key(spec.primary.key):
        raise UsageError(f"provider {spec.id}: {spec.primary.source} has no provider {spec.primary.key!r}")
    secondaries = [ref for ref in spec.sources[1:] if merge_sources]
    changes: list[str] = []
    for ref in list(secondaries):
        if catalogues[ref.source].has_key(ref.key):
            continue
        if not ref.fields:
            raise UsageError(f"provider {spec.id}: {ref.source} has no provider {ref.key!r} to merge")
        # A source that only fills some fields is an enrichment: a copy of the catalogue
        # without that provider leaves them to the other sources.
        changes.append(f"{ref}: {ref.source} has no provider {ref.key!r} here; not merged")
        secondaries.remove(ref)
    finders = [(ref, _finder(catalogues[ref.source], ref, as_of)) for ref in secondaries]
    selection = primary.select(spec.primary.key, as_of)
    changes.extend(selection.notes)
    include = _compiled(spec.include, "include", spec.id)
    exclude = _compiled(spec.exclude, "exclude", spec.id)

    seen: set[str] = set()
    models: list[dict[str, Any]] = []
    for rec in selection.models:
        where = f"`{rec.id}`"
        if rec.id in seen:
            changes.append(f"{where} skipped: listed twice by {rec.source}, the first entry is kept")
            continue
        seen.add(rec.id)
        if include and not any(p.search(rec.id) for p in include):
            continue
        if any(p.search(rec.id) for p in exclude):
            changes.append(f"{where} skipped: excluded by the provider's metadata ({spec.exclude_reason})")
            continue
        records = [rec]
        for ref, find in finders:
            if ref.made_by is not None and ref.made_by != maker(model_key(rec.id)):
                continue
            other = find(rec.id)
            if other is not None:
                records.append(_restricted(other, ref.fields))
        retired = [r for r in records if r.retires is not None and r.retires <= as_of]
        if retired:
            changes.append(f"{where} skipped: {retired[0].source} retires it on {retired[0].retires}")
            continue
        deprecated = [r.source for r in records if r.deprecated]
        if deprecated:
            changes.append(f"{where} skipped: {deprecated[0]} marks it deprecated")
            continue
        merged = merge(records)
        if merged.prices is None:
            problem = rec.price_problem or "no price"
            changes.append(f"{where} skipped: no usable price in any source ({rec.source}: {problem})")
            continue
        if merged.prices.cost_in == 0 and merged.prices.cost_out == 0 and not spec.free:
            changes.append(f"{where} skipped: input and output prices are 0 (unknown, not free)")
            continue
        if "context" not in merged.values:
            changes.append(f"{where} skipped: no source gives a context window")
            continue
        changes.extend(merged.conflicts)
        models.append(model_dict(merged, snap_cents=spec.snap_cents))
    models.sort(key=lambda m: (m["id"].lower(), m["id"]))
    return Collected(models=models, changes=changes, sources=[spec.primary, *secondaries])


def build(
    spec: ProviderSpec,
    catalogues: dict[str, Catalogue],
    as_of: str,
    merge_sources: bool = True,
) -> Imported:
    """The provider file for `spec` from loaded catalogues (keyed by source name)."""
    from catwalk.model import SCHEMA_REF

    collected = collect(spec, catalogues, as_of, merge_sources)
    ids = {m["id"] for m in collected.models}
    for role, model_id in (("large", spec.default_large), ("small", spec.default_small)):
        if model_id not in ids:
            why = next((c for c in collected.changes if c.startswith(f"`{model_id}` ")), "it is not listed")
            raise UsageError(
                f"provider {spec.id}: default {role} model {model_id!r} is not among the "
                f"{len(collected.models)} imported models: {why}"
            )
    data: dict[str, Any] = {"$schema": SCHEMA_REF, "name": spec.name, "id": spec.id, "type": spec.type}
    # An empty string means "absent" to Crush; leave such keys out altogether.
    if spec.api_key:
        data["api_key"] = spec.api_key
    if spec.api_endpoint:
        data["api_endpoint"] = spec.api_endpoint
    data["default_large_model_id"] = spec.default_large
    data["default_small_model_id"] = spec.default_small
    data["models"] = collected.models
    return Imported(
        filename=f"{spec.id}.json",
        data=data,
        changes=collected.changes,
        source=" + ".join(str(ref) for ref in collected.sources),
    )

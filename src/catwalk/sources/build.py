"""Build compact snapshots from the catalogues' own files.

A snapshot keeps only what the cross-source checks compare, for chat models, keyed by
`model_key` and then by catwalk provider id:

    {"source": "litellm", "date": "2026-08-21", "url": "...", "fields": [...],
     "providers": [...], "retiring": [...],
     "models": {"claude-sonnet4-5": {"anthropic": [3, 15, 3.75, 0.3, 200000, 64000, 1, 1, "2026-11-30"]}}}

`providers` (every provider id with an entry) and `retiring` (every key with a shutdown
date or deprecation flag) let the checks skip models without reading their lines.

A record lists `FIELDS` in order (trailing unknowns dropped, `null` inside). Prices are
USD per 1M tokens. When one catalogue holds several values for the same model and
provider (dated snapshots, regional prices, price history), the field holds the list
of all of them and a catwalk value agreeing with any one of them agrees.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from catwalk import units
from catwalk.sources import providers
from catwalk.sources.ids import dated_key, model_key
from catwalk.sources.store import FIELDS, values

if TYPE_CHECKING:
    from catwalk.importers.records import SourceModel

URLS = {
    "litellm": "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json",
    "genai-prices": "https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/data.json",
    "openrouter": "https://openrouter.ai/api/v1/models",
    "models.dev": "https://models.dev/api.json",
}
TITLES = {
    "litellm": "LiteLLM model_prices_and_context_window.json",
    "genai-prices": "pydantic/genai-prices prices/data.json",
    "openrouter": "OpenRouter /api/v1/models",
    "models.dev": "models.dev api.json",
}

Record = dict[str, Any]


class SourceFormatError(ValueError):
    """The catalogue file does not have the shape we know."""


def _clean(number: float) -> float | int:
    """Six significant digits: snapshots are compact, and tolerances are far coarser."""
    return units.whole(units.round_sig(number, 6))


def _clean_or_none(value: float | None) -> float | int | None:
    return None if value is None else _clean(float(value))


def _read(reader: Callable[[Any], Iterator[Any]], doc: Any) -> list[Any]:
    """Every item the format's reader yields; a file of another shape is a SourceFormatError."""
    try:
        return list(reader(doc))
    except ValueError as exc:
        raise SourceFormatError(str(exc)) from None


def _fields(model: SourceModel, *, levels: bool = False) -> Record:
    """The snapshot fields of one record read by a format's reader. `levels` only where
    the catalogue's levels are what the reasoning rules compare with (models.dev)."""
    return {
        "in": _clean_or_none(model.cost_in),
        "out": _clean_or_none(model.cost_out),
        "write": _clean_or_none(model.cache_write),
        "read": _clean_or_none(model.cache_read),
        "context": model.context,
        "max_output": model.max_output,
        "vision": model.vision,
        "reasoning": model.reasoning,
        "retired": model.retires or (True if model.deprecated else None),
        "levels": ",".join(model.levels) if levels and model.levels else None,
    }


# The readers are the importers' (`catwalk.importers.<format>`): one reader per format.


def litellm_records(doc: Any) -> Iterator[tuple[str, str, Record]]:
    from catwalk.importers import litellm

    for provider, key, model in _read(litellm.records, doc):
        hint = providers.litellm_hint(provider, key)
        if hint is None:
            continue
        record = _fields(model)
        # OpenAI-style limits: max_input + max_output is the context window catwalk lists.
        if model.context and model.max_output and provider in ("openai", "azure", "azure_ai"):
            record["context"] = [model.context, model.context + model.max_output]
        yield model.id, hint, record


def genai_prices_records(doc: Any) -> Iterator[tuple[str, str, Record]]:
    from catwalk.importers import genai_prices

    for provider_id, names, model in _read(genai_prices.records, doc):
        record = _fields(model)
        for hint in providers.genai_prices_hints(provider_id, model.id):
            for name in sorted(names):
                yield name, hint, record


def openrouter_records(doc: Any) -> Iterator[tuple[str, str, Record]]:
    from catwalk.importers import openrouter

    for model in _read(openrouter.records, doc):
        if model.id.endswith(":free") or model.id.startswith("~"):
            continue  # free twins and moving aliases of listed models
        record = _fields(model)
        yield model.id, "openrouter", record
        # OpenRouter resells closed models at the maker's price: its entry stands for the
        # maker too (not for the maker's open-weight models, which other hosts serve).
        vendor = providers.OPENROUTER_VENDORS.get(model.id.partition("/")[0])
        if vendor and providers.maker(model_key(model.id)) == vendor:
            yield model.id, vendor, record


def modelsdev_records(doc: Any) -> Iterator[tuple[str, str, Record]]:
    from catwalk.importers import modelsdev

    for provider_id, model in _read(modelsdev.records, doc):
        hint = providers.MODELS_DEV.get(provider_id)
        if hint is not None:
            yield model.id, hint, _fields(model, levels=True)


# --- assembling a snapshot -----------------------------------------------------------

PARSERS = {
    "litellm": litellm_records,
    "genai-prices": genai_prices_records,
    "openrouter": openrouter_records,
    "models.dev": modelsdev_records,
}


def _merge(old: Any, new: Any) -> Any:
    """Keep every distinct value a catalogue gives for one model at one provider."""
    if new is None:
        return old
    if old is None:
        return new
    values = list(old) if isinstance(old, list) else [old]
    for value in new if isinstance(new, list) else [new]:
        if value not in values:
            values.append(value)
    return values[0] if len(values) == 1 else values


def _merge_retired(old: Any, new: Any) -> Any:
    # A model is as retired as its earliest announced date says; a bare flag loses to a date.
    if old is None or old is True:
        return new if new is not None else old
    if new is None or new is True:
        return old
    return min(old, new)


def _keyed(records: Iterable[tuple[str, str, Record]]) -> Iterator[tuple[str, str, Record]]:
    """Key records by `model_key`. Retirement is per dated snapshot, so a dated id
    (`gpt-4o-2024-05-13`) keeps its retirement under its dated key only, where it cannot
    retire the undated alias (`gpt-4o`) that other snapshots share."""
    for model_id, hint, record in records:
        key, dated = model_key(model_id), dated_key(model_id)
        if dated == key:
            yield key, hint, record
            continue
        yield key, hint, {**record, "retired": None}
        if record.get("retired") is not None:
            yield dated, hint, {"retired": record["retired"]}


def collect(records: Iterable[tuple[str, str, Record]]) -> dict[str, dict[str, list[Any]]]:
    """Merge records (raw model id, catwalk provider, fields) into the snapshot's models."""
    merged: dict[str, dict[str, Record]] = {}
    for key, hint, record in _keyed(records):
        slot = merged.setdefault(key, {})
        if hint not in slot:
            slot[hint] = dict(record)
            continue
        current = slot[hint]
        for name in FIELDS:
            if name == "retired":
                current[name] = _merge_retired(current.get(name), record.get(name))
            else:
                current[name] = _merge(current.get(name), record.get(name))
    models: dict[str, dict[str, list[Any]]] = {}
    for key in sorted(merged):
        if not key or any(c in key for c in '"\\\n\r') or not key.isprintable():
            continue  # the loader splits lines on '":'; no real model id has these
        by_hint = {}
        for hint in sorted(merged[key]):
            row = [_compact(name, merged[key][hint].get(name)) for name in FIELDS]
            while row and row[-1] is None:
                row.pop()
            if row:
                by_hint[hint] = row
        if by_hint:
            models[key] = by_hint
    return models


def _compact(name: str, value: Any) -> Any:
    if isinstance(value, bool) and name in ("vision", "reasoning"):
        return int(value)  # 1/0 keep the file small; the checks read them as flags
    if isinstance(value, list):
        return sorted(value, key=lambda v: (isinstance(v, list), v if not isinstance(v, list) else 0))
    return value


# What a serving variant of the same weights adds to an id: a quantisation, a speed or
# price tier ("glm-5.1-fp8", "minimax-m2.5-highspeed", "llama-3.3-70b-instruct-fp8-fast").
_VARIANT = re.compile(
    r"(?:-?(?:fp8|fp4|nvfp4|bf16|fp16|int4|int8|awq|gptq|[468]bit|turbo|fast|highspeed|lightning|free))+"
)


def variant_aliases(doc: Any) -> dict[str, str]:
    """Grouping keys of serving variants -> the key of the model they serve, where
    models.dev links the entry to the same open weights as the plain model. Only variant
    suffixes count (a catalogue's weights link alone also ties aliases such as
    `deepseek-chat` to whatever they point at today); a key two weights claim is left out."""
    from catwalk.importers import modelsdev

    found: dict[str, set[str]] = {}
    for _, model in _read(modelsdev.records, doc):
        if model.weights is None:
            continue
        alias, canonical = model_key(model.id), model_key(model.weights)
        if alias != canonical and alias.startswith(canonical) and _VARIANT.fullmatch(alias[len(canonical) :]):
            found.setdefault(alias, set()).add(canonical)
    return {
        alias: next(iter(targets)) for alias, targets in sorted(found.items())
        if len(targets) == 1 and next(iter(targets)) not in found
    }  # fmt: skip


def snapshot(name: str, doc: Any, date: str) -> dict[str, Any]:
    models = collect(PARSERS[name](doc))
    retired = FIELDS.index("retired")
    extra = {"same": variant_aliases(doc)} if name == "models.dev" else {}
    return {
        "source": name,
        "title": TITLES[name],
        "url": URLS[name],
        "date": date,
        "fields": list(FIELDS),
        # Indexes that let a check skip models without reading their lines.
        "providers": sorted({hint for rows in models.values() for hint in rows}),
        "retiring": sorted(
            key for key, rows in models.items() if any(len(r) > retired and r[retired] for r in rows.values())
        ),
        "flat": flat_rate(models),
        **extra,
        "models": models,
    }


# A provider is a flat-rate plan (a subscription: Kimi's or Z.ai's coding plans) when the
# catalogue prices at least this many of its models, and every one of them at 0.
FLAT_RATE_MIN_MODELS = 2


def flat_rate(models: dict[str, dict[str, list[Any]]]) -> dict[str, int]:
    """Providers whose every priced model costs 0, with how many models say so: the
    catalogue's word that the plan charges nothing per token, for models it does not list."""
    priced: dict[str, int] = {}
    charged: set[str] = set()
    slots = [FIELDS.index(name) for name in ("in", "out", "write", "read")]
    for rows in models.values():
        for hint, row in rows.items():
            prices = [v for slot in slots for v in values(row, slot)]
            if not prices:
                continue
            priced[hint] = priced.get(hint, 0) + 1
            if any(v != 0 for v in prices):
                charged.add(hint)
    return {
        hint: count for hint, count in sorted(priced.items())
        if hint not in charged and count >= FLAT_RATE_MIN_MODELS
    }  # fmt: skip


def dumps(snap: dict[str, Any]) -> str:
    """One model per line: small, and a refresh diffs model by model."""
    head = {k: v for k, v in snap.items() if k != "models"}
    lines = [json.dumps(head, separators=(",", ":"), ensure_ascii=False)[:-1] + ',"models":{']
    items = list(snap["models"].items())
    for index, (key, value) in enumerate(items):
        comma = "," if index < len(items) - 1 else ""
        row = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
        lines.append(json.dumps(key, ensure_ascii=False) + ":" + row + comma)
    lines.append("}}")
    return "\n".join(lines) + "\n"


def reference_file(reference: Path, name: str) -> Path | None:
    from catwalk.importers.reference import FILES

    folder, pattern = FILES[name]
    matches = sorted((reference / folder).glob(pattern))
    return matches[-1] if matches else None


def date_of(path: Path) -> str | None:
    """A date written in the file name (`api-v1-models-2026-05-15.json`), if any."""
    found = re.search(r"(\d{4}-\d{2}-\d{2})", path.name)
    return found.group(1) if found else None


class WriteResult(NamedTuple):
    path: Path
    models: int
    date: str
    changed: bool  # the models differ from the previous snapshot
    written: bool  # the file was (re)written


def write(name: str, doc: Any, date: str, directory: Path, *, keep_date_if_unchanged: bool) -> WriteResult:
    """Build one snapshot and write it atomically. With `keep_date_if_unchanged`, a
    rebuild that yields the same models keeps the existing snapshot's date."""
    from catwalk.atomic import write_text

    snap = snapshot(name, doc, date)
    path = directory / f"{name}.json"
    old: dict[str, Any] | None = None
    try:
        old = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        old = None
    unchanged = isinstance(old, dict) and old.get("models") == snap["models"]
    if keep_date_if_unchanged and unchanged and old is not None and isinstance(old.get("date"), str):
        snap["date"] = old["date"]
    text = dumps(snap)
    directory.mkdir(parents=True, exist_ok=True)
    written = not (path.is_file() and path.read_text("utf-8") == text)
    if written:
        write_text(path, text)
    return WriteResult(path, len(snap["models"]), snap["date"], not unchanged, written)

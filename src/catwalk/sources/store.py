"""Read the packaged snapshots, lazily.

`catwalk check` consults the snapshots for every model, so reading them must cost almost
nothing: a snapshot file holds one model per line (`build.dumps`), the loader indexes
the lines by key with plain string operations and parses only the lines of models that
the database actually lists. Nothing here touches the network.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

SOURCES = ("litellm", "genai-prices", "openrouter", "models.dev")
# `levels`: the reasoning effort levels the catalogue lists, comma-joined ("low,medium,high"),
# so that a field holding several alternatives is still a list of scalars.
FIELDS = ("in", "out", "write", "read", "context", "max_output", "vision", "reasoning", "retired", "levels")
IN, OUT, WRITE, READ, CONTEXT, MAX_OUTPUT, VISION, REASONING, RETIRED, LEVELS = range(len(FIELDS))

_MODELS_OPEN = ',"models":{'

# A record: a list of FIELDS values (shorter when trailing values are unknown).
Record = list[Any]


def packaged_dir() -> Path:
    return Path(__file__).resolve().parent / "snapshots"


class SnapshotError(ValueError):
    """A snapshot file is missing or malformed."""


class Snapshot:
    """One catalogue as of `date`: model key -> {catwalk provider id -> record}."""

    __slots__ = (
        "_lines", "_parsed", "date", "flat", "name", "path", "providers", "retiring", "same", "title", "url",
    )  # fmt: skip

    def __init__(self, name: str, head: dict[str, Any], lines: dict[str, str], path: Path | None) -> None:
        self.name = name
        self.date = str(head.get("date") or "unknown date")
        self.title = str(head.get("title") or name)
        self.url = str(head.get("url") or "")
        self.path = path
        # Provider ids with an entry, and keys with a retirement: checks skip the rest
        # without parsing a line. (None: the snapshot does not say; look everything up.)
        self.providers = _names(head.get("providers"))
        self.retiring = _names(head.get("retiring"))
        # Flat-rate plans: provider id -> how many of its models the catalogue prices, all at 0.
        self.flat = _counts(head.get("flat"))
        # Serving variants the catalogue ties to the same weights: variant key -> model key.
        self.same = _keys_to_keys(head.get("same"))
        self._lines = lines
        self._parsed: dict[str, dict[str, Record] | None] = {}

    def __len__(self) -> int:
        return len(self._lines)

    def __contains__(self, key: object) -> bool:
        return key in self._lines

    def keys(self) -> list[str]:
        return list(self._lines)

    def get(self, key: str) -> dict[str, Record] | None:
        """Records by catwalk provider id for one model key, or None."""
        if key in self._parsed:
            return self._parsed[key]
        raw = self._lines.get(key)
        found: dict[str, Record] | None = None
        if raw is not None:
            try:
                value = json.loads(raw.rstrip(","))
            except ValueError:
                value = None
            if isinstance(value, dict):
                found = {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, list)}
        self._parsed[key] = found
        return found

    def prefetch(self, keys: Iterable[str]) -> None:
        """Parse the lines of many keys with one call of the C parser instead of one call
        per key (what `get` would do): the checks ask for every model of the database."""
        wanted = [k for k in set(keys) if k not in self._parsed and self._lines.get(k)]
        if not wanted:
            return
        try:
            values = json.loads("[" + ",".join(self._lines[k].rstrip(",") for k in wanted) + "]")
        except ValueError:
            return  # a damaged line: `get` parses (and rejects) lines one by one
        for key, value in zip(wanted, values, strict=True):
            if value.__class__ is not dict:
                self._parsed[key] = None
            elif all(v.__class__ is list for v in value.values()):
                self._parsed[key] = value  # the layout `build` writes: nothing to filter
            else:
                self._parsed[key] = {k: v for k, v in value.items() if isinstance(v, list)}

    @classmethod
    def from_text(cls, name: str, text: str, path: Path | None = None) -> Snapshot:
        first, _, rest = text.partition("\n")
        if first.endswith(_MODELS_OPEN) and first.startswith("{"):
            head = _object(first[: -len(_MODELS_OPEN)] + "}", name)
            try:
                # '"key":{...},' -> key: '{...},' (the comma goes when the line is parsed)
                lines = dict(line[1:].split('":', 1) for line in rest.split("\n") if line.startswith('"'))
            except ValueError:
                lines = None
            if lines is not None:
                return cls(name, head, lines, path)
        # Not in the one-model-per-line layout (edited by hand?): parse it whole.
        doc = _object(text, name)
        models = doc.get("models")
        if not isinstance(models, dict):
            raise SnapshotError(f"snapshot {name}: no `models` object")
        whole = cls(name, doc, {}, path)
        for key, value in models.items():
            if isinstance(value, dict):
                whole._lines[key] = ""
                whole._parsed[key] = {k: v for k, v in value.items() if isinstance(v, list)}
        return whole


def _names(value: Any) -> frozenset[str] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return frozenset(value)
    return None


def _keys_to_keys(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def _counts(value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and type(v) is int and v > 0}


def _object(text: str, name: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise SnapshotError(f"snapshot {name}: not valid JSON ({exc})") from None
    if not isinstance(value, dict):
        raise SnapshotError(f"snapshot {name}: expected a JSON object")
    return value


_CACHE: dict[tuple[str, str], Snapshot | None] = {}


def load(name: str, directory: Path | None = None) -> Snapshot | None:
    """The snapshot of one source (None when the file does not exist). Cached per process:
    snapshots are read-only data."""
    where = directory or packaged_dir()
    cache_key = (str(where), name)
    if cache_key not in _CACHE:
        path = where / f"{name}.json"
        try:
            text = path.read_text("utf-8")
        except FileNotFoundError:
            _CACHE[cache_key] = None
        except (OSError, UnicodeDecodeError) as exc:
            raise SnapshotError(f"snapshot {path}: cannot read ({exc})") from None
        else:
            _CACHE[cache_key] = Snapshot.from_text(name, text, path)
    return _CACHE[cache_key]


def load_all(directory: Path | None = None) -> list[Snapshot]:
    found = [load(name, directory) for name in SOURCES]
    return [snap for snap in found if snap is not None]


def field(record: Record, index: int) -> Any:
    """One field of a record; records are cut after their last known field."""
    return record[index] if index < len(record) else None


def values(record: Record, index: int) -> list[Any]:
    """Every value a source gives for a field ([] when unknown)."""
    value = field(record, index)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]

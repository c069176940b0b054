"""The models `catwalk models` and `catwalk cost` look at: every model of a database (a
path, the embedded one by default) or of a Catwalk server, with the provider serving it;
filtered and sorted as those commands offer.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catwalk.errors import UsageError

_DEFAULTS: tuple[tuple[str, Any], ...] = (
    ("id", ""), ("name", ""), ("cost_per_1m_in", 0), ("cost_per_1m_out", 0), ("cost_per_1m_in_cached", 0),
    ("cost_per_1m_out_cached", 0), ("context_window", 0), ("default_max_tokens", 0), ("can_reason", False),
    ("reasoning_levels", []), ("default_reasoning_effort", ""), ("supports_attachments", False),
)  # fmt: skip


@dataclass(frozen=True)
class Row:
    provider: str
    provider_name: str
    model: Mapping[str, Any]

    @property
    def id(self) -> str:
        return str(self.model.get("id", ""))

    def number(self, key: str) -> float:
        value = self.model.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return math.nan
        return float(value)

    def as_json(self) -> dict[str, Any]:
        """Every field, defaults filled in as Go's decoder fills them: the same shape
        whether the model came from a file or from a server."""
        return {"provider": self.provider, **{k: self.model.get(k, default) for k, default in _DEFAULTS}}


def _rows(documents: Iterable[Any]) -> list[Row]:
    rows = []
    for document in documents:
        if not isinstance(document, Mapping) or not isinstance(document.get("models"), list):
            continue
        for model in document["models"]:
            if isinstance(model, Mapping):
                rows.append(Row(str(document.get("id", "")), str(document.get("name", "")), model))
    return rows


def from_path(path: Path | None) -> list[Row]:
    """The models of the provider files at `path` (the embedded database when None).
    Files that cannot be read as JSON are refused with their located problem."""
    from catwalk.loader import load_path
    from catwalk.paths import expand
    from catwalk.resources import providers_dir

    files = [load_path(p) for p in expand([path or providers_dir()])]
    for pf in files:
        if not pf.parsed:
            first = pf.problems[0] if pf.problems else None
            where = (
                f"{first.file}:{first.line}:{first.column}: {first.rule} {first.message}"
                if first
                else pf.display
            )
            raise UsageError(f"cannot read {where}")
    return _rows(pf.data for pf in files)


def from_server(url: str) -> list[Row]:
    from catwalk.client import Client, ClientError

    try:
        with Client(url) as client:
            providers = client.get_providers()
    except ClientError as exc:
        raise UsageError(str(exc)) from exc
    return _rows(p.model_dump(mode="json", by_alias=True, exclude_none=True) for p in providers)


def select(
    rows: Sequence[Row],
    *,
    providers: Sequence[str] = (),
    reasoning: bool | None = None,
    image: bool | None = None,
    min_context: int | None = None,
    max_price: float | None = None,
    max_output_price: float | None = None,
    search: str | None = None,
) -> list[Row]:
    wanted = set(providers)
    needle = search.lower() if search else None
    out = []
    for row in rows:
        if wanted and row.provider not in wanted:
            continue
        if reasoning is not None and bool(row.model.get("can_reason")) is not reasoning:
            continue
        if image is not None and bool(row.model.get("supports_attachments")) is not image:
            continue
        if min_context is not None and not row.number("context_window") >= min_context:
            continue
        if max_price is not None and not row.number("cost_per_1m_in") <= max_price:
            continue
        if max_output_price is not None and not row.number("cost_per_1m_out") <= max_output_price:
            continue
        if needle and needle not in row.id.lower() and needle not in str(row.model.get("name", "")).lower():
            continue
        out.append(row)
    return out


def _finite(value: float, missing: float) -> float:
    return missing if math.isnan(value) else value


def _price_key(row: Row) -> tuple[float, float]:
    return (_finite(row.number("cost_per_1m_in"), math.inf), _finite(row.number("cost_per_1m_out"), math.inf))


def ordered(rows: Sequence[Row], by: str) -> list[Row]:
    """By "price": cheapest input first, then output; "context": largest window first; else
    by provider and id."""
    if by == "price":
        return sorted(rows, key=lambda r: (_price_key(r), r.provider, r.id))
    if by == "context":
        return sorted(rows, key=lambda r: (-_finite(r.number("context_window"), -1), r.provider, r.id))
    return sorted(rows, key=lambda r: (r.provider, r.id))

"""Which catalogue entries speak for one model as one provider serves it: the one lookup
the cross-source checks and `catwalk coverage` share.

The entry of the same provider (LiteLLM `litellm_provider`, genai-prices provider id,
OpenRouter itself for `openrouter`...) always comes first; the maker's own entry stands in
for closed-weights models only (the maker alone serves them, so its price and limits bind
every reseller).
"""

from __future__ import annotations

from typing import NamedTuple

from catwalk.sources import store
from catwalk.sources.ids import model_key
from catwalk.sources.providers import CLOSED_WEIGHTS, hint_for, maker


class Evidence(NamedTuple):
    """What one catalogue says about one model at one provider."""

    snapshot: store.Snapshot
    same: store.Record | None  # the entry of the same provider
    vendor: str | None  # the model's maker, when it is not this provider
    vendor_record: store.Record | None  # the maker's own entry
    flat: int = 0  # `same` stands for a flat-rate plan's prices (this many models at 0)


def evidence(snapshots: list[store.Snapshot], provider: str, model_id: str) -> list[Evidence]:
    """Every catalogue's entries for one model as served by one provider: the same
    provider's entry, and the maker's own entry when the maker alone serves the model."""
    key = model_key(model_id)
    vendor = maker(key)
    if vendor == provider or vendor not in CLOSED_WEIGHTS:
        vendor = None
    hint = hint_for(provider, model_id)
    found = []
    for snap in snapshots:
        known = snap.providers
        if known is not None and hint not in known and vendor not in known:
            continue  # skip without reading the model's line
        rows = snap.get(key)
        if rows:
            same = rows.get(hint)
            vendor_record = rows.get(vendor) if vendor else None
            if same is not None or vendor_record is not None:
                found.append(Evidence(snap, same, vendor, vendor_record))
    return found

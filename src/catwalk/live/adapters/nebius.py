"""Nebius Token Factory `GET https://api.tokenfactory.nebius.com/v1/models?verbose=true`
(Bearer key required). No pagination.

Without `verbose` the list is the bare envelope; with it, items carry `name`,
`context_length`, `supported_features` ["tools", "reasoning", ...], `architecture`
{`modality`: "text+image->text"} and `pricing` {`prompt`, `completion`} as strings in
USD per token (x 1e6, rounded; the database's generator rounds to cents, which drift
tolerances must allow for).

Mapping: name, context window, input/output price, image input = "image" among the
input side of `architecture.modality`, reasoning = "reasoning" in
`supported_features` (case-insensitive). No max output, cache prices, levels or
dates. Nothing is filtered.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.base import Request
from catwalk.live.adapters.keyed import KeyedListingAdapter, Keys
from catwalk.live.adapters.values import mapping, text
from catwalk.live.records import LiveModel


def modality_has_input(modality: Any, wanted: str) -> bool | None:
    """Whether a modality string such as "text+image->text" takes `wanted` as input."""
    value = text(modality)
    if value is None:
        return None
    inputs = value.split("->", 1)[0]
    return wanted in {part.strip().lower() for part in inputs.split("+")}


class NebiusAdapter(KeyedListingAdapter):
    family: ClassVar[str] = "nebius"
    homes: ClassVar[dict[str, Home]] = {
        "nebius": Home(
            hosts=("api.tokenfactory.nebius.com", "api.studio.nebius.com", "api.studio.nebius.ai"),
            keys=("NEBIUS_API_KEY",),
        ),
    }
    default_base_url: ClassVar[str] = "https://api.tokenfactory.nebius.com/v1"
    # Image input is read from `architecture.modality` (below), not from a list.
    keys: ClassVar[Keys] = Keys(
        max_output=None, cost_cache_read=None, cost_cache_write=None, image_input=None
    )
    knows: ClassVar[frozenset[str]] = keys.knows() | {"image_input"}

    def first_request(self, base_url: str, api_key: str | None) -> Request:
        return Request(self.url(base_url), params={"verbose": "true"}, headers=self.auth_headers(api_key))

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        found = super().model(item, model_id)
        modality = mapping(item.get("architecture")).get("modality")
        return None if found is None else replace(found, image_input=modality_has_input(modality, "image"))


ADAPTER = NebiusAdapter()

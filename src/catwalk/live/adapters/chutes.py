"""Chutes `GET https://llm.chutes.ai/v1/models` (public: no key needed). No pagination.

Items (OpenRouter provider-feed style): `id`, `context_length`, `max_output_length`,
`input_modalities`, `supported_features` ["tools", "reasoning", ...], `pricing`
{`prompt`, `completion`, `input_cache_read`} as numbers in USD per 1M tokens.

Mapping: context window, max output, input/output price, cache read =
`input_cache_read` (its real meaning; the database's Chutes generator puts it in the
cache-write column, a known convention slip drift must allow for), image input =
`"image"` in `input_modalities`, reasoning = `"reasoning"` in `supported_features`.
No names (the database derives them from ids), levels or dates. Nothing is filtered.
"""

from __future__ import annotations

from typing import ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.keyed import KeyedListingAdapter, Keys


class ChutesAdapter(KeyedListingAdapter):
    family: ClassVar[str] = "chutes"
    homes: ClassVar[dict[str, Home]] = {
        "chutes": Home(hosts=("llm.chutes.ai",), keys=("CHUTES_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://llm.chutes.ai/v1"
    requires_key: ClassVar[bool] = False
    keys: ClassVar[Keys] = Keys(name=None, cost_cache_write=None, price_unit="million")


ADAPTER = ChutesAdapter()

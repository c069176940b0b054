"""xAI `GET https://api.x.ai/v1/language-models` (Bearer key, no pagination).

Shape `{"models": [...]}` with `id`, `aliases`, `input_modalities`,
`output_modalities` and integer prices in US cents per 100M tokens:
`prompt_text_token_price` -> input, `completion_text_token_price` -> output,
`cached_prompt_text_token_price` -> cache read; USD per 1M = value / 10,000
(30000 -> 3.0). `search_price` and image-token prices are not per text token and are
ignored. The record id is the shortest of the id and its aliases (what the database
uses, e.g. `grok-4.5` for `grok-4.5-0812`); the API id and aliases are kept as extra.

This endpoint carries no context window, max output, reasoning flag, names or dates
(the database hard-codes those), so they are not in `knows`.
Filtered: models without text output.
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.listing import ListingAdapter
from catwalk.live.adapters.values import contains, price_cents_per_100m, strings, text
from catwalk.live.records import LiveModel


class XAIAdapter(ListingAdapter):
    family: ClassVar[str] = "xai"
    homes: ClassVar[dict[str, Home]] = {
        "xai": Home(hosts=("api.x.ai",), keys=("XAI_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://api.x.ai/v1"
    path: ClassVar[str] = "/language-models"
    items_key: ClassVar[str | None] = "models"
    knows: ClassVar[frozenset[str]] = frozenset({"cost_in", "cost_out", "cost_cache_read", "image_input"})

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        if contains(item.get("output_modalities"), "text") is False:
            return None
        aliases = [alias for alias in (text(name) for name in strings(item.get("aliases")) or []) if alias]
        shortest = min([model_id, *aliases], key=lambda name: (len(name), name))
        extra = {"api_id": model_id}
        if aliases:
            extra["aliases"] = ", ".join(aliases)
        return LiveModel(
            id=shortest,
            cost_in=price_cents_per_100m(item.get("prompt_text_token_price")),
            cost_out=price_cents_per_100m(item.get("completion_text_token_price")),
            cost_cache_read=price_cents_per_100m(item.get("cached_prompt_text_token_price")),
            image_input=contains(item.get("input_modalities"), "image"),
            extra=extra,
        )


ADAPTER = XAIAdapter()

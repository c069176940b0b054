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

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.openai_compat import OpenAICompatAdapter
from catwalk.live.adapters.values import contains, mapping, positive_int, price_per_million
from catwalk.live.records import LiveModel


class ChutesAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "chutes"
    homes: ClassVar[dict[str, Home]] = {
        "chutes": Home(hosts=("llm.chutes.ai",), keys=("CHUTES_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://llm.chutes.ai/v1"
    requires_key: ClassVar[bool] = False
    knows: ClassVar[frozenset[str]] = frozenset(
        {"context_window", "max_output", "cost_in", "cost_out", "cost_cache_read", "image_input", "reasoning"}
    )

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        pricing = mapping(item.get("pricing"))
        return LiveModel(
            id=model_id,
            context_window=positive_int(item.get("context_length")),
            max_output=positive_int(item.get("max_output_length")),
            cost_in=price_per_million(pricing.get("prompt")),
            cost_out=price_per_million(pricing.get("completion")),
            cost_cache_read=price_per_million(pricing.get("input_cache_read")),
            image_input=contains(item.get("input_modalities"), "image"),
            reasoning=contains(item.get("supported_features"), "reasoning"),
        )


ADAPTER = ChutesAdapter()

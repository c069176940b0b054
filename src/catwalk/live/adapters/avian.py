"""Avian `GET https://api.avian.io/v1/models` (public: no key needed). No pagination.
Shapes from catwalk's generator (verify with a live capture).

The OpenAI envelope; items: `id`, `display_name`, `context_length`, `max_output`,
`reasoning` (bool), `pricing` {`input_per_million`, `output_per_million`,
`cache_read_per_million`} in USD per 1M tokens.

Mapping: name, context window, max output, input/output price, cache read =
`cache_read_per_million` (the database's generator puts it in the cache-write
column, a known convention slip), reasoning. Nothing is filtered.
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.openai_compat import OpenAICompatAdapter
from catwalk.live.adapters.values import flag, mapping, positive_int, price_per_million, text
from catwalk.live.records import LiveModel


class AvianAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "avian"
    homes: ClassVar[dict[str, Home]] = {
        "avian": Home(hosts=("api.avian.io",), keys=("AVIAN_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://api.avian.io/v1"
    requires_key: ClassVar[bool] = False
    knows: ClassVar[frozenset[str]] = frozenset(
        {"name", "context_window", "max_output", "cost_in", "cost_out", "cost_cache_read", "reasoning"}
    )

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        pricing = mapping(item.get("pricing"))
        return LiveModel(
            id=model_id,
            name=text(item.get("display_name")),
            context_window=positive_int(item.get("context_length")),
            max_output=positive_int(item.get("max_output")),
            cost_in=price_per_million(pricing.get("input_per_million")),
            cost_out=price_per_million(pricing.get("output_per_million")),
            cost_cache_read=price_per_million(pricing.get("cache_read_per_million")),
            reasoning=flag(item.get("reasoning")),
            extra=self.owner(item),
        )


ADAPTER = AvianAdapter()

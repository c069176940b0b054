"""Neuralwatt `GET https://api.neuralwatt.com/v1/models` (public: no key needed).
No pagination. Shapes from catwalk's generator (verify with a live capture).

The OpenAI envelope; items: `id`, `max_model_len` (context window), `metadata`
{`display_name`, `deprecated`, `pricing` {`input_per_million`, `output_per_million`,
`cached_input_per_million`, `cached_output_per_million`, `pricing_tbd`},
`capabilities` {`tools`, `vision`, `reasoning`, `reasoning_effort`}, `limits`
{`max_output_tokens`}}, prices in USD per 1M tokens.

Mapping: name, context window, max output, input/output price, cache read =
`cached_input_per_million` (the price of input served from cache), image input =
`capabilities.vision`, reasoning = `capabilities.reasoning`. While `pricing_tbd` is
true every price is unknown. `cached_output_per_million` has no per-1M meaning in
the database and is not read, nor is `reasoning_effort` (its shape is undocumented).
`deprecated` is kept as extra. Nothing is filtered.
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.openai_compat import OpenAICompatAdapter
from catwalk.live.adapters.values import flag, mapping, positive_int, price_per_million, text
from catwalk.live.records import PRICED_LISTING, LiveModel


class NeuralwattAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "neuralwatt"
    homes: ClassVar[dict[str, Home]] = {
        "neuralwatt": Home(hosts=("api.neuralwatt.com",), keys=("NEURALWATT_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://api.neuralwatt.com/v1"
    requires_key: ClassVar[bool] = False
    knows: ClassVar[frozenset[str]] = PRICED_LISTING - {"cost_cache_write"}

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        metadata = mapping(item.get("metadata"))
        pricing = mapping(metadata.get("pricing"))
        priced = pricing.get("pricing_tbd") is not True
        capabilities = mapping(metadata.get("capabilities"))
        return LiveModel(
            id=model_id,
            name=text(metadata.get("display_name")),
            context_window=positive_int(item.get("max_model_len")),
            max_output=positive_int(mapping(metadata.get("limits")).get("max_output_tokens")),
            cost_in=price_per_million(pricing.get("input_per_million")) if priced else None,
            cost_out=price_per_million(pricing.get("output_per_million")) if priced else None,
            cost_cache_read=price_per_million(pricing.get("cached_input_per_million")) if priced else None,
            image_input=flag(capabilities.get("vision")),
            reasoning=flag(capabilities.get("reasoning")),
            extra={"deprecated": "true"} if metadata.get("deprecated") is True else {},
        )


ADAPTER = NeuralwattAdapter()

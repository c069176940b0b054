"""Baseten Model APIs `GET https://inference.baseten.co/v1/models` (Bearer key).
No pagination.

Items: `id`, `name`, `context_length`, `max_completion_tokens`, `input_modalities`,
`supported_features` ["tools", "reasoning", ...], `pricing` {`prompt`, `completion`,
`input_cache_read`} as strings in USD per token (x 1e6, rounded).

Mapping: name, context window, max output, input/output price, cache read =
`input_cache_read`, image input = `"image"` in `input_modalities`, reasoning =
`"reasoning"` in `supported_features`. No cache-write price, levels or dates.
Nothing is filtered.
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.openai_compat import OpenAICompatAdapter
from catwalk.live.adapters.values import contains, mapping, positive_int, price_per_token, text
from catwalk.live.records import PRICED_LISTING, LiveModel


class BasetenAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "baseten"
    homes: ClassVar[dict[str, Home]] = {
        "baseten": Home(hosts=("inference.baseten.co",), keys=("BASETEN_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://inference.baseten.co/v1"
    knows: ClassVar[frozenset[str]] = PRICED_LISTING - {"cost_cache_write"}

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        pricing = mapping(item.get("pricing"))
        return LiveModel(
            id=model_id,
            name=text(item.get("name")),
            context_window=positive_int(item.get("context_length")),
            max_output=positive_int(item.get("max_completion_tokens")),
            cost_in=price_per_token(pricing.get("prompt")),
            cost_out=price_per_token(pricing.get("completion")),
            cost_cache_read=price_per_token(pricing.get("input_cache_read")),
            image_input=contains(item.get("input_modalities"), "image"),
            reasoning=contains(item.get("supported_features"), "reasoning"),
        )


ADAPTER = BasetenAdapter()

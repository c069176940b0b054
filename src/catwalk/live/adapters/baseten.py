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

from typing import ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.keyed import KeyedListingAdapter, Keys


class BasetenAdapter(KeyedListingAdapter):
    family: ClassVar[str] = "baseten"
    homes: ClassVar[dict[str, Home]] = {
        "baseten": Home(hosts=("inference.baseten.co",), keys=("BASETEN_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://inference.baseten.co/v1"
    keys: ClassVar[Keys] = Keys(max_output="max_completion_tokens", cost_cache_write=None)


ADAPTER = BasetenAdapter()

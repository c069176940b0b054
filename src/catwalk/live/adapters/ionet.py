"""io.net `GET https://api.intelligence.io.solutions/api/v1/models` (public: no key
needed). No pagination. Shapes from catwalk's generator (verify with a live capture).

The OpenAI envelope; items: `id`, `name`, `context_window`, `max_tokens`,
`supports_images_input`, and prices as numbers in USD per token:
`input_token_price`, `output_token_price`, `cache_read_token_price`,
`cache_write_token_price` (x 1e6, rounded).

Mapping: name, context window, prices (cache read/write by name; the database's
generator swaps them, a known slip), image input = `supports_images_input`.
`max_tokens` is not read: whether it bounds the output or the whole request is not
documented. Nothing is filtered.
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.openai_compat import OpenAICompatAdapter
from catwalk.live.adapters.values import flag, positive_int, price_per_token, text
from catwalk.live.records import LiveModel


class IONetAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "ionet"
    homes: ClassVar[dict[str, Home]] = {
        "ionet": Home(hosts=("api.intelligence.io.solutions",), keys=("IONET_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://api.intelligence.io.solutions/api/v1"
    requires_key: ClassVar[bool] = False
    knows: ClassVar[frozenset[str]] = frozenset(
        {
            "name",
            "context_window",
            "cost_in",
            "cost_out",
            "cost_cache_read",
            "cost_cache_write",
            "image_input",
        }
    )

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        return LiveModel(
            id=model_id,
            name=text(item.get("name")),
            context_window=positive_int(item.get("context_window")),
            cost_in=price_per_token(item.get("input_token_price")),
            cost_out=price_per_token(item.get("output_token_price")),
            cost_cache_read=price_per_token(item.get("cache_read_token_price")),
            cost_cache_write=price_per_token(item.get("cache_write_token_price")),
            image_input=flag(item.get("supports_images_input")),
            extra=self.owner(item),
        )


ADAPTER = IONetAdapter()

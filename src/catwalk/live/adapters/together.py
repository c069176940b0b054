"""Together AI `GET https://api.together.xyz/v1/models` (Bearer key, no pagination).

The response is a bare top-level JSON array (no `object`/`data` envelope). Items:
`id`, `type` (chat | language | code | image | embedding | moderation | rerank |
audio | transcribe | video), `display_name`, `context_length`, `pricing` {`input`,
`output`, `cached_input` (optional), `hourly`, ...} in USD per 1M tokens (no
conversion; `hourly` is the dedicated-endpoint price per hour).

Mapping: name = `display_name`; context window = `context_length`; input/output
price; cache read = `cached_input` (absent = unknown). No max output, image-input
flag, reasoning or dates.

Filtered: types other than chat/language/code, and dedicated-only models (input and
output price 0 with an hourly price: not callable serverless).
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.openai_compat import OpenAICompatAdapter
from catwalk.live.adapters.values import mapping, positive_int, price_per_million, text
from catwalk.live.records import LiveModel

CHAT_TYPES = frozenset({"chat", "language", "code"})


class TogetherAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "together"
    homes: ClassVar[dict[str, Home]] = {
        "together": Home(hosts=("api.together.xyz", "api.together.ai"), keys=("TOGETHER_API_KEY",)),
        "togetherai": Home(hosts=("api.together.xyz", "api.together.ai"), keys=("TOGETHER_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://api.together.xyz/v1"
    items_key: ClassVar[str | None] = None
    knows: ClassVar[frozenset[str]] = frozenset(
        {"name", "context_window", "cost_in", "cost_out", "cost_cache_read"}
    )

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        kind = text(item.get("type"))
        if kind is not None and kind.lower() not in CHAT_TYPES:
            return None
        pricing = mapping(item.get("pricing"))
        cost_in = price_per_million(pricing.get("input"))
        cost_out = price_per_million(pricing.get("output"))
        hourly = price_per_million(pricing.get("hourly"))
        if not cost_in and not cost_out and hourly:
            return None
        organisation = text(item.get("organization"))
        return LiveModel(
            id=model_id,
            name=text(item.get("display_name")),
            context_window=positive_int(item.get("context_length")),
            cost_in=cost_in,
            cost_out=cost_out,
            cost_cache_read=price_per_million(pricing.get("cached_input")),
            extra={"organization": organisation} if organisation else {},
        )


ADAPTER = TogetherAdapter()

"""Vercel AI Gateway `GET https://ai-gateway.vercel.sh/v1/models` (public: no key
needed; a Bearer key is accepted). No pagination.

The OpenAI envelope; items add `name`, `context_window`, `max_tokens` (max output),
`type` ("language" | "embedding" | "image" | ...), `tags` ["reasoning", "tool-use",
"vision", ...] and `pricing` {`input`, `output`, `input_cache_read`,
`input_cache_write`, ...} as strings in USD per token (keys omitted when not priced).

Mapping: name, context window, max output (0 = unknown), input/output price, cache
read = `input_cache_read`, cache write = `input_cache_write`, reasoning = "reasoning"
in `tags`, image input = "vision" in `tags`. No levels or dates.
Filtered: items whose `type` is not "language" (embedding and image models).
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.openai_compat import OpenAICompatAdapter
from catwalk.live.adapters.values import contains, mapping, positive_int, price_per_token, text
from catwalk.live.records import PRICED_LISTING, LiveModel


class VercelAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "vercel"
    homes: ClassVar[dict[str, Home]] = {
        "vercel": Home(hosts=("ai-gateway.vercel.sh",), keys=("VERCEL_API_KEY", "AI_GATEWAY_API_KEY")),
    }
    provider_types: ClassVar[tuple[str, ...]] = ("vercel",)
    default_base_url: ClassVar[str] = "https://ai-gateway.vercel.sh/v1"
    requires_key: ClassVar[bool] = False
    knows: ClassVar[frozenset[str]] = PRICED_LISTING

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        kind = text(item.get("type"))
        if kind is not None and kind != "language":
            return None
        pricing = mapping(item.get("pricing"))
        tags = item.get("tags")
        return LiveModel(
            id=model_id,
            name=text(item.get("name")),
            context_window=positive_int(item.get("context_window")),
            max_output=positive_int(item.get("max_tokens")),
            cost_in=price_per_token(pricing.get("input")),
            cost_out=price_per_token(pricing.get("output")),
            cost_cache_read=price_per_token(pricing.get("input_cache_read")),
            cost_cache_write=price_per_token(pricing.get("input_cache_write")),
            image_input=contains(tags, "vision"),
            reasoning=contains(tags, "reasoning"),
            extra=self.owner(item),
        )


ADAPTER = VercelAdapter()

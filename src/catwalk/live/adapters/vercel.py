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
from catwalk.live.adapters.keyed import KeyedListingAdapter, Keys
from catwalk.live.adapters.values import text


class VercelAdapter(KeyedListingAdapter):
    family: ClassVar[str] = "vercel"
    homes: ClassVar[dict[str, Home]] = {
        "vercel": Home(hosts=("ai-gateway.vercel.sh",), keys=("VERCEL_API_KEY", "AI_GATEWAY_API_KEY")),
    }
    provider_types: ClassVar[tuple[str, ...]] = ("vercel",)
    default_base_url: ClassVar[str] = "https://ai-gateway.vercel.sh/v1"
    requires_key: ClassVar[bool] = False
    keys: ClassVar[Keys] = Keys(
        context_window="context_window",
        max_output="max_tokens",
        cost_in="input",
        cost_out="output",
        image_input=("tags", "vision"),
        reasoning=("tags", "reasoning"),
    )

    def accepts(self, item: dict[str, Any]) -> bool:
        kind = text(item.get("type"))
        return kind is None or kind == "language"

    def extra(self, item: dict[str, Any]) -> dict[str, str]:
        return self.owner(item)


ADAPTER = VercelAdapter()

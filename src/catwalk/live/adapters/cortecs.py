"""Cortecs `GET https://api.cortecs.ai/v1/models` (public: no key needed). No pagination.

The database gives Cortecs `type: openai`, so without this adapter it would be read
as OpenAI's API. The list is the OpenAI envelope with `context_size` and `tags`
["Tools", "Reasoning", "Image", ...]. Prices live only on the per-model endpoint
(`/v1/models/{id}`), which this listing adapter does not call.

Mapping: context window = `context_size`, image input = "Image" in `tags`, reasoning
= "Reasoning" in `tags` (case-insensitive). Nothing is filtered.
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.openai_compat import OpenAICompatAdapter
from catwalk.live.adapters.values import contains, positive_int
from catwalk.live.records import LiveModel


class CortecsAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "cortecs"
    homes: ClassVar[dict[str, Home]] = {
        "cortecs": Home(hosts=("api.cortecs.ai",), keys=("CORTECS_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://api.cortecs.ai/v1"
    requires_key: ClassVar[bool] = False
    knows: ClassVar[frozenset[str]] = frozenset({"context_window", "image_input", "reasoning"})

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        tags = item.get("tags")
        return LiveModel(
            id=model_id,
            context_window=positive_int(item.get("context_size")),
            image_input=contains(tags, "image"),
            reasoning=contains(tags, "reasoning"),
        )


ADAPTER = CortecsAdapter()

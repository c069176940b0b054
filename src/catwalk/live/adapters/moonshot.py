"""Moonshot / Kimi `GET https://api.moonshot.ai/v1/models` (Bearer key, no pagination).

The OpenAI envelope plus `context_length`, `supports_image_in`, `supports_video_in`,
`supports_reasoning` and sometimes `display_name`.

Mapping: name = `display_name`; context window = `context_length`; image input =
`supports_image_in`; reasoning = `supports_reasoning`. No prices, max output or
effort levels (the Kimi Coding endpoint has levels: see `kimi_coding`). Nothing is
filtered.
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.openai_compat import OpenAICompatAdapter
from catwalk.live.adapters.values import flag, positive_int, text
from catwalk.live.records import LiveModel


class MoonshotAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "moonshot"
    homes: ClassVar[dict[str, Home]] = {
        "moonshot": Home(hosts=("api.moonshot.ai", "api.moonshot.cn"), keys=("MOONSHOT_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://api.moonshot.ai/v1"
    knows: ClassVar[frozenset[str]] = frozenset({"name", "context_window", "image_input", "reasoning"})

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        return LiveModel(
            id=model_id,
            name=text(item.get("display_name")),
            context_window=positive_int(item.get("context_length")),
            image_input=flag(item.get("supports_image_in")),
            reasoning=flag(item.get("supports_reasoning")),
            extra=self.owner(item),
        )


ADAPTER = MoonshotAdapter()

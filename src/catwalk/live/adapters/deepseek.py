"""DeepSeek `GET https://api.deepseek.com/models` (Bearer key, no pagination).

Two shapes. Old: the bare envelope without even `created` (existence only). New:
items also carry `name`, `context_window`, `max_output_tokens`, `input_modalities`
and `effort` {`supported_levels`, `default_level`}.

Mapping: name, context window, max output; image input = `"image"` in
`input_modalities`; reasoning and its levels from `effort.supported_levels` (a
published list: reasoning is true when it is non-empty). An item without `effort`
leaves reasoning unknown (old shape). Nothing is filtered.
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.openai_compat import OpenAICompatAdapter
from catwalk.live.adapters.values import contains, effort_levels, mapping, positive_int, strings, text
from catwalk.live.records import LiveModel


class DeepSeekAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "deepseek"
    homes: ClassVar[dict[str, Home]] = {
        "deepseek": Home(hosts=("api.deepseek.com",), keys=("DEEPSEEK_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://api.deepseek.com"
    knows: ClassVar[frozenset[str]] = frozenset(
        {"name", "context_window", "max_output", "image_input", "reasoning", "reasoning_levels"}
    )

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        supported = strings(mapping(item.get("effort")).get("supported_levels"))
        levels = effort_levels(supported) if supported is not None else None
        return LiveModel(
            id=model_id,
            name=text(item.get("name")),
            context_window=positive_int(item.get("context_window")),
            max_output=positive_int(item.get("max_output_tokens")),
            image_input=contains(item.get("input_modalities"), "image"),
            reasoning=bool(levels) if levels is not None else None,
            reasoning_levels=levels,
            extra=self.owner(item),
        )


ADAPTER = DeepSeekAdapter()

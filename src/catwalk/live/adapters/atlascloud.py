"""Atlas Cloud `GET https://api.atlascloud.ai/v1/models` (public: no key needed).
No pagination. Shapes from catwalk's generator (verify with a live capture).

The OpenAI envelope; items: `id`, `name`, `is_ready` (false = not yet available),
`input_modalities`, `context_length`, `max_output_length`, `supported_features`,
`discount_to_user` (a 0-1 multiplier) and `pricing` (an object, or an array of
tiers whose first is the base) in USD per token, sometimes `$`-prefixed.

Mapping: name, context window, max output, image input = "image" in
`input_modalities`, reasoning = "reasoning" in `supported_features`. Prices are not
read: whether the database's prices carry `discount_to_user` is not documented, so
comparing them could only produce false drift; the discount is kept as extra.
Filtered: `is_ready: false` (the API says the model cannot be called yet).
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.openai_compat import OpenAICompatAdapter
from catwalk.live.adapters.values import contains, positive_int, text
from catwalk.live.records import LiveModel


class AtlasCloudAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "atlascloud"
    homes: ClassVar[dict[str, Home]] = {
        "atlascloud": Home(hosts=("api.atlascloud.ai",), keys=("ATLASCLOUD_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://api.atlascloud.ai/v1"
    requires_key: ClassVar[bool] = False
    knows: ClassVar[frozenset[str]] = frozenset(
        {"name", "context_window", "max_output", "image_input", "reasoning"}
    )

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        if item.get("is_ready") is False:
            return None
        discount = item.get("discount_to_user")
        numeric = isinstance(discount, (int, float)) and not isinstance(discount, bool)
        return LiveModel(
            id=model_id,
            name=text(item.get("name")),
            context_window=positive_int(item.get("context_length")),
            max_output=positive_int(item.get("max_output_length")),
            image_input=contains(item.get("input_modalities"), "image"),
            reasoning=contains(item.get("supported_features"), "reasoning"),
            extra={"discount_to_user": repr(discount)} if numeric else {},
        )


ADAPTER = AtlasCloudAdapter()

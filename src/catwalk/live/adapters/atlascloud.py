"""Atlas Cloud `GET https://api.atlascloud.ai/v1/models` (public: no key needed).
No pagination. Shapes from catwalk's generator (verify with a live capture).

The OpenAI envelope; items: `id`, `name`, `is_ready` (false = not yet available),
`input_modalities`, `context_length`, `max_output_length`, `supported_features`,
`discount_to_user` (the share taken off, 0-1) and `pricing` (an object, or an array of
tiers whose first is the base) {`prompt`, `completion`, `input_cache_read`} in USD per
token, sometimes `$`-prefixed.

Mapping: name, context window, max output, image input = "image" in
`input_modalities`, reasoning = "reasoning" in `supported_features`; prices are the base
tier times `1 - discount_to_user`, what the user pays and what upstream's generator
writes (cmd/atlascloud: `priceMultiplier := 1 - DiscountToUser`), the cache read price
as `cost_per_1m_out_cached`. A discount outside 0-1 makes every price unknown.
No cache-write price. Filtered: `is_ready: false` (the model cannot be called yet).
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk import units
from catwalk.homes import Home
from catwalk.live.adapters.openai_compat import OpenAICompatAdapter
from catwalk.live.adapters.values import contains, mapping, positive_int, price_per_token, text
from catwalk.live.records import PRICED_LISTING, LiveModel


def _base_tier(pricing: Any) -> dict[str, Any]:
    if isinstance(pricing, list):
        return mapping(pricing[0]) if pricing else {}
    return mapping(pricing)


def _share_paid(discount: Any) -> float | None:
    """1 - discount, or None when the discount is not a share (absent = no discount)."""
    if discount is None:
        return 1.0
    if isinstance(discount, bool) or not isinstance(discount, (int, float)):
        return None
    return 1.0 - discount if 0 <= discount <= 1 else None  # NaN fails both comparisons


def _paid(value: Any, share: float | None) -> float | None:
    price = price_per_token(value)
    if price is None or share is None:
        return None
    return units.round_sig(price * share)


class AtlasCloudAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "atlascloud"
    homes: ClassVar[dict[str, Home]] = {
        "atlascloud": Home(hosts=("api.atlascloud.ai",), keys=("ATLASCLOUD_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://api.atlascloud.ai/v1"
    requires_key: ClassVar[bool] = False
    knows: ClassVar[frozenset[str]] = PRICED_LISTING - {"cost_cache_write"}

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        if item.get("is_ready") is False:
            return None
        tier = _base_tier(item.get("pricing"))
        share = _share_paid(item.get("discount_to_user"))
        return LiveModel(
            id=model_id,
            name=text(item.get("name")),
            context_window=positive_int(item.get("context_length")),
            max_output=positive_int(item.get("max_output_length")),
            cost_in=_paid(tier.get("prompt"), share),
            cost_out=_paid(tier.get("completion"), share),
            cost_cache_read=_paid(tier.get("input_cache_read"), share),
            image_input=contains(item.get("input_modalities"), "image"),
            reasoning=contains(item.get("supported_features"), "reasoning"),
        )


ADAPTER = AtlasCloudAdapter()

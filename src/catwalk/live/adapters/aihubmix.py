"""AIHubMix `GET https://aihubmix.com/api/v1/models?type=llm` (public: no key needed).
No pagination. Shapes from catwalk's generator (verify with a live capture).

The database's endpoint is the OpenAI-style base `https://aihubmix.com/v1`; the rich
catalogue lives at `/api/v1/models` on the same host, so the URL is the base with a
trailing `/v1` removed, plus `/api/v1/models` (a local `--endpoint` URL gets the same
path appended).

Shape `{"data": [...], "message": ..., "success": true}`; items: `model_id` (the id),
`model_name`, `pricing` {`input`, `output`, `cache_read`, `cache_write`} as nullable
numbers in USD per 1M tokens, `features` and `input_modalities` as comma-separated
strings ("thinking,tools", "text,image"), `context_length`, `max_output`.

Mapping: name, context window, max output, prices (cache read/write by name), image
input = "image" in `input_modalities`, reasoning = "thinking" in `features`.
Nothing is filtered beyond the `type=llm` query.
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.base import Request
from catwalk.live.adapters.listing import ListingAdapter
from catwalk.live.adapters.values import mapping, positive_int, price_per_million, text
from catwalk.live.records import PRICED_LISTING, LiveModel

CATALOGUE = "/api/v1/models"


def listed(value: Any, wanted: str) -> bool | None:
    """Whether a comma-separated string such as "text,image" lists `wanted`."""
    words = text(value)
    if words is None:
        return None
    return wanted in {word.strip().lower() for word in words.split(",")}


class AIHubMixAdapter(ListingAdapter):
    family: ClassVar[str] = "aihubmix"
    homes: ClassVar[dict[str, Home]] = {
        "aihubmix": Home(hosts=("aihubmix.com",), keys=("AIHUBMIX_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://aihubmix.com/v1"
    path: ClassVar[str] = CATALOGUE
    id_key: ClassVar[str] = "model_id"
    requires_key: ClassVar[bool] = False
    knows: ClassVar[frozenset[str]] = PRICED_LISTING

    def url(self, base_url: str) -> str:
        return base_url.rstrip("/").removesuffix("/v1") + CATALOGUE

    def first_request(self, base_url: str, api_key: str | None) -> Request:
        return Request(self.url(base_url), params={"type": "llm"}, headers=self.auth_headers(api_key))

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        pricing = mapping(item.get("pricing"))
        return LiveModel(
            id=model_id,
            name=text(item.get("model_name")),
            context_window=positive_int(item.get("context_length")),
            max_output=positive_int(item.get("max_output")),
            cost_in=price_per_million(pricing.get("input")),
            cost_out=price_per_million(pricing.get("output")),
            cost_cache_read=price_per_million(pricing.get("cache_read")),
            cost_cache_write=price_per_million(pricing.get("cache_write")),
            image_input=listed(item.get("input_modalities"), "image"),
            reasoning=listed(item.get("features"), "thinking"),
        )


ADAPTER = AIHubMixAdapter()

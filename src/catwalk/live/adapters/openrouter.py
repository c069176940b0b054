"""OpenRouter `GET /api/v1/models` (public: no key needed; a Bearer key is accepted).

Shape `{"data": [Model], "links"?: {"next": "/api/v1/models?offset=..." | null}}`; the
full list comes in one response unless `offset`/`limit` are sent, and newer responses
page with `links.next`, which is followed (same host only, so a key never travels to
another host).

Mapping (the way catwalk's generator reads it):
- prices are strings in USD per token: `prompt`, `completion`, `input_cache_read`
  (cache read), `input_cache_write` (cache write); x 1e6, rounded. `"-1"` is a
  variable price (routers such as `openrouter/auto`): unknown, never a number. A
  missing cache key is unknown, not free.
- context window: `top_provider.context_length`, else `context_length`;
  max output: `top_provider.max_completion_tokens` (null = unknown).
- image input: `"image"` in `architecture.input_modalities`.
- reasoning: a `reasoning` object, or `"reasoning"` in `supported_parameters`;
  levels only from `reasoning.supported_efforts` when it is a list (null means "every
  gateway effort", which names no list).
- expiry: `expiration_date`.
The default listing holds text-output models only; nothing else is filtered.
Caveat for drift: `pricing` is the lowest price across OpenRouter's upstream
providers, while the database may hold the price of the endpoint it prefers.
"""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

from catwalk.homes import Home
from catwalk.live.adapters.base import PayloadError, Request
from catwalk.live.adapters.listing import ListingAdapter
from catwalk.live.adapters.values import (
    contains,
    effort_levels,
    iso_date,
    mapping,
    positive_int,
    price_per_token,
    strings,
    text,
)
from catwalk.live.records import PRICED_LISTING, LiveModel


def follow_link(request: Request, link: str) -> Request:
    """The request for a `next` link (relative or absolute) on the same origin."""
    target = urlsplit(urljoin(request.url, link))
    origin = urlsplit(request.url)
    if (target.scheme, target.netloc) != (origin.scheme, origin.netloc):
        raise PayloadError("the next-page link points to another host")
    params = dict(parse_qsl(target.query, keep_blank_values=True))
    url = urlunsplit((target.scheme, target.netloc, target.path, "", ""))
    if url == request.url and params == request.params:
        raise PayloadError("the pagination cursor did not advance")
    return Request(url, params=params, headers=request.headers, method=request.method)


class OpenRouterAdapter(ListingAdapter):
    family: ClassVar[str] = "openrouter"
    homes: ClassVar[dict[str, Home]] = {
        "openrouter": Home(hosts=("openrouter.ai",), keys=("OPENROUTER_API_KEY",)),
    }
    provider_types: ClassVar[tuple[str, ...]] = ("openrouter",)
    default_base_url: ClassVar[str] = "https://openrouter.ai/api/v1"
    requires_key: ClassVar[bool] = False
    knows: ClassVar[frozenset[str]] = PRICED_LISTING | {"reasoning_levels", "expires_at"}

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        pricing = mapping(item.get("pricing"))
        top = mapping(item.get("top_provider"))
        reasoning_info = item.get("reasoning")
        reasoning = contains(item.get("supported_parameters"), "reasoning")
        levels = None
        if isinstance(reasoning_info, dict):
            reasoning = True
            efforts = strings(reasoning_info.get("supported_efforts"))
            levels = effort_levels(efforts) if efforts is not None else None
        slug = text(item.get("canonical_slug"))
        return LiveModel(
            id=model_id,
            name=text(item.get("name")),
            context_window=positive_int(top.get("context_length"))
            or positive_int(item.get("context_length")),
            max_output=positive_int(top.get("max_completion_tokens")),
            cost_in=price_per_token(pricing.get("prompt")),
            cost_out=price_per_token(pricing.get("completion")),
            cost_cache_read=price_per_token(pricing.get("input_cache_read")),
            cost_cache_write=price_per_token(pricing.get("input_cache_write")),
            image_input=contains(mapping(item.get("architecture")).get("input_modalities"), "image"),
            reasoning=reasoning,
            reasoning_levels=levels,
            expires_at=iso_date(item.get("expiration_date")),
            extra={"canonical_slug": slug} if slug else {},
        )

    def next_request(self, payload: dict[str, Any], request: Request) -> Request | None:
        link = text(mapping(payload.get("links")).get("next"))
        return follow_link(request, link) if link else None


ADAPTER = OpenRouterAdapter()

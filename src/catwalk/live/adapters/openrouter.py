"""OpenRouter `GET /api/v1/models` (public: no key needed; a Bearer key is accepted).

Shape `{"data": [Model], "links"?: {"next": "/api/v1/models?offset=..." | null}}`; the
full list comes in one response unless `offset`/`limit` are sent, and newer responses
page with `links.next`, which is followed (same host only, so a key never travels to
another host).

Mapping: the OpenRouter reader's (`catwalk.importers.openrouter.record`, the one reader of
this format, shared with `catwalk import openrouter` and the OpenRouter snapshot): prices
in USD per token x 1e6 (`"-1"`, a variable price, is unknown; a missing cache key is
unknown, not free), the window `top_provider.context_length` else `context_length`, the
output limit `top_provider.max_completion_tokens` (null: unknown), image input, reasoning
and published effort levels, `expiration_date`. The name is kept as OpenRouter writes it
(`Author: Model`), and `canonical_slug` as an extra.
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
    effort_levels,
    mapping,
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


def _float(price: float | None) -> float | None:
    return None if price is None else float(price)  # the reader keeps whole prices as int


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
        from catwalk.importers.openrouter import record

        read = record(item, model_id, strip_author=False)
        slug = text(item.get("canonical_slug"))
        return LiveModel(
            id=model_id,
            name=text(item.get("name")),
            context_window=read.context,
            max_output=read.max_output,
            cost_in=_float(read.cost_in),
            cost_out=_float(read.cost_out),
            cost_cache_read=_float(read.cache_read),
            cost_cache_write=_float(read.cache_write),
            image_input=read.vision,
            reasoning=read.reasoning,
            reasoning_levels=effort_levels(list(read.levels)) if read.levels else None,
            expires_at=read.retires,
            extra={"canonical_slug": slug} if slug else {},
        )

    def next_request(self, payload: dict[str, Any], request: Request) -> Request | None:
        link = text(mapping(payload.get("links")).get("next"))
        return follow_link(request, link) if link else None


ADAPTER = OpenRouterAdapter()

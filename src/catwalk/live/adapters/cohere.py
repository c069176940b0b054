"""Cohere `GET https://api.cohere.com/v1/models` (Bearer key).

The database's endpoint is Cohere's OpenAI-compatibility base
(`https://api.cohere.ai/compatibility/v1`); the documented model list is the native
v1 API on the same host, so the URL is the base with a trailing `/compatibility/v1`,
`/v1` or `/v2` removed, plus `/v1/models` (a local `--endpoint` URL gets the same
path appended).

Pages: `page_size=1000` and `endpoint=chat` (chat-capable models only); while the
response has a non-empty `next_page_token`, the next request adds `page_token`.
Shape `{"models": [...], "next_page_token": "..."}`; each item has `name` (the model
id), `endpoints`, `context_length` (a number, integral in practice),
`supports_vision` (newer responses), `is_deprecated`, `features`.

Mapping: context window, image input = `supports_vision`; `is_deprecated` is kept as
extra (it carries no date). No prices, max output, reasoning or names.
Filtered: items whose `endpoints` lacks "chat" (embed, rerank, classify models).
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.base import Request
from catwalk.live.adapters.listing import ListingAdapter, advance
from catwalk.live.adapters.values import contains, flag, positive_int, text
from catwalk.live.records import LiveModel

PAGE_SIZE = "1000"
LISTING = "/v1/models"


class CohereAdapter(ListingAdapter):
    family: ClassVar[str] = "cohere"
    homes: ClassVar[dict[str, Home]] = {
        "cohere": Home(hosts=("api.cohere.com", "api.cohere.ai"), keys=("COHERE_API_KEY", "CO_API_KEY")),
    }
    default_base_url: ClassVar[str] = "https://api.cohere.com"
    items_key: ClassVar[str | None] = "models"
    id_key: ClassVar[str] = "name"
    path: ClassVar[str] = LISTING
    knows: ClassVar[frozenset[str]] = frozenset({"context_window", "image_input"})

    def url(self, base_url: str) -> str:
        root = base_url.rstrip("/")
        for suffix in ("/compatibility/v1", "/v1", "/v2"):
            if root.endswith(suffix):
                root = root[: -len(suffix)]
                break
        return root + LISTING

    def first_request(self, base_url: str, api_key: str | None) -> Request:
        params = {"page_size": PAGE_SIZE, "endpoint": "chat"}
        return Request(self.url(base_url), params=params, headers=self.auth_headers(api_key))

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        if contains(item.get("endpoints"), "chat") is False:
            return None
        return LiveModel(
            id=model_id,
            context_window=positive_int(item.get("context_length")),
            image_input=flag(item.get("supports_vision")),
            extra={"deprecated": "true"} if item.get("is_deprecated") is True else {},
        )

    def next_request(self, payload: dict[str, Any], request: Request) -> Request | None:
        token = text(payload.get("next_page_token"))
        return advance(request, page_token=token) if token else None


ADAPTER = CohereAdapter()

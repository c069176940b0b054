"""Google Gemini API `GET https://generativelanguage.googleapis.com/v1beta/models`.

Auth: the key goes in the `x-goog-api-key` header, never in the `key` query
parameter, because URLs end up in logs and reports while headers do not.
Pages: `pageSize=1000`; while the response has a non-empty `nextPageToken`, the next
request repeats the same parameters plus `pageToken`.

Each item: `name` ("models/gemini-3.7-flash") -> id without the `models/` prefix,
`displayName` -> name, `inputTokenLimit` -> context window, `outputTokenLimit` ->
max output, `thinking` -> reasoning (absent on older models: unknown). No prices,
image-input flag, levels or dates.

Filtered: models whose `supportedGenerationMethods` lacks `generateContent`
(embeddings, Imagen/Veo, AQA): the API says they cannot chat.
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.base import Request
from catwalk.live.adapters.listing import ListingAdapter, advance
from catwalk.live.adapters.values import contains, flag, positive_int, text
from catwalk.live.records import LiveModel

PAGE_SIZE = "1000"


class GeminiAdapter(ListingAdapter):
    family: ClassVar[str] = "gemini"
    homes: ClassVar[dict[str, Home]] = {
        "gemini": Home(
            hosts=("generativelanguage.googleapis.com",),
            keys=("GEMINI_API_KEY",),
            endpoints=("GEMINI_API_ENDPOINT",),
        ),
    }
    provider_types: ClassVar[tuple[str, ...]] = ("google",)
    default_base_url: ClassVar[str] = "https://generativelanguage.googleapis.com/v1beta"
    key_header: ClassVar[str] = "x-goog-api-key"
    key_prefix: ClassVar[str] = ""
    items_key: ClassVar[str | None] = "models"
    id_key: ClassVar[str] = "name"
    knows: ClassVar[frozenset[str]] = frozenset({"name", "context_window", "max_output", "reasoning"})

    def first_request(self, base_url: str, api_key: str | None) -> Request:
        return Request(self.url(base_url), params={"pageSize": PAGE_SIZE}, headers=self.auth_headers(api_key))

    def item_id(self, item: dict[str, Any]) -> str | None:
        name = text(item.get("name"))
        return text(name.removeprefix("models/")) if name else None

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        if contains(item.get("supportedGenerationMethods"), "generateContent") is False:
            return None
        return LiveModel(
            id=model_id,
            name=text(item.get("displayName")),
            context_window=positive_int(item.get("inputTokenLimit")),
            max_output=positive_int(item.get("outputTokenLimit")),
            reasoning=flag(item.get("thinking")),
        )

    def next_request(self, payload: dict[str, Any], request: Request) -> Request | None:
        token = text(payload.get("nextPageToken"))
        return advance(request, pageToken=token) if token else None


ADAPTER = GeminiAdapter()

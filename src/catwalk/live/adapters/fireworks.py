"""Fireworks AI model catalogue: the control-plane list
`GET https://api.fireworks.ai/v1/accounts/fireworks/models` (Bearer key).

The database's endpoint is the inference base (`https://api.fireworks.ai/inference/v1`),
whose OpenAI-style `/models` extras are undocumented; the documented catalogue lives
on the control plane, so the URL is the base with a trailing `/inference/v1` or `/v1`
removed, plus `/v1/accounts/fireworks/models` (a local `--endpoint` URL gets the same
path appended). Ids (`accounts/fireworks/models/<slug>`) match the database's.

Pages: `pageSize=200` (the server maximum) and `filter=supports_serverless=true`;
while `nextPageToken` is non-empty, the next request adds `pageToken`.
Each item: `name` -> id, `displayName` -> name, `contextLength` -> context window,
`supportsImageInput` -> image input, `deprecationDate` {year, month, day} ->
deprecated date. No prices, max output or reasoning.

Filtered: models the API marks `supportsServerless: false` (only deployable on
dedicated hardware) or `public: false`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.base import Request
from catwalk.live.adapters.listing import ListingAdapter, advance
from catwalk.live.adapters.values import flag, iso_date, positive_int, text
from catwalk.live.records import LiveModel

PAGE_SIZE = "200"
CATALOGUE = "/v1/accounts/fireworks/models"


class FireworksAdapter(ListingAdapter):
    family: ClassVar[str] = "fireworks"
    homes: ClassVar[dict[str, Home]] = {
        "fireworks": Home(hosts=("api.fireworks.ai",), keys=("FIREWORKS_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://api.fireworks.ai/inference/v1"
    path: ClassVar[str] = CATALOGUE
    items_key: ClassVar[str | None] = "models"
    id_key: ClassVar[str] = "name"
    knows: ClassVar[frozenset[str]] = frozenset({"name", "context_window", "image_input", "deprecated_at"})

    def url(self, base_url: str) -> str:
        root = base_url.rstrip("/")
        for suffix in ("/inference/v1", "/v1"):
            if root.endswith(suffix):
                root = root[: -len(suffix)]
                break
        return root + CATALOGUE

    def first_request(self, base_url: str, api_key: str | None) -> Request:
        params = {"pageSize": PAGE_SIZE, "filter": "supports_serverless=true"}
        return Request(self.url(base_url), params=params, headers=self.auth_headers(api_key))

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        if item.get("supportsServerless") is False or item.get("public") is False:
            return None
        state = text(item.get("state"))
        return LiveModel(
            id=model_id,
            name=text(item.get("displayName")),
            context_window=positive_int(item.get("contextLength")),
            image_input=flag(item.get("supportsImageInput")),
            deprecated_at=iso_date(item.get("deprecationDate")),
            extra={"state": state} if state else {},
        )

    def next_request(self, payload: dict[str, Any], request: Request) -> Request | None:
        token = text(payload.get("nextPageToken"))
        return advance(request, pageToken=token) if token else None


ADAPTER = FireworksAdapter()

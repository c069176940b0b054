"""Azure OpenAI `GET {endpoint}/openai/models?api-version=2024-10-21` with `api-key: <key>`.

The endpoint is the customer's resource (`https://<resource>.openai.azure.com`, or an
AI Foundry `*.cognitiveservices.azure.com`), which only the operator can name: it comes
from `$AZURE_OPENAI_API_ENDPOINT`, as Crush reads it, so the key goes to that host and no
other. An endpoint that already ends in `/openai` is not given a second one. No pagination.

Shape `{"data": [{id, status, capabilities {fine_tune, inference, completion,
chat_completion, embeddings}, lifecycle_status, deprecation {fine_tune, inference} (unix
seconds), created_at, object, model?, fine_tune?}], "object": "list"}`: the base models the
resource can use and its own fine-tunes.

Mapping: `deprecation.inference` (the day inference ends) -> expiry date;
`lifecycle_status` is shown. A dated id (`gpt-4o-2024-08-06`) is also listed under its
undated name (`gpt-4o`), the name a deployment of it carries in this database, without a
date (which version such a deployment runs is not said); the first record of a name wins.
Filtered: fine-tunes (private to the resource), models that are not `succeeded`, and
models whose capabilities say they cannot chat (`chat_completion` false: embeddings,
whisper, dall-e) or serve at all (`inference` false).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.base import Request
from catwalk.live.adapters.listing import ListingAdapter
from catwalk.live.adapters.values import iso_date, mapping, text
from catwalk.live.records import LiveModel

API_VERSION = "2024-10-21"
_DATED = re.compile(r"^(?P<name>.+)-\d{4}-\d{2}-\d{2}$")


class AzureAdapter(ListingAdapter):
    family: ClassVar[str] = "azure"
    homes: ClassVar[dict[str, Home]] = {
        # A resource per customer: the operator names it in $AZURE_OPENAI_API_ENDPOINT.
        "azure": Home(keys=("AZURE_OPENAI_API_KEY",), endpoints=("AZURE_OPENAI_API_ENDPOINT",)),
    }
    provider_types: ClassVar[tuple[str, ...]] = ("azure",)
    # No default: the resource is the customer's (the provider is skipped without it).
    default_base_url: ClassVar[str] = ""
    path: ClassVar[str] = "/openai/models"
    key_header: ClassVar[str] = "api-key"
    key_prefix: ClassVar[str] = ""
    knows: ClassVar[frozenset[str]] = frozenset({"expires_at"})

    def url(self, base_url: str) -> str:
        base = base_url.rstrip("/")
        return base + self.path.removeprefix("/openai" if base.endswith("/openai") else "")

    def first_request(self, base_url: str, api_key: str | None) -> Request:
        return Request(
            self.url(base_url), params={"api-version": API_VERSION}, headers=self.auth_headers(api_key)
        )

    def records(self, item: dict[str, Any], model_id: str) -> list[LiveModel]:
        capabilities = mapping(item.get("capabilities"))
        if text(item.get("fine_tune")) or text(item.get("status")) not in (None, "succeeded"):
            return []
        if capabilities.get("chat_completion") is False or capabilities.get("inference") is False:
            return []
        extra = {"lifecycle": status} if (status := text(item.get("lifecycle_status"))) else {}
        expires = iso_date(mapping(item.get("deprecation")).get("inference"))
        record = LiveModel(id=model_id, expires_at=expires, extra=extra)
        dated = _DATED.match(model_id)
        if dated is None:
            return [record]
        # Which version a deployment under the bare name runs is not said: no date for it.
        return [record, LiveModel(id=dated["name"], extra={**extra, "version": model_id})]


ADAPTER = AzureAdapter()

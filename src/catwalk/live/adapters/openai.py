"""OpenAI `GET https://api.openai.com/v1/models` (Bearer key, no pagination).

The plain OpenAI envelope; items are `id, object, created, owned_by` and, in the
current API, `shutdown_date` (`YYYY-MM-DD` or null = not announced) -> expiry date.
Old responses lack `shutdown_date` (the date is then unknown). The API tells nothing
else (no names, limits, prices or capabilities), so `knows` is the expiry date only.

Filtered: the organisation's own fine-tunes (`ft:` ids); they are private to the key's
owner and never belong in a shared database. Embedding, audio and image models are
listed by the API without any type marker, so they are kept.
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.openai_compat import OpenAICompatAdapter
from catwalk.live.adapters.values import iso_date
from catwalk.live.records import LiveModel


class OpenAIAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "openai"
    homes: ClassVar[dict[str, Home]] = {
        "openai": Home(
            hosts=("api.openai.com",), keys=("OPENAI_API_KEY",), endpoints=("OPENAI_API_ENDPOINT",)
        ),
    }
    provider_types: ClassVar[tuple[str, ...]] = ("openai",)
    default_base_url: ClassVar[str] = "https://api.openai.com/v1"
    knows: ClassVar[frozenset[str]] = frozenset({"expires_at"})

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        if model_id.startswith("ft:"):
            return None
        return LiveModel(id=model_id, expires_at=iso_date(item.get("shutdown_date")), extra=self.owner(item))


ADAPTER = OpenAIAdapter()

"""Generic OpenAI-compatible `/models` list: the fallback for every `openai-compat`
provider that has no family adapter of its own.

Endpoint `GET {base}/models`, `Authorization: Bearer <key>`, no pagination.
Shape `{"object": "list", "data": [{"id", "object", "created", "owned_by"}, ...]}`.

The envelope tells nothing but which model ids exist, so `knows` is empty: drift can
report models removed or added upstream and nothing else. Extra keys that individual
providers add are read only by their own adapters (which subclass this one), because
the same key name means different things on different APIs. Nothing is filtered.
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.live.adapters.listing import ListingAdapter
from catwalk.live.adapters.values import text
from catwalk.live.records import LiveModel


class OpenAICompatAdapter(ListingAdapter):
    family: ClassVar[str] = "openai-compat"
    # Matched by no id or type: the registry falls back to it for `openai-compat`
    # providers (declaring the type here would leak it into every subclass).
    # No public default: every openai-compat provider file names its own endpoint.
    default_base_url: ClassVar[str] = ""
    knows: ClassVar[frozenset[str]] = frozenset()

    def owner(self, item: dict[str, Any]) -> dict[str, str]:
        owned_by = text(item.get("owned_by"))
        return {"owned_by": owned_by} if owned_by else {}

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        return LiveModel(id=model_id, extra=self.owner(item))


ADAPTER = OpenAICompatAdapter()

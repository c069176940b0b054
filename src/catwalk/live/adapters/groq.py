"""Groq `GET https://api.groq.com/openai/v1/models` (Bearer key, no pagination).

The OpenAI envelope plus `active` (bool), `context_window` and `max_completion_tokens`
(both optional in the documented schema, present in live responses) -> context window
and max output. No names, prices or capabilities.

Filtered: items with `active: false` (the API says they are not served). Whisper,
TTS and guard models carry no type marker and are kept.
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.openai_compat import OpenAICompatAdapter
from catwalk.live.adapters.values import positive_int
from catwalk.live.records import LiveModel


class GroqAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "groq"
    homes: ClassVar[dict[str, Home]] = {
        "groq": Home(hosts=("api.groq.com",), keys=("GROQ_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://api.groq.com/openai/v1"
    knows: ClassVar[frozenset[str]] = frozenset({"context_window", "max_output"})

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        if item.get("active") is False:
            return None
        return LiveModel(
            id=model_id,
            context_window=positive_int(item.get("context_window")),
            max_output=positive_int(item.get("max_completion_tokens")),
            extra=self.owner(item),
        )


ADAPTER = GroqAdapter()

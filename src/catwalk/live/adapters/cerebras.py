"""Cerebras `GET https://api.cerebras.ai/v1/models` (Bearer key, no pagination).

The bare OpenAI envelope (`id, object, created, owned_by`): no limits, prices or
capabilities, so `knows` is empty and only model existence is checked. Nothing is
filtered.
"""

from __future__ import annotations

from typing import ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.openai_compat import OpenAICompatAdapter


class CerebrasAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "cerebras"
    homes: ClassVar[dict[str, Home]] = {
        "cerebras": Home(hosts=("api.cerebras.ai",), keys=("CEREBRAS_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://api.cerebras.ai/v1"
    knows: ClassVar[frozenset[str]] = frozenset()


ADAPTER = CerebrasAdapter()

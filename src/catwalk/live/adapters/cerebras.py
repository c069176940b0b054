"""Cerebras `GET https://api.cerebras.ai/v1/models` (Bearer key, no pagination).

The bare OpenAI envelope (`id, object, created, owned_by`): no limits, prices or
capabilities, so `knows` is empty and only model existence is checked. Nothing is
filtered.
"""

from __future__ import annotations

from typing import ClassVar

from catwalk.live.adapters.openai_compat import OpenAICompatAdapter


class CerebrasAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "cerebras"
    provider_ids: ClassVar[tuple[str, ...]] = ("cerebras",)
    default_base_url: ClassVar[str] = "https://api.cerebras.ai/v1"
    knows: ClassVar[frozenset[str]] = frozenset()


ADAPTER = CerebrasAdapter()

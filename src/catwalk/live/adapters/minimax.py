"""MiniMax `GET {base}/v1/models` on its Anthropic-compatible API (`x-api-key` +
`anthropic-version`), base `https://api.minimax.io/anthropic` (China:
`https://api.minimaxi.com/anthropic`).

The same cursor pages as Anthropic (`has_more` / `last_id` -> `after_id`), but MiniMax
documents no names, limits, prices or capabilities in its items, so `knows` is empty:
only model existence is checked, and any Anthropic-style key it might send is ignored.
"""

from __future__ import annotations

from typing import ClassVar

from catwalk.live.adapters.anthropic import AnthropicAdapter


class MiniMaxAdapter(AnthropicAdapter):
    family: ClassVar[str] = "minimax"
    provider_ids: ClassVar[tuple[str, ...]] = ("minimax", "minimax-china")
    provider_types: ClassVar[tuple[str, ...]] = ()
    default_base_url: ClassVar[str] = "https://api.minimax.io/anthropic"
    knows: ClassVar[frozenset[str]] = frozenset()


ADAPTER = MiniMaxAdapter()

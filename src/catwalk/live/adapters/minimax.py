"""MiniMax `GET {base}/v1/models` on its Anthropic-compatible API (`x-api-key` +
`anthropic-version`), base `https://api.minimax.io/anthropic` (China:
`https://api.minimaxi.com/anthropic`).

The same cursor pages as Anthropic (`has_more` / `last_id` -> `after_id`), but MiniMax
documents no names, limits, prices or capabilities in its items, so `knows` is empty:
only model existence is checked, and any Anthropic-style key it might send is ignored.
"""

from __future__ import annotations

from typing import ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.anthropic import AnthropicAdapter


class MiniMaxAdapter(AnthropicAdapter):
    family: ClassVar[str] = "minimax"
    homes: ClassVar[dict[str, Home]] = {
        "minimax": Home(hosts=("api.minimax.io",), keys=("MINIMAX_API_KEY",)),
        "minimax-china": Home(hosts=("api.minimaxi.com",), keys=("MINIMAX_API_KEY",)),
    }
    provider_types: ClassVar[tuple[str, ...]] = ()
    default_base_url: ClassVar[str] = "https://api.minimax.io/anthropic"
    knows: ClassVar[frozenset[str]] = frozenset()


ADAPTER = MiniMaxAdapter()

"""Kimi Coding `GET https://api.kimi.com/coding/v1/models` (Bearer key, no pagination).

The database serves this provider over the Anthropic wire (`type: anthropic`, base
`https://api.kimi.com/coding`), but its model list is Moonshot's OpenAI-style list
with extra keys (third-party documented; verify with a live capture):
`display_name`, `supports_thinking_type` (`only` | `both`), and `think_efforts`
{`support`, `valid_efforts`, `default_effort`}, a published level list.

Mapping: as Moonshot, plus reasoning = `think_efforts.support` (or a
`supports_thinking_type` of `only`/`both`) and levels = `think_efforts.valid_efforts`
(an empty tuple when `support` is false). Nothing is filtered.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.moonshot import MoonshotAdapter
from catwalk.live.adapters.values import effort_levels, flag, mapping, strings, text
from catwalk.live.records import LiveModel


class KimiCodingAdapter(MoonshotAdapter):
    family: ClassVar[str] = "kimi-coding"
    homes: ClassVar[dict[str, Home]] = {
        "kimi-coding": Home(hosts=("api.kimi.com",), keys=("KIMI_CODING_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://api.kimi.com/coding"
    path: ClassVar[str] = "/v1/models"
    knows: ClassVar[frozenset[str]] = MoonshotAdapter.knows | {"reasoning_levels"}

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        base = super().model(item, model_id)
        if base is None:
            return None
        think = mapping(item.get("think_efforts"))
        support = flag(think.get("support"))
        thinking_type = text(item.get("supports_thinking_type"))
        reasoning = base.reasoning
        if support is not None:
            reasoning = support
        elif thinking_type in ("only", "both"):
            reasoning = True
        valid = strings(think.get("valid_efforts"))
        levels = () if support is False else (effort_levels(valid) if valid is not None else None)
        return replace(base, reasoning=reasoning, reasoning_levels=levels)


ADAPTER = KimiCodingAdapter()

"""The one reader of OpenRouter-style listings: an item per model with a name, a context
length, an output limit, a `pricing` object and lists of input modalities and features.

The families that copy this shape differ only in key names and the price unit, so a
family declares its `Keys` and nothing else; what it can tell (`knows`) follows from
the keys it names. A family with one quirk (a filter, a field read elsewhere) overrides
`accepts`, `extra` or `model` and calls this one.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, ClassVar

from catwalk.live.adapters.openai_compat import OpenAICompatAdapter
from catwalk.live.adapters.values import (
    contains,
    mapping,
    positive_int,
    price_per_million,
    price_per_token,
    text,
)
from catwalk.live.records import LiveModel


@dataclass(frozen=True)
class Keys:
    """Where each fact lives in an item; None where the family does not say it."""

    name: str | None = "name"
    context_window: str | None = "context_length"
    max_output: str | None = "max_output_length"
    # Price keys are inside the `pricing` object.
    pricing: str = "pricing"
    cost_in: str | None = "prompt"
    cost_out: str | None = "completion"
    cost_cache_read: str | None = "input_cache_read"
    cost_cache_write: str | None = "input_cache_write"
    # "token": USD per token (x 1e6); "million": USD per 1M tokens.
    price_unit: str = "token"
    # (list key, word): the fact is "the word is in the list".
    image_input: tuple[str, str] | None = ("input_modalities", "image")
    reasoning: tuple[str, str] | None = ("supported_features", "reasoning")

    def knows(self) -> frozenset[str]:
        """The LiveModel fields these keys can fill."""
        return frozenset(
            spot.name
            for spot in fields(self)
            if spot.name not in ("pricing", "price_unit") and getattr(self, spot.name) is not None
        )


class KeyedListingAdapter(OpenAICompatAdapter):
    """An OpenAI-compatible `/models` list whose items follow `keys`."""

    keys: ClassVar[Keys] = Keys()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "knows" not in cls.__dict__:
            cls.knows = cls.keys.knows()

    def accepts(self, item: dict[str, Any]) -> bool:
        """False for an item the family marks as not a chat model."""
        return True

    def extra(self, item: dict[str, Any]) -> dict[str, str]:
        return {}

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        if not self.accepts(item):
            return None
        keys = self.keys
        pricing = mapping(item.get(keys.pricing))
        convert = price_per_token if keys.price_unit == "token" else price_per_million

        def price(key: str | None) -> float | None:
            return convert(pricing.get(key)) if key else None

        return LiveModel(
            id=model_id,
            name=text(item.get(keys.name)) if keys.name else None,
            context_window=positive_int(item.get(keys.context_window)) if keys.context_window else None,
            max_output=positive_int(item.get(keys.max_output)) if keys.max_output else None,
            image_input=_listed(item, keys.image_input),
            reasoning=_listed(item, keys.reasoning),
            cost_in=price(keys.cost_in),
            cost_out=price(keys.cost_out),
            cost_cache_read=price(keys.cost_cache_read),
            cost_cache_write=price(keys.cost_cache_write),
            extra=self.extra(item),
        )


def _listed(item: dict[str, Any], where: tuple[str, str] | None) -> bool | None:
    if where is None:
        return None
    key, word = where
    return contains(item.get(key), word)

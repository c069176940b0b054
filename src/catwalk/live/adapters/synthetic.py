"""Synthetic `GET https://api.synthetic.new/openai/v1/models` (public: no key needed).
No pagination.

Items: `id` ("hf:moonshotai/Kimi-K2.6"), `name`, `input_modalities`, `context_length`,
`max_output_length` (optional), `supported_features` (optional, often missing),
`pricing` {`prompt`, `completion`, `input_cache_reads`, `input_cache_writes`, ...} as
strings with a leading `$` in USD per token ("$0.00000055" -> 0.55 per 1M).

Mapping: name, context window, max output, input/output price, cache read =
`input_cache_reads`, cache write = `input_cache_writes` (each by its real meaning; the
database's generator writes the read price into both columns, a known slip), image
input = `"image"` in `input_modalities`, reasoning = `"reasoning"` in
`supported_features` (unknown when the list is missing). Nothing is filtered.
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.openai_compat import OpenAICompatAdapter
from catwalk.live.adapters.values import contains, mapping, positive_int, price_per_token, text
from catwalk.live.records import PRICED_LISTING, LiveModel


class SyntheticAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "synthetic"
    homes: ClassVar[dict[str, Home]] = {
        "synthetic": Home(hosts=("api.synthetic.new",), keys=("SYNTHETIC_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://api.synthetic.new/openai/v1"
    requires_key: ClassVar[bool] = False
    knows: ClassVar[frozenset[str]] = PRICED_LISTING

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        pricing = mapping(item.get("pricing"))
        return LiveModel(
            id=model_id,
            name=text(item.get("name")),
            context_window=positive_int(item.get("context_length")),
            max_output=positive_int(item.get("max_output_length")),
            cost_in=price_per_token(pricing.get("prompt")),
            cost_out=price_per_token(pricing.get("completion")),
            cost_cache_read=price_per_token(pricing.get("input_cache_reads")),
            cost_cache_write=price_per_token(pricing.get("input_cache_writes")),
            image_input=contains(item.get("input_modalities"), "image"),
            reasoning=contains(item.get("supported_features"), "reasoning"),
        )


ADAPTER = SyntheticAdapter()

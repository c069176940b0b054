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

from typing import ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.keyed import KeyedListingAdapter, Keys


class SyntheticAdapter(KeyedListingAdapter):
    family: ClassVar[str] = "synthetic"
    homes: ClassVar[dict[str, Home]] = {
        "synthetic": Home(hosts=("api.synthetic.new",), keys=("SYNTHETIC_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://api.synthetic.new/openai/v1"
    requires_key: ClassVar[bool] = False
    keys: ClassVar[Keys] = Keys(cost_cache_read="input_cache_reads", cost_cache_write="input_cache_writes")


ADAPTER = SyntheticAdapter()

"""Hugging Face Inference Providers router `GET https://router.huggingface.co/v1/models`
(public: no key needed; a Bearer token is accepted). No pagination.

The OpenAI envelope; each item has `architecture.input_modalities` and `providers`,
one entry per serving provider: `provider`, `status` ("live" or not),
`context_length`, `pricing` {`input`, `output`} in USD per 1M tokens, `supports_tools`.

One record per (model, live provider), with the database's id form
`<model>:<provider>`: context window and prices from that provider's entry (absent =
unknown, never borrowed from another provider), image input from the model's
`architecture.input_modalities`; tool support kept as extra. No names, max output,
cache prices, reasoning or dates.

Filtered: provider entries whose `status` is not "live" (staging, error).
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.openai_compat import OpenAICompatAdapter
from catwalk.live.adapters.values import contains, flag, mapping, positive_int, price_per_million, text
from catwalk.live.records import LiveModel


class HuggingFaceAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "huggingface"
    homes: ClassVar[dict[str, Home]] = {
        "huggingface": Home(hosts=("router.huggingface.co",), keys=("HF_TOKEN",)),
    }
    default_base_url: ClassVar[str] = "https://router.huggingface.co/v1"
    requires_key: ClassVar[bool] = False
    knows: ClassVar[frozenset[str]] = frozenset({"context_window", "cost_in", "cost_out", "image_input"})

    def records(self, item: dict[str, Any], model_id: str) -> list[LiveModel]:
        image_input = contains(mapping(item.get("architecture")).get("input_modalities"), "image")
        providers = item.get("providers")
        records = []
        for entry in providers if isinstance(providers, list) else []:
            if not isinstance(entry, dict) or text(entry.get("status")) != "live":
                continue
            provider = text(entry.get("provider"))
            if provider is None:
                continue
            pricing = mapping(entry.get("pricing"))
            tools = flag(entry.get("supports_tools"))
            records.append(
                LiveModel(
                    id=f"{model_id}:{provider}",
                    context_window=positive_int(entry.get("context_length")),
                    cost_in=price_per_million(pricing.get("input")),
                    cost_out=price_per_million(pricing.get("output")),
                    image_input=image_input,
                    extra={"tools": str(tools).lower()} if tools is not None else {},
                )
            )
        return records


ADAPTER = HuggingFaceAdapter()

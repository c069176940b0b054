"""Venice AI `GET https://api.venice.ai/api/v1/models?type=text` (Bearer key).

Shape `{"object": "list", "type": "text", "data": [...]}`; each item has `id`, `type`
and `model_spec` {`name`, `availableContextTokens`, `maxCompletionTokens`, `offline`,
`beta`, `capabilities` {`supportsReasoning`, `supportsVision`, ...}, `pricing`
{`input`: {`usd`, `diem`}, `output`: {...}}} with prices in USD per 1M tokens.

Mapping: name, context window, max output, input/output price (`usd`; `diem` is
Venice's credit unit and ignored), image input = `supportsVision`, reasoning =
`supportsReasoning`. Venice publishes no level list (only `supportsReasoningEffort`,
a flag) and its cache-price field names are undocumented, so neither is read.

Filtered: items whose `type` is not "text" (the query already asks for text).
`offline` and `beta` models are kept (marked in extra): they are listed and may
return, so dropping them would report false removals.
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.base import Request
from catwalk.live.adapters.openai_compat import OpenAICompatAdapter
from catwalk.live.adapters.values import flag, mapping, positive_int, price_per_million, text
from catwalk.live.records import LiveModel


class VeniceAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "venice"
    homes: ClassVar[dict[str, Home]] = {
        "venice": Home(hosts=("api.venice.ai",), keys=("VENICE_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://api.venice.ai/api/v1"
    knows: ClassVar[frozenset[str]] = frozenset(
        {"name", "context_window", "max_output", "cost_in", "cost_out", "image_input", "reasoning"}
    )

    def first_request(self, base_url: str, api_key: str | None) -> Request:
        return Request(self.url(base_url), params={"type": "text"}, headers=self.auth_headers(api_key))

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        kind = text(item.get("type"))
        if kind is not None and kind != "text":
            return None
        spec = mapping(item.get("model_spec"))
        capabilities = mapping(spec.get("capabilities"))
        pricing = mapping(spec.get("pricing"))
        extra = {flag_name: "true" for flag_name in ("offline", "beta") if spec.get(flag_name) is True}
        return LiveModel(
            id=model_id,
            name=text(spec.get("name")),
            context_window=positive_int(spec.get("availableContextTokens")),
            max_output=positive_int(spec.get("maxCompletionTokens")),
            cost_in=price_per_million(mapping(pricing.get("input")).get("usd")),
            cost_out=price_per_million(mapping(pricing.get("output")).get("usd")),
            image_input=flag(capabilities.get("supportsVision")),
            reasoning=flag(capabilities.get("supportsReasoning")),
            extra=extra,
        )


ADAPTER = VeniceAdapter()

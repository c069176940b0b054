"""Mistral `GET https://api.mistral.ai/v1/models` (Bearer key, no pagination).

Shape `{"object": "list", "data": [Card]}`; a card is `type: "base"` or
`type: "fine-tuned"`, with `capabilities` {`completion_chat`, `function_calling`,
`vision`, ...}, `max_context_length`, `aliases`, `deprecation` (RFC 3339 | null) and
`deprecation_replacement_model`.

Mapping: context window = `max_context_length`; image input = `capabilities.vision`;
deprecated date = `deprecation` (the replacement is kept as extra). `name` is the
canonical model id, not a display name, so names are not compared. No prices, max
output or reasoning.

Aliases: Mistral lists an alias (`mistral-medium-latest`) as its own card whose `name`
is the canonical id. Alias cards are kept as records of their own, because the
database lists alias ids (`codestral-latest`) and dropping them would report those
models removed; an alias card is marked `alias_of` in extra.
Filtered: fine-tuned cards (private to the key's organisation) and cards whose
`capabilities.completion_chat` is false (embeddings, OCR, moderation, audio).
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.openai_compat import OpenAICompatAdapter
from catwalk.live.adapters.values import flag, iso_date, mapping, positive_int, strings, text
from catwalk.live.records import LiveModel


class MistralAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "mistral"
    homes: ClassVar[dict[str, Home]] = {
        "mistral": Home(hosts=("api.mistral.ai", "codestral.mistral.ai"), keys=("MISTRAL_API_KEY",)),
    }
    default_base_url: ClassVar[str] = "https://api.mistral.ai/v1"
    knows: ClassVar[frozenset[str]] = frozenset({"context_window", "image_input", "deprecated_at"})

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        capabilities = mapping(item.get("capabilities"))
        if item.get("type") == "fine-tuned" or capabilities.get("completion_chat") is False:
            return None
        extra = self.owner(item)
        name = text(item.get("name"))
        if name and name != model_id:
            extra["alias_of"] = name
        replacement = text(item.get("deprecation_replacement_model"))
        if replacement:
            extra["replacement"] = replacement
        aliases = strings(item.get("aliases"))
        if aliases:
            extra["aliases"] = ", ".join(aliases)
        return LiveModel(
            id=model_id,
            context_window=positive_int(item.get("max_context_length")),
            image_input=flag(capabilities.get("vision")),
            deprecated_at=iso_date(item.get("deprecation")),
            extra=extra,
        )


ADAPTER = MistralAdapter()

"""The reasoning effort levels vendors document for their own APIs: a small curated table.

Only facts a vendor's API reference states outright, each entry with its documentation URL
and the date it was read. Keys are `catwalk.sources.ids.model_key` spellings, so one entry
covers every provider's id for the model (`gpt-5.1`, `openai/gpt-5.1`, `azure/gpt-5.1`); an
empty set means the model takes no effort parameter. Everything else comes from the
models.dev snapshot (its `reasoning_options`), which is a catalogue, not the vendor.
"""

from __future__ import annotations

from typing import NamedTuple


class VendorFact(NamedTuple):
    vendor: str  # the catwalk provider id of the vendor's own API
    doc: str
    checked: str  # YYYY-MM-DD the documentation was read
    levels: dict[str, frozenset[str]]

    def cite(self) -> str:
        return f"{self.vendor}'s API reference ({self.doc}, read {self.checked})"


_GPT5 = frozenset({"minimal", "low", "medium", "high"})
_O_SERIES = frozenset({"low", "medium", "high"})

FACTS: tuple[VendorFact, ...] = (
    VendorFact(
        "openai",
        "https://platform.openai.com/docs/api-reference/responses/create#responses-create-reasoning",
        "2026-12-07",
        {
            # "All models before gpt-5.1 default to medium reasoning effort, and do not
            # support none"; gpt-5 introduced `minimal`; `xhigh` only after gpt-5.1-codex-max.
            "gpt5": _GPT5,
            "gpt5mini": _GPT5,
            "gpt5nano": _GPT5,
            # "The gpt-5-pro model defaults to (and only supports) high reasoning effort."
            "gpt5pro": frozenset({"high"}),
            # "The supported reasoning values for gpt-5.1 are none, low, medium, and high."
            "gpt5-1": frozenset({"none", "low", "medium", "high"}),
            "o1": _O_SERIES,
            "o3": _O_SERIES,
            "o3mini": _O_SERIES,
            "o4mini": _O_SERIES,
        },
    ),
    VendorFact(
        "anthropic",
        "https://platform.claude.com/docs/en/build-with-claude/effort",
        "2026-12-07",
        {
            # Effort arrived with Opus 4.5; `max` with the 4.6 models; `xhigh` with Opus 4.7.
            "claude-opus4-5": frozenset({"low", "medium", "high"}),
            "claude-opus4-6": frozenset({"low", "medium", "high", "max"}),
            "claude-sonnet4-6": frozenset({"low", "medium", "high", "max"}),
            "claude-opus4-7": frozenset({"low", "medium", "high", "xhigh", "max"}),
        },
    ),
    VendorFact(
        "gemini",
        "https://ai.google.dev/gemini-api/docs/thinking#thinking-levels",
        "2026-12-07",
        {
            # Gemini 3 Pro takes thinking_level `low` or `high`; Gemini 3 Flash adds
            # `minimal` and `medium`.
            "gemini3pro-preview": frozenset({"low", "high"}),
            "gemini3pro": frozenset({"low", "high"}),
            "gemini3flash-preview": frozenset({"minimal", "low", "medium", "high"}),
            "gemini3flash": frozenset({"minimal", "low", "medium", "high"}),
        },
    ),
)

FACTS += (
    VendorFact(
        "xai",
        "https://docs.x.ai/docs/guides/reasoning#control-how-hard-the-model-thinks",
        "2026-12-07",
        {
            # "reasoning_effort ... low or high" for grok-3-mini; Grok 4 reasons on its own and
            # rejects the parameter ("Model does not support parameter reasoningEffort").
            "grok3mini": frozenset({"low", "high"}),
            "grok4": frozenset(),
        },
    ),
)

_BY_KEY: dict[str, tuple[VendorFact, frozenset[str]]] = {
    key: (fact, levels) for fact in FACTS for key, levels in fact.levels.items()
}


def vendor_levels(key: str) -> tuple[VendorFact, frozenset[str]] | None:
    """The documented levels of the model with this grouping key, and where they are documented."""
    return _BY_KEY.get(key)

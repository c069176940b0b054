"""The neutral record every catalogue is read into, before it becomes a Catwalk model.

Each source module (litellm, genai_prices, openrouter, modelsdev) is the one reader of its
format, for the importers, the snapshots and (OpenRouter) the live adapter alike: it turns
the format into `SourceModel`s whose units are already Catwalk's (USD per 1M tokens, whole
tokens) and whose unknowns are `None`. Nothing downstream knows how a source spells
anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class SourceModel:
    """One model as one catalogue describes it for one provider; None means "not said"."""

    id: str
    source: str
    name: str | None = None
    cost_in: float | None = None
    cost_out: float | None = None
    cache_write: float | None = None
    cache_read: float | None = None
    context: int | None = None
    # A real output limit only: a catalogue that copies the context window here says nothing
    # (LiteLLM, models.dev); an endpoint's enforced limit counts (OpenRouter's top provider).
    max_output: int | None = None
    vision: bool | None = None
    reasoning: bool | None = None
    levels: tuple[str, ...] | None = None
    default_effort: str | None = None
    # YYYY-MM-DD after which the source says the model no longer answers.
    retires: str | None = None
    deprecated: bool = False
    # Why the price is unusable (for example "variable price"), when it is.
    price_problem: str | None = None
    # The API the catalogue says serves the model (LiteLLM's `mode`: chat, responses,
    # completion); None when it does not say.
    api: str | None = None
    # The open weights the entry serves, as a Hugging Face repository ("zai-org/glm-5.1"),
    # when the catalogue links them (models.dev's `weights`).
    weights: str | None = None


@dataclass
class Selection:
    """The chat models a catalogue lists for one provider key, and what was left out."""

    models: list[SourceModel] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Catalogue(Protocol):
    """A loaded catalogue file."""

    source: str

    def keys(self) -> dict[str, int]:
        """Every provider key the catalogue knows, with its number of chat models."""
        ...

    def has_key(self, key: str) -> bool: ...

    def select(self, key: str, as_of: str) -> Selection:
        """Every chat model listed under `key`, with provider-facing model ids."""
        ...

    def lookup(self, key: str, model_id: str, as_of: str) -> SourceModel | None:
        """The record for exactly `model_id` under `key`, for merging into another source."""
        ...

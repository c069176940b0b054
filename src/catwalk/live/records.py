"""The normalised view of one model as a provider's API describes it."""

from __future__ import annotations

from dataclasses import dataclass, field

# Every field a LiveModel can carry besides its id. An adapter declares the subset its
# API can tell (`Adapter.knows`); drift never compares a field outside that subset.
FIELDS = frozenset(
    {
        "name",
        "context_window",
        "max_output",
        "cost_in",
        "cost_out",
        "cost_cache_read",
        "cost_cache_write",
        "image_input",
        "reasoning",
        "reasoning_levels",
        "deprecated_at",
        "expires_at",
    }
)


# What a catalogue-style listing with prices says about each model (OpenRouter, Vercel,
# Synthetic, AIHubMix...); adapters add or remove fields from it in their `knows`.
PRICED_LISTING = frozenset(
    {
        "name",
        "context_window",
        "max_output",
        "cost_in",
        "cost_out",
        "cost_cache_read",
        "cost_cache_write",
        "image_input",
        "reasoning",
    }
)


@dataclass(frozen=True, slots=True)
class LiveModel:
    """None always means "the response did not say", never zero or false.

    Prices are USD per 1M tokens, converted exactly from the API's own unit and rounded
    to 10 significant digits to remove float noise (float("0.000003") * 1e6 is
    2.9999999999999996). A variable price (OpenRouter's "-1") is None.
    Dates are ISO 8601 `YYYY-MM-DD` strings.
    """

    id: str
    name: str | None = None
    context_window: int | None = None
    max_output: int | None = None
    cost_in: float | None = None
    cost_out: float | None = None
    cost_cache_read: float | None = None
    cost_cache_write: float | None = None
    image_input: bool | None = None
    reasoning: bool | None = None
    reasoning_levels: tuple[str, ...] | None = None
    deprecated_at: str | None = None
    expires_at: str | None = None
    # Anything else worth showing a human (owner, lifecycle text); never compared.
    extra: dict[str, str] = field(default_factory=dict, compare=False)

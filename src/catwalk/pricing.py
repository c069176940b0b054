"""What a request costs, as Crush computes it from a model's four prices (USD per 1M
tokens): input at `cost_per_1m_in`, output at `cost_per_1m_out`, tokens written to the
prompt cache at `cost_per_1m_in_cached` and tokens read from it at `cost_per_1m_out_cached`.
Input tokens are those neither written to nor read from the cache.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Usage:
    input: int = 0
    output: int = 0
    cache_read: int = 0
    cache_write: int = 0


@dataclass(frozen=True)
class Cost:
    input: float
    output: float
    cache_write: float
    cache_read: float

    @property
    def total(self) -> float:
        return self.input + self.output + self.cache_write + self.cache_read


def _price(model: Mapping[str, Any], key: str) -> float:
    value = model.get(key)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def cost(model: Mapping[str, Any], usage: Usage) -> Cost:
    """`model`: a model as in a provider file (or its `model_dump()`)."""
    return Cost(
        input=usage.input * _price(model, "cost_per_1m_in") / 1e6,
        output=usage.output * _price(model, "cost_per_1m_out") / 1e6,
        cache_write=usage.cache_write * _price(model, "cost_per_1m_in_cached") / 1e6,
        cache_read=usage.cache_read * _price(model, "cost_per_1m_out_cached") / 1e6,
    )

"""Reading model fields that the schema rules may not have confirmed yet: a value of the
wrong type is "unknown" here, never an exception."""

from __future__ import annotations

from typing import Any

_INFINITY = float("inf")


def price(model: dict[str, Any], key: str) -> float | None:
    """A finite, non-negative price, else None. (Exact type tests: bool is no price,
    NaN and infinity fail the range test; this runs several times per model.)"""
    value: Any = model.get(key)
    kind = value.__class__
    if kind is float:
        return value if 0.0 <= value < _INFINITY else None
    if kind is int:
        return float(value) if 0 <= value < 10**300 else None
    return None


def count(model: dict[str, Any], key: str) -> int | None:
    """A positive integer (a token limit), else None."""
    value = model.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return None
    return value


def flag(model: dict[str, Any], key: str) -> bool | None:
    """A boolean; absent means false, as it does to Crush's decoder; other types: None."""
    value = model.get(key, False)
    return value if isinstance(value, bool) else None


def same(a: float, b: float) -> bool:
    """Equal prices, allowing for float noise and 5-decimal rounding."""
    return abs(a - b) <= max(1e-9, 1e-6 * max(abs(a), abs(b)))


def fmt(value: float | int) -> str:
    """A price or limit as people write it: 3, 0.3, 1048576."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value:.10g}" if isinstance(value, float) else str(value)

"""Prices and token counts are converted exactly, and non-numbers never become prices."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catwalk.importers.units import iso_date, price, rounded, token_count


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3e-07, 0.3),  # float 3e-07 * 1e6 is 0.30000000000000004 in binary arithmetic
        (9e-07, 0.9),
        (1.00002e-06, 1.00002),  # Databricks' DBU-derived price keeps its digits
        (1.24999e-06, 1.24999),
        (3.75e-08, 0.0375),
        (1.5e-05, 15),
        ("0.000003", 3),  # OpenRouter writes per-token prices as strings
        ("0.0000375", 37.5),
        ("0.0000000375", 0.0375),
        (0, 0),
        ("0", 0),
    ],
)
def test_per_token_prices_become_exact_per_million(value: object, expected: float) -> None:
    result = price(value, per_token=True)
    assert result == expected
    assert repr(result) == repr(expected)


@pytest.mark.parametrize(("value", "expected"), [(0.0375, 0.0375), (2.5, 2.5), (15, 15), (0.1, 0.1)])
def test_per_million_prices_are_kept(value: object, expected: float) -> None:
    assert price(value, per_token=False) == expected


@pytest.mark.parametrize(
    "value", ["-1", -1, -0.000001, True, False, None, "free", "", float("nan"), float("inf"), "NaN", [], {}]
)
def test_variable_or_invalid_prices_are_not_prices(value: object) -> None:
    assert price(value, per_token=True) is None
    assert price(value, per_token=False) is None


def test_rounding_keeps_ten_significant_digits() -> None:
    from decimal import Decimal

    assert rounded(Decimal("0.09999999999999999")) == 0.1
    assert rounded(Decimal("0.30000000000000004")) == 0.3
    assert rounded(Decimal("1.234567891234")) == 1.234567891
    assert rounded(Decimal("12")) == 12 and isinstance(rounded(Decimal("12")), int)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(128000, 128000), (128000.0, 128000), ("4096", 4096), (0, None), (-5, None), (1.5, None), (True, None)],
)
def test_token_counts_are_positive_whole_numbers(value: object, expected: int | None) -> None:
    assert token_count(value) == expected


def test_iso_dates() -> None:
    assert iso_date("2026-10-31") == "2026-10-31"
    assert iso_date("31/10/2026") is None
    assert iso_date(20261031) is None


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@given(json_values)
def test_price_is_total_and_never_negative(value: object) -> None:
    for per_token in (True, False):
        result = price(value, per_token=per_token)
        assert result is None or (result >= 0 and math.isfinite(result))

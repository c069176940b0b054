"""Unit conversion, rounding and date parsing used by every adapter."""

from __future__ import annotations

from typing import Any

import pytest

from catwalk.live.adapters.values import (
    contains,
    effort_levels,
    flag,
    iso_date,
    positive_int,
    price_cents_per_100m,
    price_per_million,
    price_per_token,
    strings,
    text,
)
from catwalk.units import round_sig


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0.000003", 3.0),
        ("0.0000001495", 0.1495),  # float("0.0000001495") * 1e6 == 0.14950000000000002
        ("0.00000008333333333333334", 0.08333333333),
        ("0.000000003625", 0.003625),
        ("$0.00000055", 0.55),
        (" $0.0000006 ", 0.6),
        ("$0", 0.0),
        ("0", 0.0),
        ("1e-6", 1.0),
        (0.0000025, 2.5),
        (0, 0.0),
        ("-1", None),  # OpenRouter's variable price
        ("-0.000001", None),
        (-1, None),
        ("", None),
        ("$", None),
        ("n/a", None),
        ("NaN", None),
        ("Infinity", None),
        ("1e999999", None),
        (float("nan"), None),
        (float("inf"), None),
        (True, None),
        (None, None),
        ({"usd": 1}, None),
        (["0.000001"], None),
    ],
)
def test_price_per_token(raw: Any, expected: float | None) -> None:
    assert price_per_token(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (30000, 3.0),
        (150000, 15.0),
        (7500, 0.75),
        (3333, 0.3333),
        (200, 0.02),
        (1, 0.0001),
        (0, 0.0),
        (-5, None),
        ("30000", 3.0),
        (False, None),
    ],
)
def test_xai_cents_per_100m_tokens(raw: Any, expected: float | None) -> None:
    assert price_cents_per_100m(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(0.88, 0.88), (0.028, 0.028), (2, 2.0), ("1.25", 1.25), (-1, None), (0.1 + 0.2, 0.3), (None, None)],
)
def test_price_per_million(raw: Any, expected: float | None) -> None:
    assert price_per_million(raw) == expected


def test_round_sig_keeps_ten_significant_digits() -> None:
    assert round_sig(2.9999999999999996) == 3.0
    assert round_sig(0.14950000000000002) == 0.1495
    assert round_sig(1 / 3) == 0.3333333333
    assert round_sig(123456789012.5) == 123456789000.0
    assert round_sig(0.0) == 0.0
    assert round_sig(float("inf")) == float("inf")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (131072, 131072),
        (128000.0, 128000),
        ("131072", 131072),
        (0, None),
        (-1, None),
        (1.5, None),
        (True, None),
        (None, None),
        ("12k", None),
        (float("inf"), None),
    ],
)
def test_positive_int(raw: Any, expected: int | None) -> None:
    assert positive_int(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-10-23", "2026-10-23"),
        ("2025-10-28T00:00:00Z", "2025-10-28"),
        ("2025-10-28T00:00:00.123456789Z", "2025-10-28"),
        ("2026-03-30T12:00:00+00:00", "2026-03-30"),
        ("2026-03-30T23:30:00-05:00", "2026-03-31"),  # 04:30 UTC the next day
        ("2026-03-31T01:00:00+0900", "2026-03-30"),
        ("2026-03-30T12:00:00", "2026-03-30"),
        (1786492800, "2026-08-12"),
        (1786492800000, "2026-08-12"),  # milliseconds
        ({"year": 2026, "month": 12, "day": 1}, "2026-12-01"),
        ({"year": 0, "month": 0, "day": 0}, None),
        ({"year": 2026, "month": 13, "day": 1}, None),
        ("2026-02-30", None),
        ("2026-03-30T25:00:00Z", None),
        ("soon", None),
        ("", None),
        (0, None),
        (-86400, None),
        (1e300, None),
        (True, None),
        (None, None),
        ([], None),
    ],
)
def test_iso_date(raw: Any, expected: str | None) -> None:
    assert iso_date(raw) == expected


def test_effort_levels_are_ordered_least_to_most() -> None:
    assert effort_levels(["max", "high", "medium", "low"]) == ("low", "medium", "high", "max")
    assert effort_levels(["HIGH", "low", "high"]) == ("low", "high")
    assert effort_levels(["none", "xhigh", "minimal"]) == ("none", "minimal", "xhigh")
    assert effort_levels(["turbo", "low", "ludicrous"]) == ("low", "turbo", "ludicrous")
    assert effort_levels(["", "  "]) == ()


def test_small_converters() -> None:
    assert flag(True) is True and flag(False) is False
    assert flag(1) is None and flag("true") is None
    assert text("  x ") == "x" and text("   ") is None and text(3) is None
    assert strings(["a", 1, None, "b"]) == ["a", "b"] and strings("ab") is None
    assert contains(["Text", "Image"], "image") is True
    assert contains(["text"], "image") is False
    assert contains(None, "image") is None and contains("image", "image") is None

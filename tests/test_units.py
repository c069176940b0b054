"""The one price conversion shared by importers, live adapters and snapshots."""

from __future__ import annotations

import pytest

from catwalk import units


@pytest.mark.parametrize(
    ("value", "scale", "expected"),
    [
        ("0.000003", units.PER_TOKEN, 3.0),
        (3e-07, units.PER_TOKEN, 0.3),
        ("0.0000001495", units.PER_TOKEN, 0.1495),
        (2.5, units.PER_MILLION, 2.5),
        (30000, units.PER_100M_CENTS, 3.0),
        ("-1", units.PER_TOKEN, None),
        (True, units.PER_TOKEN, None),
        (float("nan"), units.PER_MILLION, None),
        ("free", units.PER_TOKEN, None),
        (None, units.PER_TOKEN, None),
    ],
)
def test_price(value: object, scale: object, expected: float | None) -> None:
    assert units.price(value, scale) == expected  # type: ignore[arg-type]


def test_dollar_prefixed_strings_only_when_asked() -> None:
    assert units.price("$0.00000055", units.PER_TOKEN) is None
    assert units.price("$0.00000055", units.PER_TOKEN, dollar_sign=True) == 0.55


def test_rounding_and_whole_numbers() -> None:
    assert units.round_sig(0.09999999999999999) == 0.1
    assert units.round_sig(2.9999999999999996) == 3.0
    assert units.whole(10.0) == 10 and isinstance(units.whole(10.0), int)
    assert units.whole(0.5) == 0.5

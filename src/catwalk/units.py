"""Prices as catalogues and APIs publish them, turned into USD per 1M tokens.

One implementation for the importers, the live adapters and the snapshot builder. The
arithmetic is decimal, from the text the source wrote (`3e-07` per token is exactly `0.3`,
never `0.30000000000000004`), and the result is rounded to 10 significant digits. Anything
that is not a plain non-negative number - a boolean, NaN, infinity, OpenRouter's `"-1"`
for "the price varies" - is not a price: the answer is None ("unknown"), never a guess.
(Not on the path of `catwalk check`: `decimal` costs a few milliseconds to import.)
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

SIGNIFICANT_DIGITS = 10
PER_TOKEN = Decimal(1_000_000)  # USD per token -> per 1M tokens
PER_MILLION = Decimal(1)  # already per 1M tokens
PER_100M_CENTS = Decimal(1) / Decimal(10_000)  # xAI: US cents per 100M tokens


def to_decimal(value: object, *, dollar_sign: bool = False) -> Decimal | None:
    """The exact decimal a JSON number or numeric string stands for, else None.
    `dollar_sign` also accepts strings such as "$0.00000055" (Synthetic)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # repr() is the shortest text that round-trips: the literal the source wrote.
        return Decimal(repr(value)) if math.isfinite(value) else None
    if isinstance(value, str):
        text = value.strip()
        if dollar_sign:
            text = text.removeprefix("$").strip()
        if not text or len(text) > 64:
            return None
        try:
            parsed = Decimal(text)
        except (InvalidOperation, ArithmeticError):
            return None
        return parsed if parsed.is_finite() else None
    return None


def round_sig(value: float, digits: int = SIGNIFICANT_DIGITS) -> float:
    """Round to `digits` significant digits: removes binary float noise such as
    2.9999999999999996 while keeping every digit a price list carries."""
    if value == 0 or not math.isfinite(value):
        return value
    return float(f"{value:.{digits}g}")


def price(value: object, scale: Decimal, *, dollar_sign: bool = False) -> float | None:
    """A price in USD per 1M tokens from `value` in the unit `scale` converts from; None
    when it is not a non-negative finite number (negative prices are sentinels)."""
    amount = to_decimal(value, dollar_sign=dollar_sign)
    if amount is None or amount < 0:
        return None
    try:
        result = float(amount * scale)
    except ArithmeticError:
        return None
    return round_sig(result) if math.isfinite(result) else None


def whole(number: float) -> int | float:
    """10.0 -> 10: how a whole price is written in provider files."""
    return int(number) if number.is_integer() else number

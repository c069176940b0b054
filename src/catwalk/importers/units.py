"""Numbers as the catalogues publish them, turned into what a Catwalk file holds.

Prices become USD per 1M tokens, computed in decimal arithmetic from the text the source
wrote (so `3e-07` per token is exactly `0.3`, never `0.30000000000000004`) and rounded to
10 significant digits. Anything that is not a plain non-negative number - a boolean, NaN,
infinity, OpenRouter's `"-1"` for "price varies" - is not a price: callers get `None` and
skip or report the model instead of inventing a value.
"""

from __future__ import annotations

import re
from decimal import Decimal

from catwalk import units

SIGNIFICANT_DIGITS = units.SIGNIFICANT_DIGITS
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|[T ])")


def decimal(value: object) -> Decimal | None:
    """The exact decimal a JSON number or numeric string stands for; None when it is not one."""
    return units.to_decimal(value)


def rounded(value: Decimal) -> int | float:
    """`value` to 10 significant digits; a whole number comes back as an int."""
    return units.whole(units.round_sig(float(value)))


def price(value: object, *, per_token: bool) -> int | float | None:
    """A price in USD per 1M tokens, or None when `value` is not a non-negative number.

    `per_token` says the source quotes USD per single token (LiteLLM, OpenRouter); otherwise
    it already quotes per 1M tokens (genai-prices `*_mtok`).
    """
    converted = units.price(value, units.PER_TOKEN if per_token else units.PER_MILLION)
    return None if converted is None else units.whole(converted)


def token_count(value: object) -> int | None:
    """A positive whole number of tokens (`128000` or `128000.0`), else None."""
    amount = decimal(value)
    if amount is None or amount <= 0 or amount != amount.to_integral_value():
        return None
    return int(amount)


def iso_date(value: object) -> str | None:
    """The `YYYY-MM-DD` of a date or date-time string, else None (dates compare correctly
    as strings)."""
    if isinstance(value, str) and ISO_DATE.match(value.strip()):
        return value.strip()[:10]
    return None

"""Total converters from raw JSON values to LiveModel field values.

Every function accepts any JSON value and returns None when the value does not say
what the field needs ("unknown"), never raising. Prices come out in USD per 1M tokens,
rounded to 10 significant digits; dates as `YYYY-MM-DD`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from catwalk import units
from catwalk.output import escape_surrogates

SIGNIFICANT_DIGITS = units.SIGNIFICANT_DIGITS

# Effort levels from least to most effort; the database lists levels in this order.
EFFORT_ORDER = ("none", "minimal", "low", "medium", "high", "xhigh", "max")

_ISO_DATE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|z|[+-]\d{2}:?\d{2})?)?$"
)
# Unix timestamps above this are milliseconds (year 5138 in seconds).
_MILLISECONDS_FROM = 10**11


def _price(value: Any, scale: Decimal) -> float | None:
    # `$`-prefixed strings are Synthetic's; a negative price is a sentinel ("-1" =
    # variable, decided per request): unknown.
    return units.price(value, scale, dollar_sign=True)


def price_per_token(value: Any) -> float | None:
    """USD per token (number, string, or `$`-prefixed string) -> USD per 1M tokens."""
    return _price(value, units.PER_TOKEN)


def price_per_million(value: Any) -> float | None:
    """USD per 1M tokens, as is (rounded)."""
    return _price(value, units.PER_MILLION)


def price_cents_per_100m(value: Any) -> float | None:
    """xAI's unit: US cents per 100M tokens -> USD per 1M tokens (value / 10,000)."""
    return _price(value, units.PER_100M_CENTS)


def positive_int(value: Any) -> int | None:
    """A token count. 0, negative, fractional or non-numeric values are unknown
    (several APIs use 0 or null as "not set")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, float):
        if math.isfinite(value) and value > 0 and value.is_integer():
            return int(value)
        return None
    if isinstance(value, str) and value.strip().isdecimal() and len(value) < 20:
        number = int(value.strip())
        return number if number > 0 else None
    return None


def flag(value: Any) -> bool | None:
    """A real JSON boolean, else unknown."""
    return value if isinstance(value, bool) else None


def text(value: Any) -> str | None:
    """A non-blank string, stripped; lone surrogates (invalid Unicode an API may send as
    `\\ud800`) come out escaped, so no report, file or issue body can choke on them."""
    if isinstance(value, str) and value.strip():
        return escape_surrogates(value.strip())
    return None


def strings(value: Any) -> list[str] | None:
    """The string items of a JSON array (None when the value is not an array), escaped
    like `text`."""
    if not isinstance(value, list):
        return None
    return [escape_surrogates(item) for item in value if isinstance(item, str)]


def contains(value: Any, wanted: str) -> bool | None:
    """Whether a JSON array of strings contains `wanted` (case-insensitive); None when
    the value is not an array, so "the API did not say" never reads as False."""
    items = strings(value)
    if items is None:
        return None
    return wanted.lower() in {item.lower() for item in items}


def effort_levels(values: Iterable[str]) -> tuple[str, ...]:
    """Lower-cased, de-duplicated levels in EFFORT_ORDER; unknown levels follow in
    the order given."""
    seen: list[str] = []
    for value in values:
        level = value.strip().lower()
        if level and level not in seen:
            seen.append(level)
    known = [level for level in EFFORT_ORDER if level in seen]
    return tuple(known + [level for level in seen if level not in EFFORT_ORDER])


def mapping(value: Any) -> dict[str, Any]:
    """The value if it is a JSON object, else an empty one (absent == empty)."""
    return value if isinstance(value, dict) else {}


def iso_date(value: Any) -> str | None:
    """`YYYY-MM-DD` from an ISO 8601 / RFC 3339 string (converted to UTC when it has
    an offset), unix seconds or milliseconds, or a google.type.Date object
    {year, month, day}. Epoch 0 and year 0 mean "unset"."""
    try:
        if isinstance(value, bool):
            return None
        if isinstance(value, (int, float)):
            return _from_timestamp(value)
        if isinstance(value, str):
            return _from_string(value.strip())
        if isinstance(value, dict):
            parts = [value.get(key) for key in ("year", "month", "day")]
            if all(isinstance(part, int) and not isinstance(part, bool) for part in parts):
                year, month, day = parts
                if year and month and day:
                    return date(year, month, day).isoformat()
    except (ValueError, OverflowError, OSError):
        return None
    return None


def _from_timestamp(value: float) -> str | None:
    if not math.isfinite(value) or value <= 0:
        return None
    seconds = value / 1000 if value >= _MILLISECONDS_FROM else value
    moment = datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=seconds)
    return moment.date().isoformat()


def _from_string(value: str) -> str | None:
    match = _ISO_DATE.match(value)
    if not match:
        return None
    year, month, day, hour, minute, second, offset = match.groups()
    day_value = date(int(year), int(month), int(day))
    if hour is None or offset is None or offset in ("Z", "z"):
        if hour is not None:
            # Validate the time part even when no offset moves the date.
            datetime(2000, 1, 1, int(hour), int(minute), int(second or 0))
        return day_value.isoformat()
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    shift = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    local = datetime(day_value.year, day_value.month, day_value.day, int(hour), int(minute), int(second or 0))
    return (local - sign * shift).date().isoformat()

"""Stable digests of drift: what makes two runs "the same drift".

An item's identity is (model, field, kind); its value is (ours, live). The message and
severity are prose and do not count, so rewording a message never updates an issue.
Numbers are normalised (3.0 == 3) so a serialiser change is not drift either.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from catwalk.live.report_reader import DriftItem

KEY_DIGITS = 10
VALUE_DIGITS = 8
FINGERPRINT_DIGITS = 16


def _normalise(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, dict):
        return {str(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normalise(v) for v in value]
    return str(value)


def _digest(value: Any, digits: int) -> str:
    text = json.dumps(_normalise(value), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:digits]


def item_key(item: DriftItem) -> str:
    return _digest([item.model, item.field, item.kind], KEY_DIGITS)


def item_value(item: DriftItem) -> str:
    return _digest([item.ours, item.live], VALUE_DIGITS)


def item_map(items: Iterable[DriftItem]) -> dict[str, str]:
    """key digest -> value digest for every item (the state a later run compares with)."""
    return {item_key(item): item_value(item) for item in items}


def fingerprint(items: Iterable[DriftItem]) -> str:
    """One digest for the whole set; the empty set has a fingerprint too."""
    return _digest(sorted(item_map(items).items()), FINGERPRINT_DIGITS)

"""The two request headers the providers endpoint reads, parsed as HTTP says (RFC 9110)
and remembered per distinct value: clients send the same few values again and again, so
the hot path is one dictionary lookup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

_MEMO_LIMIT = 1024
T = TypeVar("T")


def _remembered(memo: dict[bytes, T], header: bytes, parse: Callable[[bytes], T]) -> T:
    known = memo.get(header)
    if known is None:
        known = parse(header)
        if len(memo) < _MEMO_LIMIT:  # bounded: a client sending ever new values gets no memory
            memo[header] = known
    return known


class Tags:
    """Does an `If-None-Match` name the body's current representation?

    Upstream compares the header, one leading and one trailing `"` stripped, with its tag.
    This accepts that, and also a list of tags, weak tags (`W/"…"`, the comparison
    If-None-Match uses) and `*`; and the tag of the compact encoding, which Crush sends."""

    def __init__(self, *tags: str) -> None:
        self.tags = frozenset(tag.encode("ascii") for tag in tags)
        self._memo: dict[bytes, bool] = {}
        for tag in self.tags:
            self._memo[b'"' + tag + b'"'] = True
            self._memo[tag] = True

    def match(self, header: bytes) -> bool:
        return _remembered(self._memo, header, self._parse)

    def _parse(self, header: bytes) -> bool:
        value = header.strip()
        if value == b"*":
            return True
        return any(_opaque(part) in self.tags for part in value.split(b","))


def _opaque(entity_tag: bytes) -> bytes:
    """The tag inside `W/"..."` or `"..."` (or bare, as upstream's comparison allows)."""
    tag = entity_tag.strip()
    tag = tag.removeprefix(b"W/")
    tag = tag.removeprefix(b'"')
    return tag.removesuffix(b'"')


class Codings:
    """Which content-coding to answer an `Accept-Encoding` with: the highest q-value among
    those available, ties going to the smallest body (the order of `available`);
    "identity" when the client offers none of them (or sends no header)."""

    def __init__(self, available: tuple[str, ...]) -> None:
        self.available = available
        self._memo: dict[bytes, str] = {}

    def choose(self, header: bytes | None) -> str:
        if header is None:
            return "identity"
        return _remembered(self._memo, header, self._parse)

    def _parse(self, header: bytes) -> str:
        offered: dict[str, float] = {}
        for item in header.decode("latin-1").split(","):
            name, _, params = item.partition(";")
            name = name.strip().lower()
            if not name:
                continue
            quality = 1.0
            for param in params.split(";"):
                key, _, value = param.partition("=")
                if key.strip().lower() == "q":
                    try:
                        quality = float(value.strip())
                    except ValueError:
                        quality = 0.0
            if name == "x-gzip":
                name = "gzip"
            offered[name] = quality
        wildcard = offered.get("*", 0.0)
        best, best_quality = "identity", 0.0
        for coding in self.available:
            quality = offered.get(coding, wildcard)
            if quality > best_quality:
                best, best_quality = coding, quality
        return best

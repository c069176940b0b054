"""If-None-Match and Accept-Encoding as RFC 9110 reads them (and as upstream's clients send
them)."""

from __future__ import annotations

import pytest

from catwalk.serve.negotiate import Codings, Tags

A, B = "a" * 32, "b" * 32


@pytest.mark.parametrize(
    ("header", "matches"),
    [(f'"{A}"', True), (A, True), (f'"{B}"', True), (f'W/"{A}"', True), (f'"x", W/"{B}"', True),
     ("*", True), (f' "{A}" ', True), (f'"{A}x"', False), ('"c"', False), ("", False), (f'""{A}""', False)],
)  # fmt: skip
def test_tags(header: str, matches: bool) -> None:
    tags = Tags(A, B)
    assert tags.match(header.encode()) is matches
    assert tags.match(header.encode()) is matches  # and again, from the memo


def test_tags_memo_is_bounded() -> None:
    tags = Tags(A)
    for n in range(5000):
        tags.match(f'"{n}"'.encode())
    assert len(tags._memo) <= 1024


@pytest.mark.parametrize(
    ("header", "chosen"),
    [(None, "identity"), ("", "identity"), ("gzip", "gzip"), ("x-gzip", "gzip"), ("GZIP", "gzip"),
     ("gzip, br", "br"), ("gzip, deflate, br, zstd", "br"), ("zstd, gzip", "zstd"), ("br;q=0.5, gzip", "gzip"),
     ("br;q=0, zstd;q=0, gzip;q=0", "identity"), ("*", "br"), ("*;q=0.1, gzip;q=0.5", "gzip"),
     ("gzip;q=abc, br;q=0.2", "br"), ("deflate, compress", "identity"), ("gzip;level=1;q=0.3", "gzip")],
)  # fmt: skip
def test_codings(header: str | None, chosen: str) -> None:
    codings = Codings(("br", "zstd", "gzip"))
    assert codings.choose(header.encode() if header is not None else None) == chosen


def test_only_available_codings_are_chosen() -> None:
    assert Codings(("gzip",)).choose(b"br, zstd, gzip;q=0.1") == "gzip"
    assert Codings(("gzip",)).choose(b"br") == "identity"

"""The one policy for values a new entry gets that no source states (`catwalk import` and
`catwalk sync` both use it)."""

from __future__ import annotations

import pytest

from catwalk.entries import default_effort, default_max_tokens


@pytest.mark.parametrize(
    ("context", "max_output", "expected"),
    [
        (200_000, 64_000, 32_000),  # half the published output limit
        (131_072, None, 13_107),  # no limit published: a tenth of the window
        (1_049_000, 1_048_576, 524_288),  # half a limit close to the window
        (100_000, 1_000_000, 50_000),  # never more than half the window
        (8, None, 1),  # at least one token
    ],
)
def test_default_max_tokens(context: int, max_output: int | None, expected: int) -> None:
    assert default_max_tokens(context, max_output) == expected


@pytest.mark.parametrize(
    ("levels", "current", "expected"),
    [
        (["low", "medium", "high"], None, "medium"),
        (["low", "medium", "high"], "high", "high"),  # what the source or the file says, when offered
        (["low", "high"], "medium", "low"),  # not offered: the policy's choice
        (["none", "high"], None, "high"),  # `none` is no default for a reasoning model
        (["high", "max"], None, "high"),
        (["low", "high", "max"], None, "high"),
        (["none"], None, "none"),
    ],
)
def test_default_effort(levels: list[str], current: str | None, expected: str) -> None:
    assert default_effort(levels, current) == expected


def test_import_and_sync_share_the_policy() -> None:
    from catwalk.importers import build
    from catwalk.live import edits as sync

    assert build.default_max_tokens is sync.default_max_tokens is default_max_tokens
    assert build.default_effort is sync.default_effort is default_effort

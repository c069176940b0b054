"""The line diff sync prints: a correct unified diff (applying it gives the new text), the
same as difflib's on ordinary edits, and no quadratic blow-up on repetitive files."""

from __future__ import annotations

import difflib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from catwalk.linediff import matching_blocks, unified_diff

HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$")


def apply(old: str, diff: str) -> str:
    """Apply a unified diff made by `unified_diff` (a minimal `patch`)."""
    source = old.splitlines(keepends=True)
    lines = diff.splitlines(keepends=True)[2:]
    out: list[str] = []
    position = 0
    index = 0
    while index < len(lines):
        match = HUNK.match(lines[index].rstrip("\n"))
        assert match, lines[index]
        start = int(match.group(1)) - (0 if match.group(2) == "0" else 1)
        out += source[position:start]
        position = start
        index += 1
        while index < len(lines) and not lines[index].startswith("@@"):
            line = lines[index]
            body = line[1:]
            if index + 1 < len(lines) and lines[index + 1].startswith("\\ No newline"):
                body = body.rstrip("\n")
                index += 1
            if line.startswith(" "):
                assert source[position] == body
                out.append(body)
                position += 1
            elif line.startswith("-"):
                assert source[position] == body
                position += 1
            else:
                out.append(body)
            index += 1
    return "".join(out + source[position:])


# Lines from a tiny alphabet repeat a lot, as provider files do.
texts = st.lists(st.sampled_from(['"a": 0,\n', '"b": 1,\n', "{\n", "},\n", '"id": "x",\n', "z"]), max_size=40)


@settings(max_examples=400, deadline=None)
@given(texts, texts)
def test_applying_the_diff_gives_the_new_text(a: list[str], b: list[str]) -> None:
    old, new = "".join(a), "".join(b)
    diff = unified_diff(old, new, "p.json")
    assert (diff == "") == (old == new)
    if diff:
        assert apply(old, diff) == new


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_matching_blocks_are_real_matches_in_order(a: list[str], b: list[str]) -> None:
    blocks = matching_blocks(a, b)
    assert blocks[-1] == (len(a), len(b), 0)
    previous_i = previous_j = 0
    for i, j, n in blocks[:-1]:
        assert n > 0 and i >= previous_i and j >= previous_j
        assert a[i : i + n] == b[j : j + n]
        previous_i, previous_j = i + n, j + n


def test_an_ordinary_edit_diffs_like_difflib() -> None:
    old = "".join(f'  {{"id": "m{i}", "cost": {i}, "cached": 0}},\n' for i in range(50))
    new = old.replace('"m7", "cost": 7', '"m7", "cost": 8').replace('"m30", "cost": 30', '"m30", "cost": 31')
    ours = unified_diff(old, new, "p.json")
    theirs = "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), "a/p.json", "b/p.json"))
    assert ours == theirs


def test_a_repeated_line_is_never_shown_as_removed_and_added() -> None:
    block = '{\n"id": "%s",\n"cost_per_1m_in_cached": 0,\n"cost": %d\n},\n'
    old = "".join(block % (f"m{i}", i) for i in range(300))
    new = old.replace(
        '"m150",\n"cost_per_1m_in_cached": 0,\n"cost": 150',
        '"m150",\n"cost_per_1m_in_cached": 0,\n"cost": 151',
    )
    diff = unified_diff(old, new, "p.json")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ['-"cost": 150', '+"cost": 151']


def test_no_newline_at_end_of_file_is_marked() -> None:
    diff = unified_diff("a\nb", "a\nc", "p.json")
    assert diff.endswith("-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n")

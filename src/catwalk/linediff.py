"""Line diffs that stay fast on files of any size: patience diff.

`difflib.SequenceMatcher` is quadratic on long files whose lines repeat (a provider file
repeats `"can_reason": false,` thousands of times), and its "popular line" heuristic, the
only thing that makes it fast, shows such unchanged lines as removed and re-added. Here
the lines that occur exactly once on both sides anchor the match (the longest increasing
run of them, O(n log n)); the short stretches between anchors are matched exactly by
difflib, and a long stretch without any anchor is one replacement.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Sequence

# Between two anchors, difflib's exact matcher is used when the stretch is this small
# (len(a) * len(b) comparisons at worst).
_EXACT_LIMIT = 250_000

Block = tuple[int, int, int]  # (start in a, start in b, length), as difflib's Match
Stretch = tuple[int, int, int, int]  # a[alo:ahi] against b[blo:bhi]


def matching_blocks(a: Sequence[str], b: Sequence[str]) -> list[Block]:
    """Maximal runs of equal lines, in order, ending with difflib's (len(a), len(b), 0)."""
    merged: list[Block] = []
    for i, j, n in _match(a, b):
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            last = merged.pop()
            merged.append((last[0], last[1], last[2] + n))
        elif n:
            merged.append((i, j, n))
    merged.append((len(a), len(b), 0))
    return merged


def _match(a: Sequence[str], b: Sequence[str]) -> list[Block]:
    # Work list instead of recursion: a long file has many stretches between anchors.
    pending: list[Stretch] = [(0, len(a), 0, len(b))]
    found: list[Block] = []
    while pending:
        alo, ahi, blo, bhi = pending.pop()
        head = 0
        while alo + head < ahi and blo + head < bhi and a[alo + head] == b[blo + head]:
            head += 1
        tail = 0
        while ahi - tail > alo + head and bhi - tail > blo + head and a[ahi - tail - 1] == b[bhi - tail - 1]:
            tail += 1
        if head:
            found.append((alo, blo, head))
        if tail:
            found.append((ahi - tail, bhi - tail, tail))
        alo, blo, ahi, bhi = alo + head, blo + head, ahi - tail, bhi - tail
        if alo == ahi or blo == bhi:
            continue
        anchors = _anchors(a, b, (alo, ahi, blo, bhi))
        if anchors:
            previous_i, previous_j = alo, blo
            for i, j in anchors:
                pending.append((previous_i, i, previous_j, j))
                found.append((i, j, 1))
                previous_i, previous_j = i + 1, j + 1
            pending.append((previous_i, ahi, previous_j, bhi))
        elif (ahi - alo) * (bhi - blo) <= _EXACT_LIMIT:
            matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
            found += [(alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n]
    return sorted(found)


def _anchors(a: Sequence[str], b: Sequence[str], stretch: Stretch) -> list[tuple[int, int]]:
    """Lines unique in both stretches, in a's order, along the longest run whose
    positions in b also increase."""
    alo, ahi, blo, bhi = stretch
    seen_a: dict[str, int] = {}
    for i in range(alo, ahi):
        seen_a[a[i]] = -1 if a[i] in seen_a else i
    seen_b: dict[str, int] = {}
    for j in range(blo, bhi):
        line = b[j]
        if line in seen_a and seen_a[line] >= 0:
            seen_b[line] = -1 if line in seen_b else j
    pairs = sorted((seen_a[line], j) for line, j in seen_b.items() if j >= 0)
    # Longest increasing subsequence of the b positions (patience sorting).
    tops: list[int] = []
    top_index: list[int] = []
    back: list[int] = []
    for index, (_, j) in enumerate(pairs):
        pile = bisect.bisect_left(tops, j)
        back.append(top_index[pile - 1] if pile else -1)
        if pile == len(tops):
            tops.append(j)
            top_index.append(index)
        else:
            tops[pile] = j
            top_index[pile] = index
    chain: list[tuple[int, int]] = []
    index = top_index[-1] if top_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = back[index]
    return chain[::-1]


class _Matcher(difflib.SequenceMatcher[str]):
    """difflib's opcode and grouping logic over the patience blocks."""

    def __init__(self, a: Sequence[str], b: Sequence[str]) -> None:
        super().__init__(None, a, b, autojunk=False)
        self._blocks = matching_blocks(a, b)

    def set_seq2(self, b: Sequence[str]) -> None:
        # difflib indexes b (quadratic to use on repeated lines); the blocks come from here.
        self.b = b
        self.matching_blocks = self.opcodes = None

    def get_matching_blocks(self) -> list[difflib.Match]:
        return [difflib.Match(i, j, n) for i, j, n in self._blocks]


def unified_diff(old: str, new: str, display: str, context: int = 3) -> str:
    """`diff -u` of two texts, with `a/` and `b/` prefixes on the file name."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out: list[str] = []
    for group in _Matcher(a, b).get_grouped_opcodes(context):
        if not out:
            out += [f"--- a/{display}\n", f"+++ b/{display}\n"]
        first, last = group[0], group[-1]
        out.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [" " + line for line in a[i1:i2]]
                continue
            out += ["-" + line for line in a[i1:i2]]
            out += ["+" + line for line in b[j1:j2]]
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in out)


def _range(start: int, stop: int) -> str:
    length = stop - start
    first = start + 1 if length else start
    return str(first) if length == 1 else f"{first},{length}"

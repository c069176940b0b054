"""Map JSON Pointers to their place in the source text, lazily.

Files are parsed with the C-backed `json` module first; positions are only computed for
the pointers that findings name. The walk visits only the containers on the way to those
pointers and skips every other value with the C scanner (`raw_decode`), so locating one
finding in a 200,000-model file costs about one extra C parse, not a Python tokenizer pass.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import NamedTuple

from catwalk import pointer as jp

_WS = re.compile(r"[ \t\n\r]*")


def _cheap(_: str) -> int:
    return 0


# Values are thrown away: only their end offsets matter. Cheap hooks keep it fast and
# make 5,000-digit integers, NaN or 1e400 harmless here.
_SKIPPER = json.JSONDecoder(
    parse_int=_cheap, parse_float=_cheap, parse_constant=_cheap, object_pairs_hook=lambda _: None
)


class Span(NamedTuple):
    """Character offsets: `start` is the member's key (or the element), `end` is exclusive."""

    start: int
    end: int
    value_start: int


class _Node:
    __slots__ = ("children", "pointer")

    def __init__(self, pointer: str) -> None:
        self.pointer = pointer
        self.children: dict[str, _Node] = {}


class SourceMap:
    def __init__(self, text: str) -> None:
        self.text = text

    # -- low-level walkers -------------------------------------------------------------
    def _skip_ws(self, index: int) -> int:
        match = _WS.match(self.text, index)
        return match.end() if match else index

    def _value_end(self, index: int) -> int:
        _, end = _SKIPPER.raw_decode(self.text, index)
        return int(end)

    def members(self, start: int) -> Iterator[tuple[str, int, int, int]]:
        """(key, key_start, value_start, value_end) for the object whose `{` is at start."""
        text = self.text
        i = self._skip_ws(start + 1)
        if text.startswith("}", i):
            return
        while True:
            key_start = i
            key, i = scanstring(text, i + 1)
            i = self._skip_ws(i)
            i = self._skip_ws(i + 1)  # past ':'
            value_start = i
            value_end = self._value_end(i)
            yield key, key_start, value_start, value_end
            i = self._skip_ws(value_end)
            if not text.startswith(",", i):
                return
            i = self._skip_ws(i + 1)

    def elements(self, start: int) -> Iterator[tuple[int, int, int]]:
        """(index, value_start, value_end) for the array whose `[` is at start."""
        text = self.text
        i = self._skip_ws(start + 1)
        if text.startswith("]", i):
            return
        index = 0
        while True:
            value_end = self._value_end(i)
            yield index, i, value_end
            index += 1
            i = self._skip_ws(value_end)
            if not text.startswith(",", i):
                return
            i = self._skip_ws(i + 1)

    # -- pointer lookup ----------------------------------------------------------------
    def locate(self, pointers: Iterable[str]) -> dict[str, Span]:
        """Spans for every pointer; a pointer that does not resolve gets its nearest ancestor's."""
        root = _Node("")
        for ptr in set(pointers):
            node = root
            for token in jp.split(ptr):
                node = node.children.setdefault(token, _Node(""))
            node.pointer = ptr
        start = self._skip_ws(0)
        spans: dict[str, Span] = {"": Span(start, self._value_end(start), start)}
        resolved: dict[int, Span] = {id(root): spans[""]}
        stack: list[tuple[_Node, Span]] = [(root, spans[""])]
        while stack:
            node, span = stack.pop()
            if not node.children:
                continue
            opener = self.text[span.value_start]
            if opener == "{":
                for key, key_start, value_start, value_end in self.members(span.value_start):
                    sub = node.children.get(key)
                    if sub is not None:
                        # A duplicate key resolves to its last copy, as json.loads keeps it.
                        resolved[id(sub)] = Span(key_start, value_end, value_start)
            elif opener == "[":
                for index, value_start, value_end in self.elements(span.value_start):
                    sub = node.children.get(str(index))
                    if sub is not None:
                        resolved[id(sub)] = Span(value_start, value_end, value_start)
            for sub in node.children.values():
                sub_span = resolved.get(id(sub))
                if sub_span is None:
                    # Unresolvable below here: inherit the parent's place.
                    sub_span = resolved[id(sub)] = span
                    _inherit(sub, span, resolved)
                else:
                    stack.append((sub, sub_span))
        return {n.pointer: s for n, s in _walk(root, resolved) if n.pointer or n is root}

    def key_spans(self, pointer: str, key: str) -> list[Span]:
        """Every occurrence of `key` in the object at `pointer` (duplicate keys have several)."""
        span = self.locate([pointer])[pointer]
        if not self.text.startswith("{", span.value_start):
            return []
        return [
            Span(key_start, value_end, value_start)
            for name, key_start, value_start, value_end in self.members(span.value_start)
            if name == key
        ]

    # -- offsets to line:column --------------------------------------------------------
    def line_col(self, offsets: Iterable[int]) -> dict[int, tuple[int, int]]:
        """1-based (line, column in characters) for each offset, in one pass over the text."""
        text = self.text
        result: dict[int, tuple[int, int]] = {}
        line, last, line_start = 1, 0, 0
        for offset in sorted(set(offsets)):
            line += text.count("\n", last, offset)
            if line > 1:
                line_start = text.rfind("\n", 0, offset) + 1
            result[offset] = (line, offset - line_start + 1)
            last = offset
        return result


def _inherit(node: _Node, span: Span, resolved: dict[int, Span]) -> None:
    stack = list(node.children.values())
    while stack:
        sub = stack.pop()
        resolved[id(sub)] = span
        stack.extend(sub.children.values())


def _walk(root: _Node, resolved: dict[int, Span]) -> Iterator[tuple[_Node, Span]]:
    stack = [root]
    while stack:
        node = stack.pop()
        yield node, resolved[id(node)]
        stack.extend(node.children.values())

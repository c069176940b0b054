"""Map JSON Pointers to their place in the source text, lazily.

Files are parsed with the C-backed `json` module first; positions are only computed for
the pointers that findings name. The walk visits only the containers on the way to those
pointers and skips every other value with the C scanner (`raw_decode`), so locating one
finding in a 200,000-model file costs about one extra C parse, not a Python tokenizer pass.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import NamedTuple

from catwalk import pointer as jp


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Whitespace; a colon with its whitespace; after a value, the separator or closing
    bracket with its whitespace; and a whole member whose key and value are simple scalars
    (no escapes, no containers), which is most members and costs one match instead of
    four calls. Compiled on first use: most checks of clean files never need a position."""
    ws = "[ \t\n\r]*"
    scalar = r'("[^"\\]*"|-?[0-9][0-9.eE+-]*|true|false|null)'
    simple_member = f'"([^"\\\\]*)"{ws}:{ws}{scalar}{ws}([,}}]){ws}'
    return (
        re.compile(ws),
        re.compile(f"{ws}:{ws}"),
        re.compile(f"{ws}([,\\]}}]){ws}"),
        re.compile(simple_member),
    )


def _cheap(_: str) -> int:
    return 0


# The C scanners themselves: (value, end) for the value starting at an index, with no
# Python wrapper. Only the end offsets matter. The plain one never calls back into Python,
# so it is the fast path for every file the loader accepted; the tolerant one makes
# 5,000-digit integers harmless while the loader locates them.
_SCAN = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_TOLERANT_SCAN = json.JSONDecoder(parse_int=_cheap, parse_float=_cheap, parse_constant=_cheap).scan_once  # type: ignore[attr-defined]


_UNKNOWN_END = -1  # an end not computed (yet): see _resolve_members


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
    """`exhaustive=False` stops scanning an object once every wanted key is found; that is
    only exact when the file has no duplicate keys (the loader knows, and says so)."""

    def __init__(self, text: str, *, exhaustive: bool = False, tolerant: bool = False) -> None:
        self.text = text
        self.exhaustive = exhaustive
        self._scan = _TOLERANT_SCAN if tolerant else _SCAN
        self._ws, self._colon, self._next, self._simple = _patterns()
        self._models: list[tuple[int, int]] | None = None  # see model_elements

    # -- low-level walkers (C scanner for values, one regex per separator) -------------
    def _skip_ws(self, index: int) -> int:
        match = self._ws.match(self.text, index)
        return match.end() if match else index

    def _find_member(self, key: str, start: int, end: int) -> tuple[int, int] | None:
        """(key start, value start) of the first `"key":` between start and end: a C
        search for the quoted key, then its colon (a quoted word not followed by one is a
        string value). One regular expression per key would cost more to compile than to use."""
        needle = f'"{key}"'
        text, size = self.text, len(needle)
        at = text.find(needle, start, end)
        while at != -1:
            colon = self._colon.match(text, at + size)
            if colon is not None:
                return at, colon.end()
            at = text.find(needle, at + 1, end)
        return None

    def _value_end(self, index: int) -> int:
        return int(self._scan(self.text, index)[1])

    def members(self, start: int) -> Iterator[tuple[str, int, int, int]]:
        """(key, key_start, value_start, value_end) for the object whose `{` is at start."""
        text, scan = self.text, self._scan
        i = self._skip_ws(start + 1)
        if text.startswith("}", i):
            return
        while True:
            key, after_key = scanstring(text, i + 1)
            value_start = self._colon.match(text, after_key).end()  # type: ignore[union-attr]
            value_end = scan(text, value_start)[1]
            yield key, i, value_start, value_end
            separator = self._next.match(text, value_end)
            if separator is None or separator.group(1) != ",":
                return
            i = separator.end()

    def elements(self, start: int) -> Iterator[tuple[int, int, int]]:
        """(index, value_start, value_end) for the array whose `[` is at start."""
        text, scan = self.text, self._scan
        i = self._skip_ws(start + 1)
        if text.startswith("]", i):
            return
        index = 0
        while True:
            value_end = scan(text, i)[1]
            yield index, i, value_end
            index += 1
            separator = self._next.match(text, value_end)
            if separator is None or separator.group(1) != ",":
                return
            i = separator.end()

    # -- pointer lookup ----------------------------------------------------------------
    def locate(self, pointers: Iterable[str]) -> dict[str, Span]:
        """Spans for every pointer; a pointer that does not resolve gets its nearest ancestor's."""
        wanted = set(pointers)
        spans = {} if self.exhaustive else self._locate_model_fields(wanted)
        rest = [p for p in wanted if p not in spans]
        if rest or not spans:
            spans.update(self._locate_walk(rest))
        return spans

    def _locate_model_fields(self, pointers: set[str]) -> dict[str, Span]:
        """The common case without the generic walk's trie: `/models/<i>` and
        `/models/<i>/<key>` in flat model objects (most findings name one), found with one
        pass over the models array and one C search per key. What it cannot place with
        certainty (a nested model, an escaped key, an index past the end) is left out, for
        the walk."""
        by_index: dict[int, list[tuple[str, str]]] = {}
        for ptr in pointers:
            if not ptr.startswith("/models/"):
                continue
            number, slash, key = ptr[8:].partition("/")
            if not (number.isascii() and number.isdigit()) or (number[0] == "0" and number != "0"):
                continue
            if slash and (not key or "/" in key or "~" in key or '"' in key or "\\" in key):
                continue
            by_index.setdefault(int(number), []).append((ptr, key if slash else ""))
        if not by_index:
            return {}
        if self._models is not None:
            elements: Iterable[tuple[int, int, int]] = ((i, s, e) for i, (s, e) in enumerate(self._models))
        else:
            start = self._models_start()
            if start is None:
                return {}
            elements = self.elements(start)
        text, spans, last = self.text, {}, max(by_index)
        for index, value_start, value_end in elements:
            wanted = by_index.get(index)
            if wanted is not None:
                flat = text.find("{", value_start + 1, value_end) == -1
                for ptr, key in wanted:
                    if not key:
                        spans[ptr] = Span(value_start, value_end, value_start)
                    elif flat:
                        member = self._find_member(key, value_start, value_end)
                        if member is not None:
                            at = member[1]
                            spans[ptr] = Span(member[0], self._value_end(at), at)
            if index >= last:
                break
        return spans

    def model_elements(self) -> list[tuple[int, int]]:
        """(start, end) of every element of the top-level `models` array ([] without one),
        computed once. A forked process that maps the same text hands its list over
        (`know_model_elements`), so the process that reports need not scan the models again."""
        if self._models is None:
            start = self._models_start()
            self._models = [] if start is None else [(s, e) for _, s, e in self.elements(start)]
        return self._models

    def know_model_elements(self, elements: list[tuple[int, int]]) -> None:
        self._models = elements

    def _models_start(self) -> int | None:
        """Where the top-level `models` array's `[` is, without parsing the array."""
        root, models = _Node(""), _Node("")
        root.children["models"] = models
        models.children["0"] = _Node("")  # wanted below it: the walk stops at its start
        start = self._skip_ws(0)
        if not self.text.startswith("{", start):
            return None
        resolved: dict[int, Span] = {}
        self._resolve_members(root, start, resolved)
        span = resolved.get(id(models))
        if span is None or not self.text.startswith("[", span.value_start):
            return None
        return span.value_start

    def _locate_walk(self, pointers: Iterable[str]) -> dict[str, Span]:
        """The general walk: a trie of the pointers, resolved container by container."""
        root = _Node("")
        for ptr in set(pointers):
            node = root
            for token in jp.split(ptr):
                node = node.children.setdefault(token, _Node(""))
            node.pointer = ptr
        start = self._skip_ws(0)
        # The loader accepted the file, so the document is one value ending before any
        # trailing whitespace: no need to parse it to find its end.
        spans: dict[str, Span] = {"": Span(start, len(self.text.rstrip(" \t\n\r")), start)}
        resolved: dict[int, Span] = {id(root): spans[""]}
        stack: list[tuple[_Node, Span]] = [(root, spans[""])]
        while stack:
            node, span = stack.pop()
            if not node.children:
                continue
            opener = self.text[span.value_start]
            if opener == "{":
                if not self._resolve_flat(node, span, resolved):
                    self._resolve_members(node, span.value_start, resolved)
            elif opener == "[":
                last = max((int(k) for k in node.children if k.isdigit()), default=-1)
                for index, value_start, value_end in self.elements(span.value_start):
                    sub = node.children.get(str(index))
                    if sub is not None:
                        resolved[id(sub)] = Span(value_start, value_end, value_start)
                    if index >= last:
                        break
            for sub in node.children.values():
                sub_span = resolved.get(id(sub))
                if sub_span is None:
                    # Unresolvable below here: inherit the parent's place.
                    if span.end == _UNKNOWN_END:
                        span = resolved[id(node)] = span._replace(end=self._value_end(span.value_start))
                    sub_span = resolved[id(sub)] = span
                    _inherit(sub, span, resolved)
                else:
                    stack.append((sub, sub_span))
        return {n.pointer: s for n, s in _walk(root, resolved) if n.pointer or n is root}

    def _resolve_flat(self, node: _Node, span: Span, resolved: dict[int, Span]) -> bool:
        """Most models hold no nested object: then `"key":` can only be one of their own
        keys (a string cannot hold an unescaped quote, an array of scalars holds no keys),
        and one C search per wanted key replaces walking every member. False when the
        object may nest one (any other `{` inside, even in a string), may repeat a key, or
        a wanted key is not written plainly: the walk then does it."""
        start, end, text = span.value_start, span.end, self.text
        if self.exhaustive or end == _UNKNOWN_END or text.find("{", start + 1, end) != -1:
            return False
        found: list[tuple[_Node, Span]] = []
        for key, sub in node.children.items():
            if '"' in key or "\\" in key:
                return False
            member = self._find_member(key, start, end)
            if member is None:
                return False  # absent, or spelt with escapes (`"\u0069d"`): the walk knows
            value_start = member[1]
            found.append((sub, Span(member[0], self._value_end(value_start), value_start)))
        for sub, sub_span in found:
            resolved[id(sub)] = sub_span
        return True

    def _resolve_members(self, node: _Node, start: int, resolved: dict[int, Span]) -> None:
        """`members()` inlined: this loop is most of the cost of locating findings."""
        text, scan, children = self.text, self._scan, node.children
        colon, after, simple = self._colon.match, self._next.match, self._simple.match
        wanted, found = len(children), 0
        i = self._skip_ws(start + 1)
        if text.startswith("}", i):
            return
        while True:
            member = simple(text, i)
            if member is not None:
                key = member.group(1)
                value_start, value_end = member.span(2)
                sub = children.get(key)
                if sub is not None:
                    found += id(sub) not in resolved
                    resolved[id(sub)] = Span(i, value_end, value_start)
                    if found == wanted and not self.exhaustive:
                        return
                if member.group(3) != ",":
                    return
                i = member.end()
                continue
            key, after_key = scanstring(text, i + 1)
            value_start = colon(text, after_key).end()  # type: ignore[union-attr]
            sub = children.get(key)
            if sub is not None:
                # A duplicate key resolves to its last copy, as json.loads keeps it.
                found += id(sub) not in resolved
                if found == wanted and not self.exhaustive and sub.children and not sub.pointer:
                    # Only its children are wanted and nothing after it: skip parsing the
                    # whole value (the `models` array) just to learn where it ends.
                    resolved[id(sub)] = Span(i, _UNKNOWN_END, value_start)
                    return
                value_end = scan(text, value_start)[1]
                resolved[id(sub)] = Span(i, value_end, value_start)
                if found == wanted and not self.exhaustive:
                    return
            else:
                value_end = scan(text, value_start)[1]
            separator = after(text, value_end)
            if separator is None or separator.group(1) != ",":
                return
            i = separator.end()

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

"""Edit JSON text surgically: change, add or delete values without touching other bytes.

`catwalk sync` must leave every byte it does not change identical, so it never
re-serialises a provider file. `JsonTextEditor` locates values with
`catwalk.sourcemap.SourceMap` and records splices (start, end, replacement) against the
original text; `result()` applies them back to front. Scalars and arrays of scalars are
written the way `catwalk fmt` writes them; whitespace for new members and elements is
copied from their neighbours.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from catwalk import canonical
from catwalk import pointer as jp
from catwalk.sourcemap import SourceMap


class EditError(ValueError):
    """The text does not have the shape an edit needs (it changed under us, or a bug)."""


def value_text(value: Any) -> str:
    """A scalar or an array of scalars in canonical form (`[a, b]` on one line)."""
    if isinstance(value, list):
        return "[" + ", ".join(value_text(v) for v in value) + "]"
    if value is None:
        return "null"
    if isinstance(value, (bool, int, float)):
        return canonical.number(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    raise EditError(f"cannot write {type(value).__name__} inline")


@dataclass(frozen=True)
class _Splice:
    start: int
    end: int
    text: str
    order: int  # keeps insertions at one offset in the order they were asked for


@dataclass(frozen=True)
class _Member:
    key: str
    key_start: int
    value_start: int
    value_end: int


class JsonTextEditor:
    """Splices are only applied by `result()`, so the original text stays the one being
    located in: every container is scanned once, whatever the number of edits (a sync of
    a 10,000-model file edits every model)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.map = SourceMap(text)
        self._splices: list[_Splice] = []
        self._members_at: dict[int, list[tuple[str, int, int, int]]] = {}
        self._elements_at: dict[int, list[tuple[int, int, int]]] = {}
        self._starts: dict[str, int] = {}

    def _object(self, start: int) -> list[tuple[str, int, int, int]]:
        if start not in self._members_at:
            self._members_at[start] = list(self.map.members(start))
        return self._members_at[start]

    def _array(self, start: int) -> list[tuple[int, int, int]]:
        if start not in self._elements_at:
            self._elements_at[start] = list(self.map.elements(start))
        return self._elements_at[start]

    # -- locating -----------------------------------------------------------------------
    def _value_start(self, pointer: str) -> int:
        """Where the value at pointer starts; a duplicate key resolves to its last copy,
        as `json.loads` keeps it."""
        cached = self._starts.get(pointer)
        if cached is not None:
            return cached
        text = self.text
        position = len(text) - len(text.lstrip(" \t\n\r"))
        tokens = jp.split(pointer)
        for depth, token in enumerate(tokens):
            found: int | None = None
            if text.startswith("{", position):
                for key, _, value_start, _ in self._object(position):
                    if key == token:
                        found = value_start
            elif text.startswith("[", position) and token.isdigit():
                elements = self._array(position)
                if int(token) < len(elements):
                    found = elements[int(token)][1]
            if found is None:
                where = jp.join(*tokens[: depth + 1])
                raise EditError(f"{where} does not exist")
            position = found
        self._starts[pointer] = position
        return position

    def _members(self, pointer: str) -> list[_Member]:
        start = self._value_start(pointer)
        if not self.text.startswith("{", start):
            raise EditError(f"{pointer or '/'} is not an object")
        return [_Member(*m) for m in self._object(start)]

    def _elements(self, pointer: str) -> tuple[int, list[tuple[int, int]]]:
        start = self._value_start(pointer)
        if not self.text.startswith("[", start):
            raise EditError(f"{pointer or '/'} is not an array")
        return start, [(s, e) for _, s, e in self._array(start)]

    def _add(self, start: int, end: int, text: str) -> None:
        self._splices.append(_Splice(start, end, text, len(self._splices)))

    def _line_indent(self, offset: int) -> str:
        line_start = self.text.rfind("\n", 0, offset) + 1
        line = self.text[line_start:offset]
        return line[: len(line) - len(line.lstrip(" \t"))]

    def _colon(self, member: _Member) -> str:
        """The text between a key and its value in this file (`": "` or `":"`)."""
        _, key_end = scanstring(self.text, member.key_start + 1)
        between = self.text[key_end : member.value_start]
        return between if between.strip() == ":" else ": "

    def _separator(self, open_at: int, first_start: int, starts: Sequence[int], ends: Sequence[int]) -> str:
        """The whitespace (with the comma) that goes between two members/elements here."""
        if len(starts) >= 2:
            between = self.text[ends[0] : starts[1]]
            return between[between.index(",") :] if "," in between else ", "
        lead = self.text[open_at + 1 : first_start]
        return "," + (lead if lead.strip() == "" and lead else " ")

    # -- edits --------------------------------------------------------------------------
    def set(self, pointer: str, value: Any) -> None:
        """Replace the existing value at pointer."""
        tokens = jp.split(pointer)
        if not tokens:
            raise EditError("cannot replace the whole document")
        parent = jp.join(*tokens[:-1])
        key = tokens[-1]
        matches = [m for m in self._members(parent) if m.key == key]
        if not matches:
            raise EditError(f"{pointer} does not exist")
        member = matches[-1]  # a duplicate key: json.loads keeps the last copy
        self._add(member.value_start, member.value_end, value_text(value))

    def delete_member(self, pointer: str, key: str) -> None:
        self.delete_members(pointer, [key])

    def delete_members(self, pointer: str, keys: Sequence[str]) -> None:
        """Remove members with their commas; neighbours keep their own whitespace."""
        members = self._members(pointer)
        present = {m.key for m in members}
        missing = [k for k in keys if k not in present]
        if missing:
            raise EditError(f"{jp.child(pointer, missing[0])} does not exist")
        spans = [(m.key_start, m.value_end) for m in members]
        self._delete_runs(spans, {i for i, m in enumerate(members) if m.key in set(keys)})

    def _delete_runs(self, spans: Sequence[tuple[int, int]], doomed: Collection[int]) -> None:
        """Delete the items at `doomed` indexes, one splice per run of neighbours: from the
        run's start to the next kept item, or from the previous kept item's end."""
        index = 0
        while index < len(spans):
            if index not in doomed:
                index += 1
                continue
            last = index
            while last + 1 in doomed:
                last += 1
            if last + 1 < len(spans):
                self._add(spans[index][0], spans[last + 1][0], "")
            elif index > 0:
                self._add(spans[index - 1][1], spans[last][1], "")
            else:
                self._add(spans[0][0], spans[last][1], "")
            index = last + 1

    def add_members(
        self,
        pointer: str,
        items: Sequence[tuple[str, Any]],
        order: Sequence[str],
        avoid: Collection[str] = (),
    ) -> None:
        """Insert new members, each after the existing member that precedes it in `order`
        (never next to a member in `avoid`, which is being deleted)."""
        every = self._members(pointer)
        members = [m for m in every if m.key not in avoid]
        clash = [k for k, _ in items if k in {m.key for m in every}]
        if clash:
            raise EditError(f"{pointer}: {', '.join(clash)} already present")
        if not members:
            raise EditError(f"{pointer}: cannot add to an empty object")
        open_at = self._value_start(pointer)
        sep = self._separator(
            open_at, every[0].key_start, [m.key_start for m in every], [m.value_end for m in every]
        )
        colon = self._colon(every[0])
        rank = {k: i for i, k in enumerate(order)}
        groups: dict[int, list[str]] = {}
        for key, value in sorted(items, key=lambda kv: rank.get(kv[0], len(rank))):
            text = f"{json.dumps(key, ensure_ascii=False)}{colon}{value_text(value)}"
            my_rank = rank.get(key, len(rank))
            anchor = -1
            for i, member in enumerate(members):
                if rank.get(member.key, len(rank)) <= my_rank:
                    anchor = i
            groups.setdefault(anchor, []).append(text)
        for anchor, texts in groups.items():
            if anchor == -1:
                first = members[0]
                self._add(first.key_start, first.key_start, sep.join(texts) + sep)
            else:
                end = members[anchor].value_end
                self._add(end, end, "".join(sep + t for t in texts))

    def delete_element(self, pointer: str, index: int) -> None:
        self.delete_elements(pointer, [index])

    def delete_elements(self, pointer: str, indexes: Sequence[int]) -> None:
        _, elements = self._elements(pointer)
        bad = [i for i in indexes if not 0 <= i < len(elements)]
        if bad:
            raise EditError(f"{jp.child(pointer, bad[0])} does not exist")
        self._delete_runs(elements, set(indexes))

    def insert_elements(self, pointer: str, blocks: Sequence[tuple[int | None, str]]) -> None:
        """Insert pre-rendered elements; (before_index, text) with None meaning "at the end".

        `text` is the element as `block_text` renders it: its first line unindented, the
        following lines indented relative to the element's own indentation.
        """
        open_at, elements = self._elements(pointer)
        if not elements:
            raise EditError(f"{pointer}: cannot insert into an empty array")
        sep = self._separator(open_at, elements[0][0], [s for s, _ in elements], [e for _, e in elements])
        indent = self._line_indent(elements[0][0])
        for before, text in blocks:
            block = text.replace("\n", "\n" + indent)
            if before is None:
                end = elements[-1][1]
                self._add(end, end, sep + block)
            else:
                start = elements[before][0]
                self._add(start, start, block + sep)

    # -- result -------------------------------------------------------------------------
    def result(self) -> str:
        splices = sorted(self._splices, key=lambda s: (s.start, s.end, s.order))
        for left, right in itertools.pairwise(splices):
            if right.start < left.end:
                raise EditError("overlapping edits")
        # One pass front to back (joining slices, not re-slicing the whole text per splice);
        # at one offset a deletion goes before the insertions placed there.
        parts: list[str] = []
        position = 0
        for splice in splices:
            parts.append(self.text[position : splice.start])
            parts.append(splice.text)
            position = max(position, splice.end)
        parts.append(self.text[position:])
        return "".join(parts)


def block_text(provider_model: dict[str, Any]) -> str:
    """A model object in canonical layout, relative to its own indentation."""
    full = canonical.dumps({"models": [provider_model]})
    lines = full.splitlines()
    # {, "models": [, <element lines at 4 spaces>, ], }
    body = lines[2:-2]
    return "\n".join(line[4:] if line.startswith("    ") else line for line in body)

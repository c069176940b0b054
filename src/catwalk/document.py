"""A loaded provider file and the whole loaded database, as checks see them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from catwalk import pointer as jp
from catwalk.findings import Finding
from catwalk.sourcemap import SourceMap

T = TypeVar("T")


def _memo(store: dict[Callable[[Any], Any], Any], compute: Callable[[Any], T], target: Any) -> T:
    try:
        return store[compute]  # type: ignore[no-any-return]
    except KeyError:
        value = store[compute] = compute(target)
        return value


class ProviderFile:
    """One provider file. `data` is whatever JSON it holds: checks must not assume a shape
    the schema rules have not confirmed, so the accessors below skip what is malformed.
    (Plain classes, not dataclasses, in everything `catwalk check` imports: start-up time.)"""

    __slots__ = (
        "_memos", "_models", "_sourcemap", "data", "display", "duplicate_keys",
        "parsed", "path", "problems", "settings", "text",
    )  # fmt: skip

    def __init__(
        self,
        path: Path,
        display: str,
        *,
        text: str | None = None,
        data: Any = None,
        parsed: bool = False,
        settings: Mapping[str, Any] | None = None,
    ) -> None:
        self.path = path
        self.display = display
        self.text = text
        self.data = data
        self.parsed = parsed
        self.problems: list[Finding] = []
        self.settings: Mapping[str, Any] = settings if settings is not None else {}
        self._memos: dict[Callable[[Any], Any], Any] = {}
        self._models: list[tuple[int, dict[str, Any]]] | None = None
        self._sourcemap: SourceMap | None = None
        # Set by the loader; with duplicate keys, positions must come from exhaustive scans.
        self.duplicate_keys = False

    def __repr__(self) -> str:
        return f"ProviderFile({self.display!r}, parsed={self.parsed})"

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def sourcemap(self) -> SourceMap:
        if self._sourcemap is None:
            self._sourcemap = SourceMap(self.text or "", exhaustive=self.duplicate_keys)
        return self._sourcemap

    def set_sourcemap(self, smap: SourceMap) -> None:
        self._sourcemap = smap

    def get(self, key: str) -> Any:
        return self.data.get(key) if isinstance(self.data, dict) else None

    def get_str(self, key: str) -> str | None:
        value = self.get(key)
        return value if isinstance(value, str) else None

    @property
    def provider_id(self) -> str | None:
        return self.get_str("id")

    def memo(self, compute: Callable[[ProviderFile], T]) -> T:
        """`compute(self)`, computed once per file: for rules that share work (the schema
        rules share one validation). Keyed by the function, so it is typed and cannot clash."""
        return _memo(self._memos, compute, self)

    def models(self) -> list[tuple[int, dict[str, Any]]]:
        """(index, model) for every model entry that is an object."""
        if self._models is None:
            raw = self.get("models")
            self._models = (
                [(i, m) for i, m in enumerate(raw) if isinstance(m, dict)] if isinstance(raw, list) else []
            )
        return self._models

    def model_ids(self) -> set[str]:
        return {m["id"] for _, m in self.models() if isinstance(m.get("id"), str)}

    def model_id_at(self, pointer: str) -> str | None:
        tokens = jp.split(pointer)
        if len(tokens) >= 2 and tokens[0] == "models" and tokens[1].isdigit():
            raw = self.get("models")
            index = int(tokens[1])
            if isinstance(raw, list) and index < len(raw) and isinstance(raw[index], dict):
                model_id = raw[index].get("id")
                return model_id if isinstance(model_id, str) else None
        return None

    def field_at(self, pointer: str) -> str | None:
        """The last object key on the pointer's path (array indexes are skipped)."""
        node = self.data
        last: str | None = None
        for token in jp.split(pointer):
            if isinstance(node, dict):
                last = token
                node = node.get(token)
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                last = token
                node = None
        return last


class Database:
    """Every provider file of one check run (only those whose JSON parsed)."""

    __slots__ = ("_memos", "files", "settings")

    def __init__(self, files: list[ProviderFile], settings: Mapping[str, Any] | None = None) -> None:
        self.files = files
        self.settings: Mapping[str, Any] = settings if settings is not None else {}
        self._memos: dict[Callable[[Any], Any], Any] = {}

    def memo(self, compute: Callable[[Database], T]) -> T:
        """`compute(self)`, computed once per run (the rule families' shared context)."""
        return _memo(self._memos, compute, self)

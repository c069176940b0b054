"""RFC 6901 JSON Pointers: building, escaping and splitting."""

from __future__ import annotations

from collections.abc import Iterable


def escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join(*tokens: str | int) -> str:
    """Build a pointer from unescaped tokens: join("models", 3, "id") == "/models/3/id"."""
    return "".join("/" + escape(t) for t in tokens)


def child(pointer: str, token: str | int) -> str:
    return pointer + "/" + escape(token)


def split(pointer: str) -> tuple[str, ...]:
    """Unescaped tokens of a pointer; "" (the whole document) has none."""
    if not pointer:
        return ()
    if not pointer.startswith("/"):
        raise ValueError(f"JSON pointer must start with '/': {pointer!r}")
    if "~" not in pointer:
        return tuple(pointer[1:].split("/"))
    return tuple(unescape(t) for t in pointer[1:].split("/"))


def from_tokens(tokens: Iterable[str | int]) -> str:
    return join(*tokens)

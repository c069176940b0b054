"""Model ids: trimmed and unique within their provider."""

from __future__ import annotations

from collections.abc import Iterator

from catwalk import pointer as jp
from catwalk.document import ProviderFile
from catwalk.rules import Hit, rule


@rule("CW203", "untrimmed-model-id")
def untrimmed_model_id(pf: ProviderFile) -> Iterator[Hit]:
    """A model id starts or ends with whitespace.

    The id is sent to the API verbatim; `" gpt-5"` is a different (and nonexistent)
    model. Empty ids are reported by CW104.

    ## How to fix
    Remove the surrounding whitespace.

    ## Example
    Bad: `"id": "gpt-5 "`
    Good: `"id": "gpt-5"`
    """
    for index, model in pf.models():
        model_id = model.get("id")
        if isinstance(model_id, str) and model_id.strip() and model_id != model_id.strip():
            yield Hit(
                jp.join("models", index, "id"), f"model id {model_id!r} has leading or trailing whitespace"
            )


@rule("CW204", "duplicate-model-id")
def duplicate_model_id(pf: ProviderFile) -> Iterator[Hit]:
    """Two models of one provider share an id.

    Crush picks one of them; the other's prices and limits are dead data that readers
    and reviewers still trust.

    ## How to fix
    Delete the stale copy, or correct the id of the one that is a different model.

    ## Example
    Bad: two entries with `"id": "deepseek-chat"`
    Good: one entry with `"id": "deepseek-chat"`
    """
    first: dict[str, int] = {}
    for index, model in pf.models():
        model_id = model.get("id")
        if not isinstance(model_id, str):
            continue
        if model_id in first:
            yield Hit(
                jp.join("models", index, "id"),
                f"model id {model_id!r} is already used by models[{first[model_id]}]",
            )
        else:
            first[model_id] = index


# Letters that render as nothing (Hangul fillers, the blank braille pattern): invisible
# without being format characters.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Characters that reorder the text around them (Trojan Source, CVE-2021-42574).
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _hidden(text: str) -> list[str]:
    """The characters of `text` a reader cannot see or that change what they see."""
    if text.isascii() and text.isprintable():
        return []  # nearly every id and name: no per-character work
    import unicodedata

    return [
        c
        for c in dict.fromkeys(text)
        if c in _BIDI_CONTROLS
        or c in _BLANK_LETTERS
        or unicodedata.category(c) in ("Cc", "Cf", "Co", "Cn", "Zl", "Zp")
    ]


def _describe(characters: list[str]) -> str:
    import unicodedata

    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'a control character')}" for c in characters)


@rule("CW206", "hidden-character")
def hidden_character(pf: ProviderFile) -> Iterator[Hit]:
    """An id or name holds a character that cannot be seen.

    A control character, a zero-width or other format character, a bidirectional
    override or a blank letter. `"gpt-4\\u200b"` looks exactly like `"gpt-4"` in every
    editor and review tool, but it is another model id: an invisible duplicate that
    defeats CW204, a request for a model that does not exist, or a way to make a
    reviewed diff mean something else (bidirectional overrides reorder what a reviewer
    sees). Ids must be plain text; in
    names, joiners used by scripts and emoji are a warning, everything else an error.

    ## How to fix
    Retype the id or name; the finding names each hidden character by its code point.

    ## Example
    Bad: `"id": "gpt-4\\u200b"`
    Good: `"id": "gpt-4"`
    """
    from catwalk.findings import Severity

    # Pointers are built only for the rare value that has a hidden character (this rule
    # looks at every id and name of every file on every commit).
    places: list[tuple[str, str, bool]] = []  # (pointer, value, is an id)
    for key, is_id in _PROVIDER_FIELDS:
        value = pf.get(key)
        if isinstance(value, str) and _hidden(value):
            places.append((jp.child("", key), value, is_id))
    for index, model in pf.models():
        for key, is_id in _MODEL_FIELDS:
            value = model.get(key)
            if isinstance(value, str) and not (value.isascii() and value.isprintable()) and _hidden(value):
                places.append((jp.join("models", index, key), value, is_id))
    for ptr, value, is_id in places:
        hidden = _hidden(value)
        field = ptr.rsplit("/", 1)[-1]
        what = (
            "model " if ptr.startswith("/models/") else "provider " if field in ("id", "name") else ""
        ) + field
        joiners_only = all(c in "\u200c\u200d" for c in hidden)
        shown = "".join(f"\\u{ord(c):04x}" if c in hidden else c for c in value)
        yield Hit(
            ptr,
            f"{what} {shown!r} holds {_describe(hidden)}, which cannot be seen",
            severity=Severity.WARNING if joiners_only and not is_id else None,
        )


_PROVIDER_FIELDS = (
    ("id", True),
    ("name", False),
    ("default_large_model_id", True),
    ("default_small_model_id", True),
)
_MODEL_FIELDS = (("id", True), ("name", False))

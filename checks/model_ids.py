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

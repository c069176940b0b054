"""The provider's default models exist in its model list."""

from __future__ import annotations

from collections.abc import Iterator

from catwalk.document import ProviderFile
from catwalk.rules import Hit, rule


@rule("CW205", "default-model-missing")
def default_model_missing(pf: ProviderFile) -> Iterator[Hit]:
    """`default_large_model_id` or `default_small_model_id` names a model that is not listed.

    Crush selects the default models when a user first picks the provider; a default that
    is not in `models` leaves the user with a broken setup (no prices, no limits), and
    usually means the model was renamed or removed.

    ## How to fix
    Point the default at a listed model (the successor of the removed one), or add the
    model to `models`.

    ## Example
    Bad: `"default_large_model_id": "claude-opus-4-6"` with no such model listed
    Good: `"default_large_model_id": "claude-opus-4-7"`, a listed model
    """
    if not isinstance(pf.get("models"), list):
        return
    ids = pf.model_ids()
    for key in ("default_large_model_id", "default_small_model_id"):
        value = pf.get_str(key)
        if value and value not in ids:
            yield Hit(f"/{key}", f"`{key}` {value!r} is not one of this provider's models")

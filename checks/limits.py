"""Token limits agree with each other."""

from __future__ import annotations

from collections.abc import Iterator

from catwalk import pointer as jp
from catwalk.document import ProviderFile
from catwalk.rules import Hit, rule


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@rule("CW301", "max-tokens-exceeds-context")
def max_tokens_exceeds_context(pf: ProviderFile) -> Iterator[Hit]:
    """`default_max_tokens` is larger than `context_window`.

    The output budget is part of the context window; providers reject such requests with
    HTTP 400 before generating a single token.

    ## How to fix
    Use the provider's documented max output, or a fraction of the context window when
    none is documented (Catwalk's generators use a tenth).

    ## Example
    Bad: `"context_window": 2048, "default_max_tokens": 4096`
    Good: `"context_window": 2048, "default_max_tokens": 1024`
    """
    for index, model in pf.models():
        context, max_tokens = _int(model.get("context_window")), _int(model.get("default_max_tokens"))
        if context and max_tokens and context > 0 and max_tokens > context:
            yield Hit(
                jp.join("models", index, "default_max_tokens"),
                f"default_max_tokens {max_tokens} exceeds context_window {context}",
            )

"""Credentials: keys are referenced from the environment, never written into a file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from catwalk import pointer as jp
from catwalk.document import ProviderFile
from catwalk.rules import Hit, rule
from catwalk.secrets import is_env_reference, looks_like_key


@rule("CW501", "literal-api-key")
def literal_api_key(pf: ProviderFile) -> Iterator[Hit]:
    """`api_key` holds a literal value instead of an environment reference.

    Provider files are public; a key written into one is leaked the moment it is pushed.
    The value is never repeated in our output.

    ## How to fix
    Replace it with a reference such as `$OPENAI_API_KEY` (Crush expands it from the
    environment), and revoke the key if it was real.

    ## Example
    Bad: `"api_key": "sk-proj-…"`
    Good: `"api_key": "$OPENAI_API_KEY"`
    """
    value = pf.get("api_key")
    if isinstance(value, str) and value and not is_env_reference(value):
        kind = "an API key" if looks_like_key(value) else "a literal value"
        yield Hit(
            "/api_key",
            f"api_key holds {kind} ({len(value)} characters, not shown); "
            "use an environment reference such as $PROVIDER_API_KEY and revoke the key if it was real",
        )


# Model fields that only ever hold ids, names, numbers and flags: never scanned, because
# scanning every model's every value is the largest cost of this rule.
_PLAIN_MODEL_FIELDS = frozenset(
    {
        "id", "name", "cost_per_1m_in", "cost_per_1m_out", "cost_per_1m_in_cached",
        "cost_per_1m_out_cached", "context_window", "default_max_tokens", "can_reason",
        "reasoning_levels", "default_reasoning_effort", "supports_attachments",
    }
)  # fmt: skip


def _places(pf: ProviderFile) -> Iterator[tuple[str, Any]]:
    """Where a credential can hide: every provider-level value except `api_key` (CW501's)
    and the model list, and per model its `options` and any key outside the format."""
    data = pf.data
    if not isinstance(data, dict):
        yield "", data
        return
    for key, value in data.items():
        if key not in ("api_key", "models"):
            yield jp.child("", key), value
    for index, model in pf.models():
        for key in model.keys() - _PLAIN_MODEL_FIELDS:
            yield jp.join("models", index, key), model[key]


def _strings(ptr: str, data: Any) -> Iterator[tuple[str, str]]:
    stack: list[tuple[str, Any]] = [(ptr, data)]
    while stack:
        ptr, value = stack.pop()
        if isinstance(value, str):
            yield ptr, value
        elif isinstance(value, dict):
            stack.extend((jp.child(ptr, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((jp.child(ptr, i), v) for i, v in enumerate(value))


@rule("CW502", "secret-in-file")
def secret_in_file(pf: ProviderFile) -> Iterator[Hit]:
    """A value outside `api_key` looks like an API key or token.

    Keys hide in `default_headers` (`Authorization: Bearer sk-…`), the endpoint URL,
    model `options` and misspelt keys (`"apiKey"`) as easily as in `api_key`. Every such
    place is scanned (model ids, names, prices and limits are not). Recognised formats:
    OpenAI, Anthropic, OpenRouter, Groq, xAI, Hugging Face, Google, GitHub and AWS keys.
    The value is never repeated.

    ## How to fix
    Remove the key from the file; pass it through the environment. Revoke it if it was real.

    ## Example
    Bad: `"default_headers": {"Authorization": "Bearer sk-proj-…"}`
    Good: no credentials in `default_headers`
    """
    found = [(ptr, text) for place, value in _places(pf) for ptr, text in _strings(place, value)]
    for ptr, value in sorted(found):
        if looks_like_key(value):
            yield Hit(
                ptr,
                "value looks like an API key or token (not shown); remove it and revoke it if it was real",
            )

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


def _strings(data: Any) -> Iterator[tuple[str, str]]:
    stack: list[tuple[str, Any]] = [("", data)]
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
    """A value elsewhere in the file looks like an API key or token.

    Keys hide in `default_headers` (`Authorization: Bearer sk-…`) or provider options as
    easily as in `api_key`. Recognised formats: OpenAI, Anthropic, OpenRouter, Groq, xAI,
    Hugging Face, Google, GitHub and AWS keys. The value is never repeated.

    ## How to fix
    Remove the key from the file; pass it through the environment. Revoke it if it was real.

    ## Example
    Bad: `"default_headers": {"Authorization": "Bearer sk-proj-…"}`
    Good: no credentials in `default_headers`
    """
    # The raw text is scanned first (C speed); the walk that names the place runs only on a hit.
    if pf.text is None or not looks_like_key(pf.text):
        return
    for ptr, value in sorted(_strings(pf.data)):
        if ptr != "/api_key" and looks_like_key(value):
            yield Hit(
                ptr,
                "value looks like an API key or token (not shown); remove it and revoke it if it was real",
            )

"""Credentials: keys are referenced from the environment, never written into a file."""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from catwalk import pointer as jp
from catwalk.document import ProviderFile
from catwalk.findings import Severity
from catwalk.rules import Hit, rule
from catwalk.secrets import env_variable, is_env_reference, looks_like_key


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


@functools.cache
def _reference_pattern() -> re.Pattern[str]:
    return re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?")


def _references(text: str) -> Iterator[str]:
    """The variables `$NAME` and `${NAME}` in a string (Crush expands them all)."""
    if "$" in text:
        for match in _reference_pattern().finditer(text):
            yield match.group(1)


@rule("CW505", "borrowed-key-variable")
def borrowed_key_variable(pf: ProviderFile) -> Iterator[Hit]:
    """The file names another provider's key variable (or a CI platform secret).

    Crush expands every `$VARIABLE` a provider file names and sends the value to that
    provider's host; so does the nightly drift job, which holds every provider's secret.
    A file that names `$OPENAI_API_KEY` for another provider sends its users' OpenAI key
    to someone else. Each key variable belongs to the providers whose home lists it
    (`catwalk keys`); naming it from a file whose endpoint is on that home (a second entry
    of the same vendor) is fine.

    Errors: another provider's key variable; any key variable inside `api_endpoint` (the
    key would become part of the URL). Warnings: a CI platform secret such as
    `$GITHUB_TOKEN` (never read by the drift job), and a provider with a known home whose
    `api_key` names a variable its home does not list (the drift job reads the home's).

    ## How to fix
    Name this provider's own variable, such as `$MYPROVIDER_API_KEY`.

    ## Example
    Bad: `"id": "some-gateway", "api_key": "$ANTHROPIC_API_KEY"`
    Good: `"id": "some-gateway", "api_key": "$SOME_GATEWAY_API_KEY"`
    """
    from catwalk import homes as homes_module

    provider_id = pf.provider_id
    data = pf.data
    if provider_id is None or not isinstance(data, dict):
        return
    table = homes_module.packaged()
    endpoint = pf.get_str("api_endpoint") or ""
    host = None
    if endpoint and not is_env_reference(endpoint):
        with contextlib.suppress(ValueError):
            host = urlsplit(endpoint.strip()).hostname
    provider_level = [(jp.child("", k), v) for k, v in data.items() if k != "models"]
    for ptr, text in sorted(s for place, value in provider_level for s in _strings(place, value)):
        for variable in dict.fromkeys(_references(text)):
            if homes_module.is_platform_secret(variable):
                yield Hit(
                    ptr,
                    f"names ${variable}, a secret of the CI platform, not a provider key; "
                    "the drift job never reads it",
                    severity=Severity.WARNING,
                )
                continue
            owners = table.owners_of(variable)
            if not owners:
                continue
            if ptr == "/api_endpoint":
                yield Hit(ptr, f"api_endpoint names ${variable}, which holds a key, not a URL")
            elif provider_id not in owners:
                own_host = host is not None and homes_module.host_matches(host, table.hosts_of(owners))
                if not own_host:
                    yield Hit(
                        ptr,
                        f"names ${variable}, the key of {', '.join(owners)}: Crush would send it to "
                        f"{host or 'this provider'}; name {provider_id}'s own variable",
                    )
    home = table.get(provider_id)
    named = env_variable(pf.get_str("api_key") or "")
    if (
        home is not None
        and home.keys
        and named is not None
        and named not in home.keys
        and not table.owners_of(named)
        and not homes_module.is_platform_secret(named)
    ):
        listed = " or ".join("$" + v for v in home.keys)
        yield Hit(
            "/api_key",
            f"the drift job reads {provider_id}'s key only from {listed}, not ${named}",
            severity=Severity.WARNING,
        )

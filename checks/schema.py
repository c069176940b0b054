"""Schema rules: types, required keys, allowed values and ranges, unknown keys.

All five rules share one pass of the validator over the file (memoised per file), which
interprets `schema/provider.schema.json`, the schema generated from the pydantic models.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from catwalk.document import ProviderFile
from catwalk.resources import provider_schema
from catwalk.rules import Hit, rule
from catwalk.validator import SchemaError, Validator


@cache
def _validator() -> Validator:
    return Validator(provider_schema(), secret_fields=frozenset({"api_key"}))


def _validate(pf: ProviderFile) -> list[SchemaError]:
    return list(_validator().iter_errors(pf.data))


def _errors(pf: ProviderFile, kind: str) -> Iterator[Hit]:
    for error in pf.memo(_validate):  # one validation for the five schema rules
        if error.kind == kind:
            yield Hit(error.pointer, error.message)


@rule("CW101", "unknown-key")
def unknown_key(pf: ProviderFile) -> Iterator[Hit]:
    """A key that the Catwalk v2 format does not define.

    Crush ignores unknown keys silently, so a misspelt or outdated key means the value
    you meant to set is not set at all (Catwalk once shipped `has_reasoning_efforts` and
    model-level `temperature`, which did nothing).

    ## How to fix
    Rename the key to the one the message suggests, move it (sampling options belong
    under `options`), or delete it.

    ## Example
    Bad: `{"id": "gemma-4-31b", "temperature": 1}`
    Good: `{"id": "gemma-4-31b", "options": {"temperature": 1}}`
    """
    return _errors(pf, "unknown-key")


@rule("CW102", "missing-key")
def missing_key(pf: ProviderFile) -> Iterator[Hit]:
    """A required key is missing.

    Providers need `name`, `id`, `type`, both default model ids and `models`; models
    need `id`, `name`, both prices, `context_window` and `default_max_tokens`. Crush
    would read a missing price as free and a missing limit as zero.

    ## How to fix
    Add the key with the provider's documented value.

    ## Example
    Bad: `{"id": "m", "name": "M", "cost_per_1m_in": 1, "cost_per_1m_out": 2, "context_window": 8192}`
    Good: the same with `"default_max_tokens": 4096`
    """
    return _errors(pf, "missing-key")


@rule("CW103", "wrong-type")
def wrong_type(pf: ProviderFile) -> Iterator[Hit]:
    """A value has the wrong JSON type.

    Numbers written as strings, integers written with a decimal point (Go's decoder
    rejects `131072.0` for an integer field), or a list where an object belongs.

    ## How to fix
    Write the value with the type the message names.

    ## Example
    Bad: `"cost_per_1m_in": "0.5"`, `"context_window": 131072.0`
    Good: `"cost_per_1m_in": 0.5`, `"context_window": 131072`
    """
    return _errors(pf, "wrong-type")


@rule("CW104", "invalid-value")
def invalid_value(pf: ProviderFile) -> Iterator[Hit]:
    """A value is not one the format allows.

    An unknown provider `type`, an empty id or name, or a provider id with capitals or
    spaces.

    ## How to fix
    Use one of the allowed values listed in the message.

    ## Example
    Bad: `"type": "openai-compatible"`
    Good: `"type": "openai-compat"`
    """
    return _errors(pf, "invalid-value")


@rule("CW105", "out-of-range")
def out_of_range(pf: ProviderFile) -> Iterator[Hit]:
    """A number is outside its allowed range.

    Prices are ≥ 0; `context_window` and `default_max_tokens` are positive; sampling
    options have their API ranges (temperature 0 to 2, top_p 0 to 1).

    ## How to fix
    Write the real value; a free model has price 0, never a negative one.

    ## Example
    Bad: `"cost_per_1m_out": -1`, `"context_window": 0`
    Good: `"cost_per_1m_out": 0`, `"context_window": 128000`
    """
    return _errors(pf, "out-of-range")

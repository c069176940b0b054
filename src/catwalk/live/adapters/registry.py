"""Which adapter serves a database provider.

`find_adapter(provider_id, provider_type)` looks in this order:
1. an adapter that names the provider id (`provider_ids`); a provider id in
   `UNSUPPORTED_IDS` (an API with no model list) finds none;
2. an adapter that names the provider type (`provider_types`: openai, anthropic,
   google, openrouter, vercel);
3. the generic OpenAI-compatible adapter for types in `FALLBACK_TYPES`.
It returns None when no listing API is usable; `unsupported_reason` then says why (the
fetch layer reports the provider as `skipped` with that reason). The cloud platforms
(Bedrock, Vertex AI) have adapters that sign with the platform's own credentials
(catwalk.live.credentials), skipped when they are absent.

Adapters are discovered: every module of `catwalk.live.adapters` that defines an
`ADAPTER` is one (the generic OpenAI-compatible one is tried last by type, first in
the list). They are stateless; the same instances are returned on every call.

`homes()` gathers every adapter's `homes` and those of the providers no adapter lists
(`unlisted`): where each provider's API and key live (catwalk.homes).
"""

from __future__ import annotations

import importlib
import os

import catwalk.live.adapters as _package
from catwalk.homes import Home, Homes
from catwalk.live.adapters import openai_compat, unlisted
from catwalk.live.adapters.base import Adapter


def _discover() -> tuple[Adapter, ...]:
    """Every module of this package that defines `ADAPTER`, the generic OpenAI-compatible
    one first, then by module name: adding a family is adding its module (and fixture)."""
    names = sorted(
        {
            entry.rsplit(".", 1)[0]
            for directory in _package.__path__
            for entry in os.listdir(directory)
            if entry.endswith((".py", ".pyc")) and not entry.startswith("_")
        }
        - {"registry"}
    )
    found: list[Adapter] = [openai_compat.ADAPTER]
    for name in names:
        adapter = getattr(importlib.import_module(f"{_package.__name__}.{name}"), "ADAPTER", None)
        if isinstance(adapter, Adapter) and adapter not in found:
            found.append(adapter)
    return tuple(found)


ADAPTERS: tuple[Adapter, ...] = _discover()
GENERIC: Adapter = openai_compat.ADAPTER

# Provider types whose API is OpenAI-compatible: the generic adapter can list them.
FALLBACK_TYPES = frozenset({"openai-compat"})

UNSUPPORTED_IDS = unlisted.UNSUPPORTED_IDS
UNSUPPORTED_TYPES = unlisted.UNSUPPORTED_TYPES


def all_adapters() -> list[Adapter]:
    """Every adapter, the generic OpenAI-compatible one first."""
    return list(ADAPTERS)


def find_adapter(provider_id: str, provider_type: str) -> Adapter | None:
    """The adapter that lists this provider's models, or None (see
    `unsupported_reason`)."""
    for adapter in ADAPTERS:
        if provider_id in adapter.provider_ids:
            return adapter
    if provider_id in UNSUPPORTED_IDS:
        return None
    for adapter in ADAPTERS:
        if provider_type in adapter.provider_types:
            return adapter
    if provider_type in FALLBACK_TYPES:
        return GENERIC
    return None


def unsupported_reason(provider_id: str, provider_type: str) -> str | None:
    """Why `find_adapter` finds no adapter for this provider (None when it does)."""
    if find_adapter(provider_id, provider_type) is not None:
        return None
    if provider_id in UNSUPPORTED_IDS:
        return UNSUPPORTED_IDS[provider_id]
    return UNSUPPORTED_TYPES.get(
        provider_type, f"no model-listing adapter for provider type {provider_type!r}"
    )


def adapter_by_family(family: str) -> Adapter | None:
    """The adapter of an API family by its `family` name (e.g. "openrouter")."""
    return next((adapter for adapter in ADAPTERS if adapter.family == family), None)


def homes() -> Homes:
    """Every declared home, and the hosts of the adapter each provider type finds; a
    provider id declared twice is a bug (ValueError)."""
    table: dict[str, Home] = {}
    declared = [(a.family, a.homes) for a in ADAPTERS] + [("unlisted", unlisted.HOMES)]
    for where, entries in declared:
        for provider_id, home in entries.items():
            if provider_id in table:
                raise ValueError(f"the home of {provider_id!r} is declared twice (again by {where})")
            table[provider_id] = home
    by_type = {
        kind: tuple(dict.fromkeys(host for home in adapter.homes.values() for host in home.hosts))
        for adapter in ADAPTERS
        for kind in adapter.provider_types
    }
    reads = {provider_id: adapter.knows for adapter in ADAPTERS for provider_id in adapter.homes}
    return Homes(table, by_type, reads)

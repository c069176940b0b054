"""Which adapter, base URL and API key serve each database provider.

Resolution is pure: it reads the provider file, the environment mapping it is given and
the endpoint overrides, and never does I/O. A provider that cannot be checked gets a
`skip_reason` instead of an exception, so one unusable provider never stops the others.

Base URL, first match wins:
1. `--endpoint ID=URL` on the command line;
2. the `CATWALK_ENDPOINT_<ID>` environment variable (id upper-cased, `-` and `.` -> `_`);
3. the provider file's `api_endpoint` when it is a URL;
4. the variable an `api_endpoint` such as `$ANTHROPIC_API_ENDPOINT` names, when it is set;
5. the adapter's `default_base_url`.
The adapter appends its own path (`/models`, `/v1/models`...) to whichever base wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from catwalk import secrets
from catwalk.document import ProviderFile
from catwalk.errors import UsageError
from catwalk.live.adapters.base import Adapter

# find_adapter(provider_id, provider_type) -> Adapter | None
AdapterLookup = Callable[[str, str], "Adapter | None"]


@dataclass(frozen=True)
class Target:
    """One database provider and how to reach its model-listing API."""

    provider_id: str
    file: ProviderFile
    adapter: Adapter | None = None
    base_url: str | None = None
    # repr=False: a Target printed in a log or a failing assertion never shows the key.
    api_key: str | None = field(default=None, repr=False)
    key_variable: str | None = None
    skip_reason: str | None = None

    @property
    def ready(self) -> bool:
        return self.skip_reason is None and self.adapter is not None and self.base_url is not None

    @property
    def source(self) -> str | None:
        """The listing URL without credentials, query or fragment (for reports)."""
        if self.adapter is None or self.base_url is None:
            return None
        try:
            return public_url(self.adapter.url(self.base_url))
        except Exception:
            return public_url(self.base_url)


def public_url(url: str) -> str:
    """`url` without user info, query string or fragment: safe to print."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def env_variable(reference: str) -> str | None:
    """`OPENAI_API_KEY` for "$OPENAI_API_KEY" or "${OPENAI_API_KEY}", else None."""
    return secrets.env_variable(reference.strip())


def endpoint_variable(provider_id: str) -> str:
    """CATWALK_ENDPOINT_<ID>: the id upper-cased, `-` and `.` become `_`."""
    return "CATWALK_ENDPOINT_" + re.sub(r"[-.]", "_", provider_id).upper()


def check_url(url: str, where: str) -> str:
    """The URL if it is absolute http(s) with a host; UsageError naming `where` otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{where}: {url!r} is not an http:// or https:// URL")
    if parts.query or parts.fragment:
        raise UsageError(f"{where}: the base URL must not carry a query or fragment: {public_url(url)}")
    return url.strip()


def parse_endpoint_overrides(values: Iterable[str] | None) -> dict[str, str]:
    """`["openrouter=http://127.0.0.1:8080"]` -> {"openrouter": "http://127.0.0.1:8080"}."""
    overrides: dict[str, str] = {}
    for value in values or ():
        provider_id, sep, url = value.partition("=")
        provider_id = provider_id.strip()
        if not sep or not provider_id or not url.strip():
            raise UsageError(f"--endpoint expects ID=URL, got {value!r}")
        overrides[provider_id] = check_url(url, f"--endpoint {provider_id}")
    return overrides


def default_lookup() -> AdapterLookup:
    from catwalk.live.adapters.registry import find_adapter

    return find_adapter


def default_explain() -> Callable[[str, str], str | None]:
    from catwalk.live.adapters.registry import unsupported_reason

    return unsupported_reason


def _usable_url(value: str) -> bool:
    parts = urlsplit(value.strip())
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def resolve_one(
    pf: ProviderFile,
    lookup: AdapterLookup,
    overrides: Mapping[str, str],
    environ: Mapping[str, str],
    explain: Callable[[str, str], str | None] | None = None,
) -> Target:
    provider_id = pf.provider_id or pf.stem
    if not pf.parsed or not isinstance(pf.data, dict):
        return Target(
            provider_id, pf, skip_reason="the file is not a readable provider object (catwalk check)"
        )
    provider_type = pf.get_str("type")
    if provider_type is None:
        return Target(provider_id, pf, skip_reason="the file has no string `type`")
    adapter = lookup(provider_id, provider_type)
    if adapter is None:
        why = explain(provider_id, provider_type) if explain is not None else None
        return Target(
            provider_id,
            pf,
            skip_reason=why
            or f"no usable model-listing API adapter for this provider (type {provider_type})",
        )

    base_url, problem = _base_url(pf, provider_id, adapter, overrides, environ)
    if problem is not None:
        return Target(provider_id, pf, adapter=adapter, skip_reason=problem)

    key_ref = pf.get_str("api_key")
    key_variable = env_variable(key_ref) if key_ref else None
    if key_ref is None:
        # No api_key in the file (Copilot): the adapter may know where such keys live.
        key_variable = next((v for v in getattr(adapter, "key_env", ()) if environ.get(v)), None)
        if key_variable is not None:
            key_ref = "$" + key_variable
    api_key = (environ.get(key_variable) or None) if key_variable else None
    if adapter.requires_key and api_key is None:
        if key_ref is None:
            fallbacks = " or ".join("$" + v for v in getattr(adapter, "key_env", ()))
            reason = "the listing API needs a key and the provider file names no api_key variable" + (
                f" ({fallbacks} is not set either)" if fallbacks else ""
            )
        elif key_variable is None:
            # A literal key in the file is CW501's business; it is never sent anywhere.
            reason = "api_key is not an environment reference; refusing to use a literal key"
        else:
            reason = f"API key not set: ${key_variable} is empty or unset"
        return Target(provider_id, pf, adapter=adapter, base_url=base_url, skip_reason=reason)
    return Target(
        provider_id, pf, adapter=adapter, base_url=base_url, api_key=api_key, key_variable=key_variable
    )


def _base_url(
    pf: ProviderFile,
    provider_id: str,
    adapter: Adapter,
    overrides: Mapping[str, str],
    environ: Mapping[str, str],
) -> tuple[str, None] | tuple[None, str]:
    if provider_id in overrides:
        return overrides[provider_id], None
    variable = endpoint_variable(provider_id)
    from_env = environ.get(variable, "").strip()
    if from_env:
        if not _usable_url(from_env):
            return None, f"${variable} is not an http(s) URL"
        return from_env, None
    endpoint = pf.get_str("api_endpoint")
    default = getattr(adapter, "default_base_url", "") or ""
    if endpoint:
        reference = env_variable(endpoint)
        if reference is None:
            if _usable_url(endpoint):
                return endpoint.strip(), None
            return None, f"api_endpoint {endpoint!r} is not an http(s) URL"
        value = environ.get(reference, "").strip()
        if value:
            if not _usable_url(value):
                return None, f"${reference} (api_endpoint) is not an http(s) URL"
            return value, None
    if default:
        return default, None
    return None, "no base URL: api_endpoint is unset and the adapter has no default"


def resolve(
    files: Sequence[ProviderFile],
    *,
    overrides: Mapping[str, str] | None = None,
    environ: Mapping[str, str] | None = None,
    lookup: AdapterLookup | None = None,
) -> list[Target]:
    """One Target per provider file, in file order. A later file repeating an id is skipped."""
    import os

    env = os.environ if environ is None else environ
    find = lookup if lookup is not None else default_lookup()
    explain = default_explain() if lookup is None else None
    targets: list[Target] = []
    seen: set[str] = set()
    for pf in files:
        target = resolve_one(pf, find, overrides or {}, env, explain)
        if target.provider_id in seen:
            target = Target(
                target.provider_id, pf, skip_reason="duplicate provider id (also in an earlier file)"
            )
        seen.add(target.provider_id)
        targets.append(target)
    return targets


# Shorter values are not real keys, and replacing every occurrence of, say, "k" would
# shred the output while protecting nothing.
MIN_SECRET_LENGTH = 6


def known_secrets(targets: Iterable[Target]) -> list[str]:
    """Every key value in play, longest first (so a key containing another is hidden whole)."""
    keys = {t.api_key for t in targets if t.api_key and len(t.api_key) >= MIN_SECRET_LENGTH}
    return sorted(keys, key=len, reverse=True)

"""Which adapter, base URL and API key serve each database provider, and where its
requests may go.

Resolution is pure: it reads the provider file, the environment mapping it is given, the
endpoint overrides and the homes, and never does I/O. A provider that cannot be checked
gets a `skip_reason` instead of an exception, so one unusable provider never stops the
others.

Base URL, first match wins:
1. `--endpoint ID=URL` on the command line (the operator's);
2. the `CATWALK_ENDPOINT_<ID>` environment variable (id upper-cased, `-` and `.` -> `_`;
   the operator's);
3. the provider file's `api_endpoint` when it is a URL;
4. the variable an `api_endpoint` such as `$ANTHROPIC_API_ENDPOINT` names, when it is set
   (the operator's when it is one of the home's endpoint variables);
5. the adapter's `home_base_url` (its `default_base_url`; a cloud platform's regional
   endpoint, the region from the environment or the file).
The adapter appends its own path (`/models`, `/v1/models`...) to whichever base wins. The
URL must then pass the provider's `Grant` (catwalk.live.trust): a file cannot send a key
to a host its provider's home does not list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from catwalk import secrets
from catwalk.document import ProviderFile
from catwalk.errors import UsageError
from catwalk.homes import Homes, is_platform_secret
from catwalk.live.adapters.base import Adapter
from catwalk.live.credentials import Credentials
from catwalk.live.trust import Grant, OperatorHost, Refused, grant, operator_host

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
    # Where its requests may go; the fetch layer asks it again for every request.
    grant: Grant | None = None
    # A cloud platform's signer, in place of api_key (repr=False for the same reason).
    credentials: Credentials | None = field(default=None, repr=False)
    # False: the provider has no model-listing API at all (not tonight's missing key):
    # the catalogues and the calendar are all that can ever speak for it.
    listing: bool = True

    @property
    def ready(self) -> bool:
        return (
            self.skip_reason is None
            and self.adapter is not None
            and self.base_url is not None
            and self.grant is not None
        )

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
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return "(an invalid URL)"
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = f"{host}:{port}" if port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def env_variable(reference: str) -> str | None:
    """`OPENAI_API_KEY` for "$OPENAI_API_KEY" or "${OPENAI_API_KEY}", else None."""
    return secrets.env_variable(reference.strip())


def endpoint_variable(provider_id: str) -> str:
    """CATWALK_ENDPOINT_<ID>: the id upper-cased, `-` and `.` become `_`."""
    return "CATWALK_ENDPOINT_" + re.sub(r"[-.]", "_", provider_id).upper()


def _url_problem(url: str) -> str | None:
    """Why `url` is not an absolute http(s) base URL (None when it is)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
        has_user_info = parts.username is not None or parts.password is not None
    except ValueError:
        return "is not a valid URL"
    del port
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "is not an http:// or https:// URL"
    if has_user_info:
        return "carries user info (credentials); pass keys through the environment"
    if parts.query or parts.fragment:
        return "must not carry a query or fragment"
    return None


def check_url(url: str, where: str) -> str:
    """The URL if it is an absolute http(s) base URL; UsageError naming `where` otherwise.
    Plain http is accepted only for a loopback host (tests, local mirrors)."""
    from catwalk.homes import is_loopback

    problem = _url_problem(url)
    if problem is not None:
        raise UsageError(f"{where}: {public_url(url)!r} {problem}")
    parts = urlsplit(url.strip())
    if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
        raise UsageError(f"{where}: plain http is allowed only for a loopback host; use https://")
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


def default_homes() -> Homes:
    from catwalk.live.adapters.registry import homes

    return homes()


def key_problem(value: str) -> str | None:
    """Why an environment value cannot be a key (never quoting it), or None."""
    if not value.isascii():
        return "holds non-ASCII characters"
    if any(c.isspace() or not c.isprintable() for c in value):
        return "holds whitespace or control characters (a CRLF .env file or a pasted newline?)"
    return None


class Resolver:
    """Resolves provider files against one environment, set of overrides and homes."""

    def __init__(  # noqa: PLR0917 - one call site, every argument named there
        self,
        lookup: AdapterLookup,
        overrides: Mapping[str, str],
        environ: Mapping[str, str],
        homes: Homes,
        allowed_hosts: Mapping[str, Sequence[str]],
        explain: Callable[[str, str], str | None] | None = None,
    ) -> None:
        self.lookup = lookup
        self.overrides = overrides
        self.environ = environ
        self.homes = homes
        self.allowed_hosts = allowed_hosts
        self.explain = explain

    def operator_hosts(self, provider_id: str) -> list[OperatorHost]:
        """Hosts the operator named for this provider (never anything a data file says)."""
        urls = [self.overrides.get(provider_id, ""), self.environ.get(endpoint_variable(provider_id), "")]
        home = self.homes.get(provider_id)
        urls += [self.environ.get(v, "") for v in (home.endpoints if home is not None else ())]
        named = [host for url in urls if url.strip() and (host := operator_host(url))]
        return named + [(str(h), None) for h in self.allowed_hosts.get(provider_id, ())]

    def one(self, pf: ProviderFile) -> Target:
        provider_id = pf.provider_id or pf.stem
        if not pf.parsed or not isinstance(pf.data, dict):
            return Target(
                provider_id, pf, skip_reason="the file is not a readable provider object (catwalk check)"
            )
        provider_type = pf.get_str("type")
        if provider_type is None:
            return Target(provider_id, pf, skip_reason="the file has no string `type`")
        adapter = self.lookup(provider_id, provider_type)
        if adapter is None:
            why = self.explain(provider_id, provider_type) if self.explain is not None else None
            return Target(
                provider_id,
                pf,
                skip_reason=why
                or f"no usable model-listing API adapter for this provider (type {provider_type})",
                listing=False,
            )

        def skip(reason: str, base_url: str | None = None) -> Target:
            return Target(provider_id, pf, adapter=adapter, base_url=base_url, skip_reason=reason)

        try:
            base_url = self.base_url(pf, provider_id, adapter)
        except Refused as exc:
            return skip(str(exc))

        try:
            credentials = adapter.credentials(pf.data, self.environ, base_url)
        except Refused as exc:
            return skip(str(exc), base_url)
        if credentials is not None:
            return self.signed(pf, provider_id, adapter, base_url, credentials)

        key_ref = pf.get_str("api_key")
        key_variable = env_variable(key_ref) if key_ref else None
        if key_ref is None:
            # No api_key in the file (Copilot): the provider's home says where its key lives.
            home = self.homes.get(provider_id)
            key_variable = next((v for v in (home.keys if home else ()) if self.environ.get(v)), None)
            if key_variable is not None:
                key_ref = "$" + key_variable
        operator = self.operator_hosts(provider_id)
        try:
            if key_variable is not None:
                grant(provider_id, key_variable, self.homes, operator)  # a variable it may not read
            api_key = (self.environ.get(key_variable) or None) if key_variable else None
            if api_key is not None and key_variable is not None:
                problem = key_problem(api_key)
                if problem is not None:
                    raise Refused(f"${key_variable} {problem}; fix the secret (its value is not shown)")
            if adapter.requires_key and api_key is None:
                raise Refused(self._missing_key(provider_id, key_ref, key_variable))
            allowed = grant(provider_id, key_variable if api_key else None, self.homes, operator)
            allowed.check(adapter.url(base_url))
        except Refused as exc:
            return skip(str(exc), base_url)
        return Target(
            provider_id,
            pf,
            adapter=adapter,
            base_url=base_url,
            api_key=api_key,
            key_variable=key_variable,
            grant=allowed,
        )

    def signed(
        self, pf: ProviderFile, provider_id: str, adapter: Adapter, base_url: str, credentials: Credentials
    ) -> Target:
        """A cloud platform's Target: its credentials go where a key would (its home hosts
        or a host the operator named), never where the file points elsewhere."""
        allowed = grant(provider_id, None, self.homes, self.operator_hosts(provider_id))
        allowed.what = f"its {credentials.scheme} credentials"
        try:
            allowed.check(adapter.url(base_url))
        except Refused as exc:
            return Target(provider_id, pf, adapter=adapter, base_url=base_url, skip_reason=str(exc))
        return Target(
            provider_id, pf, adapter=adapter, base_url=base_url, grant=allowed, credentials=credentials
        )

    def _missing_key(self, provider_id: str, key_ref: str | None, key_variable: str | None) -> str:
        if key_ref is None:
            home = self.homes.get(provider_id)
            fallbacks = " or ".join("$" + v for v in (home.keys if home else ()))
            return "the listing API needs a key and the provider file names no api_key variable" + (
                f" ({fallbacks} is not set either)" if fallbacks else ""
            )
        if key_variable is None:
            # A literal key in the file is CW501's business; it is never sent anywhere.
            return "api_key is not an environment reference; refusing to use a literal key"
        return f"API key not set: ${key_variable} is empty or unset"

    def base_url(self, pf: ProviderFile, provider_id: str, adapter: Adapter) -> str:
        """The base URL by the precedence in the module docstring (not yet checked
        against the Grant: that needs the key variable too)."""
        if provider_id in self.overrides:
            return self.overrides[provider_id]
        variable = endpoint_variable(provider_id)
        from_env = self.environ.get(variable, "").strip()
        if from_env:
            return _usable(from_env, f"${variable}")
        endpoint = pf.get_str("api_endpoint")
        reference = env_variable(endpoint) if endpoint else None
        if endpoint and reference is None:
            return _usable(endpoint.strip(), "api_endpoint")
        if reference is not None:
            if is_platform_secret(reference) or self.homes.owners_of(reference):
                raise Refused(f"api_endpoint names ${reference}, which holds a key, not a URL (CW505)")
            value = self.environ.get(reference, "").strip()
            if value:
                return _usable(value, f"${reference} (api_endpoint)")
        # `one` has checked that the file is an object.
        default = adapter.home_base_url(pf.data, self.environ)
        if default:
            return default
        if reference is not None:
            raise Refused(
                f"no base URL: ${reference} (api_endpoint) is not set and the API has no usual host"
            )
        raise Refused("no base URL: api_endpoint is unset and the adapter has no default")


def _usable(url: str, where: str) -> str:
    problem = _url_problem(url)
    if problem is not None:
        raise Refused(f"{where} {problem}")
    return url


def resolve(
    files: Sequence[ProviderFile],
    *,
    overrides: Mapping[str, str] | None = None,
    environ: Mapping[str, str] | None = None,
    lookup: AdapterLookup | None = None,
    homes: Homes | None = None,
    allowed_hosts: Mapping[str, Sequence[str]] | None = None,
) -> list[Target]:
    """One Target per provider file, in file order. A later file repeating an id is skipped."""
    import os

    resolver = Resolver(
        lookup=lookup if lookup is not None else default_lookup(),
        overrides=overrides or {},
        environ=os.environ if environ is None else environ,
        homes=homes if homes is not None else default_homes(),
        allowed_hosts=allowed_hosts or {},
        explain=default_explain() if lookup is None else None,
    )
    targets: list[Target] = []
    seen: set[str] = set()
    for pf in files:
        target = resolver.one(pf)
        if target.provider_id in seen:
            target = Target(
                target.provider_id, pf, skip_reason="duplicate provider id (also in an earlier file)"
            )
        seen.add(target.provider_id)
        targets.append(target)
    return targets


def known_secrets(targets: Iterable[Target]) -> list[str]:
    """Every key value in play, longest first (so a key containing another is hidden whole)."""
    values: list[str | None] = []
    for target in targets:
        values.append(target.api_key)
        values += target.credentials.secrets if target.credentials is not None else ()
    keys = {value for value in values if value and len(value) >= secrets.MIN_SECRET_LENGTH}
    return sorted(keys, key=len, reverse=True)

"""API endpoints are HTTPS URLs or environment references."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from catwalk.document import ProviderFile
from catwalk.findings import Severity
from catwalk.rules import Hit, rule
from catwalk.secrets import env_variable, is_env_reference, redact


@rule("CW503", "insecure-endpoint")
def insecure_endpoint(pf: ProviderFile) -> Iterator[Hit]:
    """`api_endpoint` is neither an `https://` URL nor an environment reference.

    Plain `http://` sends the user's API key and prompts in clear text; anything else is
    not a URL Crush can call.

    ## How to fix
    Use the provider's `https://` base URL, or `$PROVIDER_API_ENDPOINT` when users must
    supply their own (Azure, self-hosted gateways).

    ## Example
    Bad: `"api_endpoint": "http://api.example.com/v1"`
    Good: `"api_endpoint": "https://api.example.com/v1"`
    """
    value = pf.get("api_endpoint")
    if not isinstance(value, str) or not value or is_env_reference(value):
        return
    try:
        parts = urlsplit(value)
        has_credentials = bool(parts.username or parts.password)
    except ValueError:
        yield Hit("/api_endpoint", "api_endpoint is not a valid URL")
        return
    if has_credentials:
        yield Hit(
            "/api_endpoint",
            "api_endpoint carries credentials in the URL (not shown); pass them through the environment",
        )
    elif parts.scheme == "http":
        yield Hit("/api_endpoint", f"api_endpoint {redact(value)!r} uses plain http; use https://")
    elif parts.scheme != "https" or not parts.netloc:
        yield Hit(
            "/api_endpoint",
            f"api_endpoint {redact(value)!r} is not an https:// URL or an environment reference "
            "such as $PROVIDER_API_ENDPOINT",
        )


def _literal_host(value: object) -> str | None:
    """The host of an `api_endpoint` URL (None for references, non-URLs, no host)."""
    if not isinstance(value, str) or not value or is_env_reference(value):
        return None
    try:
        return urlsplit(value.strip()).hostname
    except ValueError:
        return None


@rule("CW504", "endpoint-outside-home")
def endpoint_outside_home(pf: ProviderFile) -> Iterator[Hit]:
    """`api_endpoint` names a host that is not where the provider's API lives.

    Every provider file is a request to send its users' key somewhere: Crush sends the key
    the file names to the host the file names, and so would the nightly drift job, which
    holds every provider's secret. A pull request that only edits data can therefore move
    a key to a stranger's server. The hosts of each provider's API (its *home*) are
    declared by the live adapters; `catwalk keys` lists them.

    An error for a provider whose home is known. A warning for a provider with no home of
    its own whose type's adapter lives elsewhere (an `anthropic`-type file on another
    host): the drift job sends its key nowhere until an adapter declares its home or the
    operator allows the host. A host listed for the provider in
    `[tool.catwalk.allowed-hosts]` is accepted, as is the home of the provider whose key
    variable the file names (a second entry of the same vendor, such as a coding plan).

    ## How to fix
    Use the provider's own API host. For a proxy or gateway you run, add its host to
    `[tool.catwalk.allowed-hosts]` for that provider. For per-customer hosts (Azure,
    Databricks) use the endpoint variable, such as `$AZURE_OPENAI_API_ENDPOINT`.

    ## Example
    Bad: `"id": "openai", "api_endpoint": "https://api.openai.example.net/v1"`
    Good: `"id": "openai", "api_endpoint": "https://api.openai.com/v1"`
    """
    host = _literal_host(pf.get("api_endpoint"))
    provider_id = pf.provider_id
    if host is None or provider_id is None:
        return
    from catwalk import homes as homes_module

    allowed = pf.settings.get("allowed-hosts", {})
    if isinstance(allowed, dict) and homes_module.normal_host(host) in allowed.get(provider_id, ()):
        return
    table = homes_module.packaged()
    home = table.get(provider_id)
    if home is not None:
        if homes_module.host_matches(host, home.hosts):
            return
        if home.hosts:
            where = ", ".join(home.hosts)
            yield Hit(
                "/api_endpoint",
                f"api_endpoint host {host} is not where {provider_id}'s API lives ({where}); "
                "its key must not go there (allow a gateway you run in [tool.catwalk.allowed-hosts])",
            )
        else:
            variables = " or ".join("$" + v for v in home.endpoints) or "an endpoint variable"
            yield Hit(
                "/api_endpoint",
                f"{provider_id} has a host per customer; name it through {variables}, "
                f"not a fixed host ({host})",
            )
        return
    family_hosts = table.by_type.get(pf.get_str("type") or "", ())
    variable = env_variable(pf.get_str("api_key") or "")
    owners = table.owners_of(variable) if variable else ()
    if not family_hosts or homes_module.host_matches(host, family_hosts):
        return
    if owners and homes_module.host_matches(host, table.hosts_of(owners)):
        return  # the key's own vendor: a second entry for the same API
    yield Hit(
        "/api_endpoint",
        f"{provider_id} has no home of its own and its type's API lives elsewhere "
        f"({', '.join(family_hosts)}); the drift job sends its key to {host} only if "
        "[tool.catwalk.allowed-hosts] lists it (catwalk keys)",
        severity=Severity.WARNING,
    )

"""Where each provider's API lives and which environment variables hold its key: its *home*.

A key is sent only to its provider's home (or to a host the operator allowed), whatever a
provider file says; a file that names another provider's key variable, or an endpoint
outside its provider's home, is a finding (CW504, CW505). The live adapters declare the
homes of the providers they serve (`Adapter.homes`); `catwalk keys --output` compiles them
into `data/homes.json`, which `catwalk check` reads without importing any adapter (start-up
time), and a test keeps the two equal.

Hosts are exact names, or `*.example.com` for every subdomain of a domain the vendor alone
owns (Copilot's per-plan API hosts). A domain whose subdomains belong to customers (Azure
resources, Databricks workspaces) is never a home host: such providers name an endpoint
variable instead, whose value the operator sets.
"""

from __future__ import annotations

import ipaddress
import json
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple


class Home(NamedTuple):
    # Hosts the provider's API lives on (see the module docstring for `*.`).
    hosts: tuple[str, ...] = ()
    # Variables that hold the provider's key; no other provider may name them.
    keys: tuple[str, ...] = ()
    # Variables that hold the provider's base URL when it is per customer (Azure, Databricks)
    # or overridable ($OPENAI_API_ENDPOINT): set by the operator, so trusted like --endpoint.
    endpoints: tuple[str, ...] = ()


# Secrets of the CI platform itself: never a model provider's key. `catwalk drift` refuses to
# read them; `catwalk check` warns (a GitHub-hosted model API may legitimately use one in Crush).
PLATFORM_SECRETS = frozenset(
    {
        "GITHUB_TOKEN",
        "GH_TOKEN",
        "ACTIONS_RUNTIME_TOKEN",
        "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
        "ACTIONS_ID_TOKEN_REQUEST_URL",
        "ACTIONS_CACHE_URL",
        "ACTIONS_RESULTS_URL",
        "ACTIONS_RUNTIME_URL",
        "CI_JOB_TOKEN",
        "SYSTEM_ACCESSTOKEN",
    }
)


def is_platform_secret(variable: str) -> bool:
    return variable in PLATFORM_SECRETS


def normal_host(host: str) -> str:
    """Lower case, no trailing dot: `API.Groq.com.` and `api.groq.com` are one host."""
    return host.lower().rstrip(".")


def host_matches(host: str, patterns: tuple[str, ...] | list[str]) -> bool:
    """True when `host` is one of `patterns` (exact, or a subdomain of a `*.` pattern)."""
    host = normal_host(host)
    for raw in patterns:
        pattern = normal_host(raw)
        if pattern.startswith("*.") and host.endswith(pattern[1:]):
            return True
        if host == pattern:
            return True
    return False


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and `localhost`: where tests and local mirrors listen."""
    host = normal_host(host).strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# The database fields a listing API can tell, by the name of the fact its adapter reads
# (`LiveModel` fields): where a provider's own API gives a fact, the nightly comparison
# with it is the check, and no catalogue speaks over it.
FIELD_FACTS = {
    "cost_per_1m_in": "cost_in",
    "cost_per_1m_out": "cost_out",
    "cost_per_1m_in_cached": "cost_cache_write",
    "cost_per_1m_out_cached": "cost_cache_read",
    "context_window": "context_window",
    "default_max_tokens": "max_output",
    "supports_attachments": "image_input",
    "can_reason": "reasoning",
}


class Homes:
    """Every known home, by provider id, and who owns each key variable. `by_type` holds
    the hosts of the adapter that serves a provider type (`anthropic`, `openai`...) for
    providers with no home of their own; `reads`, the facts each provider's listing API
    gives (its adapter's `knows`)."""

    __slots__ = ("by_provider", "by_type", "owners", "reads")

    def __init__(
        self,
        by_provider: dict[str, Home],
        by_type: dict[str, tuple[str, ...]] | None = None,
        reads: dict[str, frozenset[str]] | None = None,
    ) -> None:
        self.by_provider = by_provider
        self.by_type = by_type or {}
        self.reads = reads or {}
        self.owners: dict[str, tuple[str, ...]] = {}
        for provider_id, home in sorted(by_provider.items()):
            for variable in home.keys:
                self.owners[variable] = (*self.owners.get(variable, ()), provider_id)

    def get(self, provider_id: str) -> Home | None:
        return self.by_provider.get(provider_id)

    def owners_of(self, variable: str) -> tuple[str, ...]:
        """The providers whose key `variable` holds (empty when it is nobody's)."""
        return self.owners.get(variable, ())

    def hosts_of(self, provider_ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(h for p in provider_ids for h in self.by_provider[p].hosts)

    def endpoint_owners(self, variable: str) -> tuple[str, ...]:
        return tuple(p for p, home in sorted(self.by_provider.items()) if variable in home.endpoints)

    def to_json(self) -> str:
        providers = {
            provider_id: {field: list(value) for field, value in home._asdict().items() if value}
            for provider_id, home in sorted(self.by_provider.items())
        }
        types = {kind: list(hosts) for kind, hosts in sorted(self.by_type.items())}
        reads = {provider_id: sorted(facts) for provider_id, facts in sorted(self.reads.items())}
        return (
            json.dumps({"providers": providers, "types": types, "reads": reads}, indent=2, sort_keys=True)
            + "\n"
        )

    @classmethod
    def from_json(cls, text: str) -> Homes:
        raw: dict[str, dict[str, Any]] = json.loads(text)
        providers = {
            provider_id: Home(**{field: tuple(values) for field, values in entry.items()})
            for provider_id, entry in raw["providers"].items()
        }
        reads = {provider_id: frozenset(facts) for provider_id, facts in raw.get("reads", {}).items()}
        return cls(providers, {kind: tuple(hosts) for kind, hosts in raw["types"].items()}, reads)


def table_path() -> Path:
    return Path(__file__).resolve().parent / "data" / "homes.json"


@cache
def packaged() -> Homes:
    """The compiled table shipped with the package (what `catwalk check` enforces)."""
    return Homes.from_json(table_path().read_text("utf-8"))

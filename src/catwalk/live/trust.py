"""Which hosts a provider's requests (and so its key) may go to: one answer for the resolver,
which refuses a provider whose base URL is elsewhere, and for the fetch layer, which asks
again for every page, redirect and hand-off.

The rules (docs/live-drift.md, "Trust model"), whatever a provider file says:
- a key read from a variable that belongs to other providers goes only to their home hosts;
- a provider with a home reads its key only from its home's variables, and sends it to its
  home hosts or to a host the operator named for it (`--endpoint ID=URL`,
  `CATWALK_ENDPOINT_<ID>`, one of the home's endpoint variables, `[tool.catwalk.allowed-hosts]`);
- a provider with no home reaches only hosts the operator named for it;
- a CI platform secret (`GITHUB_TOKEN`...) is never read;
- https only; plain http only to a loopback host the operator named; never a URL with
  user info.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from catwalk.homes import Homes, host_matches, is_loopback, is_platform_secret, normal_host


class Refused(ValueError):
    """The provider must not be fetched this way; the message is safe to print."""


# (host, port): a port of None matches any port (an `allowed-hosts` entry); an operator's
# URL pins its port, so a redirect to another port of the same machine is another host.
OperatorHost = tuple[str, "int | None"]


def operator_host(url: str) -> OperatorHost | None:
    """The (host, port) an operator's URL names, with the scheme's default port."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        return None
    return (parts.hostname, port) if parts.hostname else None


class Grant:
    """Where one provider's requests may go. `hosts` come from homes (`*.` patterns
    allowed) of `owner` (the provider, or the providers whose key it borrows),
    `operator_hosts` from the operator (exact names, maybe with a port)."""

    __slots__ = ("hosts", "operator_hosts", "owner", "provider_id", "what")

    def __init__(
        self,
        provider_id: str,
        what: str,
        hosts: Iterable[str],
        operator_hosts: Iterable[OperatorHost] = (),
        owner: str | None = None,
    ) -> None:
        self.provider_id = provider_id
        self.what = what  # "the key in $X" or "its requests": for messages
        self.hosts = tuple(hosts)
        self.operator_hosts = tuple(operator_hosts)
        self.owner = owner or provider_id

    def __repr__(self) -> str:
        return f"Grant({self.provider_id!r}, hosts={self.hosts}, operator_hosts={self.operator_hosts})"

    def refusal(self, url: str) -> str | None:
        """None when a request to `url` may carry this provider's key, else why not."""
        try:
            parts = urlsplit(url)
            host = parts.hostname or ""
            port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
            has_user_info = parts.username is not None or parts.password is not None
        except ValueError:
            return "not a valid URL"
        if has_user_info:
            return "the URL carries user info (credentials); refusing it"
        if parts.scheme not in ("https", "http"):
            return f"{parts.scheme or 'no'} scheme; only https URLs are fetched"
        by_operator = any(
            normal_host(host) == normal_host(h) and p in (None, port) for h, p in self.operator_hosts
        )
        shown = host if port in (None, 80, 443) else f"{host}:{port}"
        if not by_operator and not host_matches(host, self.hosts):
            if self.hosts:
                return (
                    f"{shown} is not where {self.owner}'s API lives ({', '.join(self.hosts)}); "
                    f"not sending {self.what} there"
                )
            return (
                f"no adapter declares where {self.provider_id}'s API lives, and no operator allowed "
                f"{shown}; not sending {self.what} there (allow it with --endpoint "
                f"{self.provider_id}=URL or [tool.catwalk.allowed-hosts])"
            )
        if parts.scheme == "http" and not (by_operator and is_loopback(host)):
            return (
                f"plain http to {shown}; keys travel only over https "
                "(http only to a loopback host named with --endpoint)"
            )
        return None

    def check(self, url: str) -> None:
        reason = self.refusal(url)
        if reason is not None:
            raise Refused(reason)


def grant(
    provider_id: str, variable: str | None, homes: Homes, operator_hosts: Iterable[OperatorHost] = ()
) -> Grant:
    """The Grant of a provider whose key comes from `variable` (None: no key), or Refused."""
    home = homes.get(provider_id)
    own_hosts = home.hosts if home is not None else ()
    if variable is None:
        return Grant(provider_id, "its requests", own_hosts, operator_hosts)
    what = f"the key in ${variable}"
    if is_platform_secret(variable):
        raise Refused(f"api_key names ${variable}, a secret of the CI platform, never a provider key (CW505)")
    owners = homes.owners_of(variable)
    if owners and provider_id not in owners:
        # Borrowed: the key may still only go where its owners' APIs live.
        return Grant(provider_id, what, homes.hosts_of(owners), owner=", ".join(owners))
    if home is not None and variable not in home.keys:
        listed = " or ".join("$" + v for v in home.keys) or "no variable"
        raise Refused(
            f"api_key names ${variable}, but {provider_id}'s key is read only from {listed} (catwalk keys)"
        )
    return Grant(provider_id, what, own_hosts, operator_hosts)

"""Cloud credentials: how a request is authenticated where a family has no API key.

Bedrock signs every request with AWS SigV4, Vertex AI sends a Google OAuth access token.
Each is an `httpx.Auth` built by its adapter from the operator's environment (never from
a provider file), so the fetch layer sends it like a key: only to hosts the provider's
`Grant` allows, and every secret it holds or obtains is redacted from every message.
The cloud SDKs (botocore, google-auth) are the `[cloud]` extra, imported only here and
by the adapters that need them.
"""

from __future__ import annotations

import importlib.util

import httpx

from catwalk.live.trust import Refused

CLOUD_EXTRA = "pip install 'catwalk-db[cloud]'"


class CredentialsFailed(Exception):
    """The credentials could not authenticate a request (a refused refresh, an expired
    session); the provider is `unknown` with the message, which the fetch layer shortens
    and redacts like every reason."""


class Credentials(httpx.Auth):
    """An `httpx.Auth` that also says which values it must never let be printed."""

    # A short label for messages ("AWS SigV4", "Google OAuth").
    scheme: str = "cloud credentials"

    def __init__(self) -> None:
        self._secrets: list[str] = []

    def keep_secret(self, *values: str | None) -> None:
        for value in values:
            if value and value not in self._secrets:
                self._secrets.append(value)

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every secret value seen so far (keys, tokens obtained during the run)."""
        return tuple(self._secrets)


def require_module(module: str, what: str) -> None:
    """Refused (the provider is skipped) when the SDK behind `what` is not installed."""
    try:
        found = importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise Refused(f"{what} needs the cloud extra ({CLOUD_EXTRA})")

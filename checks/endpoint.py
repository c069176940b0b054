"""API endpoints are HTTPS URLs or environment references."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from catwalk.document import ProviderFile
from catwalk.rules import Hit, rule
from catwalk.secrets import is_env_reference, redact


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

"""Providers whose model list no adapter can read: why, and their homes.

They are `skipped` by drift with the reason below. Their homes are declared all the same,
so that no other provider file can borrow their key variables (CW505) or move their
endpoint elsewhere (CW504).
"""

from __future__ import annotations

from catwalk.homes import Home

# Providers whose API has no model-listing endpoint at all, and why.
UNSUPPORTED_IDS: dict[str, str] = {
    "perplexity": "Perplexity publishes no model-listing endpoint (its models are checked offline only)",
}

# Provider types with no model list an adapter can read, and why (none today: the cloud
# platforms have their adapters, `bedrock`, `vertex` and `azure`).
UNSUPPORTED_TYPES: dict[str, str] = {}

HOMES: dict[str, Home] = {
    "perplexity": Home(hosts=("api.perplexity.ai",), keys=("PERPLEXITY_API_KEY",)),
}

"""Providers whose model list no adapter can read with an API key: why, and their homes.

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

# Provider types with no model list an API key can read, and why.
UNSUPPORTED_TYPES: dict[str, str] = {
    "bedrock": "AWS Bedrock lists models only with AWS SigV4-signed requests (cloud credentials, no API key)",
    "google-vertex": "Vertex AI lists models only with Google Cloud OAuth credentials, not an API key",
    "azure": (
        "Azure OpenAI deployments are listed per resource through Azure Resource Manager "
        "(Entra ID credentials); a resource's model list is regional, not this database's"
    ),
}

_AWS = ("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_BEARER_TOKEN_BEDROCK")

HOMES: dict[str, Home] = {
    "perplexity": Home(hosts=("api.perplexity.ai",), keys=("PERPLEXITY_API_KEY",)),
    # A resource per customer: the operator names it in $AZURE_OPENAI_API_ENDPOINT.
    "azure": Home(keys=("AZURE_OPENAI_API_KEY",), endpoints=("AZURE_OPENAI_API_ENDPOINT",)),
    # Regional endpoints chosen by the AWS SDK from the credentials' region.
    "bedrock": Home(keys=_AWS),
    "bedrock-europe": Home(keys=_AWS),
}

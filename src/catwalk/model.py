"""The Catwalk v2 provider format as typed pydantic models.

These models are the single source of truth: `schema/provider.schema.json` is generated
from them (`catwalk schema`), and that schema drives the fast validator used by
`catwalk check`. Importing this module costs ~100 ms (pydantic), so only the commands that
build or rewrite data import it; `catwalk check` never does.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "https://raw.githubusercontent.com/catwalk-db/catwalk/main/schema/provider.schema.json"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# The value written into provider files of this repository; relative so editors resolve it
# both in a checkout and inside the installed package (catwalk/data/{providers,schema}).
SCHEMA_REF = "../schema/provider.schema.json"

ENV_REF_PATTERN = r"^\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$"


class ProviderType(str, Enum):
    """The wire protocol Crush uses to talk to the provider."""

    OPENAI = "openai"
    OPENAI_COMPAT = "openai-compat"
    OPENROUTER = "openrouter"
    VERCEL = "vercel"
    ANTHROPIC = "anthropic"
    GOOGLE = "google"
    AZURE = "azure"
    BEDROCK = "bedrock"
    GOOGLE_VERTEX = "google-vertex"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


class ModelOptions(_Strict):
    """Default request options Crush sends with every request to this model."""

    temperature: float | None = Field(default=None, ge=0, le=2, description="Sampling temperature (0 to 2).")
    top_p: float | None = Field(
        default=None, ge=0, le=1, description="Nucleus-sampling probability mass (0 to 1)."
    )
    top_k: int | None = Field(default=None, ge=0, description="Sample only from the k most likely tokens.")
    frequency_penalty: float | None = Field(
        default=None, ge=-2, le=2, description="Penalty for tokens by their frequency so far."
    )
    presence_penalty: float | None = Field(
        default=None, ge=-2, le=2, description="Penalty for tokens already present."
    )
    provider_options: dict[str, Any] | None = Field(
        default=None,
        description="Provider-specific request fields, passed through verbatim.",
    )


class Model(_Strict):
    """One model as a provider serves it. Prices are USD per 1M tokens."""

    id: str = Field(
        min_length=1,
        description="The model id exactly as the provider's API expects it.",
        examples=["claude-sonnet-4-6"],
    )
    name: str = Field(min_length=1, description="Human-readable model name.")
    cost_per_1m_in: float = Field(ge=0, description="Price of 1M input tokens, in USD.")
    cost_per_1m_out: float = Field(ge=0, description="Price of 1M output tokens, in USD.")
    cost_per_1m_in_cached: float = Field(
        default=0,
        ge=0,
        description=(
            "Cache WRITE price: 1M input tokens written to the prompt cache, in USD. "
            "0 when the provider does not charge cache writes separately."
        ),
    )
    cost_per_1m_out_cached: float = Field(
        default=0,
        ge=0,
        description=(
            "Cache READ price: 1M input tokens served from the prompt cache, in USD. "
            "A provider's single 'cached input' price belongs here."
        ),
    )
    context_window: int = Field(gt=0, description="Maximum tokens in one request, input and output together.")
    default_max_tokens: int = Field(
        gt=0,
        description="max_tokens Crush requests by default; never above context_window.",
    )
    can_reason: bool = Field(default=False, description="The model produces reasoning (thinking) output.")
    reasoning_levels: list[str] = Field(
        default_factory=list,
        description="Reasoning effort levels the model accepts, lowest first; only when can_reason.",
        examples=[["low", "medium", "high"]],
    )
    default_reasoning_effort: str = Field(
        default="",
        description="Effort used when the user picks none; one of reasoning_levels.",
    )
    supports_attachments: bool = Field(default=False, description="The model accepts image input.")
    options: ModelOptions | None = Field(default=None, description="Default request options for this model.")


class Provider(_Strict):
    """An inference provider in the Catwalk v2 format: one JSON file per provider."""

    schema_ref: str | None = Field(
        default=None,
        alias="$schema",
        description="JSON Schema this file follows (for editors); ignored by Crush.",
    )
    name: str = Field(min_length=1, description="Human-readable provider name.")
    id: str = Field(
        min_length=1,
        pattern=r"^[a-z0-9][a-z0-9._-]*$",
        description="Stable provider id; equals the file name without .json.",
    )
    # Not strict: a JSON string is the only way to write the enum, and model_validate on
    # the dict from json.load must accept it as model_validate_json does.
    type: ProviderType = Field(strict=False, description="API protocol Crush uses for this provider.")
    api_key: str | None = Field(
        default=None,
        description="Environment reference holding the key, such as $OPENAI_API_KEY. Never a literal key.",
    )
    api_endpoint: str | None = Field(
        default=None,
        description="Base URL of the API (https://...) or an environment reference.",
    )
    default_large_model_id: str = Field(
        min_length=1, description="Model used for main tasks; must be listed in models."
    )
    default_small_model_id: str = Field(
        min_length=1, description="Model used for light tasks; must be listed in models."
    )
    default_headers: dict[str, str] | None = Field(
        default=None, description="HTTP headers Crush sends with every request."
    )
    models: list[Model] = Field(description="Every model this provider serves.")

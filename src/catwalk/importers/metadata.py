"""The providers the catalogue importers produce, and everything no catalogue says.

One `ProviderSpec` per provider file. `sources` lists where the models come from: the
first entry is the primary source (it decides which models exist and wins ties; the
command named after it - `catwalk import litellm`, `genai-prices` or `openrouter` -
writes the file), the others fill gaps (see `build` for the merge rules).

For every provider:
- `api_endpoint` is the provider's documented OpenAI-compatible base URL (`evidence`
  says where it is documented), or an environment reference when the URL is per
  customer (Databricks workspaces);
- `api_key` is the environment variable the provider's documentation uses;
- the defaults are a capable flagship and a cheap, fast model that the import keeps
  (`defaults_reason` says why); an import fails if either one disappears;
- `include` / `exclude` are regular expressions on model ids (`re.search`), with the
  reason in `exclude_reason`.

To add a provider: find its key with `catwalk import <source> --list`, try it ad hoc with
`--provider KEY --id ... --dry-run`, then add a spec here and a line to
providers/CHANGES.md (docs/importers.md walks through it).
"""

from __future__ import annotations

import dataclasses

from catwalk.importers.build import ProviderSpec, SourceRef

# The import date the committed provider files were produced with (`--as-of`): models
# that a source retires on or before it are not in them.
IMPORTED_AS_OF = "2026-12-07"

# Snapshot dates of the reference catalogues the committed files were produced from.
SNAPSHOTS = {
    "litellm": "LiteLLM model_prices_and_context_window.json, stored version of about 2026-09",
    "genai-prices": "pydantic/genai-prices data.json at 47df840, 2026-08-21",
    "openrouter": "OpenRouter /api/v1/models, 2026-05-15",
    "models.dev": "models.dev api.json (anomalyco/models.dev at 2026-07-02)",
}

# Whether a model reasons or reads images is the model's, whoever serves it: OpenRouter's
# list fills these two flags where the primary source says nothing (ids matched ignoring
# case). Its prices and limits are OpenRouter's own and are not used.
MODEL_CAPABILITIES = SourceRef("openrouter", "*", fields=("reasoning", "vision"), casefold=True)


def output_limits(key: str) -> SourceRef:
    """models.dev's entry for the same provider gives the output limit the primary
    catalogue leaves out (LiteLLM often repeats the context window there, which says
    nothing): `default_max_tokens` is then half a real limit, not a tenth of the window."""
    return SourceRef("models.dev", key, fields=("max_output",))


# A closed-weights model is gone everywhere once its maker retires it (CW901): LiteLLM's
# entry for the maker's own API gives the date, found by model group. Appended to every
# spec below (`retired_by_makers`).
MAKER_RETIREMENTS = tuple(
    SourceRef("litellm", key, fields=("retires", "deprecated"), grouped=True, made_by=maker)
    for maker, key in (("anthropic", "anthropic"), ("openai", "openai"), ("gemini", "gemini"), ("xai", "xai"))
)


def retired_by_makers(spec: ProviderSpec) -> ProviderSpec:
    refs = tuple(ref for ref in MAKER_RETIREMENTS if ref.made_by != spec.id)
    return dataclasses.replace(spec, sources=(*spec.sources, *refs))


NOT_CONVERSATIONAL = "safety classifiers, OCR and phone-automation models, not conversational models"

_TABLE: tuple[ProviderSpec, ...] = (
    ProviderSpec(
        id="mistral",
        name="Mistral",
        type="openai-compat",
        api_endpoint="https://api.mistral.ai/v1",
        api_key="$MISTRAL_API_KEY",
        default_large="devstral-latest",
        default_small="mistral-small-latest",
        sources=(
            SourceRef("litellm", "mistral"),
            SourceRef("openrouter", "mistralai"),
            SourceRef("genai-prices", "mistral"),
            output_limits("mistral"),
        ),
        evidence="Mistral's model API is GET https://api.mistral.ai/v1/models (mistralai/client-python, "
        "provider-apis.md section 9); genai-prices api_pattern https://api.mistral.ai",
        defaults_reason="devstral-latest is Mistral's agentic-coding model (256k context, reasoning); "
        "mistral-small-latest is the cheap multimodal alias ($0.15/$0.6); both are -latest aliases "
        "Mistral keeps pointing at the current version",
    ),
    ProviderSpec(
        id="perplexity",
        name="Perplexity",
        type="openai-compat",
        api_endpoint="https://api.perplexity.ai",
        api_key="$PERPLEXITY_API_KEY",
        default_large="sonar-reasoning-pro",
        default_small="sonar",
        sources=(
            SourceRef("openrouter", "perplexity"),
            SourceRef("litellm", "perplexity"),
            SourceRef("genai-prices", "perplexity"),
            output_limits("perplexity"),
        ),
        exclude=(r"^sonar-pro-search$",),
        exclude_reason="OpenRouter's product name: it is not in LiteLLM's Perplexity list and "
        "genai-prices copied it from OpenRouter",
        evidence="genai-prices api_pattern https://api.perplexity.ai; provider-apis.md section 19 "
        "(no model-list endpoint, so OpenRouter's current vendor list is the primary source: "
        "LiteLLM's Perplexity list still carries models retired in 2024-2025)",
        defaults_reason="sonar-reasoning-pro is Perplexity's reasoning flagship; sonar is the cheapest "
        "($1/$1)",
    ),
    ProviderSpec(
        id="together",
        name="Together AI",
        type="openai-compat",
        api_endpoint="https://api.together.xyz/v1",
        api_key="$TOGETHER_API_KEY",
        default_large="deepseek-ai/DeepSeek-V4-Pro-0813",
        default_small="deepseek-ai/DeepSeek-V4.1-Flash",
        sources=(
            SourceRef("litellm", "together_ai"),
            SourceRef("genai-prices", "together"),
            MODEL_CAPABILITIES,
            output_limits("togetherai"),
        ),
        exclude=(r"^together-ai-",),
        exclude_reason="LiteLLM's price rows by model size (together-ai-4.1b-8b ...), not models",
        evidence="GET https://api.together.xyz/v1/models (together-py, provider-apis.md section 11); "
        "genai-prices api_pattern https://api.together.xyz",
        defaults_reason="DeepSeek V4 Pro is the strongest open model listed without a retirement date, "
        "V4.1 Flash its cheap 1M-context sibling ($0.3/$1.2), as on Baseten and Fireworks",
    ),
    ProviderSpec(
        id="cohere",
        name="Cohere",
        type="openai-compat",
        api_endpoint="https://api.cohere.ai/compatibility/v1",
        api_key="$COHERE_API_KEY",
        default_large="command-a-03-2025",
        default_small="command-r7b-12-2024",
        sources=(
            SourceRef("litellm", "cohere_chat"),
            SourceRef("openrouter", "cohere"),
            SourceRef("genai-prices", "cohere"),
            output_limits("cohere"),
        ),
        evidence="Cohere's Compatibility API, docs.cohere.com/docs/compatibility-api: "
        'OpenAI(base_url="https://api.cohere.ai/compatibility/v1")',
        defaults_reason="Command A is Cohere's flagship (256k context); Command R7B the cheapest "
        "($0.0375/$0.15)",
    ),
    ProviderSpec(
        id="ai21",
        name="AI21 Labs",
        type="openai-compat",
        api_endpoint="https://api.ai21.com/studio/v1",
        api_key="$AI21_API_KEY",
        default_large="jamba-large-1.7",
        default_small="jamba-mini-1.7",
        sources=(SourceRef("litellm", "ai21"), SourceRef("openrouter", "ai21")),
        exclude=(r"@",),
        exclude_reason="Vertex AI version ids (`jamba-1.5-large@001`), not AI21 API ids",
        evidence="AI21's chat endpoint is POST https://api.ai21.com/studio/v1/chat/completions "
        "(docs.ai21.com Jamba API reference), OpenAI-shaped with Bearer auth",
        defaults_reason="Jamba Large 1.7 and Jamba Mini 1.7 are the newest of each size",
    ),
    ProviderSpec(
        id="databricks",
        name="Databricks",
        type="openai-compat",
        api_endpoint="$DATABRICKS_API_BASE",
        api_key="$DATABRICKS_API_KEY",
        default_large="databricks-claude-sonnet-4-6",
        default_small="databricks-claude-haiku-4-5",
        # LiteLLM's Databricks entries say nothing of reasoning or image input: models.dev's
        # Databricks list does for the ids it shares, OpenRouter's list for the models
        # behind the others (`databricks-claude-opus-4` is `anthropic/claude-opus-4`).
        sources=(
            SourceRef("litellm", "databricks"),
            SourceRef("models.dev", "databricks", fields=("reasoning", "vision")),
            SourceRef("openrouter", "*", fields=("reasoning", "vision"), grouped=True),
        ),
        snap_cents=True,
        evidence="Foundation Model APIs are served per workspace at "
        "https://<workspace>/serving-endpoints (OpenAI-compatible chat/completions), so the "
        "endpoint is an environment reference, as for Azure; the variable names are LiteLLM's",
        defaults_reason="the same Claude pair as anthropic.json (Sonnet 4.6 / Haiku 4.5)",
    ),
    ProviderSpec(
        id="deepinfra",
        name="DeepInfra",
        type="openai-compat",
        api_endpoint="https://api.deepinfra.com/v1/openai",
        api_key="$DEEPINFRA_API_KEY",
        default_large="deepseek-ai/DeepSeek-V4-Pro",
        default_small="deepseek-ai/DeepSeek-V4-Flash",
        sources=(SourceRef("litellm", "deepinfra"), MODEL_CAPABILITIES, output_limits("deepinfra")),
        exclude=(r"Llama-Guard|Content-Safety|olmOCR",),
        exclude_reason=NOT_CONVERSATIONAL,
        evidence='deepinfra.com/docs/advanced/openai_api: "The api_base is https://api.deepinfra.com/v1/openai"',
        defaults_reason="DeepSeek V4 Pro (1M context, $1.3/$2.6) and V4 Flash ($0.09/$0.18), "
        "the undated aliases",
    ),
    ProviderSpec(
        id="novita",
        name="Novita AI",
        type="openai-compat",
        api_endpoint="https://api.novita.ai/openai",
        api_key="$NOVITA_API_KEY",
        default_large="deepseek/deepseek-v4-pro",
        default_small="deepseek/deepseek-v4-flash",
        sources=(
            SourceRef("litellm", "novita"),
            SourceRef("genai-prices", "novita"),
            MODEL_CAPABILITIES,
            output_limits("novita-ai"),
        ),
        exclude=(r"(?i)ocr|autoglm-phone",),
        exclude_reason=NOT_CONVERSATIONAL,
        evidence="Novita's OpenAI-compatible base URL https://api.novita.ai/openai (Novita docs as "
        "cited by Pipecat/crewAI; LiteLLM's provider page lists the older "
        "https://api.novita.ai/v3/openai); genai-prices api_pattern https://api.novita.ai",
        defaults_reason="DeepSeek V4 Pro and V4 Flash (1M context, published 393k output limit)",
    ),
    ProviderSpec(
        id="sambanova",
        name="SambaNova",
        type="openai-compat",
        api_endpoint="https://api.sambanova.ai/v1",
        api_key="$SAMBANOVA_API_KEY",
        default_large="MiniMax-M2.7",
        default_small="gpt-oss-120b",
        sources=(SourceRef("litellm", "sambanova"),),
        evidence="SambaNova's AI SDK provider docs (docs.sambanova.ai): default prefix "
        "https://api.sambanova.ai/v1",
        defaults_reason="MiniMax M2.7 is the largest-context reasoning model listed (196k); "
        "gpt-oss-120b the cheapest ($0.22/$0.59)",
    ),
    ProviderSpec(
        id="ovhcloud",
        name="OVHcloud AI Endpoints",
        type="openai-compat",
        api_endpoint="https://oai.endpoints.kepler.ai.cloud.ovh.net/v1",
        api_key="$OVH_AI_ENDPOINTS_ACCESS_TOKEN",
        default_large="gpt-oss-120b",
        default_small="gpt-oss-20b",
        sources=(
            SourceRef("genai-prices", "ovhcloud"),
            SourceRef("litellm", "ovhcloud"),
            output_limits("ovhcloud"),
        ),
        evidence="genai-prices api_pattern https://oai.endpoints.kepler.ai.cloud.ovh.net; OVHcloud's "
        "Airflow provider docs: base URL https://oai.endpoints.kepler.ai.cloud.ovh.net/v1. "
        "genai-prices is primary: its USD prices are OVHcloud's USD list, LiteLLM's are the "
        "EUR figures (0.67 vs 0.74 for Llama 3.3 70B)",
        defaults_reason="gpt-oss-120b is the strongest reasoning model listed at $0.09/$0.47; "
        "gpt-oss-20b the cheap one",
    ),
    ProviderSpec(
        id="wandb",
        name="W&B Inference",
        type="openai-compat",
        api_endpoint="https://api.inference.wandb.ai/v1",
        api_key="$WANDB_API_KEY",
        default_large="deepseek-ai/DeepSeek-V4-Pro-0813",
        default_small="deepseek-ai/DeepSeek-V4-Flash-0731",
        sources=(SourceRef("litellm", "wandb"), output_limits("wandb")),
        evidence="docs.wandb.ai/inference/api-reference: base URL https://api.inference.wandb.ai/v1, "
        "OpenAI-compatible",
        defaults_reason="DeepSeek V4 Pro (1M context) and V4 Flash ($0.13/$0.27), the versions "
        "without a retirement date",
    ),
    ProviderSpec(
        id="friendliai",
        name="FriendliAI",
        type="openai-compat",
        api_endpoint="https://api.friendli.ai/serverless/v1",
        api_key="$FRIENDLI_TOKEN",
        default_large="zai-org/GLM-5.3",
        default_small="zai-org/GLM-5.3-Flash",
        sources=(SourceRef("litellm", "friendliai"), output_limits("friendli")),
        evidence="Friendli Serverless Endpoints, OpenAI-compatible at "
        "https://api.friendli.ai/serverless/v1; FRIENDLI_TOKEN per Friendli's SDK docs",
        defaults_reason="GLM-5.3 and GLM-5.3 Flash: newest of the list, 1M context, published "
        "reasoning levels",
    ),
)
PROVIDERS: tuple[ProviderSpec, ...] = tuple(retired_by_makers(spec) for spec in _TABLE)

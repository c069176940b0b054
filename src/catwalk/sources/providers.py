"""Which catwalk provider a catalogue's provider name means, and who makes which model.

Catalogues name providers their own way (LiteLLM `fireworks_ai`, genai-prices `aws`,
OpenRouter's `vendor/` prefix); snapshots store them under the catwalk provider id
("hint") so a check can ask for the entry of the same provider first.
"""

from __future__ import annotations

# LiteLLM `litellm_provider` values whose catwalk id is not the obvious spelling.
LITELLM: dict[str, str] = {
    "bedrock_converse": "bedrock",
    "bedrock": "bedrock",
    "azure_ai": "azure",
    "azure": "azure",
    "github_copilot": "copilot",
    "vercel_ai_gateway": "vercel",
    "opencode_go": "opencode-go",
    "codestral": "mistral",
    "cohere_chat": "cohere",
    "bigmodel": "zhipu",
    "meta_llama": "meta",
    "xiaomi_mimo": "xiaomi",
    "amazon_nova": "amazon",
    # DashScope's international endpoint (dashscope-intl, Singapore), LiteLLM's default
    # api_base; its prices equal catwalk's alibaba-singapore ones (qwen3.8-max 2/6, glm-5.2
    # 1.4/4.4, deepseek-v4-pro 2.4/4.8), not the US region's.
    "dashscope": "alibaba-singapore",
}
# LiteLLM providers whose entries describe other services (or no single one).
LITELLM_SKIP = frozenset({"chatgpt", "text-completion-openai", "azure_text", "microsoft_365_copilot"})

# genai-prices provider ids -> catwalk ids (one catalogue provider may price several).
GENAI_PRICES: dict[str, tuple[str, ...]] = {
    "aws": ("bedrock",),
    "google": ("gemini", "vertexai"),
    "x-ai": ("xai",),
    "moonshotai": ("moonshot",),
    "zhipuai": ("zhipu",),  # bigmodel.cn, China's prices; z.ai (`zai`) prices differently
}

# models.dev provider ids -> catwalk ids, for the providers both list (checked by the share
# of model ids they have in common). models.dev's `zai` is Z.ai's pay-per-token API; the
# catwalk `zai` file is its coding plan (`api.z.ai/api/coding`), models.dev's `zai-coding-plan`.
MODELS_DEV: dict[str, str] = {
    "aihubmix": "aihubmix",
    "alibaba": "alibaba-singapore",
    "amazon-bedrock": "bedrock",
    "anthropic": "anthropic",
    "azure": "azure",
    "baseten": "baseten",
    "cerebras": "cerebras",
    "chutes": "chutes",
    "cohere": "cohere",
    "cortecs": "cortecs",
    "databricks": "databricks",
    "deepinfra": "deepinfra",
    "deepseek": "deepseek",
    "fireworks-ai": "fireworks",
    "friendli": "friendliai",
    "github-copilot": "copilot",
    "google": "gemini",
    "google-vertex": "vertexai",
    "groq": "groq",
    "huggingface": "huggingface",
    "io-net": "ionet",
    "kimi-for-coding": "kimi-coding",
    "minimax": "minimax",
    "minimax-cn": "minimax-china",
    "mistral": "mistral",
    "moonshotai": "moonshot",
    "nebius": "nebius",
    "neuralwatt": "neuralwatt",
    "novita-ai": "novita",
    "openai": "openai",
    "opencode": "opencode-zen",
    "opencode-go": "opencode-go",
    "openrouter": "openrouter",
    "ovhcloud": "ovhcloud",
    "perplexity": "perplexity",
    "qiniu-ai": "qiniucloud",
    "scaleway": "scaleway",
    "synthetic": "synthetic",
    "togetherai": "together",
    "venice": "venice",
    "vercel": "vercel",
    "wandb": "wandb",
    "xai": "xai",
    "zai-coding-plan": "zai",
    "zhipuai": "zhipu",
    "zhipuai-coding-plan": "zhipu-coding",
}

# OpenRouter vendor prefixes of closed-weight vendors: OpenRouter resells the vendor's
# own API at the vendor's list price, so its entry also stands for the vendor.
OPENROUTER_VENDORS: dict[str, str] = {
    "anthropic": "anthropic",
    "openai": "openai",
    "google": "gemini",
    "x-ai": "xai",
    "cohere": "cohere",
    "ai21": "ai21",
    "perplexity": "perplexity",
}

# Vendors that only serve their models themselves: when they retire a model, everyone
# reselling it loses it too (open-weight models live on at other hosts).
CLOSED_WEIGHTS = frozenset({"anthropic", "openai", "gemini", "xai", "cohere", "ai21", "perplexity"})


def huggingface_route(route: str) -> str:
    """Hugging Face's router prices a model per upstream provider; catwalk ids name the
    route after a colon (`openai/gpt-oss-120b:cerebras`)."""
    return f"huggingface:{route}"


def hint_for(provider: str, model_id: str) -> str:
    """The snapshot provider key of one catwalk model."""
    if provider == "huggingface" and ":" in model_id:
        return huggingface_route(model_id.rpartition(":")[2].strip().lower())
    return provider


# Gateways that resell vendors' models at the vendor's list price.
LIST_PRICE_GATEWAYS = frozenset({"openrouter", "vercel"})


def litellm_hint(name: str, model_key: str) -> str | None:
    """The catwalk provider of a LiteLLM entry (`model_key` is the raw map key)."""
    if name in LITELLM_SKIP or "embedding" in name:
        return None
    if name.startswith("vertex_ai"):
        return "vertexai"
    hint = LITELLM.get(name)
    if hint is None:
        hint = name.removesuffix("_ai").replace("_", "-")
    if hint == "bedrock":
        region = model_key.rpartition("/")[2].partition(".")[0]
        if region == "eu":
            return "bedrock-europe"
        if region in ("apac", "ap", "jp", "au", "ca", "us-gov"):
            return None  # regions catwalk has no provider for
    return hint


def genai_prices_hints(name: str, model_id: str) -> tuple[str, ...]:
    if name.startswith("huggingface_"):
        return (huggingface_route(name.removeprefix("huggingface_")),)
    if name == "aws" and model_id.startswith("regional."):
        return ("bedrock", "bedrock-europe")
    return GENAI_PRICES.get(name, (name,))


# Who makes a model, by the start of its key (`catwalk.sources.ids.model_key`).
_MAKERS: tuple[tuple[str, str], ...] = (
    ("claude", "anthropic"),
    ("gpt", "openai"),
    ("chatgpt", "openai"),
    ("codex", "openai"),
    ("o1", "openai"),
    ("o3", "openai"),
    ("o4", "openai"),
    ("gemini", "gemini"),
    ("grok", "xai"),
    ("mistral", "mistral"),
    ("mixtral", "mistral"),
    ("magistral", "mistral"),
    ("devstral", "mistral"),
    ("codestral", "mistral"),
    ("ministral", "mistral"),
    ("pixtral", "mistral"),
    ("command", "cohere"),
    ("jamba", "ai21"),
    ("sonar", "perplexity"),
    ("deepseek", "deepseek"),
    ("kimi", "moonshot"),
    ("moonshot", "moonshot"),
    ("glm", "zai"),
    ("minimax", "minimax"),
)
_MAKER_CACHE: dict[str, str | None] = {}


# Open-weight releases of those makers: the maker does not serve them itself.
_NOT_SERVED_BY_MAKER = ("gpt-oss",)


def maker(key: str) -> str | None:
    """The catwalk provider id of the company that makes the model, when it sells it itself."""
    found = _MAKER_CACHE.get(key, "")
    if found == "":
        found = None
        if not key.startswith(_NOT_SERVED_BY_MAKER):
            found = next((vendor for prefix, vendor in _MAKERS if key.startswith(prefix)), None)
        _MAKER_CACHE[key] = found
    return found

"""The registry picks the right adapter for every provider in the database."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from catwalk.homes import host_matches
from catwalk.live.adapters import registry
from catwalk.live.adapters.base import Adapter
from catwalk.live.adapters.registry import (
    UNSUPPORTED_IDS,
    UNSUPPORTED_TYPES,
    adapter_by_family,
    all_adapters,
    find_adapter,
    unsupported_reason,
)
from catwalk.live.adapters.samples import fixture_names
from catwalk.live.records import FIELDS
from catwalk.paths import provider_files

PROVIDERS = Path(__file__).resolve().parents[2] / "providers"

# Provider files in the database and the family that lists their models (None: no
# listing API usable with a key).
EXPECTED_FAMILY: dict[str, str | None] = {
    "ai21": "openai-compat",
    "aihubmix": "aihubmix",
    "alibaba-singapore": "openai-compat",
    "alibaba-us": "openai-compat",
    "anthropic": "anthropic",
    "atlascloud": "atlascloud",
    "avian": "avian",
    "azure": "azure",
    "baseten": "baseten",
    "bedrock-europe": "bedrock",
    "bedrock": "bedrock",
    "cerebras": "cerebras",
    "chutes": "chutes",
    "cohere": "cohere",
    "copilot": "copilot",
    "cortecs": "cortecs",
    "databricks": "openai-compat",
    "deepinfra": "openai-compat",
    "deepseek": "deepseek",
    "fireworks": "fireworks",
    "friendliai": "openai-compat",
    "gemini": "gemini",
    "groq": "groq",
    "huggingface": "huggingface",
    "ionet": "ionet",
    "kimi-coding": "kimi-coding",
    "minimax-china": "minimax",
    "minimax": "minimax",
    "mistral": "mistral",
    "moonshot": "moonshot",
    "nebius": "nebius",
    "neuralwatt": "neuralwatt",
    "novita": "openai-compat",
    "openai": "openai",
    "opencode-go": "openai-compat",
    "opencode-zen": "openai-compat",
    "openrouter": "openrouter",
    "ovhcloud": "openai-compat",
    "perplexity": None,
    "pioneer": "openai-compat",
    "qiniucloud": "openai-compat",
    "sambanova": "openai-compat",
    "scaleway": "openai-compat",
    "synthetic": "synthetic",
    "together": "together",
    "venice": "venice",
    "vercel": "vercel",
    "vertexai": "vertex",
    "wandb": "openai-compat",
    "xai": "xai",
    "zai": "openai-compat",
    "zhipu-coding": "openai-compat",
    "zhipu": "openai-compat",
}


def database() -> dict[str, str]:
    providers = {}
    for path in provider_files(PROVIDERS):
        data = json.loads(path.read_text(encoding="utf-8"))
        providers[data["id"]] = data["type"]
    return providers


def test_every_database_provider_resolves() -> None:
    """Each provider gets an adapter or a stated reason (a provider added later than
    the table below resolves by the same rules and must not fall through silently)."""
    providers = database()
    assert len(set(providers) & set(EXPECTED_FAMILY)) >= 41
    for provider_id, provider_type in providers.items():
        found = find_adapter(provider_id, provider_type)
        reason = unsupported_reason(provider_id, provider_type)
        assert (found is None) == (reason is not None), provider_id


@pytest.mark.parametrize("provider_id", sorted(EXPECTED_FAMILY))
def test_registry_finds_the_right_adapter(provider_id: str) -> None:
    providers = database()
    if provider_id not in providers:
        pytest.skip(f"{provider_id} is not in this checkout's database")
    provider_type = providers[provider_id]
    found = find_adapter(provider_id, provider_type)
    expected = EXPECTED_FAMILY[provider_id]
    if expected is None:
        assert found is None
        reason = unsupported_reason(provider_id, provider_type)
        assert reason == UNSUPPORTED_IDS.get(provider_id, UNSUPPORTED_TYPES.get(provider_type))
    else:
        assert found is not None, provider_id
        assert found.family == expected
        assert unsupported_reason(provider_id, provider_type) is None


def test_lookup_order_is_id_then_type_then_generic() -> None:
    # By id even when the type says otherwise (Cortecs is `openai` in the database).
    cortecs = find_adapter("cortecs", "openai")
    assert cortecs is not None and cortecs.family == "cortecs"
    # By type for a provider the registry has never heard of.
    for provider_type, family in [
        ("openai", "openai"),
        ("anthropic", "anthropic"),
        ("google", "gemini"),
        ("openrouter", "openrouter"),
        ("vercel", "vercel"),
        ("openai-compat", "openai-compat"),
    ]:
        found = find_adapter("brand-new-provider", provider_type)
        assert found is not None and found.family == family, provider_type


def test_providers_without_a_listing_api() -> None:
    assert find_adapter("perplexity", "openai-compat") is None
    assert "no model-listing endpoint" in (unsupported_reason("perplexity", "openai-compat") or "")


def test_the_cloud_platforms_are_found_by_type() -> None:
    # A provider of a cloud type that the database does not list (bedrock-asia) still
    # finds its platform's adapter, and so its platform's hosts.
    for provider_type, family in (("bedrock", "bedrock"), ("google-vertex", "vertex"), ("azure", "azure")):
        adapter = find_adapter("anything", provider_type)
        assert adapter is not None and adapter.family == family


def test_unknown_types_have_no_listing_api() -> None:
    assert find_adapter("x", "carrier-pigeon") is None
    assert (
        unsupported_reason("x", "carrier-pigeon")
        == "no model-listing adapter for provider type 'carrier-pigeon'"
    )


def test_adapters_are_distinct_and_complete() -> None:
    adapters = all_adapters()
    families = [adapter.family for adapter in adapters]
    assert len(families) == len(set(families))
    assert len(adapters) >= 22
    assert adapters[0] is registry.GENERIC
    assert all_adapters() == adapters and all_adapters() is not all_adapters()  # a fresh list
    ids = [provider_id for adapter in adapters for provider_id in adapter.provider_ids]
    assert len(ids) == len(set(ids)), "two adapters claim one provider id"
    types = [provider_type for adapter in adapters for provider_type in adapter.provider_types]
    assert len(types) == len(set(types)), "two adapters claim one provider type"
    assert not set(types) & set(UNSUPPORTED_TYPES)


def test_issue_families_are_all_present() -> None:
    required = {
        "openai-compat",
        "openai",
        "anthropic",
        "gemini",
        "openrouter",
        "vercel",
        "xai",
        "groq",
        "cerebras",
        "mistral",
        "deepseek",
        "together",
        "fireworks",
        "huggingface",
        "venice",
        "chutes",
        "cohere",
        "moonshot",
        "nebius",
        "baseten",
        "synthetic",
        "copilot",
    }
    assert required <= {adapter.family for adapter in all_adapters()}


@pytest.mark.parametrize("adapter", all_adapters(), ids=lambda adapter: adapter.family)
def test_adapter_declarations(adapter: Adapter) -> None:
    assert adapter.knows <= FIELDS
    assert adapter.family in fixture_names(), "each family ships a real-format fixture"
    assert adapter_by_family(adapter.family) is adapter
    assert adapter.provider_ids == tuple(adapter.homes), "the ids an adapter is found by are its homes"
    signed = type(adapter).credentials is not Adapter.credentials
    if adapter is registry.GENERIC:
        assert adapter.default_base_url == ""
        assert adapter.provider_types == ()
    elif not any(home.hosts for home in adapter.homes.values()):
        # A resource per customer (Azure): only the operator can name it, so no default.
        assert adapter.default_base_url == ""
        assert all(home.endpoints and home.keys for home in adapter.homes.values())
    else:
        assert adapter.default_base_url.startswith("https://")
        assert adapter.provider_ids, "a family adapter names the providers it serves"
        # Its own default URL is in every home it declares: no provider of it is refused by default.
        default_host = httpx.URL(adapter.default_base_url).host
        for provider_id, home in adapter.homes.items():
            # A cloud platform signs with credentials from the environment instead of a key.
            assert home.keys or signed, f"{provider_id}: a home names the variables that hold its key"
            if provider_id == adapter.provider_ids[0]:
                assert host_matches(default_host, home.hosts), provider_id


def test_unknown_family() -> None:
    assert adapter_by_family("no-such-family") is None

"""Every adapter against its real-format fixture: exact records, pagination chains,
auth placement, malformed payloads, unknown keys, and the `knows` contract."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from catwalk.live.adapters.base import Adapter, Page, PayloadError, Request
from catwalk.live.adapters.listing import ListingAdapter
from catwalk.live.adapters.registry import adapter_by_family, all_adapters
from catwalk.live.adapters.samples import fixture_names, load_fixture
from catwalk.live.records import FIELDS, LiveModel

KEY = "test-key-0123456789"
ADAPTERS = all_adapters()
FAMILIES = [adapter.family for adapter in ADAPTERS]


def adapter(family: str) -> ListingAdapter:
    found = adapter_by_family(family)
    assert isinstance(found, ListingAdapter), family
    return found


def base_url(adapter: Adapter) -> str:
    return adapter.default_base_url or "https://api.example.test/v1"


def models_request(adapter: Adapter) -> Request:
    """The request whose response is the family's model list (Copilot: after the
    token exchange)."""
    request = adapter.first_request(base_url(adapter), KEY)
    if adapter.family == "copilot":
        following = adapter.parse(load_fixture("copilot-token"), request).next
        assert following is not None
        return following
    return request


def parse(family: str, fixture: str | None = None, request: Request | None = None) -> Page:
    chosen = adapter(family)
    return chosen.parse(load_fixture(fixture or family), request or models_request(chosen))


def fixture_pages(family: str) -> list[str]:
    names = set(fixture_names())
    pages = [name for name in (family, f"{family}-page2", f"{family}-old") if name in names]
    assert pages, f"no fixture for {family}"
    return pages


def set_fields(model: LiveModel) -> set[str]:
    return {name for name in FIELDS if getattr(model, name) is not None}


# The exact records each fixture must produce (ids in response order; extras checked
# where they carry meaning). Prices are USD per 1M tokens after unit conversion.
EXPECTED: dict[str, list[LiveModel]] = {
    "openai-compat": [
        LiveModel("qwen3.8-max"),
        LiveModel("glm-5.2"),
        LiveModel("deepseek-v4-flash"),
    ],
    "openai": [
        LiveModel("gpt-5.6-sol"),
        LiveModel("gpt-4o-2024-05-13", expires_at="2026-10-23"),
        LiveModel("text-embedding-3-small"),
    ],
    "anthropic": [
        LiveModel(
            "claude-opus-5",
            name="Claude Opus 5",
            context_window=1_000_000,
            max_output=128_000,
            image_input=True,
            reasoning=True,
            reasoning_levels=("low", "medium", "high", "xhigh", "max"),
        ),
        LiveModel(
            "claude-haiku-4-5-20251001",
            name="Claude Haiku 4.5",
            context_window=200_000,
            max_output=64_000,
            image_input=True,
            reasoning=True,
            reasoning_levels=("low", "medium", "high"),
        ),
    ],
    "anthropic-page2": [
        LiveModel(
            "claude-3-7-sonnet-20250219",
            name="Claude Sonnet 3.7",
            context_window=200_000,
            max_output=64_000,
            image_input=True,
            reasoning=True,
            reasoning_levels=(),
            deprecated_at="2025-10-28",
            expires_at="2026-02-19",
        ),
        # The old bare shape: a name and nothing else.
        LiveModel("claude-3-5-haiku-20241022", name="Claude Haiku 3.5"),
        # claude-2.1 is `lifecycle: retired`: dropped.
    ],
    "gemini": [
        LiveModel(
            "gemini-3.7-flash",
            name="Gemini 3.7 Flash",
            context_window=1_048_576,
            max_output=65_536,
            reasoning=True,
        ),
        # gemini-embedding-001 has no generateContent: filtered.
    ],
    "gemini-page2": [
        LiveModel(
            "gemini-2.0-flash-001", name="Gemini 2.0 Flash 001", context_window=1_048_576, max_output=8192
        ),
    ],
    "openrouter": [
        LiveModel(
            "anthropic/claude-sonnet-4.6",
            name="Anthropic: Claude Sonnet 4.6",
            context_window=1_000_000,
            max_output=128_000,
            cost_in=3.0,
            cost_out=15.0,
            cost_cache_read=0.3,
            cost_cache_write=3.75,
            image_input=True,
            reasoning=True,
        ),
        LiveModel(
            "openai/gpt-5.4",
            name="OpenAI: GPT-5.4",
            context_window=1_050_000,
            max_output=128_000,
            cost_in=2.5,
            cost_out=15.0,
            cost_cache_read=0.25,
            image_input=True,
            reasoning=True,
        ),
        # "-1" is a variable price: unknown, never -1e6.
        LiveModel(
            "openrouter/auto", name="Auto Router", context_window=2_000_000, image_input=True, reasoning=True
        ),
        LiveModel(
            "meta-llama/llama-3.3-70b-instruct:free",
            name="Meta: Llama 3.3 70B Instruct (free)",
            context_window=65_536,
            cost_in=0.0,
            cost_out=0.0,
            image_input=False,
            reasoning=False,
        ),
        LiveModel(
            "x-ai/grok-4",
            name="xAI: Grok 4",
            context_window=256_000,
            cost_in=3.0,
            cost_out=15.0,
            cost_cache_read=0.75,
            image_input=True,
            reasoning=True,
            expires_at="2026-05-15",
        ),
        LiveModel(
            "mistralai/mistral-7b-instruct-v0.1",
            name="Mistral: Mistral 7B Instruct v0.1",
            context_window=2824,
            cost_in=0.11,
            cost_out=0.19,
            image_input=False,
            reasoning=False,
            expires_at="2026-05-30",
        ),
        LiveModel(
            "qwen/qwen3.6-flash",
            name="Qwen: Qwen3.6 Flash",
            context_window=1_000_000,
            max_output=65_536,
            cost_in=0.1875,
            cost_out=1.125,
            cost_cache_write=0.234375,
            image_input=True,
            reasoning=True,
        ),
        LiveModel(
            "deepseek/deepseek-v4-pro",
            name="DeepSeek: DeepSeek V4 Pro",
            context_window=1_048_576,
            max_output=384_000,
            cost_in=0.435,
            cost_out=0.87,
            cost_cache_read=0.003625,
            image_input=False,
            reasoning=True,
        ),
        LiveModel(
            "openai/gpt-4o-mini",
            name="OpenAI: GPT-4o-mini",
            context_window=128_000,
            max_output=16_384,
            cost_in=0.15,
            cost_out=0.6,
            cost_cache_read=0.075,
            image_input=True,
            reasoning=False,
        ),
        LiveModel(
            "qwen/qwen3-235b-a22b-thinking-2507",
            name="Qwen: Qwen3 235B A22B Thinking 2507",
            context_window=131_072,
            cost_in=0.1495,
            cost_out=1.495,
            image_input=False,
            reasoning=True,
        ),
        LiveModel(
            "google/gemini-2.5-flash",
            name="Google: Gemini 2.5 Flash",
            context_window=1_048_576,
            max_output=65_535,
            cost_in=0.3,
            cost_out=2.5,
            cost_cache_read=0.03,
            cost_cache_write=0.08333333333,
            image_input=True,
            reasoning=True,
            reasoning_levels=("minimal", "low", "medium", "high"),
        ),
        # supported_efforts null = every gateway effort: no list to compare.
        LiveModel(
            "z-ai/glm-5.1",
            name="Z.ai: GLM 5.1",
            context_window=202_752,
            cost_in=0.98,
            cost_out=3.08,
            cost_cache_read=0.182,
            image_input=False,
            reasoning=True,
        ),
    ],
    "vercel": [
        LiveModel(
            "anthropic/claude-sonnet-4.6",
            name="Claude Sonnet 4.6",
            context_window=1_000_000,
            max_output=64_000,
            cost_in=3.0,
            cost_out=15.0,
            cost_cache_read=0.3,
            cost_cache_write=3.75,
            image_input=True,
            reasoning=True,
        ),
        LiveModel(
            "meta/llama-3.3-70b",
            name="Llama 3.3 70B Instruct",
            context_window=128_000,
            cost_in=0.72,
            cost_out=0.72,
            image_input=False,
            reasoning=False,
        ),
    ],
    "xai": [
        LiveModel("grok-4.5", cost_in=3.0, cost_out=15.0, cost_cache_read=0.75, image_input=True),
        LiveModel("grok-code-fast", cost_in=0.2, cost_out=1.5, cost_cache_read=0.02, image_input=False),
        LiveModel(
            "grok-4.20-non-reasoning", cost_in=1.25, cost_out=2.5, cost_cache_read=0.3333, image_input=True
        ),
    ],
    "groq": [
        LiveModel("openai/gpt-oss-120b", context_window=131_072, max_output=65_536),
        LiveModel("whisper-large-v3-turbo", context_window=448, max_output=448),
        LiveModel("llama-3.1-8b-instant"),
    ],
    "cerebras": [LiveModel("gpt-oss-120b"), LiveModel("gemma-4-31b")],
    # Alias cards stay (the database lists `-latest` ids); fine-tunes and
    # non-chat cards are filtered.
    "mistral": [
        LiveModel("mistral-medium-2608", context_window=131_072, image_input=True),
        LiveModel("mistral-medium-latest", context_window=131_072, image_input=True),
        LiveModel("open-mistral-7b", context_window=32_768, image_input=False, deprecated_at="2026-03-30"),
        LiveModel("mistral-tiny", context_window=32_768, image_input=False),
    ],
    "deepseek": [
        LiveModel(
            "deepseek-v4-flash",
            name="DeepSeek-V4-Flash",
            context_window=1_048_576,
            max_output=393_216,
            image_input=False,
            reasoning=True,
            reasoning_levels=("low", "high", "max"),
        ),
        LiveModel(
            "deepseek-v4-pro",
            name="DeepSeek-V4-Pro",
            context_window=1_048_576,
            max_output=393_216,
            image_input=True,
            reasoning=True,
            reasoning_levels=("low", "high", "max"),
        ),
    ],
    "deepseek-old": [LiveModel("deepseek-chat"), LiveModel("deepseek-reasoner")],
    "together": [
        LiveModel(
            "meta-llama/Llama-3.3-70B-Instruct-Turbo",
            name="Llama 3.3 70B Instruct Turbo",
            context_window=131_072,
            cost_in=0.88,
            cost_out=0.88,
        ),
        LiveModel(
            "deepseek-ai/DeepSeek-V4-Flash-0731",
            name="DeepSeek V4 Flash",
            context_window=1_048_576,
            cost_in=0.14,
            cost_out=0.28,
            cost_cache_read=0.028,
        ),
        LiveModel(
            "mistralai/Mixtral-8x7B-Instruct-v0.1", name="Mixtral 8x7B Instruct", cost_in=0.6, cost_out=0.6
        ),
    ],
    "fireworks": [
        LiveModel(
            "accounts/fireworks/models/kimi-k2p7", name="Kimi K2.7", context_window=262_144, image_input=True
        ),
        LiveModel(
            "accounts/fireworks/models/llama-v3p1-8b-instruct",
            name="Llama 3.1 8B Instruct",
            context_window=131_072,
            image_input=False,
            deprecated_at="2026-12-01",
        ),
    ],
    "huggingface": [
        LiveModel(
            "openai/gpt-oss-120b:groq", context_window=131_072, cost_in=0.15, cost_out=0.75, image_input=False
        ),
        LiveModel(
            "openai/gpt-oss-120b:cerebras",
            context_window=131_072,
            cost_in=0.35,
            cost_out=0.75,
            image_input=False,
        ),
        LiveModel(
            "Qwen/Qwen3-VL-8B-Instruct:novita",
            context_window=131_072,
            cost_in=0.08,
            cost_out=0.5,
            image_input=True,
        ),
        LiveModel("Qwen/Qwen3-VL-8B-Instruct:hf-inference", image_input=True),
    ],
    "venice": [
        LiveModel(
            "zai-org-glm-5-2",
            name="GLM 5.2",
            context_window=200_000,
            max_output=32_768,
            cost_in=0.85,
            cost_out=2.75,
            image_input=False,
            reasoning=True,
        ),
        LiveModel(
            "llama-3.2-3b",
            name="Llama 3.2 3B",
            context_window=131_072,
            max_output=4096,
            cost_in=0.15,
            cost_out=0.6,
            image_input=False,
            reasoning=False,
        ),
        LiveModel(
            "qwen3-vl-235b-a22b",
            name="Qwen3 VL 235B",
            context_window=131_072,
            cost_in=0.25,
            cost_out=1.5,
            image_input=True,
            reasoning=False,
        ),
    ],
    "chutes": [
        LiveModel(
            "deepseek-ai/DeepSeek-V4-Flash-0731-TEE",
            context_window=1_048_576,
            max_output=131_072,
            cost_in=0.14,
            cost_out=0.28,
            cost_cache_read=0.014,
            image_input=False,
            reasoning=True,
        ),
        LiveModel(
            "google/gemma-4-31B-turbo-TEE",
            context_window=131_072,
            max_output=32_768,
            cost_in=0.1,
            cost_out=0.3,
            cost_cache_read=0.05,
            image_input=True,
            reasoning=False,
        ),
        LiveModel(
            "unsloth/gemma-3-4b-it", context_window=131_072, cost_in=0.01, cost_out=0.03, image_input=False
        ),
    ],
    "cohere": [
        LiveModel("command-a-03-2025", context_window=256_000, image_input=False),
        LiveModel("command-a-vision-07-2025", context_window=128_000, image_input=True),
    ],
    "cohere-page2": [LiveModel("command-r7b-12-2024", context_window=128_000)],
    "moonshot": [
        LiveModel("kimi-k3", name="Kimi K3", context_window=1_048_576, image_input=True, reasoning=True),
        LiveModel("moonshot-v1-32k", context_window=32_768, image_input=False, reasoning=False),
    ],
    "kimi-coding": [
        LiveModel(
            "k3",
            name="Kimi K3",
            context_window=1_048_576,
            image_input=True,
            reasoning=True,
            reasoning_levels=("low", "high", "max"),
        ),
        LiveModel(
            "kimi-for-coding-highspeed",
            name="Kimi for Coding (highspeed)",
            context_window=262_144,
            image_input=False,
            reasoning=True,
        ),
        LiveModel(
            "kimi-k2-instruct",
            name="Kimi K2 Instruct",
            context_window=131_072,
            image_input=False,
            reasoning=False,
            reasoning_levels=(),
        ),
    ],
    "nebius": [
        LiveModel(
            "moonshotai/Kimi-K2.5",
            name="Kimi K2.5",
            context_window=262_144,
            cost_in=0.5,
            cost_out=2.5,
            image_input=True,
            reasoning=True,
        ),
        LiveModel(
            "nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B",
            name="Nemotron 3 Nano",
            context_window=131_072,
            cost_in=0.06,
            cost_out=0.24,
            image_input=False,
            reasoning=False,
        ),
    ],
    "baseten": [
        LiveModel(
            "deepseek-ai/DeepSeek-V4-Pro",
            name="DeepSeek V4 Pro",
            context_window=1_048_576,
            max_output=131_072,
            cost_in=0.5,
            cost_out=1.5,
            cost_cache_read=0.1,
            image_input=False,
            reasoning=True,
        ),
        LiveModel(
            "openai/gpt-oss-120b",
            name="GPT OSS 120B",
            context_window=131_072,
            max_output=65_536,
            cost_in=0.1,
            cost_out=0.5,
            cost_cache_read=0.0,
            image_input=False,
            reasoning=True,
        ),
    ],
    "synthetic": [
        LiveModel(
            "hf:moonshotai/Kimi-K2.6",
            name="moonshotai/Kimi-K2.6",
            context_window=262_144,
            max_output=65_536,
            cost_in=0.6,
            cost_out=2.5,
            cost_cache_read=0.15,
            cost_cache_write=0.0,
            image_input=True,
            reasoning=True,
        ),
        LiveModel(
            "hf:deepseek-ai/DeepSeek-V3.2",
            name="deepseek-ai/DeepSeek-V3.2",
            context_window=163_840,
            cost_in=0.56,
            cost_out=1.68,
            cost_cache_read=0.28,
            cost_cache_write=0.0,
            image_input=False,
        ),
    ],
    "copilot": [
        LiveModel(
            "claude-sonnet-4.6",
            name="Claude Sonnet 4.6",
            context_window=200_000,
            max_output=32_000,
            image_input=True,
            reasoning=True,
        ),
        LiveModel(
            "gpt-5-mini",
            name="GPT-5 mini",
            context_window=264_000,
            max_output=64_000,
            image_input=True,
            reasoning=True,
            reasoning_levels=("low", "medium", "high"),
        ),
        LiveModel("gpt-4o-mini", name="GPT-4o mini", context_window=128_000, max_output=4096),
    ],
    "minimax": [LiveModel("MiniMax-M3"), LiveModel("MiniMax-M2.7")],
    "cortecs": [
        LiveModel("qwen3.8-27b", context_window=262_144, image_input=True, reasoning=True),
        LiveModel("llama-3.3-70b", context_window=131_072, image_input=False, reasoning=False),
    ],
    "aihubmix": [
        LiveModel(
            "DeepSeek-V4-Flash",
            name="DeepSeek V4 Flash",
            context_window=1_048_576,
            max_output=131_072,
            cost_in=0.14,
            cost_out=0.28,
            cost_cache_read=0.028,
            image_input=False,
            reasoning=True,
        ),
        LiveModel(
            "gemini-3.7-flash",
            name="Gemini 3.7 Flash",
            context_window=1_048_576,
            max_output=65_536,
            cost_in=0.3,
            cost_out=2.5,
            cost_cache_read=0.075,
            cost_cache_write=0.3833,
            image_input=True,
            reasoning=True,
        ),
        LiveModel(
            "qwen3-coder-flash",
            name="Qwen3 Coder Flash",
            context_window=262_144,
            cost_in=0.2,
            cost_out=0.8,
            image_input=False,
            reasoning=False,
        ),
    ],
    "avian": [
        LiveModel(
            "deepseek/deepseek-v4-flash",
            name="DeepSeek V4 Flash",
            context_window=1_048_576,
            max_output=131_072,
            cost_in=0.14,
            cost_out=0.28,
            cost_cache_read=0.028,
            reasoning=True,
        ),
        LiveModel(
            "moonshotai/kimi-k2.6",
            name="Kimi K2.6",
            context_window=262_144,
            max_output=32_768,
            cost_in=0.6,
            cost_out=2.5,
            reasoning=False,
        ),
    ],
    # Per-token numbers: 1.4e-07 -> 0.14 per 1M.
    "ionet": [
        LiveModel(
            "deepseek-ai/DeepSeek-V4-Flash",
            name="DeepSeek V4 Flash",
            context_window=1_048_576,
            cost_in=0.14,
            cost_out=0.28,
            cost_cache_read=0.028,
            cost_cache_write=0.175,
            image_input=False,
        ),
        LiveModel(
            "Qwen/Qwen3-VL-235B-A22B-Instruct",
            name="Qwen3 VL 235B",
            context_window=262_144,
            cost_in=0.22,
            cost_out=0.88,
            image_input=True,
        ),
    ],
    "neuralwatt": [
        LiveModel(
            "glm-5.2",
            name="GLM 5.2",
            context_window=202_752,
            max_output=131_072,
            cost_in=0.55,
            cost_out=2.2,
            cost_cache_read=0.11,
            image_input=False,
            reasoning=True,
        ),
        # pricing_tbd: the zeros are placeholders, not prices.
        LiveModel(
            "deepseek-v4-flash-flex",
            name="DeepSeek V4 Flash (flex)",
            context_window=1_048_576,
            max_output=65_536,
            image_input=False,
            reasoning=True,
        ),
    ],
    "atlascloud": [
        LiveModel(
            "deepseek-ai/deepseek-v3.2",
            name="DeepSeek V3.2",
            context_window=163_840,
            max_output=65_536,
            cost_in=0.26,
            cost_out=0.38,
            cost_cache_read=0.13,
            image_input=False,
            reasoning=True,
        ),
        # the base (first) tier, less the 20 % discount to the user
        LiveModel(
            "qwen/qwen3-vl-235b-a22b-instruct",
            name="Qwen3 VL 235B",
            context_window=131_072,
            cost_in=0.16,
            cost_out=0.64,
            image_input=True,
            reasoning=False,
        ),
        # moonshotai/kimi-k3 is not ready: filtered.
        # a discount that is no share (1.5) leaves every price unknown
        LiveModel("zai-org/glm-5", name="GLM-5", context_window=202_752, image_input=False, reasoning=True),
    ],
}


def family_of(fixture: str) -> str:
    for suffix in ("-page2", "-old"):
        if fixture.endswith(suffix):
            return fixture[: -len(suffix)]
    return fixture


def request_for_fixture(fixture: str) -> Request:
    """Page 2 fixtures are parsed with the request page 1 asked for next."""
    family = family_of(fixture)
    if fixture.endswith("-page2"):
        first = parse(family)
        assert first.next is not None
        return first.next
    return models_request(adapter(family))


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_fixture_parses_into_exact_records(fixture: str) -> None:
    page = parse(family_of(fixture), fixture, request_for_fixture(fixture))
    assert [model.id for model in page.models] == [model.id for model in EXPECTED[fixture]]
    for got, want in zip(page.models, EXPECTED[fixture], strict=True):
        assert got == want, f"{fixture}: {got.id}"
        assert isinstance(got, LiveModel)


def test_every_adapter_and_response_fixture_is_covered() -> None:
    response_fixtures = set(fixture_names()) - {"copilot-token"}
    assert response_fixtures == set(EXPECTED)
    for family in FAMILIES:
        assert family in EXPECTED, f"{family} has no fixture expectations"


@pytest.mark.parametrize("family", FAMILIES)
def test_knows_is_exactly_what_the_fixtures_tell(family: str) -> None:
    """`knows` is a subset of FIELDS; every field a record sets is in `knows`; and every
    field in `knows` is told by at least one fixture record (so no family claims a field
    its parser never reads)."""
    chosen = adapter(family)
    assert chosen.knows <= FIELDS
    told: set[str] = set()
    for fixture in fixture_pages(family):
        for model in parse(family, fixture, request_for_fixture(fixture)).models:
            assert set_fields(model) <= chosen.knows, model.id
            told |= set_fields(model)
    assert told == set(chosen.knows)


def test_prices_carry_no_float_noise() -> None:
    """A per-token string times 1e6 picks up binary noise; the adapters remove it."""
    assert float("0.0000001495") * 1e6 == 0.14950000000000002  # the noise is real
    models = {model.id: model for model in parse("openrouter").models}
    thinking = models["qwen/qwen3-235b-a22b-thinking-2507"]
    assert repr(thinking.cost_in) == "0.1495"
    # A repeating fraction keeps 10 significant digits.
    assert repr(models["google/gemini-2.5-flash"].cost_cache_write) == "0.08333333333"


def test_extras_keep_human_context() -> None:
    xai = {model.id: model for model in parse("xai").models}
    assert xai["grok-4.5"].extra == {"api_id": "grok-4.5-0812", "aliases": "grok-4.5, grok-4.5-latest"}
    mistral = {model.id: model for model in parse("mistral").models}
    assert mistral["open-mistral-7b"].extra["replacement"] == "ministral-8b-latest"
    assert mistral["mistral-medium-latest"].extra["alias_of"] == "mistral-medium-2608"
    assert "alias_of" not in mistral["mistral-medium-2608"].extra
    anthropic_page = parse("anthropic")
    assert anthropic_page.models[0].extra == {"lifecycle": "active", "line": "opus"}
    venice = {model.id: model for model in parse("venice").models}
    assert venice["qwen3-vl-235b-a22b"].extra == {"offline": "true", "beta": "true"}
    neuralwatt = {model.id: model for model in parse("neuralwatt").models}
    assert neuralwatt["deepseek-v4-flash-flex"].extra == {"deprecated": "true"}
    hf = {model.id: model for model in parse("huggingface").models}
    assert hf["Qwen/Qwen3-VL-8B-Instruct:novita"].extra == {"tools": "false"}


# -- pagination --------------------------------------------------------------------


def test_anthropic_pages_follow_the_cursor() -> None:
    chosen = adapter("anthropic")
    first_request = chosen.first_request("https://api.anthropic.com", KEY)
    assert first_request.url == "https://api.anthropic.com/v1/models"
    assert first_request.params == {"limit": "1000"}
    first = chosen.parse(load_fixture("anthropic"), first_request)
    assert first.next == Request(
        "https://api.anthropic.com/v1/models",
        params={"limit": "1000", "after_id": "claude-haiku-4-5-20251001"},
        headers=first_request.headers,
    )
    second = chosen.parse(load_fixture("anthropic-page2"), first.next)
    assert second.next is None
    ids = [model.id for page in (first, second) for model in page.models]
    assert ids == [
        "claude-opus-5",
        "claude-haiku-4-5-20251001",
        "claude-3-7-sonnet-20250219",
        "claude-3-5-haiku-20241022",
    ]


def test_anthropic_has_more_without_last_id_is_malformed() -> None:
    payload = load_fixture("anthropic")
    del payload["last_id"]
    with pytest.raises(PayloadError, match="last_id"):
        adapter("anthropic").parse(payload, models_request(adapter("anthropic")))


def test_a_cursor_that_does_not_move_is_malformed() -> None:
    chosen = adapter("anthropic")
    first = chosen.parse(load_fixture("anthropic"), models_request(chosen))
    assert first.next is not None
    # The server answers page 2's request with page 1 again: same last_id, has_more.
    with pytest.raises(PayloadError, match="did not advance"):
        chosen.parse(load_fixture("anthropic"), first.next)


def test_gemini_pages_follow_next_page_token() -> None:
    chosen = adapter("gemini")
    first_request = chosen.first_request(chosen.default_base_url, KEY)
    assert first_request.url == "https://generativelanguage.googleapis.com/v1beta/models"
    first = chosen.parse(load_fixture("gemini"), first_request)
    assert first.next is not None
    assert first.next.params == {"pageSize": "1000", "pageToken": "Cg5nZW1pbmktZW1iZWQ="}
    assert first.next.headers == first_request.headers
    second = chosen.parse(load_fixture("gemini-page2"), first.next)
    assert second.next is None
    assert [model.id for model in first.models + second.models] == [
        "gemini-3.7-flash",
        "gemini-2.0-flash-001",
    ]


def test_gemini_empty_next_page_token_ends() -> None:
    payload = load_fixture("gemini")
    payload["nextPageToken"] = ""
    assert adapter("gemini").parse(payload, models_request(adapter("gemini"))).next is None


def test_cohere_pages_follow_next_page_token() -> None:
    chosen = adapter("cohere")
    first_request = chosen.first_request(chosen.default_base_url, KEY)
    assert first_request.params == {"page_size": "1000", "endpoint": "chat"}
    first = chosen.parse(load_fixture("cohere"), first_request)
    assert first.next is not None
    assert first.next.params == {"page_size": "1000", "endpoint": "chat", "page_token": "Y29tbWFuZC1yN2I="}
    second = chosen.parse(load_fixture("cohere-page2"), first.next)
    assert second.next is None
    assert [model.id for model in first.models + second.models] == [
        "command-a-03-2025",
        "command-a-vision-07-2025",
        "command-r7b-12-2024",
    ]
    assert second.models[0].extra == {"deprecated": "true"}


def test_cohere_lists_on_the_native_api_beside_the_compatibility_base() -> None:
    chosen = adapter("cohere")
    assert chosen.url("https://api.cohere.ai/compatibility/v1") == "https://api.cohere.ai/v1/models"
    assert chosen.url("https://api.cohere.com/v2/") == "https://api.cohere.com/v1/models"
    assert chosen.url("http://127.0.0.1:8123") == "http://127.0.0.1:8123/v1/models"


def test_fireworks_pages_and_catalogue_url() -> None:
    chosen = adapter("fireworks")
    request = chosen.first_request("https://api.fireworks.ai/inference/v1", KEY)
    assert request.url == "https://api.fireworks.ai/v1/accounts/fireworks/models"
    assert request.params == {"pageSize": "200", "filter": "supports_serverless=true"}
    assert chosen.url("http://127.0.0.1:8123") == "http://127.0.0.1:8123/v1/accounts/fireworks/models"
    assert chosen.url("http://127.0.0.1:8123/v1/") == "http://127.0.0.1:8123/v1/accounts/fireworks/models"
    payload = load_fixture("fireworks")
    payload["nextPageToken"] = "page-2-token"
    page = chosen.parse(payload, request)
    assert page.next is not None
    assert page.next.params["pageToken"] == "page-2-token"
    assert chosen.parse(load_fixture("fireworks"), request).next is None


def test_openrouter_follows_links_next_on_the_same_host() -> None:
    chosen = adapter("openrouter")
    request = chosen.first_request("http://127.0.0.1:9999/api/v1", None)
    payload = load_fixture("openrouter")
    payload["links"] = {"next": "/api/v1/models?offset=12&limit=12"}
    payload["total_count"] = 24
    page = chosen.parse(payload, request)
    assert page.next == Request("http://127.0.0.1:9999/api/v1/models", params={"offset": "12", "limit": "12"})
    payload["links"] = {"next": None}
    assert chosen.parse(payload, request).next is None


def test_openrouter_next_link_to_another_host_is_refused() -> None:
    """A response must never send the key to another host."""
    chosen = adapter("openrouter")
    request = chosen.first_request("https://openrouter.ai/api/v1", KEY)
    payload = load_fixture("openrouter")
    payload["links"] = {"next": "https://attacker.example/api/v1/models?offset=12"}
    with pytest.raises(PayloadError, match="another host"):
        chosen.parse(payload, request)


def test_openrouter_next_link_to_itself_is_malformed() -> None:
    chosen = adapter("openrouter")
    request = Request("https://openrouter.ai/api/v1/models", params={"offset": "12", "limit": "12"})
    payload = {"data": [{"id": "a/b"}], "links": {"next": "/api/v1/models?offset=12&limit=12"}}
    with pytest.raises(PayloadError, match="did not advance"):
        chosen.parse(payload, request)


# -- Copilot's two steps --------------------------------------------------------------


def test_copilot_exchanges_the_github_token_first() -> None:
    chosen = adapter("copilot")
    first = chosen.first_request("https://api.githubcopilot.com", "gho_example")
    assert first.url == "https://api.github.com/copilot_internal/v2/token"
    assert first.headers["Authorization"] == "token gho_example"
    assert first.headers["Copilot-Integration-Id"] == "vscode-chat"
    page = chosen.parse(load_fixture("copilot-token"), first)
    assert page.models == []
    assert page.next is not None
    # The enterprise/business API host named by the exchange is used.
    assert page.next.url == "https://api.business.githubcopilot.com/models"
    token = load_fixture("copilot-token")["token"]
    assert page.next.headers["Authorization"] == "Bearer " + token
    assert token not in page.next.url and not page.next.params


def test_copilot_with_an_overridden_base_uses_it_for_both_steps() -> None:
    chosen = adapter("copilot")
    first = chosen.first_request("http://127.0.0.1:8765/", "gho_example")
    assert first.url == "http://127.0.0.1:8765/copilot_internal/v2/token"
    page = chosen.parse(load_fixture("copilot-token"), first)
    assert page.next is not None
    assert page.next.url == "http://127.0.0.1:8765/models"


@pytest.mark.parametrize(
    "api",
    ["https://evil.example", "http://api.githubcopilot.com", "https://githubcopilot.com.evil.example", 7],
)
def test_copilot_never_sends_the_token_to_a_foreign_host(api: Any) -> None:
    chosen = adapter("copilot")
    first = chosen.first_request(chosen.default_base_url, "gho_example")
    payload = {"token": "tid=abc", "endpoints": {"api": api}}
    page = chosen.parse(payload, first)
    assert page.next is not None
    assert page.next.url == "https://api.githubcopilot.com/models"


@pytest.mark.parametrize("payload", [{}, {"token": ""}, {"token": None}, [], "<html>"])
def test_copilot_exchange_without_a_token_is_malformed(payload: Any) -> None:
    chosen = adapter("copilot")
    with pytest.raises(PayloadError):
        chosen.parse(payload, chosen.first_request(chosen.default_base_url, "gho_example"))


# -- requests and auth ----------------------------------------------------------------


EXPECTED_AUTH = {
    "anthropic": {"x-api-key": KEY, "anthropic-version": "2023-06-01"},
    "minimax": {"x-api-key": KEY, "anthropic-version": "2023-06-01"},
    "gemini": {"x-goog-api-key": KEY},
    "copilot": {
        "Authorization": "token " + KEY,
        "Copilot-Integration-Id": "vscode-chat",
        "Accept": "application/json",
    },
}


@pytest.mark.parametrize("family", FAMILIES)
def test_the_key_travels_only_in_headers(family: str) -> None:
    chosen = adapter(family)
    request = chosen.first_request(base_url(chosen), KEY)
    assert request.method == "GET"
    assert request.headers == EXPECTED_AUTH.get(family, {"Authorization": "Bearer " + KEY})
    assert KEY not in request.url
    assert KEY not in json.dumps(request.params)
    without = chosen.first_request(base_url(chosen), None)
    assert KEY not in json.dumps(without.headers)
    assert not any(
        name.lower() in ("authorization", "x-api-key", "x-goog-api-key") for name in without.headers
    )


EXPECTED_URLS = {
    "openai-compat": "https://api.example.test/v1/models",
    "openai": "https://api.openai.com/v1/models",
    "anthropic": "https://api.anthropic.com/v1/models",
    "gemini": "https://generativelanguage.googleapis.com/v1beta/models",
    "openrouter": "https://openrouter.ai/api/v1/models",
    "vercel": "https://ai-gateway.vercel.sh/v1/models",
    "xai": "https://api.x.ai/v1/language-models",
    "groq": "https://api.groq.com/openai/v1/models",
    "cerebras": "https://api.cerebras.ai/v1/models",
    "mistral": "https://api.mistral.ai/v1/models",
    "deepseek": "https://api.deepseek.com/models",
    "together": "https://api.together.xyz/v1/models",
    "fireworks": "https://api.fireworks.ai/v1/accounts/fireworks/models",
    "huggingface": "https://router.huggingface.co/v1/models",
    "venice": "https://api.venice.ai/api/v1/models",
    "chutes": "https://llm.chutes.ai/v1/models",
    "cohere": "https://api.cohere.com/v1/models",
    "moonshot": "https://api.moonshot.ai/v1/models",
    "kimi-coding": "https://api.kimi.com/coding/v1/models",
    "nebius": "https://api.tokenfactory.nebius.com/v1/models",
    "baseten": "https://inference.baseten.co/v1/models",
    "synthetic": "https://api.synthetic.new/openai/v1/models",
    "copilot": "https://api.github.com/copilot_internal/v2/token",
    "minimax": "https://api.minimax.io/anthropic/v1/models",
    "cortecs": "https://api.cortecs.ai/v1/models",
    "aihubmix": "https://aihubmix.com/api/v1/models",
    "avian": "https://api.avian.io/v1/models",
    "ionet": "https://api.intelligence.io.solutions/api/v1/models",
    "neuralwatt": "https://api.neuralwatt.com/v1/models",
    "atlascloud": "https://api.atlascloud.ai/v1/models",
}


@pytest.mark.parametrize("family", FAMILIES)
def test_first_request_url_from_the_default_base(family: str) -> None:
    chosen = adapter(family)
    assert chosen.first_request(base_url(chosen), KEY).url == EXPECTED_URLS[family]
    # A trailing slash on the base (as users write --endpoint) changes nothing.
    assert chosen.first_request(base_url(chosen) + "/", KEY).url == EXPECTED_URLS[family]


def test_public_listings_need_no_key() -> None:
    public = {chosen.family for chosen in ADAPTERS if not chosen.requires_key}
    assert public == {
        "openrouter",
        "vercel",
        "huggingface",
        "chutes",
        "synthetic",
        "cortecs",
        "aihubmix",
        "avian",
        "ionet",
        "neuralwatt",
        "atlascloud",
    }


def test_copilot_names_where_its_key_comes_from() -> None:
    home = adapter("copilot").homes["copilot"]
    assert home.keys == ("COPILOT_GITHUB_TOKEN",)
    # The token exchange is on GitHub's API; the model list on a Copilot host of any plan.
    assert home.hosts == ("api.github.com", "*.githubcopilot.com")


# -- wrong shapes -----------------------------------------------------------------------


HTML = "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body></body></html>"


def wrong_shapes(chosen: ListingAdapter) -> list[Any]:
    items_key = chosen.items_key
    shapes: list[Any] = [None, 42, 1.5, True, "", HTML, "plain text", {"unrelated": 1}]
    if items_key is None:
        shapes += [{"data": []}, {"models": [{"id": "x"}]}, [1, 2, 3], [{"no_id": True}], ["a", "b"]]
    else:
        shapes += [
            [],
            [{"id": "x", "name": "models/x"}],
            {},
            {items_key: "not a list"},
            {items_key: {"id": "x"}},
            {items_key: None},
            {items_key: [1, 2, 3]},
            {items_key: [{"unrelated": True}, None, []]},
        ]
    return shapes


@pytest.mark.parametrize("family", FAMILIES)
def test_wrong_shapes_raise_payload_error(family: str) -> None:
    chosen = adapter(family)
    request = models_request(chosen)
    for payload in wrong_shapes(chosen):
        with pytest.raises(PayloadError) as caught:
            chosen.parse(payload, request)
        assert str(caught.value), f"{family}: empty reason for {payload!r}"


@pytest.mark.parametrize("family", FAMILIES)
def test_html_page_is_named_in_the_reason(family: str) -> None:
    chosen = adapter(family)
    with pytest.raises(PayloadError, match="HTML page"):
        chosen.parse(HTML, models_request(chosen))


@pytest.mark.parametrize(
    "payload",
    [
        {
            "error": {
                "message": "Incorrect API key provided: sk-proj-abcdefghijklmnopqrstuvwxyz123456",
                "code": 401,
            }
        },
        {"type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key"}},
        {"object": "error", "message": "Unauthorized", "type": "invalid_request_error"},
        {"code": "Client specified an invalid argument", "error": "Incorrect API key provided: xai-***"},
    ],
)
def test_error_objects_sent_with_success_status(payload: Any) -> None:
    for chosen in ADAPTERS:
        with pytest.raises(PayloadError, match="the API returned an error") as caught:
            chosen.parse(payload, models_request(chosen))
        assert "sk-proj-abcdefghijklmnopqrstuvwxyz123456" not in str(caught.value)


@pytest.mark.parametrize("family", FAMILIES)
def test_empty_list_is_a_valid_empty_page(family: str) -> None:
    chosen = adapter(family)
    payload: Any = [] if chosen.items_key is None else {chosen.items_key: []}
    page = chosen.parse(payload, models_request(chosen))
    assert page.models == []


# -- tolerance --------------------------------------------------------------------------


def with_unknown_keys(value: Any) -> Any:
    """The value with an unknown key added to every object, at every depth."""
    if isinstance(value, dict):
        result = {key: with_unknown_keys(item) for key, item in value.items()}
        result["zz_added_in_2027"] = {"nested": [1, "two", None], "flag": True}
        return result
    if isinstance(value, list):
        return [with_unknown_keys(item) for item in value]
    return value


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_unknown_keys_are_ignored(fixture: str) -> None:
    family = family_of(fixture)
    chosen = adapter(family)
    payload = with_unknown_keys(load_fixture(fixture))
    page = chosen.parse(payload, request_for_fixture(fixture))
    assert page.models == EXPECTED[fixture]


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_malformed_items_are_skipped_not_fatal(fixture: str) -> None:
    family = family_of(fixture)
    chosen = adapter(family)
    payload = copy.deepcopy(load_fixture(fixture))
    junk: list[Any] = [None, 7, "text", [], {"id": None}, {"id": ""}, {"name": 5}, {"id": ["x"]}]
    if isinstance(payload, list):
        payload = junk + payload
    else:
        payload[chosen.items_key] = junk + payload[chosen.items_key]
    assert chosen.parse(payload, request_for_fixture(fixture)).models == EXPECTED[fixture]


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_missing_optional_keys_leave_fields_unknown(fixture: str) -> None:
    """Each item stripped to its id alone parses into a record with nothing but an id
    (never a zero or a False invented for a key the response did not carry)."""
    family = family_of(fixture)
    chosen = adapter(family)
    payload = copy.deepcopy(load_fixture(fixture))
    id_key = chosen.id_key
    items = payload if isinstance(payload, list) else payload[chosen.items_key]
    stripped = [{id_key: item[id_key]} for item in items if isinstance(item, dict) and id_key in item]
    if isinstance(payload, list):
        payload = stripped
    else:
        paging = ("has_more", "nextPageToken", "next_page_token")
        payload = {key: value for key, value in payload.items() if key not in paging}
        payload[chosen.items_key] = stripped
    page = chosen.parse(payload, request_for_fixture(fixture))
    if family == "huggingface":
        # A Hugging Face record exists only per live provider entry.
        assert page.models == []
        return
    assert page.models, fixture
    for model in page.models:
        assert set_fields(model) == set(), f"{fixture}: {model}"


def test_zero_token_limits_are_unknown() -> None:
    chosen = adapter("anthropic")
    payload = {"data": [{"id": "claude-x", "display_name": "X", "max_input_tokens": 0, "max_tokens": None}]}
    (model,) = chosen.parse(payload, models_request(chosen)).models
    assert model.context_window is None and model.max_output is None


def test_variable_and_negative_prices_are_unknown() -> None:
    chosen = adapter("openrouter")
    payload = {
        "data": [
            {"id": "a/var", "pricing": {"prompt": "-1", "completion": "-1", "input_cache_read": "-0.5"}},
            {"id": "a/bad", "pricing": {"prompt": "n/a", "completion": None, "input_cache_write": "NaN"}},
            {"id": "a/free", "pricing": {"prompt": "0", "completion": "0.0"}},
        ]
    }
    models = {model.id: model for model in chosen.parse(payload, models_request(chosen)).models}
    assert models["a/var"].cost_in is None and models["a/var"].cost_out is None
    assert models["a/var"].cost_cache_read is None
    assert models["a/bad"].cost_in is None and models["a/bad"].cost_cache_write is None
    assert models["a/free"].cost_in == 0.0 and models["a/free"].cost_out == 0.0


def test_duplicate_ids_first_wins() -> None:
    page = parse("copilot")
    (gpt5_mini,) = [model for model in page.models if model.id == "gpt-5-mini"]
    assert gpt5_mini.name == "GPT-5 mini"
    assert gpt5_mini.context_window == 264_000

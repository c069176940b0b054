"""Each catalogue is read with the right units, the cache convention and its own filters."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catwalk.importers import genai_prices, litellm, openrouter
from catwalk.importers.records import Catalogue, SourceModel

from .conftest import AS_OF


def by_id(catalogue: Catalogue, key: str) -> dict[str, SourceModel]:
    return {m.id: m for m in catalogue.select(key, AS_OF).models}


# LiteLLM ------------------------------------------------------------------------------


def test_litellm_prices_are_per_token_times_a_million(catalogues: dict[str, Catalogue]) -> None:
    codestral = by_id(catalogues["litellm"], "mistral")["codestral-2508"]
    assert (codestral.cost_in, codestral.cost_out) == (0.3, 0.9)
    assert codestral.cache_read == 0.03
    assert codestral.cache_write is None
    assert codestral.context == 128000


def test_litellm_cache_creation_is_write_and_cache_read_is_read(catalogues: dict[str, Catalogue]) -> None:
    haiku = by_id(catalogues["litellm"], "databricks")["databricks-claude-haiku-4-5"]
    # cache_creation_input_token_cost 1.24999e-06, cache_read_input_token_cost 1.0003e-07
    assert haiku.cache_write == 1.24999
    assert haiku.cache_read == 0.10003
    assert (haiku.cost_in, haiku.cost_out) == (1.00002, 5.00003)
    assert haiku.max_output == 64000
    assert haiku.reasoning is True
    assert haiku.vision is None  # not said, which is not "false"


def test_litellm_keeps_chat_models_and_strips_the_routing_prefix(catalogues: dict[str, Catalogue]) -> None:
    ids = set(by_id(catalogues["litellm"], "mistral"))
    assert "codestral-2508" in ids and "mistral/codestral-2508" not in ids
    assert "mistral-embed" not in ids  # mode: embedding
    # keys without the prefix (Together's size-bucket rows) keep their key as id
    assert "together-ai-4.1b-8b" in set(by_id(catalogues["litellm"], "together_ai"))
    assert catalogues["litellm"].keys()["mistral"] == 7


def test_litellm_output_limit_that_repeats_the_context_is_unknown(catalogues: dict[str, Catalogue]) -> None:
    kimi = by_id(catalogues["litellm"], "together_ai")["moonshotai/Kimi-K3"]
    assert kimi.context == 1048576 and kimi.max_output is None  # max_output_tokens == max_input_tokens
    assert kimi.levels == ("low", "high", "max")
    assert (kimi.vision, kimi.reasoning) == (True, True)


def test_litellm_missing_fields_stay_unknown(catalogues: dict[str, Catalogue]) -> None:
    models = by_id(catalogues["litellm"], "databricks")
    bare = models["system.ai.kimi-k3"]
    assert (bare.cost_in, bare.cost_out, bare.context) == (None, None, None)
    assert bare.price_problem == "no input/output price"
    assert models["databricks-qwen3-next-80b-a3b-instruct"].context is None
    assert by_id(catalogues["litellm"], "mistral")["zai-glm-5-2"].retires == "2026-10-31"


def test_litellm_string_or_sentinel_prices_are_variable() -> None:
    entry = {
        "litellm_provider": "x",
        "mode": "chat",
        "input_cost_per_token": "-1",
        "output_cost_per_token": 1e-6,
    }
    model = litellm.record("x/m", entry, "x")
    assert model.cost_in is None and model.cost_out == 1
    assert model.price_problem == "variable or non-numeric price"


def test_litellm_uses_max_tokens_when_max_input_tokens_is_missing() -> None:
    entry = {"mode": "chat", "input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6, "max_tokens": 8192}
    assert litellm.record("m", entry, "x").context == 8192


# genai-prices -------------------------------------------------------------------------


def test_genai_prices_per_million_and_cache_fields(catalogues: dict[str, Catalogue]) -> None:
    codestral = by_id(catalogues["genai-prices"], "mistral")["codestral-2508"]
    assert (codestral.cost_in, codestral.cost_out, codestral.cache_read) == (0.3, 0.9, 0.03)
    assert codestral.cache_write is None
    sonnet = catalogues["genai-prices"].lookup("anthropic", "claude-sonnet-4-6", AS_OF)
    assert sonnet is not None
    # cache_write_mtok is the write price, cache_read_mtok the read price
    assert (sonnet.cache_write, sonnet.cache_read) == (3.75, 0.3)


def test_genai_prices_leaves_out_models_without_an_output_price(catalogues: dict[str, Catalogue]) -> None:
    selection = catalogues["genai-prices"].select("ovhcloud", AS_OF)
    ids = {m.id for m in selection.models}
    assert "gpt-oss-120b" in ids
    assert not {i for i in ids if i.startswith("bge-")}
    assert "3 entries without an output price (not chat models) left out" in selection.notes


def test_genai_prices_tiered_price_uses_the_base_tier(catalogues: dict[str, Catalogue]) -> None:
    # claude-sonnet-4-6: a tiered list entry, then flat prices from 2026-03-13
    before = catalogues["genai-prices"].lookup("anthropic", "claude-sonnet-4-6", "2026-01-01")
    assert before is not None and (before.cost_in, before.cost_out) == (3, 15)
    selection = catalogues["genai-prices"].select("anthropic", "2026-01-01")
    assert "`claude-sonnet-4-6`: tiered genai-prices price, the base tier is used" in selection.notes


def test_genai_prices_dated_prices_follow_the_import_date(catalogues: dict[str, Catalogue]) -> None:
    genai = catalogues["genai-prices"]
    intro = genai.lookup("anthropic", "claude-sonnet-5", "2026-08-31")
    standard = genai.lookup("anthropic", "claude-sonnet-5", "2026-09-01")
    assert intro is not None and (intro.cost_in, intro.cost_out) == (2, 10)
    assert standard is not None and (standard.cost_in, standard.cost_out) == (3, 15)


def test_genai_prices_time_of_day_prices_are_variable(catalogues: dict[str, Catalogue]) -> None:
    chat = by_id(catalogues["genai-prices"], "deepseek")["deepseek-chat"]
    assert chat.cost_in is None
    assert chat.price_problem == "variable price (depends on the time of day)"


def test_genai_prices_lookup_is_exact_not_by_prefix(catalogues: dict[str, Catalogue]) -> None:
    genai = catalogues["genai-prices"]
    # `mistral-medium-3` matches starts_with "mistral-medium", which must not name 3.5 "Mistral Medium 3"
    assert genai.lookup("mistral", "mistral-medium-3.5", AS_OF) is None
    medium = genai.lookup("mistral", "mistral-medium-3", AS_OF)
    assert medium is not None and medium.name == "Mistral Medium 3"
    assert genai.lookup("mistral", "mistral-tiny", AS_OF).deprecated  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("clause", "text", "expected"),
    [
        ({"equals": "sonar"}, "sonar", True),
        ({"equals": "sonar"}, "sonar-pro", False),
        ({"starts_with": "claude-3-5"}, "claude-3-5-haiku", True),
        ({"ends_with": "-latest"}, "mistral-large-latest", True),
        ({"contains": "llama"}, "meta-llama-3", True),
        ({"regex": r"^gpt-4o(-\d+)?$"}, "gpt-4o-2024", True),
        ({"regex": "("}, "x", False),
        ({"or": [{"equals": "a"}, {"equals": "b"}]}, "b", True),
        ({"and": [{"starts_with": "a"}, {"ends_with": "z"}]}, "abz", True),
        ({"and": [{"starts_with": "a"}, {"ends_with": "z"}]}, "aby", False),
        ({"unknown_op": "x"}, "x", False),
        ("not a clause", "x", False),
    ],
)
def test_genai_prices_match_rules(clause: object, text: str, expected: bool) -> None:
    assert genai_prices.matches(clause, text) is expected


# OpenRouter ---------------------------------------------------------------------------


def test_openrouter_prices_are_per_token_strings(catalogues: dict[str, Catalogue]) -> None:
    sonnet = by_id(catalogues["openrouter"], "*")["anthropic/claude-sonnet-4.6"]
    # prompt "0.000003", completion "0.000015", input_cache_write "0.00000375", input_cache_read "0.0000003"
    assert (sonnet.cost_in, sonnet.cost_out) == (3, 15)
    assert (sonnet.cache_write, sonnet.cache_read) == (3.75, 0.3)


def test_openrouter_variable_price_is_not_a_price(catalogues: dict[str, Catalogue]) -> None:
    auto = by_id(catalogues["openrouter"], "*")["openrouter/auto"]
    assert auto.cost_in is None and auto.price_problem == "variable or non-numeric price"


def test_openrouter_author_selects_the_vendor_without_variants(catalogues: dict[str, Catalogue]) -> None:
    perplexity = by_id(catalogues["openrouter"], "perplexity")
    assert set(perplexity) == {
        "sonar",
        "sonar-pro",
        "sonar-reasoning-pro",
        "sonar-pro-search",
        "sonar-deep-research",
    }
    assert perplexity["sonar-pro"].name == "Sonar Pro"  # "Perplexity: Sonar Pro"
    assert perplexity["sonar-pro"].max_output == 8000
    assert perplexity["sonar-reasoning-pro"].reasoning is True and perplexity["sonar-pro"].reasoning is False
    assert perplexity["sonar"].vision is True and perplexity["sonar-deep-research"].vision is False
    assert set(by_id(catalogues["openrouter"], "deepseek")) == {"deepseek-v4-flash"}  # not ":free"
    assert "deepseek/deepseek-v4-flash:free" in by_id(catalogues["openrouter"], "*")


def test_openrouter_expiration_date_is_retirement(catalogues: dict[str, Catalogue]) -> None:
    old = by_id(catalogues["openrouter"], "mistralai")["mistral-7b-instruct-v0.1"]
    assert old.retires == "2026-05-30"


def test_openrouter_leaves_out_models_that_do_not_chat() -> None:
    speech = {
        "id": "vendor/tts",
        "architecture": {"input_modalities": ["text"], "output_modalities": ["audio"]},
        "pricing": {"prompt": "0.000001", "completion": "0.000002"},
        "context_length": 4096,
    }
    chat = {
        **speech,
        "id": "vendor/chat",
        "architecture": {"input_modalities": ["text"], "output_modalities": ["text"]},
    }
    catalogue = openrouter.OpenRouterCatalogue([speech, chat])
    assert [m.id for m in catalogue.select("vendor", AS_OF).models] == ["chat"]


def test_openrouter_published_effort_levels_are_used() -> None:
    item = {
        "id": "v/m",
        "architecture": {"input_modalities": ["text"], "output_modalities": ["text"]},
        "pricing": {"prompt": "0.000001", "completion": "0.000002"},
        "reasoning": {"supported_efforts": ["low", "high"]},
    }
    assert openrouter.record(item, "m", strip_author=True).levels == ("low", "high")


# Every reader is total: arbitrary JSON never raises ------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)
entries = st.dictionaries(
    st.sampled_from(
        [
            "mode",
            "input_cost_per_token",
            "output_cost_per_token",
            "cache_read_input_token_cost",
            "max_input_tokens",
            "max_output_tokens",
            "reasoning_effort_levels",
            "supports_vision",
            "deprecation_date",
            "prices",
            "match",
            "context_window",
            "pricing",
            "architecture",
            "top_provider",
            "name",
            "id",
        ]
    ),
    json_values,
)


@given(entries)
def test_readers_never_raise_on_arbitrary_entries(entry: dict[str, Any]) -> None:
    litellm.record("p/m", entry, "p")
    genai_prices.record(entry, "m", AS_OF)
    openrouter.record(entry, "m", strip_author=True)
    genai_prices.GenaiPricesCatalogue([{"id": "p", "models": [entry]}]).select("p", AS_OF)
    openrouter.OpenRouterCatalogue([{**entry, "id": "p/m"}]).select("p", AS_OF)
    litellm.LiteLLMCatalogue({"p/m": entry}).select("p", AS_OF)

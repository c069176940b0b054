"""The grouping rule: which model ids name the same model."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catwalk.sources.ids import dated_key, model_key

SAME_MODEL = [
    # vendor prefixes, case, separators
    ("claude-sonnet-4-5", "anthropic/claude-sonnet-4.5"),
    ("claude-sonnet-4-5", "Claude-Sonnet-4_5"),
    ("claude-opus-4-8", "claude-opus4-8"),  # Cortecs drops the dash before the version
    ("deepseek-v3.2", "deepseek-ai/DeepSeek-V3.2"),
    ("glm-5.2", "hf:zai-org/GLM-5.2"),
    ("glm-4.7", "zai-org-glm-4.7"),  # Venice glues the organisation on with a dash
    ("gemma-3-27b-it", "google-gemma-3-27b-it"),
    ("llama-3.1-8b-instruct", "@cf/meta/llama-3.1-8b-instruct"),
    # Fireworks' path and decimal "p"
    ("kimi-k2.6", "accounts/fireworks/models/kimi-k2p6"),
    ("nemotron-lightning-3.5-30b-a3b", "accounts/fireworks/models/nemotron-lightning-3p5-30b-a3b"),
    # Bedrock regions, vendors and versions
    ("claude-sonnet-4-5", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
    ("claude-sonnet-4-5", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"),
    ("claude-opus-4-6", "global.anthropic.claude-opus-4-6-v1"),
    ("llama3-1-70b-instruct", "meta.llama3-1-70b-instruct-v1:0"),
    # dates, aliases and variants
    ("claude-3-7-sonnet", "claude-3-7-sonnet@20250219"),
    ("claude-sonnet-4-5", "claude-sonnet-4-5-20250929"),
    ("gpt-4o", "gpt-4o-2024-11-20"),
    ("gpt-4o", "gpt-4o-latest"),
    ("gemini-2.0-flash", "gemini-2.0-flash-001"),
    ("deepseek-r1", "deepseek/deepseek-r1:free"),
    ("gpt-oss-120b", "openai/gpt-oss-120b:cerebras"),
    ("kimi-k2.6", "moonshotai/Kimi-K2.6-TEE"),
]

DIFFERENT_MODELS = [
    ("qwen3-32b", "qwen3.3-2b"),  # separators between digits are kept
    ("deepseek-v3", "deepseek-v3.1"),
    ("deepseek-v4-flash", "deepseek-v4-flash-0731"),  # short dates name distinct checkpoints
    ("kimi-k2-instruct", "kimi-k2-instruct-0905"),
    ("glm-5.2", "glm-5.2-fast"),  # tiers are different products
    ("gemini-3-pro-preview", "gemini-3-pro"),
    ("claude-opus-5", "claude-opus-5-fast"),
    ("mistral-7b-instruct-v0.1", "mistral-7b-instruct-v0.3"),  # real versions, not Bedrock's
    ("deepseek/deepseek-v3/community", "deepseek/deepseek-r1/community"),  # Novita's variants
    ("deepseek/deepseek-v3/community", "deepseek-v3"),
    ("gpt-oss-120b", "gpt-oss-20b"),
]


@pytest.mark.parametrize(("a", "b"), SAME_MODEL)
def test_spellings_of_one_model_share_a_key(a: str, b: str) -> None:
    assert model_key(a) == model_key(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_MODELS)
def test_different_models_keep_different_keys(a: str, b: str) -> None:
    assert model_key(a) != model_key(b)


def test_dated_key_keeps_the_release_date_in_one_spelling() -> None:
    assert dated_key("claude-sonnet-4-5@20250929") == dated_key("claude-sonnet-4-5-20250929")
    assert dated_key("us.anthropic.claude-sonnet-4-5-20250929-v1:0") == "claude-sonnet4-5@20250929"
    assert dated_key("gpt-4o-2024-05-13") == "gpt4o@20240513"
    assert dated_key("gpt-4o") == model_key("gpt-4o") == "gpt4o"
    assert dated_key("gpt-4o-2024-05-13") != dated_key("gpt-4o-2024-08-06")


@given(st.text(max_size=60))
def test_any_string_gets_a_non_empty_key(text: str) -> None:
    if text.strip():
        assert model_key(text)
        assert dated_key(text).startswith(model_key(text))


# Platform prefixes: the same model on different platforms lands in one group...
PLATFORM_SAME = [
    ("gpt-5", "databricks-gpt-5"),
    ("claude-sonnet-4-6", "databricks-claude-sonnet-4-6"),
    ("gemini-3-pro", "databricks-gemini-3-pro"),
    ("claude-sonnet-4-6", "global.anthropic.claude-sonnet-4-6"),
    ("llama-3.3-70b-instruct", "@cf/meta/llama-3.3-70b-instruct"),
]
# ...and different models never merge, whatever the platform.
PLATFORM_DIFFERENT = [
    ("gpt-5", "databricks-gpt-5-mini"),
    ("databricks-gpt-5", "databricks-gpt-5-mini"),
    ("databricks-gpt-5-1", "databricks-gpt-5"),
    ("databricks-claude-opus-4-5", "databricks-claude-opus-4-6"),
    ("gpt-5", "gpt-5-mini"),
]


@pytest.mark.parametrize(("a", "b"), PLATFORM_SAME)
def test_platform_prefixes_are_seen_through(a: str, b: str) -> None:
    assert model_key(a) == model_key(b)


@pytest.mark.parametrize(("a", "b"), PLATFORM_DIFFERENT)
def test_platform_prefixes_never_merge_different_models(a: str, b: str) -> None:
    assert model_key(a) != model_key(b)


@given(st.text(alphabet="ab9z0-1.Q_ é", max_size=16))
def test_glueing_letters_to_digits_is_the_documented_substitution(text: str) -> None:
    from catwalk.sources.ids import _glue

    key = text.lower()
    while "--" in key:
        key = key.replace("--", "-")
    key = key.strip("-")
    assert _glue(key) == re.sub(r"(?<=[a-z])-(?=[0-9])|(?<=[0-9])-(?=[a-z])", "", key)

"""CW7xx: limits and capabilities of one model agree across the providers serving it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from catwalk.findings import Severity
from deep.helpers import model, provider, run_rules, where
from deep.snapshots import modelsdev_model, write_snapshots


def serve(model_id: str, **by_provider: dict[str, Any]) -> list[dict[str, Any]]:
    """One provider document per keyword, each serving `model_id` with those fields."""
    return [
        provider(name.replace("_", "-"), model(model_id, **fields)) for name, fields in by_provider.items()
    ]


def test_larger_context_than_the_consensus_is_flagged_and_names_the_others() -> None:
    docs = serve(
        "minimax-m2",
        alpha={"context_window": 204800},
        beta={"context_window": 200000},  # within tolerance of 204800
        gamma={"context_window": 196608},
        delta={"context_window": 400000},
    )
    [finding] = run_rules(docs, ["CW701"])
    assert (finding.provider, finding.field, finding.severity) == (
        "delta",
        "context_window",
        Severity.WARNING,
    )
    assert "400000 is larger than the 200000 that 3 of 3 other providers" in finding.message
    assert "(alpha, beta, gamma)" in finding.message


def test_spellings_of_the_model_are_grouped() -> None:
    docs = [
        provider("anthropic", model("claude-sonnet-4-5-20250929", context_window=200000)),
        provider("bedrock", model("us.anthropic.claude-sonnet-4-5-20250929-v1:0", context_window=200000)),
        provider("openrouter", model("anthropic/claude-sonnet-4.5", context_window=200000)),
        provider("cortecs", model("claude-sonnet-4.5", context_window=2000000)),
    ]
    assert where(run_rules(docs, ["CW701"])) == {("CW701", "cortecs", "claude-sonnet-4.5")}


def test_smaller_context_is_legitimate_by_default() -> None:
    docs = serve(
        "glm-5.2",
        a={"context_window": 1048576},
        b={"context_window": 1000000},
        c={"context_window": 1048576},
        d={"context_window": 131072},
    )
    assert run_rules(docs, ["CW701"]) == []
    [finding] = run_rules(docs, ["CW701"], {"context-smaller-factor": 2})
    assert finding.provider == "d"
    assert "at most 1/2 of the" in finding.message


def test_singleton_and_small_groups_stay_silent() -> None:
    singleton = serve("only-here", a={"context_window": 4096, "supports_attachments": True})
    assert run_rules(singleton, ["CW7"]) == []
    # three providers, one dissenting: only two others agree, below consensus-min-providers
    trio = serve("m", a={"context_window": 8000}, b={"context_window": 8000}, c={"context_window": 64000})
    assert run_rules(trio, ["CW7"]) == []


def test_no_clear_majority_stays_silent() -> None:
    docs = serve(
        "m",
        a={"can_reason": True},
        b={"can_reason": True},
        c={"can_reason": True},
        d={"can_reason": False},
        e={"can_reason": False},
    )
    assert run_rules(docs, ["CW703"]) == []  # 3 of 5 is not 75 %


def test_attachments_outlier_both_ways() -> None:
    docs = serve(
        "zai-org/GLM-5.2",
        a={"supports_attachments": False},
        b={"supports_attachments": False},
        c={},  # absent means false, as it does to Crush
        d={"supports_attachments": True},
    )
    [finding] = run_rules(docs, ["CW702"])
    assert finding.provider == "d"
    assert "supports_attachments is true here but false at 3 of 3 other providers" in finding.message

    docs = serve("kimi-k3", a={"supports_attachments": True}, b={"supports_attachments": True},
                 c={"supports_attachments": True}, d={})  # fmt: skip
    [finding] = run_rules(docs, ["CW702"])
    assert (finding.provider, finding.pointer, finding.field) == ("d", "/models/0", "supports_attachments")


def test_reasoning_outlier() -> None:
    docs = serve("gpt-4o", **{name: {"can_reason": False} for name in "abcde"}, f={"can_reason": True})
    [finding] = run_rules(docs, ["CW703"])
    assert finding.provider == "f"
    assert "can_reason is true here but false at 5 of 5 other providers" in finding.message


def test_a_providers_twin_entries_do_not_vote_for_themselves() -> None:
    # aihubmix lists qwen3-max and a dated twin that reasons; only two *other* providers agree
    docs = [
        provider(
            "aihubmix", model("qwen3-max", can_reason=False), model("qwen3-max-2026-01-23", can_reason=True)
        ),
        provider("openrouter", model("qwen/qwen3-max", can_reason=False)),
        provider("vercel", model("alibaba/qwen3-max", can_reason=False)),
    ]
    assert run_rules(docs, ["CW703"]) == []


def test_extra_reasoning_levels_are_flagged_fewer_are_not() -> None:
    full = {"can_reason": True, "reasoning_levels": ["low", "medium", "high", "xhigh", "max"]}
    docs = serve(
        "claude-opus-4-5",
        a=full,
        b=full,
        c=full,
        extra={"can_reason": True, "reasoning_levels": ["none", "minimal", "low", "medium", "high", "xhigh"]},
    )
    [finding] = run_rules(docs, ["CW704"])
    assert finding.provider == "extra"
    assert "offers none, minimal, which 3 of 3 other providers" in finding.message
    assert "they list low, medium, high, xhigh, max (a, b, c)" in finding.message

    fewer = serve(
        "claude-opus-4-5",
        a=full,
        b=full,
        c=full,
        fewer={"can_reason": True, "reasoning_levels": ["low", "high"]},
    )
    assert run_rules(fewer, ["CW704"]) == []


def test_the_generic_level_list_does_not_vote() -> None:
    # Most generators hard-code low/medium/high: it must not outvote the vendor's real list.
    generic = {"can_reason": True, "reasoning_levels": ["low", "medium", "high"]}
    docs = serve(
        "gpt-5",
        a=generic,
        b=generic,
        c=generic,
        d=generic,
        openai={"can_reason": True, "reasoning_levels": ["minimal", "low", "medium", "high"]},
    )
    assert run_rules(docs, ["CW704"]) == []


def test_the_generic_level_list_is_judged_against_a_unanimous_consensus() -> None:
    # It does not vote, but when every list that votes agrees, it is the one that is wrong.
    vendor = {"can_reason": True, "reasoning_levels": ["low", "high", "max"]}
    docs = serve(
        "kimi-k3",
        a=vendor,
        b=vendor,
        c=vendor,
        d=vendor,
        generic={"can_reason": True, "reasoning_levels": ["low", "medium", "high"]},
    )
    [finding] = run_rules(docs, ["CW704"])
    assert finding.provider == "generic"
    assert "offers medium, which 4 of 4 other providers" in finding.message


def test_thresholds_come_from_settings() -> None:
    docs = serve(
        "m",
        a={"context_window": 100000},
        b={"context_window": 100000},
        c={"context_window": 100000},
        d={"context_window": 108000},
    )
    assert run_rules(docs, ["CW701"]) == []  # within the default 10 %
    assert where(run_rules(docs, ["CW701"], {"context-tolerance": 0.05})) == {("CW701", "d", "m")}
    assert run_rules(docs, ["CW701"], {"consensus-min-providers": 4}) == []


def test_bad_settings_are_reported_once_and_defaults_used() -> None:
    docs = serve(
        "m",
        a={"context_window": 1000},
        b={"context_window": 1000},
        c={"context_window": 1000},
        d={"context_window": 9000},
    )
    findings = run_rules(docs, ["CW7"], {"context-tolerance": "wide", "consensus-agreement": 7})
    problems = [f.message for f in findings if "[tool.catwalk.settings]" in f.message]
    assert len(problems) == 2
    assert any("context-tolerance = 'wide' is not a number" in p for p in problems)
    assert ("CW701", "d", "m") in where(findings)


# --- serving variants the catalogue ties to the same weights --------------------------


def _weights(repo: str) -> list[dict[str, str]]:
    return [{"label": "Hugging Face", "url": f"https://huggingface.co/{repo}"}]


@pytest.fixture
def linked(tmp_path: Path) -> dict[str, Any]:
    """models.dev links `GLM-5.1-FP8` and `MiniMax-M2.5-highspeed` to their models' weights;
    `deepseek-chat` too (to V3.2's weights), and `gpt-5-fast` to nothing."""
    directory = write_snapshots(
        tmp_path / "snapshots",
        modelsdev={
            "ambient": [
                modelsdev_model("zai-org/GLM-5.1-FP8", weights=_weights("zai-org/GLM-5.1")),
                modelsdev_model("deepseek-chat", weights=_weights("deepseek-ai/DeepSeek-V3.2")),
            ],
            "minimax": [
                modelsdev_model("MiniMax-M2.5-highspeed", weights=_weights("MiniMaxAI/MiniMax-M2.5"))
            ],
            "vercel": [modelsdev_model("openai/gpt-5-fast")],
        },
    )
    return {"snapshot-dir": str(directory)}


def test_a_variant_the_catalogue_ties_to_the_weights_joins_its_models_group(linked: dict[str, Any]) -> None:
    docs = [
        *serve("glm-5.1", alpha={"can_reason": True}, beta={"can_reason": True}, gamma={"can_reason": True}),
        provider("delta", model("zai-org/GLM-5.1-FP8", can_reason=False)),
    ]
    assert where(run_rules(docs, ["CW703"], linked)) == {("CW703", "delta", "zai-org/GLM-5.1-FP8")}
    # Without the catalogue's link the FP8 build is a model of its own: no majority.
    assert run_rules(docs, ["CW703"], {"snapshot-dir": str(linked["snapshot-dir"]) + "-none"}) == []


def test_the_variants_vote_with_the_model_they_serve(linked: dict[str, Any]) -> None:
    docs = [
        *serve("MiniMax-M2.5", alpha={"supports_attachments": False}, beta={"supports_attachments": False}),
        provider("gamma", model("MiniMax-M2.5-highspeed", supports_attachments=False)),
        provider("delta", model("minimax/minimax-m2.5-highspeed", supports_attachments=False)),
        provider("epsilon", model("minimax-m2.5", supports_attachments=True)),
    ]
    assert where(run_rules(docs, ["CW702"], linked)) == {("CW702", "epsilon", "minimax-m2.5")}


@pytest.mark.parametrize(
    ("variant", "model_id"),
    [
        ("deepseek-chat", "deepseek-v3.2"),  # an alias, not a variant suffix: a moving target
        ("openai/gpt-5-fast", "gpt-5"),  # no weights linked: a tier of its own
        ("gpt-5-mini", "gpt-5"),  # different models never merge
    ],
)
def test_ids_the_catalogue_does_not_tie_as_variants_stay_apart(
    linked: dict[str, Any], variant: str, model_id: str
) -> None:
    docs = [
        *serve(model_id, alpha={"can_reason": True}, beta={"can_reason": True}, gamma={"can_reason": True}),
        provider("delta", model(variant, can_reason=False)),
    ]
    assert run_rules(docs, ["CW703"], linked) == []

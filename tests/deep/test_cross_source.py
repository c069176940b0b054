"""CW8xx: prices, limits and capabilities agree with independent catalogues (snapshots)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from catwalk.findings import Severity
from deep.helpers import model, provider, run_rules, where
from deep.snapshots import genai_provider, litellm_entry, modelsdev_model, openrouter_model, write_snapshots

SONNET = {
    "input_cost_per_token": 3,
    "output_cost_per_token": 15,
    "cache_creation_input_token_cost": 3.75,
    "cache_read_input_token_cost": 0.3,
    "max_input_tokens": 200000,
    "max_output_tokens": 64000,
    "supports_vision": True,
    "supports_reasoning": True,
}


@pytest.fixture
def catalogues(tmp_path: Path) -> dict[str, Any]:
    directory = write_snapshots(
        tmp_path / "snapshots",
        litellm={
            "claude-sonnet-4-5": litellm_entry("anthropic", **SONNET),
            "fireworks_ai/accounts/fireworks/models/kimi-k2p6": litellm_entry(
                "fireworks_ai",
                input_cost_per_token=0.95,
                output_cost_per_token=4,
                max_input_tokens=262144,
                max_output_tokens=32768,
                supports_vision=True,
            ),
            "moonshot/kimi-k2.6": litellm_entry(
                "moonshot", input_cost_per_token=0.6, output_cost_per_token=2.5
            ),
            "deepseek/deepseek-v4-flash": litellm_entry(
                "deepseek",
                input_cost_per_token=0.14,
                output_cost_per_token=0.28,
                max_input_tokens=1000000,
                supports_vision=False,
            ),
            "gpt-4o": litellm_entry(
                "openai",
                input_cost_per_token=2.5,
                output_cost_per_token=10,
                max_input_tokens=128000,
                max_output_tokens=16384,
                supports_vision=True,
            ),
            "text-embedding-3-small": {
                "litellm_provider": "openai",
                "mode": "embedding",
                "input_cost_per_token": 2e-8,
            },
        },
        genai=[
            genai_provider(
                "anthropic",
                {
                    "id": "claude-sonnet-4-5",
                    "match": {"starts_with": "claude-sonnet-4-5"},
                    "context_window": 200000,
                    "prices": {
                        "input_mtok": 3,
                        "output_mtok": 15,
                        "cache_write_mtok": 3.75,
                        "cache_read_mtok": 0.3,
                    },
                },
            ),
        ],
        openrouter=[
            openrouter_model(
                "anthropic/claude-sonnet-4.5",
                3,
                15,
                input_modalities=["text", "image"],
                supported_parameters=["reasoning", "tools"],
                max_completion_tokens=64000,
            ),
            openrouter_model("deepseek/deepseek-v4-flash", 0.126, 0.252, context_length=1048576),
        ],
    )
    return {"snapshot-dir": str(directory)}


def sonnet(**fields: Any) -> dict[str, Any]:
    base = {
        "cost_per_1m_in": 3,
        "cost_per_1m_out": 15,
        "cost_per_1m_in_cached": 3.75,
        "cost_per_1m_out_cached": 0.3,
        "context_window": 200000,
        "default_max_tokens": 32000,
        "can_reason": True,
        "supports_attachments": True,
    }
    base.update(fields)
    return model("claude-sonnet-4-5-20250929", **base)


def test_agreeing_values_stay_silent(catalogues: dict[str, Any]) -> None:
    assert run_rules([provider("anthropic", sonnet())], ["CW8"], catalogues) == []


def test_a_price_every_source_disagrees_with_cites_each_source_and_date(catalogues: dict[str, Any]) -> None:
    [finding] = run_rules([provider("anthropic", sonnet(cost_per_1m_in=30))], ["CW8"], catalogues)
    assert (finding.rule, finding.field, finding.severity) == ("CW801", "cost_per_1m_in", Severity.WARNING)
    assert finding.message == (
        "cost_per_1m_in 30 disagrees with litellm (2026-08-21): 3, genai-prices (2026-08-21): 3, "
        "openrouter (2026-08-21): 3"
    )


def test_prices_within_tolerance_agree(catalogues: dict[str, Any]) -> None:
    docs = [provider("anthropic", sonnet(cost_per_1m_in=3.05, cost_per_1m_out_cached=0.303))]
    assert run_rules(docs, ["CW801"], catalogues) == []
    assert where(run_rules(docs, ["CW801"], {**catalogues, "price-tolerance": 0.001})) == {
        ("CW801", "anthropic", "claude-sonnet-4-5-20250929")
    }


def test_one_agreeing_source_is_enough(catalogues: dict[str, Any]) -> None:
    # DeepSeek's own entry says 0.14; OpenRouter's price for its route differs: no finding.
    docs = [provider("deepseek", model("deepseek-v4-flash", cost_per_1m_in=0.14, cost_per_1m_out=0.28))]
    assert run_rules(docs, ["CW801"], catalogues) == []


def test_resellers_are_not_compared_with_the_vendors_price(catalogues: dict[str, Any]) -> None:
    # Pioneer sells Claude at its own price; only gateways that resell at list price fall back.
    docs = [provider("pioneer", sonnet(cost_per_1m_in=11, cost_per_1m_out=55))]
    assert run_rules(docs, ["CW801"], catalogues) == []


def test_list_price_gateways_fall_back_to_the_closed_vendors_price(catalogues: dict[str, Any]) -> None:
    docs = [provider("vercel", model("anthropic/claude-sonnet-4.5", cost_per_1m_in=30, cost_per_1m_out=15))]
    [finding] = run_rules(docs, ["CW801"], catalogues)
    assert "litellm (2026-08-21, anthropic's entry): 3" in finding.message
    # ... but not to an open-weight maker's price: other hosts serve those at their prices
    docs = [provider("vercel", model("deepseek/deepseek-v4-flash", cost_per_1m_in=0.5, cost_per_1m_out=1))]
    assert run_rules(docs, ["CW801"], catalogues) == []


def test_the_same_providers_entry_comes_first(catalogues: dict[str, Any]) -> None:
    good = provider(
        "fireworks", model("accounts/fireworks/models/kimi-k2p6", cost_per_1m_in=0.95, cost_per_1m_out=4)
    )
    assert run_rules([good], ["CW801"], catalogues) == []
    bad = provider(
        "fireworks", model("accounts/fireworks/models/kimi-k2p6", cost_per_1m_in=0.6, cost_per_1m_out=4)
    )
    [finding] = run_rules([bad], ["CW801"], catalogues)
    assert finding.message == "cost_per_1m_in 0.6 disagrees with litellm (2026-08-21): 0.95"


def test_free_models_and_unset_cache_prices_are_not_compared(catalogues: dict[str, Any]) -> None:
    docs = [
        provider(
            "anthropic",
            sonnet(cost_per_1m_in=0, cost_per_1m_out=0, cost_per_1m_in_cached=0, cost_per_1m_out_cached=0),
        )
    ]
    assert run_rules(docs, ["CW801"], catalogues) == []


def test_cache_convention_violations_are_left_to_cw6(catalogues: dict[str, Any]) -> None:
    swapped = provider("anthropic", sonnet(cost_per_1m_in_cached=0.3, cost_per_1m_out_cached=3.75))
    assert run_rules([swapped], ["CW801"], catalogues) == []
    assert {f.rule for f in run_rules([swapped], ["CW6"])} == {"CW601"}


def test_context_window(catalogues: dict[str, Any]) -> None:
    # same provider: both directions
    docs = [provider("anthropic", sonnet(context_window=100000))]
    [finding] = run_rules(docs, ["CW802"], catalogues)
    assert finding.message.startswith("context_window 100000 disagrees with litellm (2026-08-21): 200000")
    # vendor fallback: a smaller window is the provider's choice, a larger one is not
    smaller = provider("aihubmix", sonnet(context_window=100000))
    assert run_rules([smaller], ["CW802"], catalogues) == []
    larger = provider("aihubmix", sonnet(context_window=2000000))
    [finding] = run_rules([larger], ["CW802"], catalogues)
    assert "anthropic's entry" in finding.message
    # OpenAI's window is input + output in LiteLLM's terms
    gpt = provider("openai", model("gpt-4o", cost_per_1m_in=2.5, cost_per_1m_out=10, context_window=144384))
    assert run_rules([gpt], ["CW802"], catalogues) == []


def test_max_tokens_above_every_sources_output_limit(catalogues: dict[str, Any]) -> None:
    docs = [
        provider("azure", model("gpt-4o", cost_per_1m_in=2.5, cost_per_1m_out=10, default_max_tokens=20000))
    ]
    [finding] = run_rules(docs, ["CW803"], catalogues)
    assert finding.field == "default_max_tokens"
    assert "is above the maximum output of litellm (2026-08-21, openai's entry): 16384" in finding.message


def test_capabilities(catalogues: dict[str, Any]) -> None:
    # a claimed capability the vendor's entry denies
    docs = [
        provider(
            "chutes", model("deepseek-ai/DeepSeek-V4-Flash", cost_per_1m_in=1, supports_attachments=True)
        )
    ]
    assert (
        run_rules(docs, ["CW804"], catalogues) == []
    )  # open weights: DeepSeek's API says nothing about Chutes
    docs = [
        provider(
            "deepseek",
            model("deepseek-v4-flash", cost_per_1m_in=0.14, cost_per_1m_out=0.28, supports_attachments=True),
        )
    ]
    [finding] = run_rules(docs, ["CW804"], catalogues)
    assert finding.message == "supports_attachments is true but litellm (2026-08-21): false"
    # a missing capability is refuted only by the same provider's entry
    reseller = provider("aihubmix", sonnet(supports_attachments=False, can_reason=False))
    assert run_rules([reseller], ["CW804", "CW805"], catalogues) == []
    vendor = provider("anthropic", sonnet(can_reason=False))
    [finding] = run_rules([vendor], ["CW805"], catalogues)
    assert finding.message.startswith("can_reason is false but litellm (2026-08-21): true")


def test_free_twins_are_not_compared_with_the_paid_model(catalogues: dict[str, Any]) -> None:
    docs = [
        provider(
            "openrouter", model("anthropic/claude-sonnet-4.5:free", cost_per_1m_in=0, context_window=8000)
        )
    ]
    assert run_rules(docs, ["CW8"], catalogues) == []


def test_models_no_catalogue_knows_stay_silent(catalogues: dict[str, Any]) -> None:
    docs = [provider("example", model("house-model-1", cost_per_1m_in=123, context_window=10))]
    assert run_rules(docs, ["CW8", "CW9"], catalogues) == []


def test_a_missing_snapshot_directory_is_reported_once(tmp_path: Path) -> None:
    docs = [provider("anthropic", sonnet(cost_per_1m_in=30))]
    findings = run_rules(docs, ["CW8", "CW9"], {"snapshot-dir": str(tmp_path / "nowhere")})
    assert [f.message for f in findings] == [
        f"[tool.catwalk.settings] snapshot-dir {str(tmp_path / 'nowhere')!r} holds no snapshot"
    ]


def test_a_malformed_snapshot_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "litellm.json").write_text("{not json", "utf-8")
    findings = run_rules([provider("anthropic", sonnet())], ["CW8", "CW9"], {"snapshot-dir": str(tmp_path)})
    assert len(findings) == 1
    assert "snapshot litellm: not valid JSON" in findings[0].message


def test_the_packaged_snapshots_are_used_by_default() -> None:
    # claude-sonnet-4-5 is priced 3/15 by all three packaged catalogues
    docs = [provider("anthropic", sonnet(cost_per_1m_out=150))]
    [finding] = run_rules(docs, ["CW801"])
    assert finding.message.startswith("cost_per_1m_out 150 disagrees with litellm (2026-08-21): 15")
    assert "genai-prices (2026-08-21): 15" in finding.message


# --- flat-rate plans ------------------------------------------------------------------


@pytest.fixture
def coding_plan(tmp_path: Path) -> dict[str, Any]:
    """models.dev lists Kimi's coding plan with every model at 0; LiteLLM prices one of the
    plan's models per token."""
    free = {"input": 0, "output": 0, "cache_read": 0, "cache_write": 0}
    directory = write_snapshots(
        tmp_path / "flat",
        litellm={
            "moonshot/kimi-k3": litellm_entry("kimi-coding", input_cost_per_token=3, output_cost_per_token=15)
        },
        modelsdev={
            "kimi-for-coding": [modelsdev_model("k2p6", cost=free), modelsdev_model("k2p7", cost=free)],
            "moonshotai": [modelsdev_model("kimi-k2.6", cost={"input": 0.6, "output": 2.5})],
        },
    )
    return {"snapshot-dir": str(directory)}


def test_a_catalogue_plan_where_every_priced_model_costs_0_is_flat_rate(coding_plan: dict[str, Any]) -> None:
    from catwalk.sources import store

    snap = store.load("models.dev", Path(coding_plan["snapshot-dir"]))
    assert snap is not None
    assert snap.flat == {"kimi-coding": 2}  # moonshot charges: not a flat-rate plan


def test_a_price_on_a_flat_rate_plan_is_flagged_for_a_model_the_catalogue_does_not_list(
    coding_plan: dict[str, Any],
) -> None:
    docs = [provider("kimi-coding", model("kimi-for-coding", cost_per_1m_in=0.6, cost_per_1m_out=0))]
    [finding] = run_rules(docs, ["CW801"], coding_plan)
    assert (finding.model, finding.field) == ("kimi-for-coding", "cost_per_1m_in")
    assert finding.message == (
        "cost_per_1m_in 0.6 disagrees with models.dev (2026-08-21, a flat-rate plan: its 2 priced models "
        "cost 0): 0"
    )
    assert finding.evidence[0]["flat_rate_models"] == 2


def test_zero_prices_on_a_flat_rate_plan_agree(coding_plan: dict[str, Any]) -> None:
    docs = [provider("kimi-coding", model("kimi-for-coding", cost_per_1m_in=0, cost_per_1m_out=0))]
    assert run_rules(docs, ["CW801"], coding_plan) == []


def test_another_catalogue_that_agrees_outweighs_the_flat_rate_plan(coding_plan: dict[str, Any]) -> None:
    # LiteLLM prices kimi-k3 at this provider at 3/15: one agreeing catalogue is enough.
    docs = [provider("kimi-coding", model("kimi-k3", cost_per_1m_in=3, cost_per_1m_out=15))]
    assert run_rules(docs, ["CW801"], coding_plan) == []
    wrong = [provider("kimi-coding", model("kimi-k3", cost_per_1m_in=4, cost_per_1m_out=15))]
    [finding] = run_rules(wrong, ["CW801"], coding_plan)
    assert "litellm (2026-08-21): 3" in finding.message and "flat-rate plan" in finding.message


def test_other_providers_are_not_held_to_someone_elses_flat_rate_plan(coding_plan: dict[str, Any]) -> None:
    docs = [provider("moonshot", model("kimi-k9", cost_per_1m_in=0.6, cost_per_1m_out=2.5))]
    assert run_rules(docs, ["CW801"], coding_plan) == []


# --- a capability no host's entry grants ----------------------------------------------


@pytest.fixture
def hosts(tmp_path: Path) -> dict[str, Any]:
    """Four hosts list Kimi K2 Instruct as a text model that does not reason; one host
    lists a vision model with image input."""
    plain = {"reasoning": False, "modalities": {"input": ["text"], "output": ["text"]}}
    directory = write_snapshots(
        tmp_path / "hosts",
        modelsdev={
            host: [modelsdev_model("moonshotai/kimi-k2-instruct-0905", **plain)]
            for host in ("togetherai", "deepinfra", "novita-ai")
        }
        | {
            "groq": [
                modelsdev_model(
                    "qwen/qwen3-vl-32b", modalities={"input": ["text", "image"], "output": ["text"]}
                )
            ]
        },
        litellm={
            "fireworks_ai/kimi-k2-instruct-0905": litellm_entry("fireworks_ai", supports_reasoning=False)
        },
    )
    return {"snapshot-dir": str(directory)}


def test_a_capability_every_hosts_entry_denies_is_flagged_where_no_entry_of_its_own_exists(
    hosts: dict[str, Any],
) -> None:
    docs = [provider("example-host", model("moonshotai/kimi-k2-instruct-0905", can_reason=True))]
    [finding] = run_rules(docs, ["CW805"], hosts)
    assert finding.message == (
        "can_reason is true but no catalogue entry of this model grants reasoning: "
        "litellm (2026-08-21): no at 1 host, models.dev (2026-08-21): no at 3 hosts"
    )
    assert finding.severity is Severity.WARNING
    assert (
        run_rules(
            [provider("example-host", model("kimi-k2-instruct-0905", can_reason=False))], ["CW805"], hosts
        )
        == []
    )


def test_the_providers_own_entry_decides_before_the_other_hosts(hosts: dict[str, Any]) -> None:
    # Together's own entry says no: the same-provider comparison reports it, once.
    docs = [provider("together", model("moonshotai/kimi-k2-instruct-0905", can_reason=True))]
    [finding] = run_rules(docs, ["CW805"], hosts)
    assert "models.dev (2026-08-21): false" in finding.message


def test_one_host_that_grants_it_or_too_few_entries_keep_it_silent(
    tmp_path: Path, hosts: dict[str, Any]
) -> None:
    docs = [provider("example-host", model("qwen/qwen3-vl-32b", supports_attachments=True))]
    assert run_rules(docs, ["CW804"], hosts) == []
    few = write_snapshots(
        tmp_path / "few",
        modelsdev={"deepinfra": [modelsdev_model("some/model-x", reasoning=False)]},
    )
    docs = [provider("example-host", model("some/model-x", can_reason=True))]
    assert run_rules(docs, ["CW805"], {"snapshot-dir": str(few)}) == []


@pytest.fixture
def limits(tmp_path: Path) -> dict[str, Any]:
    """Three hosts serve GLM-5.1 with a 202752-token window and at most 131072 output."""
    entry = {"limit": {"context": 202752, "output": 131072}}
    directory = write_snapshots(
        tmp_path / "limits",
        modelsdev={
            host: [modelsdev_model("zai-org/GLM-5.1", **entry)]
            for host in ("togetherai", "deepinfra", "baseten")
        },
    )
    return {"snapshot-dir": str(directory)}


def test_limits_beyond_every_hosts_entry_are_flagged(limits: dict[str, Any]) -> None:
    docs = [
        provider("example-host", model("zai-org/GLM-5.1", context_window=2027520, default_max_tokens=202752))
    ]
    found = {f.rule: f.message for f in run_rules(docs, ["CW802", "CW803"], limits)}
    assert found == {
        "CW802": "context_window 2027520 is larger than any host's catalogue entry of this model allows: "
        "models.dev (2026-08-21): at most 202752 at 3 hosts",
        "CW803": "default_max_tokens 202752 is above the maximum output any host's catalogue entry gives "
        "this model: models.dev (2026-08-21): at most 131072 at 3 hosts",
    }
    within = [
        provider("example-host", model("zai-org/GLM-5.1", context_window=202752, default_max_tokens=131072))
    ]
    assert run_rules(within, ["CW802", "CW803"], limits) == []


def test_the_providers_own_listing_api_is_not_second_guessed_by_other_hosts(limits: dict[str, Any]) -> None:
    # aihubmix's API gives windows and output limits (its adapter reads them): the nightly
    # comparison with that API judges them, not other hosts' catalogue entries.
    docs = [provider("aihubmix", model("zai-org/GLM-5.1", context_window=2027520, default_max_tokens=202752))]
    assert run_rules(docs, ["CW802", "CW803"], limits) == []


def test_one_host_in_three_catalogues_is_one_voice(tmp_path: Path) -> None:
    entry = {"limit": {"context": 202752, "output": 131072}}
    directory = write_snapshots(
        tmp_path / "one",
        modelsdev={"togetherai": [modelsdev_model("zai-org/GLM-5.1", **entry)]},
        litellm={
            "together_ai/zai-org/GLM-5.1": litellm_entry(
                "together_ai", max_input_tokens=202752, max_output_tokens=131072
            )
        },
        openrouter=[
            openrouter_model("z-ai/glm-5.1", 1, 2, context_length=202752, max_completion_tokens=131072)
        ],
    )
    docs = [provider("example-host", model("zai-org/GLM-5.1", context_window=2027520))]
    assert run_rules(docs, ["CW802"], {"snapshot-dir": str(directory)}) == []

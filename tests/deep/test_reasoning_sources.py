"""CW403-CW405: reasoning levels and flags against what the vendor documents and what
models.dev says each platform accepts. Bad cases must fire with the right severity and
source; good cases must stay silent. One vendor at a time, then the platforms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from catwalk.findings import Finding
from deep.helpers import model, provider, run_rules
from deep.snapshots import modelsdev_model, write_snapshots

RULES = ["CW403", "CW404", "CW405"]


def reasoner(model_id: str, levels: list[str], **fields: Any) -> dict[str, Any]:
    default = "medium" if "medium" in levels else levels[0]
    return model(
        model_id, can_reason=True, reasoning_levels=levels, default_reasoning_effort=default, **fields
    )


@pytest.fixture
def snapshots(tmp_path: Path) -> dict[str, Any]:
    """models.dev entries for the vendors' own APIs and for two platforms."""
    directory = write_snapshots(
        tmp_path / "snapshots",
        date="2026-07-02",
        modelsdev={
            "deepseek": [modelsdev_model("deepseek-v4-pro", efforts=["high", "max"])],
            "zai-coding-plan": [modelsdev_model("glm-5.2", efforts=["high", "max"])],  # catwalk `zai`
            "openrouter": [modelsdev_model("deepseek/deepseek-v4-pro", efforts=["high", "xhigh"])],
            "anthropic": [
                modelsdev_model("claude-opus-4-8", efforts=["low", "medium", "high", "xhigh", "max"])
            ],
            "xai": [modelsdev_model("grok-5", efforts=["low", "high"])],
        },
    )
    return {"snapshot-dir": str(directory), "today": "2026-12-07"}


def found(docs: list[dict[str, Any]], settings: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    findings: list[Finding] = run_rules(docs, RULES, settings)
    return [(f.rule, f.severity.label, f.provider or "", f.model or "") for f in findings]


# -- the vendor's own documentation, for the vendor's own file: certain --------------------------
VENDOR_CASES = [
    # (label, provider id, type, model, expected findings)
    ("OpenAI gpt-5.1 takes none, not minimal", "openai", "openai",
     reasoner("gpt-5.1", ["minimal", "low", "medium", "high"]), [("CW403", "error")]),
    ("OpenAI gpt-5.1 documented levels", "openai", "openai",
     reasoner("gpt-5.1", ["none", "low", "medium", "high"]), []),
    ("OpenAI gpt-5-pro only takes high", "openai", "openai",
     reasoner("gpt-5-pro", ["low", "medium", "high"]), [("CW403", "error")] * 2),  # levels, default
    ("OpenAI gpt-5-pro with high", "openai", "openai", reasoner("gpt-5-pro", ["high"]), []),
    ("OpenAI gpt-5-mini without minimal is stale", "openai", "openai",
     reasoner("gpt-5-mini", ["low", "medium", "high"]), [("CW404", "warning")]),
    ("OpenAI o3 takes no xhigh", "openai", "openai",
     reasoner("o3", ["low", "medium", "high", "xhigh"]), [("CW403", "error")]),
    ("Anthropic Opus 4.7 xhigh and max", "anthropic", "anthropic",
     reasoner("claude-opus-4-7", ["low", "medium", "high", "xhigh", "max"]), []),
    ("Anthropic Opus 4.5 has no max", "anthropic", "anthropic",
     reasoner("claude-opus-4-5-20251101", ["low", "medium", "high", "max"]), [("CW403", "error")]),
    ("Gemini 3 Pro takes low and high only", "gemini", "google",
     reasoner("gemini-3-pro-preview", ["low", "medium", "high"]), [("CW403", "error")] * 2),
    ("Gemini 3 Flash takes minimal", "gemini", "google",
     reasoner("gemini-3-flash-preview", ["minimal", "low", "medium", "high"]), []),
    ("xAI grok-3-mini takes low and high", "xai", "openai-compat",
     reasoner("grok-3-mini", ["low", "medium", "high"]), [("CW403", "error")] * 2),
    ("xAI grok-3-mini documented levels", "xai", "openai-compat", reasoner("grok-3-mini", ["low", "high"]), []),
    ("xAI grok-4 rejects any effort", "xai", "openai-compat",
     reasoner("grok-4", ["low", "high"]), [("CW403", "error")] * 2),
    ("xAI grok-4 reasoning without levels", "xai", "openai-compat", model("grok-4", can_reason=True), []),
    # Crush sends the default effort on every request: a default the API rejects fails them all
    ("xAI grok-4 with a default effort and no levels", "xai", "openai-compat",
     model("grok-4", can_reason=True, default_reasoning_effort="low"), [("CW403", "error")]),
    ("OpenAI gpt-5.1 defaults to none", "openai", "openai",
     model("gpt-5.1", can_reason=True, reasoning_levels=["none", "low", "medium", "high"],
           default_reasoning_effort="none"), []),
    ("a default but no levels in the vendor's file: still narrowed", "openai", "openai",
     model("gpt-5", can_reason=True, default_reasoning_effort="medium"), [("CW404", "warning")]),
    ("a default effort on a model that does not reason is not sent", "xai", "openai-compat",
     model("grok-4", can_reason=False, default_reasoning_effort="low"), []),
    ("a reasoning model marked not reasoning by its vendor's file", "openai", "openai",
     model("gpt-5", can_reason=False), [("CW405", "error")]),
]  # fmt: skip


@pytest.mark.parametrize("case", VENDOR_CASES, ids=[c[0] for c in VENDOR_CASES])
def test_vendor_documentation(snapshots: dict[str, Any], case: tuple[Any, ...]) -> None:
    _, provider_id, kind, entry, expected = case
    doc = provider(provider_id, entry, type=kind)
    assert [(r, s) for r, s, _, _ in found([doc], snapshots)] == expected


# -- platforms: warnings, citing models.dev --------------------------------------------------------
PLATFORM_CASES = [
    # the vendor (DeepSeek, models.dev's deepseek entry) takes high/max; low/medium/high is wrong
    ("DeepSeek V4 Pro with low/medium/high at a platform", "pioneer",
     reasoner("deepseek-ai/DeepSeek-V4-Pro", ["low", "medium", "high"]), [("CW403", "warning")] * 2),
    ("DeepSeek V4 Pro defaulting to medium at a platform", "pioneer",
     model("deepseek-ai/DeepSeek-V4-Pro", can_reason=True, default_reasoning_effort="medium"),
     [("CW403", "warning")]),
    ("DeepSeek V4 Pro with the vendor's levels", "pioneer",
     reasoner("deepseek-ai/DeepSeek-V4-Pro", ["high", "max"]), []),
    ("a platform's subset of the vendor's levels is its own business", "pioneer",
     reasoner("deepseek-ai/DeepSeek-V4-Pro", ["high"]), []),
    # the platform's own entry wins over the vendor's: OpenRouter takes high/xhigh here
    ("OpenRouter's own levels", "openrouter", reasoner("deepseek/deepseek-v4-pro", ["high", "xhigh"]), []),
    ("OpenRouter's own entry refutes max", "openrouter",
     reasoner("deepseek/deepseek-v4-pro", ["high", "max"]), [("CW403", "warning")]),
    # the curated table speaks for the vendor at a platform too, as a warning
    ("Opus 4.5 at a platform with xhigh", "vercel",
     reasoner("anthropic/claude-opus-4.5", ["low", "medium", "high", "xhigh"]), [("CW403", "warning")]),
    ("a model nobody documents", "pioneer", reasoner("acme/thinker-1", ["low", "medium", "high"]), []),
    # can_reason false for a model the vendor documents as reasoning
    ("Databricks' GPT-5 marked not reasoning", "databricks", model("databricks-gpt-5", can_reason=False),
     [("CW405", "warning")]),
    ("models.dev's vendor entry says it reasons", "venice", model("glm-5.2", can_reason=False),
     [("CW405", "warning")]),
    ("an explicitly non-reasoning model nobody contradicts", "venice", model("llama-4", can_reason=False), []),
]  # fmt: skip


@pytest.mark.parametrize("case", PLATFORM_CASES, ids=[c[0] for c in PLATFORM_CASES])
def test_platforms(snapshots: dict[str, Any], case: tuple[Any, ...]) -> None:
    _, provider_id, entry, expected = case
    doc = provider(provider_id, entry)
    assert [(r, s) for r, s, _, _ in found([doc], snapshots)] == expected


def test_findings_cite_their_source_and_date(snapshots: dict[str, Any]) -> None:
    docs = [
        provider("openai", reasoner("gpt-5.1", ["minimal", "low", "medium", "high"]), type="openai"),
        provider("pioneer", reasoner("deepseek-ai/DeepSeek-V4-Pro", ["low", "medium", "high"])),
    ]
    findings = run_rules(docs, RULES, snapshots)
    messages = {(f.provider, f.field): f.message for f in findings}
    assert "minimal not accepted" in messages["openai", "reasoning_levels"]
    assert "platform.openai.com" in messages["openai", "reasoning_levels"]
    assert "read 2026-12-07" in messages["openai", "reasoning_levels"]
    assert messages["pioneer", "reasoning_levels"] == (
        "low, medium not accepted: models.dev (2026-07-02), deepseek's entry lists high, max"
    )
    assert messages["pioneer", "default_reasoning_effort"] == (
        "default_reasoning_effort medium not accepted: models.dev (2026-07-02), deepseek's entry lists high, max"
    )
    assert {f.pointer for f in findings if f.field == "default_reasoning_effort"} == {
        "/models/0/default_reasoning_effort"
    }


def test_without_any_snapshot_only_the_documentation_speaks(tmp_path: Path) -> None:
    empty = tmp_path / "none"
    empty.mkdir()
    settings = {"snapshot-dir": str(empty)}
    docs = [
        provider("openai", reasoner("gpt-5.1", ["minimal", "low", "medium", "high"]), type="openai"),
        provider("pioneer", reasoner("deepseek-ai/DeepSeek-V4-Pro", ["low", "medium", "high"])),
    ]
    rules = {(r, p) for r, _, p, _ in found(docs, settings)}
    assert rules == {("CW403", "openai")}


@pytest.mark.parametrize("levels", [None, []])
def test_a_reasoning_model_with_no_levels_in_its_vendors_file_is_narrowed(
    snapshots: dict[str, Any], levels: list[str] | None
) -> None:
    fields: dict[str, Any] = {"can_reason": True}
    if levels is not None:
        fields["reasoning_levels"] = levels
    docs = [provider("openai", model("gpt-5", **fields), type="openai")]
    [finding] = run_rules(docs, ["CW404"], snapshots)
    assert finding.field == "reasoning_levels" and finding.pointer == "/models/0"
    assert "lists no reasoning_levels, but openai's API reference" in finding.message
    assert finding.message.endswith("documents minimal, low, medium, high")
    # Another platform may serve the model without effort: not reported.
    assert run_rules([provider("pioneer", model("openai/gpt-5", **fields))], ["CW404"], snapshots) == []

"""On the upstream catwalk files (../shared/reference/catwalk) the deep rules find the cache
convention violations and cross-provider outliers that are really there, and nothing in
the files that follow the convention. Each case below was verified by reading the data."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from catwalk_testing import run_catwalk

KNOWN = [
    # one "cached input" (read) price put in the write field (provider-apis.md 1.1)
    ("CW603", "chutes", "deepseek-ai/DeepSeek-V3.2-TEE"),  # in 1, in_cached 0.1
    ("CW603", "avian", "deepseek/deepseek-v3.2"),  # in 0.23, in_cached 0.012
    ("CW603", "ionet", "deepseek-ai/DeepSeek-V3.2"),  # in 0.87186, in_cached 0.43593
    ("CW603", "neuralwatt", "deepseek-v4-flash"),  # in 0.14, in_cached 0.028
    ("CW603", "deepseek", "deepseek-v4-flash"),  # in 0.14, in_cached 0.0028
    ("CW603", "deepseek", "deepseek-v4-pro"),  # in 0.435, in_cached 0.003625
    ("CW603", "moonshot", "kimi-k3"),  # in 3, in_cached 0.3
    ("CW603", "zhipu", "glm-5.1"),  # in 1.4, in_cached 0.26
    ("CW603", "opencode-go", "deepseek-v4-flash"),  # in 0.22, in_cached 0.01
    ("CW603", "openai", "gpt-5.5"),  # in 5, in_cached 0.5
    # read and write swapped
    ("CW601", "opencode-zen", "claude-fable-5"),  # in 10, in_cached 1, out_cached 12.5
    ("CW601", "minimax", "MiniMax-M2.7"),  # in 0.3, in_cached 0.06, out_cached 0.375
    ("CW602", "minimax", "MiniMax-M3"),  # in 0.6, in_cached 0.12, out_cached 0.375
    # the output price copied into the read field
    ("CW601", "gemini", "gemini-3.7-flash"),  # out 3.75, out_cached 3.75, in_cached 0.075
    ("CW601", "qiniucloud", "minimax/minimax-m2.5"),  # in/out copied into both cached fields
    # the read price in both fields
    ("CW604", "synthetic", "hf:zai-org/GLM-4.7-Flash"),  # in 0.1, both cached 0.02
    ("CW604", "openai", "gpt-5.3-codex"),  # in 1.75, both cached 0.175
    # cross-provider outliers
    ("CW701", "cortecs", "minimax-m2"),  # 400000 where six providers list ~204800
    ("CW701", "openrouter", "deepseek/deepseek-v4-flash-0731"),  # 1310720 where ten list ~1M
    ("CW702", "baseten", "zai-org/GLM-5.2"),  # image input where 20 providers have none
    ("CW703", "cortecs", "gpt-4o"),  # reasoning where seven providers say gpt-4o does not reason
    ("CW704", "vercel", "anthropic/claude-opus-4.6"),  # none/minimal efforts Anthropic does not offer
]

# Files whose cache prices follow the convention (Anthropic-style write 1.25x / read 0.1x,
# read-only discounts, no caching): the cache rules must stay silent on them.
CONVENTIONAL = ["anthropic", "bedrock", "bedrock-europe", "vertexai", "xai", "copilot", "cortecs", "nebius"]


@functools.cache
def _check(directory: Path) -> list[dict[str, object]]:
    result = run_catwalk(
        "check", directory, "--select", "CW6,CW7", "--format", "json", "--fail-level", "never"
    )
    assert result.returncode == 0, result.stderr
    found: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return found


@pytest.fixture
def findings(reference_dir: Path) -> list[dict[str, object]]:
    return _check(reference_dir / "catwalk")


@pytest.mark.parametrize(("rule", "provider", "model"), KNOWN, ids=[f"{r}-{p}-{m}" for r, p, m in KNOWN])
def test_known_violation_is_reported(
    findings: list[dict[str, object]], rule: str, provider: str, model: str
) -> None:
    assert any((f["rule"], f["provider"], f["model"]) == (rule, provider, model) for f in findings)


def test_conventional_files_have_no_cache_findings(findings: list[dict[str, object]]) -> None:
    noisy = {f["provider"] for f in findings if str(f["rule"]).startswith("CW6")} & set(CONVENTIONAL)
    assert noisy == set()


def test_every_generator_known_to_break_the_convention_is_caught(findings: list[dict[str, object]]) -> None:
    # provider-apis.md 1.1 lists these generators and hand-written files
    breakers = {"chutes", "avian", "ionet", "opencode-zen", "opencode-go", "synthetic", "neuralwatt",
                "deepseek", "moonshot", "zhipu", "gemini"}  # fmt: skip
    caught = {f["provider"] for f in findings if str(f["rule"]).startswith("CW6")}
    assert breakers <= caught

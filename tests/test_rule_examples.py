"""Every rule's documented example is run: the `Bad:` line of its `## Example` must produce
the rule's finding and the `Good:` line must not (ruff's rule fixtures, read from the docs).

The backticked fragments of a line are what the file contains:
- JSON members (`"context_window": 2048, "default_max_tokens": 4096`) go into the one
  model of a small provider file, replacing the template's fields of the same name, or
  into the provider when they name provider fields (`api_key`, `api_endpoint`...);
- an object (`{"id": "m", ...}`) is the whole model;
- a name ending in `.json` is a file name, and the members that follow are that file's.
The members are inserted as text, so an example can show what JSON cannot (`NaN`,
duplicate keys, `\\ud800`). What the prose around a fragment says (the other providers
in a consensus, the catalogues that refute a price, a retirement date) is the rule's
`Scenario` below: the one place an example's context is written down.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from catwalk import engine
from catwalk.findings import Finding
from catwalk.loader import load_bytes, load_path
from catwalk.registry import builtin_rules, select_rules
from catwalk.rules import Rule
from deep.snapshots import genai_provider, litellm_entry, openrouter_model, write_snapshots

RULES = builtin_rules()
BY_ID = {rule.id: rule for rule in RULES}
PROVIDER_KEYS = frozenset(
    {"api_key", "api_endpoint", "type", "default_headers", "default_large_model_id", "default_small_model_id"}
)
_KEY = re.compile(r'"([a-z_]+)"\s*:')


@dataclass(frozen=True)
class Scenario:
    """The context the prose of an example describes."""

    provider: str = "acme"
    kind: str = "openai-compat"
    model_id: str = "model-1"
    model: dict[str, Any] = field(default_factory=dict)  # template fields beyond the helpers'
    peers: int = 0  # other providers serving the `Good:` model (the consensus)
    snapshots: Callable[[Path], Path] | None = None
    today: str | None = None
    list_default: bool = False  # the provider's model is the default a fragment names
    expand: dict[str, str] = field(default_factory=dict)  # elisions in the docs, spelled out
    raw: Callable[[str, bytes], bytes] | None = None  # bytes the example describes in prose
    copies: int = 1  # how many entries of the model the `Bad:` file has


def _litellm(entries: dict[str, dict[str, Any]]) -> Callable[[Path], Path]:
    return lambda directory: write_snapshots(directory, litellm=entries)


SCENARIOS: dict[str, Scenario] = {
    "CW002": Scenario(raw=lambda side, text: text.replace(b"Acme", "Acmé".encode("latin-1" if side == "bad" else "utf-8"))),
    "CW003": Scenario(raw=lambda side, text: (b"\xef\xbb\xbf" if side == "bad" else b"") + text),
    "CW501": Scenario(expand={"sk-proj-…": "sk-proj-" + "A1b2C3d4" * 6}),
    "CW502": Scenario(expand={"sk-proj-…": "sk-proj-" + "A1b2C3d4" * 6}),
    "CW006": Scenario(expand={"1000...000": "1" + "0" * 5000}),
    "CW007": Scenario(expand={"[[[[[[[[...]]]]]]]]": "[" * 5000 + "]" * 5000}),
    "CW201": Scenario(),
    "CW204": Scenario(copies=2),
    "CW205": Scenario(model_id="claude-opus-4-7"),
    "CW403": Scenario(provider="openai", kind="openai", model={"can_reason": True, "default_reasoning_effort": "medium"}),
    "CW404": Scenario(provider="anthropic", kind="anthropic", model={"can_reason": True, "default_reasoning_effort": "medium"}),
    "CW405": Scenario(provider="databricks"),
    "CW701": Scenario(peers=6),
    "CW702": Scenario(peers=6),
    "CW703": Scenario(peers=6),
    "CW704": Scenario(peers=5, model={"can_reason": True, "default_reasoning_effort": "low"}),
    # LiteLLM and genai-prices price Claude Sonnet 4.5's input at $3 (its output is left out).
    "CW801": Scenario(
        provider="anthropic",
        kind="anthropic",
        snapshots=lambda directory: write_snapshots(
            directory,
            litellm={"claude-sonnet-4-5": litellm_entry("anthropic", input_cost_per_token=3)},
            genai=[genai_provider("anthropic", {"id": "claude-sonnet-4-5", "prices": {"input_mtok": 3, "output_mtok": 2}})],
        ),
    ),
    "CW802": Scenario(
        provider="anthropic",
        kind="anthropic",
        snapshots=lambda directory: write_snapshots(
            directory,
            litellm={"claude-opus-4-1": litellm_entry("anthropic", max_input_tokens=200000)},
            genai=[genai_provider("anthropic", {"id": "claude-opus-4-1", "context_window": 200000, "prices": {"input_mtok": 1, "output_mtok": 2}})],
        ),
    ),
    "CW803": Scenario(
        provider="openai",
        kind="openai",
        snapshots=lambda directory: write_snapshots(
            directory,
            litellm={"gpt-4o": litellm_entry("openai", max_output_tokens=16384)},
            openrouter=[openrouter_model("openai/gpt-4o", 1, 2, max_completion_tokens=16384, context_length=128000)],
        ),
    ),
    "CW804": Scenario(
        provider="deepseek",
        snapshots=_litellm({"deepseek/deepseek-v3.2": litellm_entry("deepseek", supports_vision=False)}),
    ),
    "CW805": Scenario(
        provider="openai",
        kind="openai",
        snapshots=lambda directory: write_snapshots(
            directory, openrouter=[openrouter_model("openai/gpt-4.1", 1, 2, context_length=128000)]
        ),
    ),
    "CW901": Scenario(
        provider="openai",
        kind="openai",
        today="2026-12-07",
        snapshots=_litellm({"gpt-4o-2024-05-13": litellm_entry("openai", deprecation_date="2026-07-23")}),
    ),
    "CW903": Scenario(
        provider="openai",
        kind="openai",
        today="2026-12-07",
        snapshots=_litellm({"gpt-4o": litellm_entry("openai", deprecation_date="2026-12-17")}),
    ),
    "CW902": Scenario(
        provider="vertexai",
        kind="vertexai",
        today="2026-12-07",
        list_default=True,
        snapshots=_litellm(
            {
                "vertex_ai/claude-sonnet-4-5@20250929": litellm_entry(
                    "vertex_ai-anthropic_models", deprecation_date="2026-09-29"
                )
            }
        ),
    ),
}  # fmt: skip

# Rules whose example is a process, not file contents: tested where the process is.
ELSEWHERE = {
    "CW008": "an unreadable path or a link loop: tests/test_loader.py",
    "CW009": "a stale baseline entry: tests/test_baseline.py",
    "CW011": "a baseline inside the data directory: tests/test_baseline_location.py",
}


def example(rule: Rule) -> tuple[str, str]:
    """The `Bad:` and `Good:` lines of a rule's `## Example` section."""
    section = rule.doc.partition("## Example")[2]
    lines = {
        line.split(":", 1)[0]: line.split(":", 1)[1].strip() for line in section.splitlines() if ":" in line
    }
    assert "Bad" in lines and "Good" in lines, f"{rule.id}: `## Example` needs a `Bad:` and a `Good:` line"
    return lines["Bad"], lines["Good"]


def fragments(line: str, scenario: Scenario) -> list[str]:
    found = re.findall(r"`([^`]*)`", line)
    for short, full in scenario.expand.items():
        found = [text.replace(short, full) for text in found]
    # File contents and names; a backticked word in the prose (`deprecation_date`) is not.
    return [text for text in found if text.startswith(("{", "[", '"')) or text.endswith(".json")]


def _members(values: dict[str, Any], without: set[str]) -> list[str]:
    return [f"{json.dumps(k)}: {json.dumps(v)}" for k, v in values.items() if k not in without]


def _model(scenario: Scenario, fragment: str | None) -> str:
    if fragment is not None and fragment.startswith(("{", "[")):
        return fragment  # the whole model
    template: dict[str, Any] = {
        "id": scenario.model_id,
        "name": "Model One",
        "cost_per_1m_in": 1,
        "cost_per_1m_out": 2,
        "context_window": 128000,
        "default_max_tokens": 8192,
        **scenario.model,
    }
    given = set(_KEY.findall(fragment or ""))
    return "{" + ", ".join([*_members(template, given), *([fragment] if fragment else [])]) + "}"


def _provider_text(
    scenario: Scenario, provider_id: str, provider_part: str | None, model_part: str | None, copies: int = 1
) -> str:
    model = _model(scenario, model_part)
    default = scenario.model_id
    if scenario.list_default and provider_part:
        named = re.search(r'"default_large_model_id":\s*"([^"]*)"', provider_part)
        if named:
            default = named.group(1)
            model = _model(Scenario(**{**scenario.__dict__, "model_id": default}), model_part)
    template = {
        "name": "Acme",
        "id": provider_id,
        "type": scenario.kind,
        "api_key": f"${provider_id.upper().replace('-', '_')}_API_KEY",
        "api_endpoint": f"https://api.{provider_id}.example/v1",
        "default_large_model_id": default,
        "default_small_model_id": default,
    }
    given = set(_KEY.findall(provider_part or ""))
    members = [*_members(template, given), *([provider_part] if provider_part else [])]
    return "{" + ", ".join([*members, '"models": [' + ", ".join([model] * copies) + "]"]) + "}"


def files_for(rule_id: str, side: str, line: str, scenario: Scenario) -> list[tuple[str, bytes]]:
    """The provider files one side of the example describes: (file name, bytes)."""
    parts = fragments(line, scenario)
    names = [p for p in parts if p.endswith(".json")]
    members = [p for p in parts if not p.endswith(".json")]
    if rule_id == "CW102" and side == "good" and line.startswith("the same with"):
        members = [*fragments(example(BY_ID[rule_id])[0], scenario), *members]
        members = [members[0][:-1] + ", " + members[1] + "}"]
    joined = ", ".join(members) if members and not members[0].startswith(("{", "[")) else None
    whole = members[0] if members and members[0].startswith(("{", "[")) else None
    provider_part = model_part = None
    if joined is not None and set(_KEY.findall(joined)) & PROVIDER_KEYS:
        provider_part = joined
    else:
        model_part = joined or whole
    provider_id = scenario.provider
    if provider_part and (named := re.search(r'"id":\s*"([^"]*)"', provider_part)):
        provider_id = named.group(1)
    elif (
        not provider_part and names and model_part and (named := re.search(r'"id":\s*"([^"]*)"', model_part))
    ):
        provider_id, provider_part, model_part = named.group(1), model_part, None
    copies = scenario.copies if side == "bad" else 1
    text = _provider_text(scenario, provider_id, provider_part, model_part, copies).encode()
    if scenario.raw is not None:
        text = scenario.raw(side, text)
    produced = [(name, text) for name in names] or [(f"{provider_id}.json", text)]
    peer_line = example(BY_ID[rule_id])[1]
    for index in range(scenario.peers):
        peer = f"peer-{index}"
        good_members = ", ".join(fragments(peer_line, scenario))
        produced.append((f"{peer}.json", _provider_text(scenario, peer, None, good_members).encode()))
    return produced


def findings(rule_id: str, side: str, tmp_path: Path) -> tuple[list[Finding], str]:
    scenario = SCENARIOS.get(rule_id, Scenario())
    bad, good = example(BY_ID[rule_id])
    produced = files_for(rule_id, side, bad if side == "bad" else good, scenario)
    files = [load_bytes(raw, Path(name), name) for name, raw in produced]
    settings: dict[str, Any] = {"snapshot-dir": str(tmp_path / "no-snapshots")}
    if scenario.snapshots is not None:
        settings["snapshot-dir"] = str(scenario.snapshots(tmp_path / "snapshots"))
    if scenario.today:
        settings["today"] = scenario.today
    result = engine.run(files, select_rules(RULES, [rule_id], []), settings=settings)
    crashed = [f.message for f in result.findings if "check crashed" in f.message]
    assert not crashed, crashed
    return [f for f in result.findings if f.rule == rule_id], produced[0][0]


RUN = sorted(rule.id for rule in RULES if rule.id not in ELSEWHERE)


@pytest.mark.parametrize("rule_id", RUN)
def test_the_bad_example_is_flagged(rule_id: str, tmp_path: Path) -> None:
    found, target = findings(rule_id, "bad", tmp_path)
    assert found, f"{rule_id}: its documented Bad example produces no finding"
    assert {f.file for f in found} == {target} or rule_id in ("CW202",), [f.file for f in found]


@pytest.mark.parametrize("rule_id", RUN)
def test_the_good_example_is_clean(rule_id: str, tmp_path: Path) -> None:
    found, _ = findings(rule_id, "good", tmp_path)
    assert not found, f"{rule_id}: its documented Good example is flagged: {found[0].message}"


def test_every_rule_documents_an_example() -> None:
    for rule in RULES:
        example(rule)
    assert set(ELSEWHERE) <= set(BY_ID)


def test_the_elsewhere_tests_exist() -> None:
    tests = Path(__file__).resolve().parent
    for where in ELSEWHERE.values():
        path = tests / where.rpartition(": ")[2].removeprefix("tests/")
        assert path.is_file(), where


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_the_cw008_example_link_loop_is_flagged(tmp_path: Path) -> None:
    # `x.json -> y.json -> x.json`, as CW008's example says.
    (tmp_path / "x.json").symlink_to(tmp_path / "y.json")
    (tmp_path / "y.json").symlink_to(tmp_path / "x.json")
    assert [p.rule for p in load_path(tmp_path / "x.json").problems] == ["CW008"]

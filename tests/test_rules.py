"""Each first-set rule: the bad case it exists for, and correct cases that stay silent."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from catwalk import engine
from catwalk.document import ProviderFile
from catwalk.findings import Finding
from catwalk.loader import load_bytes
from catwalk.registry import builtin_rules
from catwalk_testing import MINIMAL_PROVIDER

RULES = {r.id: r for r in builtin_rules()}


def check(doc: Any, name: str = "example.json", extra: list[Any] | None = None) -> list[Finding]:
    import json

    files = [load_bytes(json.dumps(doc, indent=2).encode(), Path(name), name)]
    for other_name, other in extra or []:
        files.append(load_bytes(json.dumps(other, indent=2).encode(), Path(other_name), other_name))
    return engine.run(files, list(RULES.values())).findings


def rules_of(findings: list[Finding]) -> list[str]:
    return sorted(f.rule for f in findings)


def doc_with(mutate: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    doc = copy.deepcopy(MINIMAL_PROVIDER)
    mutate(doc)
    return doc


def test_minimal_provider_is_clean() -> None:
    assert check(MINIMAL_PROVIDER) == []


CASES = [
    # (rule, mutation, field, model)
    ("CW201", lambda d: d.update(id="other"), "id", None),
    ("CW203", lambda d: d["models"][0].update(id=" model-x "), "id", " model-x "),
    ("CW204", lambda d: d["models"][1].update(id="model-large"), "id", "model-large"),
    ("CW205", lambda d: d.update(default_large_model_id="gone"), "default_large_model_id", None),
    ("CW205", lambda d: d.update(default_small_model_id="gone"), "default_small_model_id", None),
    (
        "CW301",
        lambda d: d["models"][0].update(default_max_tokens=200_000),
        "default_max_tokens",
        "model-large",
    ),
    (
        "CW401",
        lambda d: d["models"][0].update(default_reasoning_effort="max"),
        "default_reasoning_effort",
        "model-large",
    ),
    ("CW401", lambda d: d["models"][0].pop("reasoning_levels"), "default_reasoning_effort", "model-large"),
    ("CW402", lambda d: d["models"][0].update(can_reason=False), "reasoning_levels", "model-large"),
    ("CW501", lambda d: d.update(api_key="sk-proj-abcdefghijklmnopqrstuvwx"), "api_key", None),
    ("CW501", lambda d: d.update(api_key="hunter2"), "api_key", None),
    (
        "CW502",
        lambda d: d.update(
            default_headers={"Authorization": "Bearer sk-ant-api03-abcdefghijklmnopqrstuvwxyz"}
        ),
        "Authorization",
        None,
    ),
    ("CW503", lambda d: d.update(api_endpoint="http://api.example.com/v1"), "api_endpoint", None),
    ("CW503", lambda d: d.update(api_endpoint="api.example.com"), "api_endpoint", None),
    ("CW503", lambda d: d.update(api_endpoint="https://user:pw@api.example.com"), "api_endpoint", None),
]


@pytest.mark.parametrize(("rule", "mutate", "field", "model"), CASES)
def test_rule_reports_its_case(
    rule: str, mutate: Callable[[dict[str, Any]], object], field: str, model: str | None
) -> None:
    findings = [f for f in check(doc_with(mutate)) if f.rule == rule]
    assert len(findings) == 1, check(doc_with(mutate))
    finding = findings[0]
    assert finding.field == field
    assert finding.model == model
    assert finding.name == RULES[rule].name
    assert finding.line > 1


SILENT = [
    ("env reference key", lambda d: d.update(api_key="$EXAMPLE_KEY")),
    ("braced env reference", lambda d: d.update(api_key="${EXAMPLE_KEY}", api_endpoint="${EXAMPLE_BASE}")),
    ("no key at all", lambda d: d.pop("api_key")),
    ("empty key means absent", lambda d: d.update(api_key="")),
    ("env endpoint", lambda d: d.update(api_endpoint="$ANTHROPIC_API_ENDPOINT")),
    ("no endpoint", lambda d: d.pop("api_endpoint")),
    ("max tokens equal to context", lambda d: d["models"][0].update(default_max_tokens=128000)),
    (
        "no reasoning at all",
        lambda d: d["models"][0].update(can_reason=False, reasoning_levels=[], default_reasoning_effort=""),
    ),
    (
        "reasoning without levels or default",
        lambda d: [d["models"][0].pop(k) for k in ("reasoning_levels", "default_reasoning_effort")],
    ),
    ("prose that mentions sk-", lambda d: d["models"][0].update(name="Task-sk-1 model")),
    ("same model id in two providers", lambda d: None),
]


@pytest.mark.parametrize(("label", "mutate"), SILENT, ids=[c[0] for c in SILENT])
def test_correct_data_stays_silent(label: str, mutate: Callable[[dict[str, Any]], object]) -> None:
    assert check(doc_with(mutate)) == []


def test_secrets_are_never_echoed() -> None:
    secret = "sk-proj-abcdefghijklmnopqrstuvwxyz0123"
    findings = check(doc_with(lambda d: d.update(api_key=secret, default_headers={"X-Key": secret})))
    assert {f.rule for f in findings} == {"CW501", "CW502"}
    assert all(secret not in f.message for f in findings)
    endpoint = check(doc_with(lambda d: d.update(api_endpoint="https://u:hunter2pass@host.example")))
    assert all("hunter2pass" not in f.message for f in endpoint)


def test_duplicate_provider_ids_name_each_other() -> None:
    other = copy.deepcopy(MINIMAL_PROVIDER)
    findings = [
        f for f in check(MINIMAL_PROVIDER, "example.json", [("copy.json", other)]) if f.rule == "CW202"
    ]
    assert sorted(f.file for f in findings) == ["copy.json", "example.json"]
    assert "copy.json" in next(f.message for f in findings if f.file == "example.json")


def test_wrong_shapes_do_not_crash_semantic_rules() -> None:
    weird = {"id": 3, "models": {"a": 1}, "default_large_model_id": ["x"], "api_key": None, "api_endpoint": 5}
    findings = check(weird)
    assert {f.rule[:3] for f in findings} <= {"CW1"}
    assert not any("crashed" in f.message for f in findings)


def test_a_crashing_plugin_rule_becomes_a_finding() -> None:
    from catwalk.rules import rule

    @rule("XX001", "always-crashes")
    def broken(pf: ProviderFile) -> Any:
        """Crashes.

        ## Example
        Bad: anything
        Good: nothing
        """
        raise RuntimeError("boom")

    import json

    pf = load_bytes(json.dumps(MINIMAL_PROVIDER).encode(), Path("example.json"), "example.json")
    findings = engine.run([pf], [broken]).findings
    assert [(f.rule, "boom" in f.message) for f in findings] == [("XX001", True)]


def test_every_rule_is_documented_with_bad_and_good_examples() -> None:
    for r in RULES.values():
        assert r.summary and (r.summary[0].isupper() or r.summary[0] == "`"), r.id
        assert r.summary.endswith("."), r.id
        assert "## Example" in r.doc, r.id
        example = r.doc.split("## Example", 1)[1]
        assert "Bad:" in example and "Good:" in example, r.id


# -- CW504 / CW505: keys stay with their providers ----------------------------------------------
def provider(provider_id: str, **fields: Any) -> dict[str, Any]:
    doc = copy.deepcopy(MINIMAL_PROVIDER)
    doc["id"] = provider_id
    doc.update(fields)
    return doc


def key_findings(doc: dict[str, Any], settings: dict[str, Any] | None = None) -> list[tuple[str, str, str]]:
    import json

    name = f"{doc['id']}.json"
    pf = load_bytes(json.dumps(doc, indent=2).encode(), Path(name), name)
    pf.settings = settings or {}
    rules = [RULES["CW504"], RULES["CW505"]]
    return [
        (f.rule, f.severity.label, f.field or "")
        for f in engine.run([pf], rules, settings=pf.settings).findings
    ]


KEY_CASES = [
    # (label, doc, expected findings)
    ("home endpoint", provider("openai", type="openai", api_key="$OPENAI_API_KEY",
                               api_endpoint="https://api.openai.com/v1"), []),
    ("home endpoint, other case and dot", provider("groq", api_key="$GROQ_API_KEY",
                                                   api_endpoint="https://API.Groq.com./openai/v1"), []),
    ("moved endpoint", provider("openai", type="openai", api_key="$OPENAI_API_KEY",
                                api_endpoint="https://api.openai.example.net/v1"),
     [("CW504", "error", "api_endpoint")]),
    ("lookalike host", provider("groq", api_key="$GROQ_API_KEY", api_endpoint="https://api.groq.com.evil.io/v1"),
     [("CW504", "error", "api_endpoint")]),
    ("per-tenant provider with a fixed host", provider("databricks", api_key="$DATABRICKS_API_KEY",
                                                       api_endpoint="https://x.cloud.databricks.com/x"),
     [("CW504", "error", "api_endpoint")]),
    ("per-tenant provider with its variable", provider("databricks", api_key="$DATABRICKS_API_KEY",
                                                       api_endpoint="$DATABRICKS_API_BASE"), []),
    ("copilot plan host", provider("copilot", api_key="$COPILOT_GITHUB_TOKEN",
                                   api_endpoint="https://api.business.githubcopilot.com"), []),
    ("unknown openai-compat provider", provider("example"), []),
    ("unknown anthropic-type provider elsewhere", provider("example", type="anthropic"),
     [("CW504", "warning", "api_endpoint")]),
    ("borrowed key", provider("example", api_key="$ANTHROPIC_API_KEY"), [("CW505", "error", "api_key")]),
    ("borrowed key in a header", provider("example", default_headers={"X-Key": "Bearer ${OPENAI_API_KEY}"}),
     [("CW505", "error", "X-Key")]),
    ("same vendor, second entry", provider("minimax-coding", type="anthropic", api_key="$MINIMAX_API_KEY",
                                           api_endpoint="https://api.minimax.io/anthropic/coding"), []),
    ("key variable as the endpoint", provider("openai", type="openai", api_key="$OPENAI_API_KEY",
                                              api_endpoint="$OPENAI_API_KEY"), [("CW505", "error", "api_endpoint")]),
    ("platform secret", provider("example", api_key="$GITHUB_TOKEN"), [("CW505", "warning", "api_key")]),
    ("a home's provider naming another variable", provider("groq", api_key="$MY_GROQ_KEY",
                                                           api_endpoint="https://api.groq.com/openai/v1"),
     [("CW505", "warning", "api_key")]),
]  # fmt: skip


@pytest.mark.parametrize(("label", "doc", "expected"), KEY_CASES, ids=[c[0] for c in KEY_CASES])
def test_keys_stay_with_their_providers(label: str, doc: dict[str, Any], expected: list[Any]) -> None:
    assert key_findings(doc) == expected


def test_allowed_hosts_accept_a_gateway_for_that_provider_only() -> None:
    gateway = provider(
        "openai", type="openai", api_key="$OPENAI_API_KEY", api_endpoint="https://gw.example/v1"
    )
    settings = {"allowed-hosts": {"openai": ["gw.example"]}}
    assert key_findings(gateway, settings) == []
    assert key_findings(gateway, {"allowed-hosts": {"groq": ["gw.example"]}}) == [
        ("CW504", "error", "api_endpoint")
    ]


def test_the_upstream_database_borrows_no_key() -> None:
    """Every provider file of the embedded database (which mirrors upstream's) passes."""
    from catwalk.loader import load_path
    from catwalk.paths import provider_files
    from catwalk.resources import providers_dir

    files = [load_path(p) for p in provider_files(providers_dir())]
    findings = engine.run(files, [RULES["CW504"], RULES["CW505"]]).findings
    assert findings == []


# -- rule families: one pass, several rules -------------------------------------------------
def test_a_family_runs_once_and_reports_only_its_selected_rules() -> None:
    import json

    from catwalk.rules import Family, Hit

    calls: list[str] = []
    both = Family("two-checks")

    @both.run
    def _run(pf: ProviderFile):  # type: ignore[no-untyped-def]
        calls.append(pf.display)
        yield first, Hit("/name", "first")
        yield second, Hit("/id", "second")

    first = both.rule("XX101", "first-check", "The first.\\n\\n## Example\\nBad: a\\nGood: b")
    second = both.rule(
        "XX102", "second-check", "The second.\\n\\n## Example\\nBad: a\\nGood: b", severity="warning"
    )
    pf = load_bytes(json.dumps(MINIMAL_PROVIDER).encode(), Path("example.json"), "example.json")
    findings = engine.run([pf], [first, second]).findings
    assert sorted((f.rule, f.severity.label, f.message) for f in findings) == [
        ("XX101", "error", "first"),
        ("XX102", "warning", "second"),
    ]
    assert calls == ["example.json"]  # one pass for both rules
    only_second = engine.run([pf], [second]).findings
    assert [f.rule for f in only_second] == ["XX102"]
    assert [hit.message for hit in first(pf)] == ["first"]  # a family rule called alone

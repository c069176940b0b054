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

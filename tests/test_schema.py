"""The schema is generated from the models, committed, and agrees with `jsonschema`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catwalk.paths import provider_files
from catwalk.resources import provider_schema, providers_dir, schema_path
from catwalk.schema_gen import render
from catwalk.validator import SUPPORTED_KEYWORDS, Validator
from catwalk_testing import MINIMAL_PROVIDER, REPO

SCHEMA_FILE = REPO / "schema" / "provider.schema.json"


def test_committed_schema_is_what_the_models_generate() -> None:
    assert SCHEMA_FILE.read_text("utf-8") == render(), "run `catwalk schema -o schema/provider.schema.json`"


def test_embedded_schema_is_the_committed_one() -> None:
    assert schema_path().read_bytes() == SCHEMA_FILE.read_bytes()


def test_schema_is_valid_2020_12_with_id() -> None:
    schema = provider_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("https://")


def _property_nodes(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    nodes = [(f"/properties/{k}", v) for k, v in schema["properties"].items()]
    for name, definition in schema["$defs"].items():
        nodes.append((f"/$defs/{name}", definition))
        nodes.extend(
            (f"/$defs/{name}/properties/{k}", v) for k, v in definition.get("properties", {}).items()
        )
    return nodes


def test_every_field_has_a_description() -> None:
    missing = [where for where, node in _property_nodes(provider_schema()) if not node.get("description")]
    assert missing == []


def test_schema_covers_every_field_of_the_v2_format() -> None:
    schema = provider_schema()
    assert set(schema["properties"]) == {
        "$schema", "name", "id", "type", "api_key", "api_endpoint", "default_large_model_id",
        "default_small_model_id", "default_headers", "models",
    }  # fmt: skip
    assert set(schema["$defs"]["Model"]["properties"]) == {
        "id", "name", "cost_per_1m_in", "cost_per_1m_out", "cost_per_1m_in_cached",
        "cost_per_1m_out_cached", "context_window", "default_max_tokens", "can_reason",
        "reasoning_levels", "default_reasoning_effort", "supports_attachments", "options",
    }  # fmt: skip
    assert set(schema["$defs"]["ModelOptions"]["properties"]) == {
        "temperature", "top_p", "top_k", "frequency_penalty", "presence_penalty", "provider_options",
    }  # fmt: skip
    assert schema["$defs"]["ProviderType"]["enum"] == [
        "openai", "openai-compat", "openrouter", "vercel", "anthropic", "google", "azure", "bedrock", "google-vertex",
    ]  # fmt: skip
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["Model"]["additionalProperties"] is False


def _keywords(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            if key in ("properties", "$defs"):
                for sub in value.values():
                    found |= _keywords(sub)
            elif key not in ("enum", "const", "default", "examples", "required"):
                found |= _keywords(value)
    elif isinstance(node, list):
        for item in node:
            found |= _keywords(item)
    return found


def test_fast_validator_supports_every_keyword_the_schema_uses() -> None:
    assert _keywords(provider_schema()) <= SUPPORTED_KEYWORDS


def test_every_database_file_validates_with_jsonschema() -> None:
    validator = jsonschema.Draft202012Validator(provider_schema())
    files = provider_files(providers_dir())
    assert files
    for path in files:
        errors = [e.message for e in validator.iter_errors(json.loads(path.read_text("utf-8")))]
        assert errors == [], path.name


def test_check_jsonschema_accepts_the_database() -> None:
    files = sorted(str(p) for p in provider_files(REPO / "providers"))
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA_FILE), *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pydantic_models_accept_every_database_file() -> None:
    from catwalk.model import Provider

    for path in provider_files(providers_dir()):
        Provider.model_validate_json(path.read_bytes())


# -- differential testing against the jsonschema library ------------------------------

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-5, 300_000)
    | st.floats(-5, 1e6, allow_nan=False)
    | st.text(max_size=8)
)
anything = st.recursive(
    scalars,
    lambda s: st.lists(s, max_size=3) | st.dictionaries(st.text(max_size=6), s, max_size=3),
    max_leaves=8,
)
model_keys = [*list(MINIMAL_PROVIDER["models"][0]), "options", "temperature", "bogus"]
provider_keys = [*MINIMAL_PROVIDER, "default_headers", "$schema", "bogus"]


@st.composite
def mutated_providers(draw: st.DrawFn) -> Any:
    doc = json.loads(json.dumps(MINIMAL_PROVIDER))
    models = doc["models"]
    for _ in range(draw(st.integers(0, 4))):
        target = doc if draw(st.booleans()) else models[draw(st.integers(0, 1))]
        keys = provider_keys if target is doc else model_keys
        key = draw(st.sampled_from(keys))
        action = draw(st.sampled_from(["delete", "set", "set"]))
        if action == "delete":
            target.pop(key, None)
        else:
            target[key] = draw(
                anything | st.sampled_from([{"temperature": 3}, {"top_k": 1.5}, "openai", "", "$X", 0, -1])
            )
    return draw(st.sampled_from([doc, doc, doc, models, None]))


def _has_integral_float(value: Any) -> bool:
    if isinstance(value, float) and value.is_integer():
        return True
    if isinstance(value, dict):
        return any(_has_integral_float(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_integral_float(v) for v in value)
    return False


@settings(max_examples=400, deadline=None)
@given(mutated_providers())
def test_verdicts_match_jsonschema(instance: Any) -> None:
    ours = list(Validator(provider_schema()).iter_errors(instance))
    theirs = list(jsonschema.Draft202012Validator(provider_schema()).iter_errors(instance))
    assert Validator(provider_schema()).is_valid(instance) == (not ours)
    if theirs:
        assert ours, [e.message for e in theirs]
    elif ours:
        # The one deliberate difference: 131072.0 is not an integer for Crush's Go decoder.
        assert _has_integral_float(instance), [e.message for e in ours]
        assert {e.kind for e in ours} == {"wrong-type"}


@pytest.mark.parametrize(
    ("mutate", "kind", "pointer", "text"),
    [
        (
            lambda d: d["models"][0].update(cost_per_1m_in="0.5"),
            "wrong-type",
            "/models/0/cost_per_1m_in",
            "remove the quotes",
        ),
        (
            lambda d: d["models"][0].update(context_window=131072.0),
            "wrong-type",
            "/models/0/context_window",
            "without a decimal point",
        ),
        (lambda d: d["models"][1].pop("name"), "missing-key", "/models/1", "`name`"),
        (lambda d: d.update(type="openai-compatible"), "invalid-value", "/type", "must be one of"),
        (
            lambda d: d["models"][0].update(cost_per_1m_out=-1),
            "out-of-range",
            "/models/0/cost_per_1m_out",
            "≥ 0",
        ),
        (
            lambda d: d["models"][0].update(context_window=0),
            "out-of-range",
            "/models/0/context_window",
            "> 0",
        ),
        (
            lambda d: d["models"][0].update(temperature=1),
            "unknown-key",
            "/models/0/temperature",
            "options.temperature",
        ),
        (lambda d: d.update(modles=[]), "unknown-key", "/modles", "did you mean `models`"),
        (lambda d: d.update(id="Open AI"), "invalid-value", "/id", "must match"),
        (
            lambda d: d["models"][0].update(options={"top_p": 2}),
            "out-of-range",
            "/models/0/options/top_p",
            "≤ 1",
        ),
    ],
)
def test_error_messages_name_the_field_and_the_fix(mutate: Any, kind: str, pointer: str, text: str) -> None:
    doc = json.loads(json.dumps(MINIMAL_PROVIDER))
    mutate(doc)
    errors = list(Validator(provider_schema()).iter_errors(doc))
    assert [(e.kind, e.pointer) for e in errors] == [(kind, pointer)]
    assert text in errors[0].message


def test_secret_fields_are_never_quoted() -> None:
    doc = json.loads(json.dumps(MINIMAL_PROVIDER))
    doc["api_key"] = 12345678
    errors = list(Validator(provider_schema(), secret_fields=frozenset({"api_key"})).iter_errors(doc))
    assert errors and "12345678" not in errors[0].message


def test_schema_command_check_mode(tmp_path: Path) -> None:
    from catwalk_testing import run_catwalk

    stale = tmp_path / "schema.json"
    stale.write_text("{}\n")
    assert run_catwalk("schema", "--check", stale).returncode == 1
    assert run_catwalk("schema", "--check", SCHEMA_FILE).returncode == 0
    out = tmp_path / "out.json"
    assert run_catwalk("schema", "-o", out).returncode == 0
    assert out.read_text() == SCHEMA_FILE.read_text()

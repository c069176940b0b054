"""Resolution: which adapter, base URL and key serve each database provider."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from catwalk.errors import UsageError
from catwalk.live.resolve import (
    Target,
    endpoint_variable,
    known_secrets,
    parse_endpoint_overrides,
    public_url,
    resolve,
)
from catwalk.loader import load_path
from live.helpers import model, provider_doc


def resolve_one(providers_dir: Any, doc: dict[str, Any], env: dict[str, str], **kw: Any) -> Target:
    path: Path = providers_dir(doc)
    return resolve([load_path(path)], environ=env, **kw)[0]


def test_literal_endpoint_and_key_from_the_named_variable(providers_dir: Any) -> None:
    doc = provider_doc(
        "groq", [model("m")], api_key="$GROQ_API_KEY", api_endpoint="https://api.groq.com/openai/v1"
    )
    target = resolve_one(providers_dir, doc, {"GROQ_API_KEY": "gsk-secret"})
    assert target.ready and target.adapter is not None
    assert target.adapter.family == "groq"
    assert target.base_url == "https://api.groq.com/openai/v1"
    assert target.api_key == "gsk-secret" and target.key_variable == "GROQ_API_KEY"
    assert target.source == "https://api.groq.com/openai/v1/models"
    assert "gsk-secret" not in repr(target)


def test_endpoint_reference_falls_back_to_the_adapter_default(providers_dir: Any) -> None:
    doc = provider_doc(
        "anthropic",
        [model("m")],
        provider_type="anthropic",
        api_key="${ANTHROPIC_API_KEY}",
        api_endpoint="$ANTHROPIC_API_ENDPOINT",
    )
    target = resolve_one(providers_dir, doc, {"ANTHROPIC_API_KEY": "k"})
    assert target.base_url == "https://api.anthropic.com"
    assert target.source == "https://api.anthropic.com/v1/models"
    target = resolve_one(
        providers_dir, doc, {"ANTHROPIC_API_KEY": "k", "ANTHROPIC_API_ENDPOINT": "https://proxy.example/x"}
    )
    assert target.base_url == "https://proxy.example/x"
    bad = resolve_one(providers_dir, doc, {"ANTHROPIC_API_KEY": "k", "ANTHROPIC_API_ENDPOINT": "not a url"})
    assert not bad.ready and "ANTHROPIC_API_ENDPOINT" in (bad.skip_reason or "")


def test_overrides_win_command_line_first(providers_dir: Any) -> None:
    doc = provider_doc("my-prov.eu", [model("m")])
    env = {"CATWALK_TEST_API_KEY": "k", "CATWALK_ENDPOINT_MY_PROV_EU": "http://127.0.0.1:9/env"}
    assert endpoint_variable("my-prov.eu") == "CATWALK_ENDPOINT_MY_PROV_EU"
    assert resolve_one(providers_dir, doc, env).base_url == "http://127.0.0.1:9/env"
    target = resolve_one(providers_dir, doc, env, overrides={"my-prov.eu": "http://127.0.0.1:9/cli"})
    assert target.base_url == "http://127.0.0.1:9/cli"
    assert target.source == "http://127.0.0.1:9/cli/models"


def test_missing_key_is_skipped_with_the_variable_named(providers_dir: Any) -> None:
    target = resolve_one(providers_dir, provider_doc("groq", [model("m")], api_key="$GROQ_API_KEY"), {})
    assert not target.ready
    assert target.skip_reason == "API key not set: $GROQ_API_KEY is empty or unset"
    empty = resolve_one(
        providers_dir, provider_doc("groq", [model("m")], api_key="$GROQ_API_KEY"), {"GROQ_API_KEY": ""}
    )
    assert not empty.ready


def test_a_literal_key_is_never_used(providers_dir: Any) -> None:
    target = resolve_one(providers_dir, provider_doc("groq", [model("m")], api_key="gsk_literal"), {})
    assert not target.ready and target.api_key is None
    assert "literal" in (target.skip_reason or "")


def test_public_listing_needs_no_key(providers_dir: Any) -> None:
    doc = provider_doc(
        "openrouter",
        [model("m")],
        provider_type="openrouter",
        api_key="$OPENROUTER_API_KEY",
        api_endpoint="https://openrouter.ai/api/v1",
    )
    target = resolve_one(providers_dir, doc, {})
    assert target.ready and target.api_key is None


def test_key_from_the_adapters_own_variables_when_the_file_names_none(providers_dir: Any) -> None:
    from catwalk.live.adapters.registry import find_adapter

    adapter = find_adapter("copilot", "openai-compat")
    assert adapter is not None
    doc = provider_doc("copilot", [model("m")], api_key=None, api_endpoint="https://api.githubcopilot.com")
    skipped = resolve_one(providers_dir, doc, {})
    assert not skipped.ready and "names no api_key" in (skipped.skip_reason or "")
    ready = resolve_one(providers_dir, doc, {"COPILOT_GITHUB_TOKEN": "ghu_token"})
    assert ready.ready and ready.api_key == "ghu_token" and ready.key_variable == "COPILOT_GITHUB_TOKEN"


def test_providers_without_a_usable_listing_api_are_skipped_with_the_reason(providers_dir: Any) -> None:
    doc = provider_doc("bedrock", [model("m")], provider_type="bedrock", api_key=None, api_endpoint=None)
    target = resolve_one(providers_dir, doc, {})
    assert not target.ready and "SigV4" in (target.skip_reason or "")


def test_unreadable_file_and_duplicate_ids_are_skipped(providers_dir: Any) -> None:
    broken = providers_dir(name="broken", text="{ not json")
    first = providers_dir(provider_doc("dup", [model("m")]))
    second = providers_dir(provider_doc("dup", [model("m")]), name="dup-copy")
    targets = resolve(
        [load_path(p) for p in (broken, first, second)],
        environ={"CATWALK_TEST_API_KEY": "k"},
        allowed_hosts={"dup": ["api.example.invalid"]},
    )
    assert [t.ready for t in targets] == [False, True, False]
    assert "not a readable provider" in (targets[0].skip_reason or "")
    assert "duplicate provider id" in (targets[2].skip_reason or "")


def test_endpoint_override_parsing() -> None:
    assert parse_endpoint_overrides(["a=http://127.0.0.1:1", "b.c=https://x.example/v1"]) == {
        "a": "http://127.0.0.1:1",
        "b.c": "https://x.example/v1",
    }
    for bad in ["novalue", "=http://x", "a=", "a=ftp://x", "a=localhost:8080", "a=http://x/?key=1"]:
        with pytest.raises(UsageError):
            parse_endpoint_overrides([bad])


def test_public_url_drops_credentials_query_and_fragment() -> None:
    assert (
        public_url("https://user:pw@host.example:8443/v1/models?key=abc#x")
        == "https://host.example:8443/v1/models"
    )


def test_known_secrets_longest_first_and_never_trivially_short(providers_dir: Any) -> None:
    paths = [
        providers_dir(provider_doc(p, [model("m")], api_key=f"$KEY_{p.upper()}")) for p in ("a", "b", "c")
    ]
    env = {"KEY_A": "secret", "KEY_B": "secret-and-longer", "KEY_C": "k"}
    allowed = {p: ["api.example.invalid"] for p in ("a", "b", "c")}
    targets = resolve([load_path(p) for p in paths], environ=env, allowed_hosts=allowed)
    # "k" is not a real key: hiding every "k" in the output would only shred it.
    assert known_secrets(targets) == ["secret-and-longer", "secret"]

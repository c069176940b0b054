"""`catwalk drift` end to end: the real CLI against real HTTP servers on 127.0.0.1 serving
real wire formats (the 2026-05-15 OpenRouter capture, Anthropic pages, xAI prices)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from catwalk import canonical
from catwalk.live.adapters.base import Request
from catwalk.live.adapters.registry import adapter_by_family
from catwalk.live.edits import generate_provider
from catwalk.model import Provider
from live.helpers import (
    OPENROUTER_PROVIDER,
    OPENROUTER_TRIMMED,
    clean_env,
    endpoint_args,
    model,
    openai_list,
    provider_doc,
)
from live.server import LocalAPI, Reply, json_reply

Cli = Callable[..., subprocess.CompletedProcess[str]]

# Every drift item the trimmed database shows against the trimmed capture, worked out by
# hand from the capture's per-token prices (x 1e6) and the database values.
EXPECTED_TRIMMED = [
    ("anthropic/claude-haiku-4.5", "cost_per_1m_in", "changed", 1.1, 1.0, "error"),
    ("anthropic/claude-haiku-4.5", "cost_per_1m_out", "changed", 5.5, 5.0, "error"),
    ("anthropic/claude-haiku-4.5", "cost_per_1m_out_cached", "changed", 0.11, 0.1, "error"),
    ("anthropic/claude-haiku-4.5", "cost_per_1m_in_cached", "changed", 1.375, 1.25, "error"),
    ("deepseek/deepseek-chat", "cost_per_1m_in", "changed", 0.2574, 0.32, "error"),
    ("deepseek/deepseek-chat", "cost_per_1m_out", "changed", 1.0287, 0.89, "error"),
    ("deepseek/deepseek-chat", "context_window", "changed", 128000, 163840, "warning"),
    ("deepseek/deepseek-chat-v3-0324", "cost_per_1m_in", "changed", 0.25, 0.2, "error"),
    ("deepseek/deepseek-chat-v3-0324", "cost_per_1m_out", "changed", 1, 0.77, "error"),
    ("deepseek/deepseek-chat-v3-0324", "cost_per_1m_out_cached", "changed", 0, 0.135, "error"),
    ("deepseek/deepseek-chat-v3-0324", "default_max_tokens", "changed", 81920, 16384, "error"),
    ("deepseek/deepseek-v3.2", "cost_per_1m_in", "changed", 0.56, 0.252, "error"),
    ("deepseek/deepseek-v3.2", "cost_per_1m_out", "changed", 1.68, 0.378, "error"),
    ("deepseek/deepseek-v3.2", "cost_per_1m_out_cached", "changed", 0, 0.0252, "error"),
    ("deepseek/deepseek-v3.2", "context_window", "changed", 163840, 131072, "error"),
    ("deepseek/deepseek-v4-pro", "cost_per_1m_in", "changed", 0.6422, 0.435, "error"),
    ("deepseek/deepseek-v4-pro", "cost_per_1m_out", "changed", 1.2844, 0.87, "error"),
    ("deepseek/deepseek-v4-pro", "cost_per_1m_out_cached", "changed", 0.0532, 0.003625, "error"),
    ("anthropic/claude-opus-5", None, "removed", "Claude Opus 5", None, "warning"),
    ("openai/gpt-5.6-sol", None, "removed", "OpenAI: GPT-5.6 Sol", None, "warning"),
    ("ai21/jamba-large-1.7", None, "added", None, "*", "info"),
    ("x-ai/grok-3-mini", None, "added", None, "*", "info"),
]


def rows(report: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            d["model"],
            d["field"],
            d["kind"],
            d["ours"],
            "*" if d["kind"] == "added" else d["live"],
            d["severity"],
        )
        for d in report["drift"]
    ]


@pytest.fixture
def openrouter_db(tmp_path: Path) -> Path:
    directory = tmp_path / "providers"
    directory.mkdir()
    shutil.copy(OPENROUTER_PROVIDER, directory / "openrouter.json")
    return directory / "openrouter.json"


def serve_openrouter(api: LocalAPI, capture: Path) -> None:
    api.route("/models", json_reply(json.loads(capture.read_text(encoding="utf-8"))))


def drift(cli: Cli, *args: Any, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`catwalk drift ARGS`, the operator naming each local endpoint of the files in ARGS."""
    paths = [Path(a) for a in args if isinstance(a, Path)]
    return cli("drift", *args, *endpoint_args(paths), env=clean_env(**(env or {})))


def test_trimmed_openrouter_capture_drift_is_exactly_the_expected(
    local_api: LocalAPI, openrouter_db: Path, catwalk_cli: Cli
) -> None:
    serve_openrouter(local_api, OPENROUTER_TRIMMED)
    result = drift(
        catwalk_cli, openrouter_db, "--endpoint", f"openrouter={local_api.url()}", "--format", "json"
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["version"] == 1 and report["generated_at"].endswith("Z")
    assert report["providers"] == [
        {
            "provider": "openrouter",
            "status": "ok",
            "reason": None,
            "source": f"{local_api.url()}/models",
            "models_seen": 11,
            "adapter": "openrouter",
            "models_ours": 9,
            "not_comparable": {
                "openrouter/auto": "the API gives no price",
                "openrouter/bodybuilder": "the API gives no price",
            },
            "listing": True,
        }
    ]
    assert rows(report) == EXPECTED_TRIMMED
    # With --calendar, the catalogues' shutdown dates join: one of the file's models is
    # retired, a calendar item (cited) after the live ones.
    dated = drift(
        catwalk_cli,
        openrouter_db,
        "--endpoint",
        f"openrouter={local_api.url()}",
        "--format",
        "json",
        "--calendar",
    )
    with_calendar = json.loads(dated.stdout)["drift"]
    calendar = [d for d in with_calendar if d["source"] == "calendar"]
    assert [(d["model"], d["field"], d["severity"]) for d in calendar] == [
        ("google/gemini-2.5-flash", "retired", "error")
    ]
    assert calendar[0]["message"].startswith("CW901 model is retired: ")
    assert with_calendar[-1] == calendar[0] and with_calendar[:-1] == report["drift"]
    # The issue the nightly sync writes for the provider lists it.
    from catwalk.issues.marker import DriftMarker
    from catwalk.issues.render import drift_body
    from catwalk.live.report_reader import parse_report as read_report

    parsed = read_report(dated.stdout)
    body = drift_body(
        "openrouter",
        parsed.items_for("openrouter"),
        DriftMarker("openrouter", "0"),
        status=parsed.status_of("openrouter"),
        generated_at=parsed.generated_at,
        close_after=2,
    )
    row = next(line for line in body.splitlines() if "google/gemini-2.5-flash" in line)
    assert "`retired`" in row and "model is retired: litellm (2026-08-21, gemini's entry)" in row
    markdown = drift(
        catwalk_cli,
        openrouter_db,
        "--endpoint",
        f"openrouter={local_api.url()}",
        "--format",
        "markdown",
        "--calendar",
    ).stdout
    assert "**Shutdown dates** (1;" in markdown
    added = {d["model"]: d["live"] for d in report["drift"] if d["kind"] == "added"}
    # Units converted: "0.000002" USD per token is $2 per 1M tokens.
    assert added["ai21/jamba-large-1.7"] == {
        "name": "AI21: Jamba Large 1.7",
        "context_window": 256000,
        "max_output": 4096,
        "cost_per_1m_in": 2.0,
        "cost_per_1m_out": 8.0,
        "supports_attachments": False,
        "can_reason": False,
    }
    assert report["summary"]["drift"] == {
        "error": 17,
        "warning": 3,
        "info": 2,
        "changed": 18,
        "removed": 2,
        "added": 2,
    }
    # `catwalk issues sync` reads this report as it is.
    from catwalk.live.report_reader import parse_report

    assert len(parse_report(result.stdout).items_for("openrouter")) == 22
    # Plain progress lines on stderr (not a TTY), no traceback.
    assert "catwalk drift: openrouter: ok, 11 models in" in result.stderr
    assert "Traceback" not in result.stderr
    assert local_api.requests_to("/models")[0].headers.get("authorization") is None


def test_a_file_generated_from_the_same_capture_reports_no_drift(
    local_api: LocalAPI, tmp_path: Path, catwalk_cli: Cli
) -> None:
    path = generated_provider(OPENROUTER_TRIMMED, tmp_path)
    serve_openrouter(local_api, OPENROUTER_TRIMMED)
    result = drift(catwalk_cli, path, "--endpoint", f"openrouter={local_api.url()}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "openrouter: ok: 11 live models, 9 ours: no drift" in result.stdout
    assert result.stdout.rstrip().endswith("1 provider (1 ok, 0 unknown, 0 skipped): no drift")


def generated_provider(capture: Path, tmp_path: Path) -> Path:
    """What a per-provider generator writes from a capture: every model it can represent."""
    adapter = adapter_by_family("openrouter")
    assert adapter is not None
    payload = json.loads(capture.read_text(encoding="utf-8"))
    page = adapter.parse(payload, Request("https://openrouter.ai/api/v1/models"))
    base = json.loads(OPENROUTER_PROVIDER.read_text(encoding="utf-8"))
    doc = generate_provider(base, page.models, adapter.knows)
    doc["default_large_model_id"] = doc["default_small_model_id"] = doc["models"][0]["id"]
    directory = tmp_path / "generated"
    directory.mkdir(exist_ok=True)
    path = directory / "openrouter.json"
    path.write_text(canonical.dumps(doc), encoding="utf-8")
    Provider.model_validate_json(path.read_text(encoding="utf-8"))  # a valid Catwalk v2 provider
    return path


# Shut down at the end of 2026 (LiteLLM's dates) and removed (providers/CHANGES.md, issue 10).
RETIRED_SINCE = {"anthropic/claude-sonnet-4.5", "google/gemini-2.5-flash", "google/gemini-2.5-pro"}


def test_full_openrouter_capture(
    reference_dir: Path, local_api: LocalAPI, tmp_path: Path, catwalk_cli: Cli
) -> None:
    """The whole 2026-05-15 capture against the whole database: every drift item is
    checked against values computed here, independently, from the raw JSON."""
    capture_path = reference_dir / "openrouter" / "api-v1-models-2026-05-15.json"
    serve_openrouter(local_api, capture_path)
    from catwalk.resources import providers_dir

    database = providers_dir() / "openrouter.json"
    result = drift(catwalk_cli, database, "--endpoint", f"openrouter={local_api.url()}", "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    ours = {m["id"]: m for m in json.loads(database.read_text(encoding="utf-8"))["models"]}
    live = {m["id"]: m for m in json.loads(capture_path.read_text(encoding="utf-8"))["data"]}
    variable = {i for i, m in live.items() if float(m["pricing"]["prompt"]) < 0}
    by_kind: dict[str, list[dict[str, Any]]] = {"changed": [], "removed": [], "added": []}
    for item in report["drift"]:
        by_kind[item["kind"]].append(item)
    assert {d["model"] for d in by_kind["removed"]} == set(ours) - set(live)
    assert {d["model"] for d in by_kind["added"]} == set(live) - set(ours) - variable
    assert (
        set(report["providers"][0]["not_comparable"])
        == variable
        == {
            "openrouter/auto",
            "openrouter/bodybuilder",
            "openrouter/pareto-code",
        }
    )

    def per_million(value: str | None) -> float | None:
        return None if value is None or float(value) < 0 else float(value) * 1e6

    def close(a: float, b: float) -> bool:
        return abs(a - b) <= 1e-5 or abs(a - b) <= 0.005 * max(abs(a), abs(b))

    expected = set()
    for model_id in set(ours) & set(live):
        mine, theirs = ours[model_id], live[model_id]
        pricing = theirs["pricing"]
        for key, wire in (
            ("cost_per_1m_in", "prompt"),
            ("cost_per_1m_out", "completion"),
            ("cost_per_1m_in_cached", "input_cache_write"),
            ("cost_per_1m_out_cached", "input_cache_read"),
        ):
            value = per_million(pricing.get(wire))
            if value is not None and not close(mine.get(key, 0), value):
                expected.add((model_id, key))
        context = theirs["top_provider"].get("context_length") or theirs.get("context_length")
        if context and context != mine["context_window"]:
            expected.add((model_id, "context_window"))
        max_out = theirs["top_provider"].get("max_completion_tokens")
        if max_out and mine["default_max_tokens"] > max_out:
            expected.add((model_id, "default_max_tokens"))
        if ("image" in theirs["architecture"]["input_modalities"]) != mine.get("supports_attachments", False):
            expected.add((model_id, "supports_attachments"))
        if ("reasoning" in theirs.get("supported_parameters", [])) != mine.get("can_reason", False):
            expected.add((model_id, "can_reason"))
    assert {(d["model"], d["field"]) for d in by_kind["changed"]} == expected
    assert len(by_kind["changed"]) == len(expected)
    # The changed items follow the database as it is corrected (computed above); the
    # model lists are fixed by the capture and the August import.
    assert (len(by_kind["removed"]), len(by_kind["added"])) == (68, 165)

    # The explanation (docs/live-drift.md), model by model. The database (2026-08-21) is
    # three months newer than the capture: no removed model appears in it under any name.
    slugs = {m.get("canonical_slug") for m in live.values()}
    assert not {d["model"] for d in by_kind["removed"]} & (set(live) | slugs)
    # New upstream: models catwalk's generator never lists, or that left before 2026-08-21.
    reasons: dict[str, int] = {}
    for item in by_kind["added"]:
        entry = live[item["model"]]
        if "tools" not in entry.get("supported_parameters", []):
            reason = "no tool calling"
        elif (entry.get("expiration_date") or "9999") <= "2026-08-21":
            reason = "expired"
        elif item["model"].startswith("~"):
            reason = "moving alias"
        elif item["model"].endswith(":free"):
            reason = "free variant"
        elif item["model"] in RETIRED_SINCE:
            reason = "retired since, removed from the database"
        else:
            reason = "listed in May, not in the August database"
        reasons[reason] = reasons.get(reason, 0) + 1
    assert reasons == {
        "no tool calling": 89,
        "expired": 10,
        "moving alias": 8,
        "free variant": 12,
        "retired since, removed from the database": 3,
        "listed in May, not in the August database": 43,
    }

    # A provider file generated from the same capture: no drift at all.
    generated = generated_provider(capture_path, tmp_path)
    clean = drift(catwalk_cli, generated, "--endpoint", f"openrouter={local_api.url()}", "--format", "json")
    assert clean.returncode == 0, clean.stdout[-2000:]
    assert json.loads(clean.stdout)["drift"] == []


def test_markdown_report(local_api: LocalAPI, openrouter_db: Path, catwalk_cli: Cli, tmp_path: Path) -> None:
    serve_openrouter(local_api, OPENROUTER_TRIMMED)
    out = tmp_path / "drift.md"
    result = drift(
        catwalk_cli,
        openrouter_db,
        "--endpoint",
        f"openrouter={local_api.url()}",
        "--format",
        "markdown",
        "-o",
        out,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert (
        "catwalk drift: 1 provider (1 ok, 0 unknown, 0 skipped): 22 drift items (17 error, 3 warning, 2 info)"
        in result.stderr
    )
    text = out.read_text(encoding="utf-8")
    assert text.startswith("## Live model-list drift\n")
    assert "| `openrouter` | ok | 11 | 22 |  |" in text
    assert (
        "| `anthropic/claude-haiku-4.5` | `cost_per_1m_in` | 1.1 | 1 | error | "
        "input price changed: ours $1.1/1M, live $1/1M |"
    ) in text
    assert (
        "**Removed upstream** (2; in the database, not in the live list): `anthropic/claude-opus-5`, `openai/gpt-5.6-sol`"
        in text
    )
    assert "<summary>New upstream (2; in the live list, not in the database)</summary>" in text
    assert (
        "Not comparable (the API gives no fixed price or context): `openrouter/auto`, `openrouter/bodybuilder`"
        in text
    )


def test_text_report_lines(local_api: LocalAPI, openrouter_db: Path, catwalk_cli: Cli) -> None:
    serve_openrouter(local_api, OPENROUTER_TRIMMED)
    result = drift(catwalk_cli, openrouter_db, "--endpoint", f"openrouter={local_api.url()}", "-q")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "openrouter: ok: 11 live models, 9 ours: 22 drift items"
    assert (
        "  deepseek/deepseek-chat context_window: context window changed: ours 128,000, live 163,840 [warning]"
        in lines
    )
    assert (
        "  anthropic/claude-opus-5: removed upstream: in the database, not in the live model list [warning]"
        in lines
    )
    assert result.stderr == ""  # --quiet


def test_several_families_in_one_run_and_an_outage_is_unknown_not_drift(
    local_api: LocalAPI, providers_dir: Any, catwalk_cli: Cli
) -> None:
    """OpenRouter, Anthropic (x-api-key, cursor pages), xAI (cents per 100M tokens) and a
    generic OpenAI-compatible provider that is down, checked together."""
    serve_openrouter(local_api, OPENROUTER_TRIMMED)
    local_api.route(
        "/anthropic/v1/models",
        json_reply(
            {
                "data": [
                    {
                        "type": "model",
                        "id": "claude-x",
                        "display_name": "Claude X",
                        "created_at": "2026-01-01T00:00:00Z",
                        "max_input_tokens": 200000,
                        "max_tokens": 32000,
                        "capabilities": {
                            "image_input": {"supported": True},
                            "thinking": {"supported": True},
                            "effort": {
                                "supported": True,
                                "low": {"supported": True},
                                "medium": {"supported": True},
                                "high": {"supported": True},
                                "xhigh": None,
                                "max": {"supported": False},
                            },
                        },
                    }
                ],
                "has_more": False,
                "first_id": "claude-x",
                "last_id": "claude-x",
            }
        ),
    )
    local_api.route(
        "/xai/language-models",
        json_reply(
            {
                "models": [
                    {
                        "id": "grok-x",
                        "aliases": [],
                        "input_modalities": ["text", "image"],
                        "output_modalities": ["text"],
                        "prompt_text_token_price": 30000,
                        "completion_text_token_price": 150000,
                        "cached_prompt_text_token_price": 7500,
                    }
                ]
            }
        ),
    )
    local_api.route("/down/models", json_reply({"error": {"message": "maintenance"}}, status=503))
    claude = model(
        "claude-x",
        context_window=200000,
        default_max_tokens=64000,
        can_reason=True,
        reasoning_levels=["low", "medium", "high", "max"],
        default_reasoning_effort="medium",
        supports_attachments=True,
    )
    grok = model(
        "grok-x", cost_per_1m_in=3, cost_per_1m_out=15, cost_per_1m_out_cached=0.75, supports_attachments=True
    )
    providers_dir(
        provider_doc(
            "anthropic",
            [claude],
            provider_type="anthropic",
            api_key="$ANTHROPIC_API_KEY",
            api_endpoint="$ANTHROPIC_API_ENDPOINT",
        )
    )
    providers_dir(provider_doc("xai", [grok], api_key="$XAI_API_KEY", api_endpoint="https://api.x.ai/v1"))
    directory = providers_dir(
        provider_doc("down", [model("m")], api_endpoint=f"{local_api.url()}/down")
    ).parent
    shutil.copy(OPENROUTER_PROVIDER, directory / "openrouter.json")
    env = {
        "ANTHROPIC_API_KEY": "anthropic-test-key",
        "ANTHROPIC_API_ENDPOINT": f"{local_api.url()}/anthropic",
        "XAI_API_KEY": "xai-test-key",
        "CATWALK_ENDPOINT_XAI": f"{local_api.url()}/xai",
        "CATWALK_TEST_API_KEY": "generic-test-key",
    }
    result = drift(
        catwalk_cli,
        directory,
        "--endpoint",
        f"openrouter={local_api.url()}",
        "--format",
        "json",
        "--timeout",
        "5",
        env=env,
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    statuses = {p["provider"]: (p["status"], p["reason"]) for p in report["providers"]}
    assert statuses["anthropic"] == ("ok", None)
    assert statuses["xai"] == ("ok", None)
    assert statuses["openrouter"] == ("ok", None)
    assert statuses["down"][0] == "unknown" and "HTTP 503" in statuses["down"][1]
    others = [
        (d["provider"], d["model"], d["field"], d["ours"], d["live"])
        for d in report["drift"]
        if d["provider"] != "openrouter"
    ]
    assert others == [
        ("anthropic", "claude-x", "default_max_tokens", 64000, 32000),
        (
            "anthropic",
            "claude-x",
            "reasoning_levels",
            ["low", "medium", "high", "max"],
            ["low", "medium", "high"],
        ),
    ]
    # No xAI drift: 30000 US cents per 100M tokens is exactly $3 per 1M, 7500 is $0.75.
    anthropic_request = local_api.requests_to("/anthropic/v1/models")[0]
    assert anthropic_request.headers["x-api-key"] == "anthropic-test-key"
    assert anthropic_request.headers["anthropic-version"] == "2023-06-01"
    assert local_api.requests_to("/xai/language-models")[0].headers["authorization"] == "Bearer xai-test-key"


@pytest.mark.parametrize(
    ("live_ids", "expected"),
    [
        (["model-a", "model-b"], 0),  # all current
        (["model-a"], 1),  # drift
        (None, 2),  # unknown only: nothing was checked, so the run is an error
    ],
)
def test_exit_status(
    local_api: LocalAPI, providers_dir: Any, catwalk_cli: Cli, live_ids: list[str] | None, expected: int
) -> None:
    reply = json_reply(openai_list(live_ids)) if live_ids else json_reply({}, status=401)
    local_api.route("/models", reply)
    path = providers_dir(
        provider_doc("example", [model("model-a"), model("model-b")], api_endpoint=local_api.url())
    )
    result = drift(catwalk_cli, path, env={"CATWALK_TEST_API_KEY": "k"})
    assert result.returncode == expected, result.stdout + result.stderr
    if live_ids is None:
        assert "catwalk drift: error: no provider was checked (1 unknown)" in result.stderr
        # A job that means it: the usual exit status, 3 for an unknown provider.
        allowed = drift(catwalk_cli, path, "--allow-unchecked", env={"CATWALK_TEST_API_KEY": "k"})
        assert allowed.returncode == 3, allowed.stderr


def test_fail_level_lets_info_drift_pass(local_api: LocalAPI, providers_dir: Any, catwalk_cli: Cli) -> None:
    local_api.route("/models", json_reply(openai_list(["model-a", "brand-new"])))
    path = providers_dir(provider_doc("example", [model("model-a")], api_endpoint=local_api.url()))
    env = {"CATWALK_TEST_API_KEY": "k"}
    assert drift(catwalk_cli, path, env=env).returncode == 1
    assert drift(catwalk_cli, path, "--fail-level", "warning", env=env).returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--endpoint", "openrouter"], "--endpoint expects ID=URL"),
        (["--endpoint", "openrouter=ftp://x"], "is not an http:// or https:// URL"),
        (["--endpoint", "nosuch=http://127.0.0.1:1"], "not being checked: nosuch"),
        (["--provider", "nosuch"], "unknown provider id(s): nosuch"),
        (["--timeout", "0"], "must be a positive number"),
        (["--format", "xml"], "invalid choice"),
        (["does/not/exist.json"], "path does not exist"),
    ],
)
def test_usage_errors_exit_2(openrouter_db: Path, catwalk_cli: Cli, args: list[str], message: str) -> None:
    paths = [] if args[0] == "does/not/exist.json" else [openrouter_db]
    result = drift(catwalk_cli, *paths, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_provider_selection(local_api: LocalAPI, providers_dir: Any, catwalk_cli: Cli) -> None:
    local_api.route("/models", json_reply(openai_list(["m"])))
    providers_dir(provider_doc("one", [model("m")], api_endpoint=local_api.url()))
    path = providers_dir(provider_doc("two", [model("m")], api_endpoint="http://127.0.0.1:9/never-asked"))
    result = catwalk_cli(
        "drift",
        path.parent,
        "--provider",
        "one",
        f"--endpoint=one={local_api.url()}",
        "--format",
        "json",
        env=clean_env(CATWALK_TEST_API_KEY="k"),
    )
    assert result.returncode == 0
    assert [p["provider"] for p in json.loads(result.stdout)["providers"]] == ["one"]


def test_skipped_providers_are_reported_with_the_reason(providers_dir: Any, catwalk_cli: Cli) -> None:
    path = providers_dir(provider_doc("example", [model("m")], api_key="$NOT_SET_ANYWHERE_KEY"))
    result = drift(catwalk_cli, path, "--format", "json", "--allow-unchecked")
    assert result.returncode == 0
    (status,) = json.loads(result.stdout)["providers"]
    assert status["status"] == "skipped"
    assert status["reason"] == "API key not set: $NOT_SET_ANYWHERE_KEY is empty or unset"
    assert status["listing"] is True  # a key may come: its API exists


def test_a_provider_with_no_listing_api_says_so_in_the_report(providers_dir: Any, catwalk_cli: Cli) -> None:
    doc = provider_doc("perplexity", [model("sonar")], api_key="$PERPLEXITY_API_KEY")
    path = providers_dir(doc)
    result = drift(catwalk_cli, path, "--format", "json", "--allow-unchecked", "--no-catalogues")
    (status,) = json.loads(result.stdout)["providers"]
    assert (status["status"], status["listing"]) == ("skipped", False)
    assert "no model-listing endpoint" in status["reason"]


def test_drift_command_imports_no_heavy_library_until_it_runs() -> None:
    code = "import sys, catwalk.cli as c; c.build_parser('drift'); c.build_parser('sync'); print(sorted(m for m in ('httpx', 'rich', 'pydantic') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_html_from_a_captive_portal_via_cli_is_unknown(
    local_api: LocalAPI, providers_dir: Any, catwalk_cli: Cli
) -> None:
    local_api.route(
        "/models",
        Reply(200, "<html><title>Log in</title></html>", {"Content-Type": "text/html; charset=utf-8"}),
    )
    path = providers_dir(provider_doc("portal", [model("m")], api_endpoint=local_api.url()))
    result = drift(catwalk_cli, path, "--allow-unchecked", env={"CATWALK_TEST_API_KEY": "k"})
    assert result.returncode == 3
    assert "portal: unknown: expected JSON, got an HTML page (Content-Type: text/html)" in result.stdout

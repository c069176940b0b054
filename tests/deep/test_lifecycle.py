"""CW9xx: models a catalogue marks retired; retired defaults are errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from catwalk.findings import Severity
from deep.helpers import model, provider, run_rules, where
from deep.snapshots import genai_provider, litellm_entry, openrouter_model, write_snapshots


@pytest.fixture
def catalogues(tmp_path: Path) -> dict[str, Any]:
    directory = write_snapshots(
        tmp_path / "snapshots",
        litellm={
            "gpt-4o": litellm_entry("openai", input_cost_per_token=2.5, deprecation_date="2027-01-14"),
            "gpt-4o-2024-05-13": litellm_entry(
                "openai", input_cost_per_token=5, deprecation_date="2026-07-23"
            ),
            "azure/gpt-4o": litellm_entry("azure", input_cost_per_token=2.5, deprecation_date="2026-11-19"),
            "deepseek/deepseek-chat": litellm_entry(
                "deepseek", input_cost_per_token=0.27, deprecation_date="2026-01-01"
            ),
            "vertex_ai/claude-sonnet-4-5@20250929": litellm_entry(
                "vertex_ai-anthropic_models", input_cost_per_token=3, deprecation_date="2026-09-29"
            ),
        },
        genai=[
            genai_provider(
                "mistral",
                {
                    "id": "mistral-tiny",
                    "deprecated": True,
                    "prices": {"input_mtok": 0.25, "output_mtok": 0.25},
                },
            )
        ],
        openrouter=[openrouter_model("x-ai/grok-4", 3, 15, expiration_date="2026-05-15")],
    )
    return {"snapshot-dir": str(directory), "today": "2026-11-26"}


def test_a_model_past_its_shutdown_date_is_a_warning(catalogues: dict[str, Any]) -> None:
    docs = [provider("azure", model("o3"), model("gpt-4o"), default_small_model_id="o3")]
    [finding] = run_rules(docs, ["CW9"], catalogues)
    assert (finding.rule, finding.model, finding.pointer, finding.severity) == (
        "CW901", "gpt-4o", "/models/1/id", Severity.WARNING,
    )  # fmt: skip
    assert finding.message == "model is retired: litellm (2026-08-21): shut down on 2026-11-19"


def test_future_dates_and_other_providers_dates_stay_silent(catalogues: dict[str, Any]) -> None:
    docs = [
        provider("openai", model("o3"), model("gpt-4o"), default_small_model_id="o3")
    ]  # OpenAI: 2027-01-14
    assert run_rules(docs, ["CW9"], catalogues) == []
    assert where(run_rules(docs, ["CW9"], {**catalogues, "today": "2027-02-01"})) == {
        ("CW901", "openai", "gpt-4o")
    }


def test_a_retired_default_is_an_error_where_the_run_opts_in(catalogues: dict[str, Any]) -> None:
    docs = [provider("vertexai", model("claude-sonnet-4-5@20250929"), model("gemini-2.5-flash"))]
    [finding] = run_rules(docs, ["CW9"], catalogues, calendar="fail")
    assert (finding.rule, finding.pointer, finding.severity) == (
        "CW902", "/default_large_model_id", Severity.ERROR,
    )  # fmt: skip
    # Only the calendar made it a finding: elsewhere (a contributor's commit, CI) a warning.
    [finding] = run_rules(docs, ["CW9"], catalogues)
    assert (finding.rule, finding.severity) == ("CW902", Severity.WARNING)
    assert finding.message == (
        "`default_large_model_id` 'claude-sonnet-4-5@20250929' is retired: "
        "litellm (2026-08-21): shut down on 2026-09-29"
    )


def test_retirement_is_per_dated_snapshot(catalogues: dict[str, Any]) -> None:
    docs = [
        provider(
            "openai", model("o3"), model("gpt-4o"), model("gpt-4o-2024-05-13"), default_small_model_id="o3"
        )
    ]
    assert where(run_rules(docs, ["CW9"], catalogues)) == {("CW901", "openai", "gpt-4o-2024-05-13")}


def test_resellers_lose_a_closed_model_with_its_maker(catalogues: dict[str, Any]) -> None:
    docs = [
        provider(
            "aihubmix",
            model("o3"),
            model("gpt-4o-2024-05-13"),
            model("x-ai/grok-4"),
            default_small_model_id="o3",
        )
    ]
    findings = run_rules(docs, ["CW9"], catalogues)
    assert where(findings) == {
        ("CW901", "aihubmix", "gpt-4o-2024-05-13"),
        ("CW901", "aihubmix", "x-ai/grok-4"),
    }
    assert any("litellm (2026-08-21, openai's entry): shut down on 2026-07-23" in f.message for f in findings)
    assert any("openrouter (2026-08-21, xai's entry): shut down on 2026-05-15" in f.message for f in findings)


def test_open_weight_models_live_on_at_other_hosts(catalogues: dict[str, Any]) -> None:
    docs = [
        provider("together", model("o3"), model("deepseek-ai/deepseek-chat"), default_small_model_id="o3")
    ]
    assert run_rules(docs, ["CW9"], catalogues) == []
    docs = [provider("deepseek", model("deepseek-reasoner"), model("deepseek-chat"))]
    assert where(run_rules(docs, ["CW9"], catalogues)) == {("CW902", "deepseek", None)}


def test_a_deprecated_flag_without_a_date_is_only_a_warning(catalogues: dict[str, Any]) -> None:
    docs = [
        provider("mistral", model("mistral-tiny"), model("mistral-small"))
    ]  # the default: still a warning
    [finding] = run_rules(docs, ["CW9"], catalogues)
    assert (finding.rule, finding.severity) == ("CW901", Severity.WARNING)
    assert finding.message == "model is retired: genai-prices (2026-08-21): marked deprecated"
    # A catalogue's flag is a fact, not the calendar: opting in does not make it an error.
    [finding] = run_rules(docs, ["CW9"], catalogues, calendar="fail")
    assert finding.severity is Severity.WARNING


def test_a_bad_today_setting_is_reported(catalogues: dict[str, Any]) -> None:
    findings = run_rules([provider("openai", model("gpt-4o"))], ["CW9"], {**catalogues, "today": "soon"})
    assert any("[tool.catwalk.settings] today = 'soon' is not a date" in f.message for f in findings)


def test_a_resellers_own_entry_without_a_date_does_not_hide_the_makers(tmp_path: Path) -> None:
    # Vercel's own LiteLLM entry prices Gemini 2.5 Pro but gives no date; Google's says it is gone.
    directory = write_snapshots(
        tmp_path / "snapshots",
        litellm={
            "vercel_ai_gateway/google/gemini-2.5-pro": litellm_entry(
                "vercel_ai_gateway", input_cost_per_token=1.25
            ),
            "gemini/gemini-2.5-pro": litellm_entry(
                "gemini", input_cost_per_token=1.25, deprecation_date="2026-12-01"
            ),
        },
    )
    settings = {"snapshot-dir": str(directory), "today": "2026-12-07"}
    docs = [
        provider(
            "vercel",
            model("anthropic/claude-haiku-4.5"),
            model("google/gemini-2.5-pro"),
            model("openai/gpt-5"),
        )
    ]
    [finding] = run_rules(docs, ["CW901"], settings)
    assert finding.model == "google/gemini-2.5-pro"
    assert (
        finding.message == "model is retired: litellm (2026-08-21, gemini's entry): shut down on 2026-12-01"
    )
    # An open-weights model lives on at other hosts: its maker's date binds nobody else.
    open_weights = write_snapshots(
        tmp_path / "open",
        litellm={
            "deepseek/deepseek-chat": litellm_entry(
                "deepseek", input_cost_per_token=0.27, deprecation_date="2026-01-01"
            ),
            "together_ai/deepseek-chat": litellm_entry("together_ai", input_cost_per_token=0.3),
        },
    )
    hosted = [provider("together", model("deepseek-chat"))]
    assert run_rules(hosted, ["CW901"], {"snapshot-dir": str(open_weights), "today": "2026-12-07"}) == []


def test_a_shutdown_within_the_notice_period_is_announced(catalogues: dict[str, Any]) -> None:
    docs = [provider("openai", model("o3"), model("gpt-4o"), default_small_model_id="o3")]  # 2027-01-14
    [finding] = run_rules(docs, ["CW9"], {**catalogues, "today": "2027-01-04"}, calendar="fail")
    assert (finding.rule, finding.model, finding.severity) == ("CW903", "gpt-4o", Severity.WARNING)
    assert finding.message == "model shuts down on 2027-01-14 (in 10 days): litellm (2026-08-21)"
    assert run_rules(docs, ["CW9"], {**catalogues, "today": "2026-12-14"}) == []  # 31 days ahead
    assert run_rules(docs, ["CW9"], {**catalogues, "today": "2026-12-14", "retirement-notice-days": 31})
    off = {**catalogues, "today": "2027-01-13", "retirement-notice-days": 0}
    assert run_rules(docs, ["CW9"], off) == []
    [finding] = run_rules(docs, ["CW9"], {**catalogues, "today": "2027-01-13"})
    assert "(tomorrow)" in finding.message
    # On the day itself it is retired (CW901), a calendar finding.
    [finding] = run_rules(docs, ["CW9"], {**catalogues, "today": "2027-01-14"}, calendar="fail")
    assert (finding.rule, finding.severity) == ("CW901", Severity.ERROR)


def test_a_bad_notice_setting_is_reported(catalogues: dict[str, Any]) -> None:
    settings = {**catalogues, "retirement-notice-days": "a month"}
    findings = run_rules([provider("openai", model("gpt-4o"))], ["CW9"], settings)
    assert any("retirement-notice-days = 'a month' is not a whole number" in f.message for f in findings)


def test_an_untouched_repository_does_not_turn_red_overnight(
    catalogues: dict[str, Any], tmp_path: Path
) -> None:
    import json

    from catwalk_testing import run_catwalk

    root = tmp_path / "repo"
    (root / "providers").mkdir(parents=True)
    doc = provider("vertexai", model("claude-sonnet-4-5@20250929"), model("gemini-2.5-flash"))
    (root / "providers" / "vertexai.json").write_text(json.dumps(doc, indent=2))

    def check(today: str, *options: str) -> tuple[int, str]:
        table = f'[tool.catwalk.settings]\ntoday = "{today}"\nsnapshot-dir = "{catalogues["snapshot-dir"]}"\n'
        (root / "pyproject.toml").write_text(table)
        done = run_catwalk("check", "--select", "CW9", *options, cwd=root)
        return done.returncode, done.stdout

    code, out = check("2026-09-01")  # 28 days ahead of the default's shutdown date
    assert code == 0 and " CW903 model shuts down on 2026-09-29 (in 28 days)" in out
    code, out = check("2026-09-30")  # the date has passed; nothing in the repository changed
    assert code == 0 and " CW902 " in out and out.splitlines()[0].endswith("[warning]")
    code, out = check("2026-09-30", "--calendar", "fail")  # the nightly job opts in
    assert code == 1 and not out.splitlines()[0].endswith("]")

"""The catalogues' disagreements in the drift report, for facts the provider's API does not
give: `source: "catalogue"`, after the baseline, and never from a catalogue older than the
file's last change."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from catwalk.document import ProviderFile
from catwalk.live.catalogue import catalogue_drift
from catwalk.live.report import ProviderStatus, Report, render_json, render_markdown, render_text
from catwalk.loader import load_bytes, load_path
from deep.helpers import model, provider
from deep.snapshots import genai_provider, litellm_entry, write_snapshots
from live.helpers import clean_env, openai_list, provider_doc
from live.helpers import model as live_model
from live.server import json_reply

PRICES = frozenset({"cost_in", "cost_out", "cost_cache_read", "cost_cache_write", "context_window"})


@pytest.fixture
def settings(tmp_path: Path) -> dict[str, Any]:
    # LiteLLM (2026-08-21) and genai-prices (2026-08-21) both price gpt-5's input at $1.25.
    directory = write_snapshots(
        tmp_path / "snapshots",
        litellm={"gpt-5": litellm_entry("openai", input_cost_per_token=1.25)},
        genai=[genai_provider("openai", {"id": "gpt-5", "prices": {"input_mtok": 1.25, "output_mtok": 2}})],
    )
    return {"snapshot-dir": str(directory)}


def files(*docs: dict[str, Any]) -> list[ProviderFile]:
    return [
        load_bytes(json.dumps(doc, indent=2).encode(), Path(f"{doc['id']}.json"), f"{doc['id']}.json")
        for doc in docs
    ]


STALE_PRICE = [provider("openai", model("gpt-5", cost_per_1m_in=12.5), type="openai")]


def test_a_price_the_api_does_not_give_is_reported_from_the_catalogues(settings: dict[str, Any]) -> None:
    [item] = catalogue_drift(
        files(*STALE_PRICE), {"openai": frozenset({"context_window"})}, settings=settings,
        last_changed=lambda pf: "2026-08-01",
    )  # fmt: skip
    assert (item.provider, item.model, item.field, item.kind, item.source) == (
        "openai", "gpt-5", "cost_per_1m_in", "changed", "catalogue",
    )  # fmt: skip
    assert item.ours == 12.5
    assert item.live == {"litellm": [1.25], "genai-prices": [1.25]}
    assert item.severity == "warning"
    assert item.message == (
        "cost_per_1m_in 12.5 disagrees with litellm (2026-08-21): 1.25; genai-prices (2026-08-21): 1.25 "
        "(the provider's API gives no prices)"
    )


def test_a_fact_the_api_gives_is_left_to_the_live_comparison(settings: dict[str, Any]) -> None:
    assert (
        catalogue_drift(
            files(*STALE_PRICE), {"openai": PRICES}, settings=settings, last_changed=lambda pf: "2026-08-01"
        )
        == []
    )


def test_a_catalogue_older_than_the_files_last_change_is_no_drift(settings: dict[str, Any]) -> None:
    # The file changed after both snapshots were taken: the maintainer may have just fixed it.
    later = catalogue_drift(files(*STALE_PRICE), {}, settings=settings, last_changed=lambda pf: "2026-09-01")
    assert later == []
    # The same day still counts: the catalogue saw the file's value or a newer one.
    same_day = catalogue_drift(
        files(*STALE_PRICE), {}, settings=settings, last_changed=lambda pf: "2026-08-21"
    )
    assert [i.field for i in same_day] == ["cost_per_1m_in"]
    # A last change nobody can date is newer than everything: nothing is called drift.
    assert catalogue_drift(files(*STALE_PRICE), {}, settings=settings, last_changed=lambda pf: None) == []


def test_what_the_baseline_accepts_is_no_drift(settings: dict[str, Any], tmp_path: Path) -> None:
    database = tmp_path / "providers"
    database.mkdir()
    (database / "openai.json").write_text(json.dumps(STALE_PRICE[0], indent=2), "utf-8")
    loaded = [load_path(database / "openai.json")]
    assert catalogue_drift(loaded, {}, settings=settings, last_changed=lambda pf: "2026-08-01") != []
    baseline = database / ".baseline.json"
    entry = {
        "rule": "CW801", "file": "openai.json", "pointer": "/models/0/cost_per_1m_in", "model": "gpt-5",
        "field": "cost_per_1m_in", "reason": "the price page says 12.5 (checked by hand)",
    }  # fmt: skip
    baseline.write_text(json.dumps({"version": 1, "entries": [entry]}), "utf-8")
    found = catalogue_drift(
        loaded, {}, settings=settings, baseline=baseline, last_changed=lambda pf: "2026-08-01"
    )
    assert found == []


def test_the_report_marks_catalogue_items(settings: dict[str, Any]) -> None:
    items = catalogue_drift(files(*STALE_PRICE), {}, settings=settings, last_changed=lambda pf: "2026-08-01")
    skipped = ProviderStatus("openai", "skipped", reason="no API key ($OPENAI_API_KEY is not set)")
    report = Report([skipped], items)
    data = json.loads(render_json(report))
    assert data["drift"][0]["source"] == "catalogue"
    assert "[warning, catalogue]" in render_text(report)
    markdown = render_markdown(report)
    assert "**The catalogues disagree** (1; facts the API does not give)" in markdown
    assert "| `openai` | skipped | - | 1 |" in markdown


def test_catwalk_drift_reports_them_and_no_catalogues_leaves_them_out(
    local_api: Any, providers_dir: Any, catwalk_cli: Any
) -> None:
    """End to end: OpenAI's listing (served on 127.0.0.1) names its models but no prices;
    the packaged snapshots price gpt-5's input at $1.25, the file says $12.5."""
    local_api.route("/v1/models", json_reply(openai_list(["gpt-5"])))
    gpt5 = live_model(
        "gpt-5",
        cost_per_1m_in=12.5,
        cost_per_1m_out=10,
        context_window=400000,
        default_max_tokens=64000,
        can_reason=True,
        reasoning_levels=["minimal", "low", "medium", "high"],
        default_reasoning_effort="medium",
        supports_attachments=True,
    )
    path = providers_dir(
        provider_doc("openai", [gpt5], provider_type="openai", api_key="$OPENAI_API_KEY",
                     api_endpoint="https://api.openai.com/v1")
    )  # fmt: skip
    os.utime(path, (1767225600, 1767225600))  # last changed 2026-01-01, before the snapshots
    args = ("drift", path, "--endpoint", f"openai={local_api.url()}/v1", "--format", "json")
    env = clean_env(OPENAI_API_KEY="openai-test-key")
    result = catwalk_cli(*args, env=env)
    report = json.loads(result.stdout)
    catalogue = [d for d in report["drift"] if d["source"] == "catalogue"]
    assert [(d["model"], d["field"], d["ours"]) for d in catalogue] == [("gpt-5", "cost_per_1m_in", 12.5)]
    assert 1.25 in catalogue[0]["live"]["litellm"]
    assert result.returncode == 1
    quiet = catwalk_cli(*args, "--no-catalogues", env=env)
    assert [d for d in json.loads(quiet.stdout)["drift"] if d["source"] == "catalogue"] == []

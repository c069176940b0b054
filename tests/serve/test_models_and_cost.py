"""`catwalk models` and `catwalk cost` on a small database, and on the real server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catwalk.pricing import Usage, cost
from catwalk_testing import run_catwalk
from serve.serving import DB, running


def models(*args: str | Path) -> list[dict[str, object]]:
    result = run_catwalk("models", DB, *args)
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)  # piped: JSON
    return rows


def test_every_model_by_default_sorted_by_provider_and_id() -> None:
    rows = models()
    expected = sorted((json.loads(p.read_text())["id"], m["id"]) for p in DB.glob("*.json")
                      for m in json.loads(p.read_text())["models"])  # fmt: skip
    assert [(r["provider"], r["id"]) for r in rows] == expected


def test_filters() -> None:
    assert {r["provider"] for r in models("--provider", "groq")} == {"groq"}
    assert all(r["can_reason"] for r in models("--reasoning")) and models("--reasoning")
    assert all(r["supports_attachments"] for r in models("--image")) and models("--image")
    assert all(int(r["context_window"]) >= 400_000 for r in models("--min-context", "400000"))  # type: ignore[call-overload]
    cheap = models("--max-price", "1")
    assert cheap and all(float(r["cost_per_1m_in"]) <= 1 for r in cheap)  # type: ignore[arg-type]
    assert [r["id"] for r in models("--search", "HAIKU")] == ["claude-haiku-4-5-20251001"]


def test_sorts() -> None:
    by_price = [float(r["cost_per_1m_in"]) for r in models("--sort", "price")]  # type: ignore[arg-type]
    assert by_price == sorted(by_price)
    by_context = [int(r["context_window"]) for r in models("--sort", "context")]  # type: ignore[call-overload]
    assert by_context == sorted(by_context, reverse=True)


def test_the_table_format() -> None:
    result = run_catwalk("models", DB, "--format", "table", "--provider", "groq", env={"COLUMNS": "200"})
    assert result.returncode == 0
    assert "qwen/qwen3-32b" in result.stdout and "provider" in result.stdout


def test_models_from_a_server_match_the_files() -> None:
    with running(DB, workers=1) as server:
        result = run_catwalk("models", "--url", server.url)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == models()


def test_cost_uses_crushs_cache_semantics() -> None:
    model = {
        "cost_per_1m_in": 3,
        "cost_per_1m_out": 15,
        "cost_per_1m_in_cached": 3.75,
        "cost_per_1m_out_cached": 0.3,
    }
    priced = cost(model, Usage(input=1_000_000, output=100_000, cache_read=2_000_000, cache_write=400_000))
    assert (priced.input, priced.output, priced.cache_write, priced.cache_read) == (3.0, 1.5, 1.5, 0.6)
    assert priced.total == pytest.approx(6.6)


def test_cost_command() -> None:
    source = json.loads((DB / "anthropic.json").read_text())
    model = source["models"][0]
    result = run_catwalk("cost", DB, "--model", model["id"], "--input", "1_000_000", "--output", "10000",
                         "--cache-read", "500000", "--cache-write", "1000", "--format", "json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    [row] = json.loads(result.stdout)
    expected = (1e6 * model["cost_per_1m_in"] + 1e4 * model["cost_per_1m_out"]
                + 1e3 * model["cost_per_1m_in_cached"] + 5e5 * model["cost_per_1m_out_cached"]) / 1e6  # fmt: skip
    assert row["provider"] == "anthropic" and row["total"] == pytest.approx(expected)
    text = run_catwalk(
        "cost", DB, "--model", model["id"], "--provider", "anthropic", "--input", "10", "--output", "0"
    )
    assert text.stdout.startswith(f"anthropic/{model['id']}: $")


def test_cost_of_an_unknown_model_is_a_usage_error() -> None:
    result = run_catwalk("cost", DB, "--model", "claude-sonnet", "--input", "1", "--output", "1")
    assert result.returncode == 2
    assert "no model 'claude-sonnet'" in result.stderr and "claude-sonnet-4-6" in result.stderr
    bad = run_catwalk("cost", DB, "--model", "x", "--input", "-5", "--output", "1")
    assert bad.returncode == 2 and "negative" in bad.stderr

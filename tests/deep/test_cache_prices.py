"""CW6xx: cache prices follow catwalk's convention (in_cached = write, out_cached = read)."""

from __future__ import annotations

from typing import Any

import pytest

from catwalk.findings import Severity
from deep.helpers import model, provider, run_rules


def cache_findings(**prices: Any) -> list[tuple[str, str, Severity, str]]:
    doc = provider("example", model("m", **prices))
    return [(f.rule, f.field or "", f.severity, f.message) for f in run_rules([doc], ["CW6"])]


CORRECT = {
    "Anthropic: write 1.25x input, read 0.1x": {
        "cost_per_1m_in": 3,
        "cost_per_1m_out": 15,
        "cost_per_1m_in_cached": 3.75,
        "cost_per_1m_out_cached": 0.3,
    },
    "OpenAI: read-only discount": {
        "cost_per_1m_in": 2.5,
        "cost_per_1m_out": 10,
        "cost_per_1m_in_cached": 0,
        "cost_per_1m_out_cached": 1.25,
    },
    "read-only discount, write key absent": {
        "cost_per_1m_in": 0.14,
        "cost_per_1m_out": 0.28,
        "cost_per_1m_out_cached": 0.028,
    },
    "no caching at all": {"cost_per_1m_in": 1, "cost_per_1m_out": 2},
    "zero cache prices mean not charged": {
        "cost_per_1m_in": 1,
        "cost_per_1m_out": 2,
        "cost_per_1m_in_cached": 0,
        "cost_per_1m_out_cached": 0,
    },
    "writes billed as plain input": {
        "cost_per_1m_in": 0.3,
        "cost_per_1m_out": 1.2,
        "cost_per_1m_in_cached": 0.3,
        "cost_per_1m_out_cached": 0.03,
    },
    "free model (subscription)": {
        "cost_per_1m_in": 0,
        "cost_per_1m_out": 0,
        "cost_per_1m_in_cached": 0.5,
        "cost_per_1m_out_cached": 3,
    },
    "read equals input: no discount": {
        "cost_per_1m_in": 0.82,
        "cost_per_1m_out": 3.29,
        "cost_per_1m_out_cached": 0.82,
    },
    "read equals output when input equals output": {
        "cost_per_1m_in": 1,
        "cost_per_1m_out": 1,
        "cost_per_1m_out_cached": 1,
    },
    "float noise on an equal read price": {
        "cost_per_1m_in": 0.3,
        "cost_per_1m_out": 1.2,
        "cost_per_1m_out_cached": 0.30000000000000004,
    },
    "prices of the wrong type are the schema's business": {
        "cost_per_1m_in": "3",
        "cost_per_1m_out": 15,
        "cost_per_1m_in_cached": True,
        "cost_per_1m_out_cached": None,
    },
}


@pytest.mark.parametrize("prices", CORRECT.values(), ids=CORRECT.keys())
def test_correct_cache_prices_stay_silent(prices: dict[str, Any]) -> None:
    assert cache_findings(**prices) == []


def test_read_price_in_write_field_is_an_error_that_says_where_it_belongs() -> None:
    # deepseek.json, chutes, avian, neuralwatt, moonshot, zhipu: one cached price, put in the write field
    [(rule, field, severity, message)] = cache_findings(
        cost_per_1m_in=0.14, cost_per_1m_out=0.28, cost_per_1m_in_cached=0.0028
    )
    assert (rule, field, severity) == ("CW603", "cost_per_1m_in_cached", Severity.ERROR)
    assert "move 0.0028 to cost_per_1m_out_cached" in message


def test_swapped_read_and_write_are_one_finding() -> None:
    # opencode-zen's generator: read -> in_cached, write -> out_cached
    [(rule, field, severity, message)] = cache_findings(
        cost_per_1m_in=10, cost_per_1m_out=50, cost_per_1m_in_cached=1, cost_per_1m_out_cached=12.5
    )
    assert (rule, field, severity) == ("CW601", "cost_per_1m_out_cached", Severity.ERROR)
    assert "swapped" in message
    assert "cost_per_1m_in_cached should be 12.5 and cost_per_1m_out_cached 1" in message


def test_read_price_above_input_without_write_suggests_the_write_field() -> None:
    [(rule, _, _, message)] = cache_findings(cost_per_1m_in=1, cost_per_1m_out=4, cost_per_1m_out_cached=1.25)
    assert rule == "CW601"
    assert "belongs in cost_per_1m_in_cached" in message


def test_output_price_copied_into_read_field() -> None:
    # gemini.json's gemini-3.7-flash: read price in the write field, output price in the read field
    [(rule, _, _, message)] = cache_findings(
        cost_per_1m_in=0.75, cost_per_1m_out=3.75, cost_per_1m_in_cached=0.075, cost_per_1m_out_cached=3.75
    )
    assert rule == "CW601"
    assert "output price was copied" in message
    assert "0.075 looks like the read price and belongs in cost_per_1m_out_cached" in message


def test_both_uncached_prices_copied() -> None:
    # qiniucloud: in_cached = input price, out_cached = output price
    [(rule, _, _, message)] = cache_findings(
        cost_per_1m_in=0.29, cost_per_1m_out=1.17, cost_per_1m_in_cached=0.29, cost_per_1m_out_cached=1.17
    )
    assert rule == "CW601"
    assert "both look copied from the uncached prices" in message


def test_read_above_write_below_input_is_cw602() -> None:
    # minimax's MiniMax-M3: write 0.12, read 0.375, input 0.6
    [(rule, field, severity, message)] = cache_findings(
        cost_per_1m_in=0.6, cost_per_1m_out=2.4, cost_per_1m_in_cached=0.12, cost_per_1m_out_cached=0.375
    )
    assert (rule, field, severity) == ("CW602", "cost_per_1m_in_cached", Severity.ERROR)
    assert "swapped" in message


def test_read_price_copied_into_write_field() -> None:
    # synthetic and some OpenAI rows: one cached price in both fields
    [(rule, field, severity, message)] = cache_findings(
        cost_per_1m_in=1.75, cost_per_1m_out=14, cost_per_1m_in_cached=0.175, cost_per_1m_out_cached=0.175
    )
    assert (rule, field, severity) == ("CW604", "cost_per_1m_in_cached", Severity.ERROR)
    assert "read price was copied into the write field" in message


def test_write_below_input_next_to_a_lower_read_is_only_a_warning() -> None:
    [(rule, _, severity, _)] = cache_findings(
        cost_per_1m_in=0.4, cost_per_1m_out=2.4, cost_per_1m_in_cached=0.25, cost_per_1m_out_cached=0.04
    )
    assert (rule, severity) == ("CW605", Severity.WARNING)


def test_read_equal_to_a_lower_output_price_is_a_warning() -> None:
    [(rule, field, severity, _)] = cache_findings(
        cost_per_1m_in=2, cost_per_1m_out=1, cost_per_1m_out_cached=1
    )
    assert (rule, field, severity) == ("CW606", "cost_per_1m_out_cached", Severity.WARNING)


def test_each_bad_model_is_located_at_its_own_field() -> None:
    doc = provider(
        "example",
        model(
            "good",
            cost_per_1m_in=3,
            cost_per_1m_out=15,
            cost_per_1m_in_cached=3.75,
            cost_per_1m_out_cached=0.3,
        ),
        model("bad", cost_per_1m_in=1, cost_per_1m_out=2, cost_per_1m_in_cached=0.1),
    )
    [finding] = run_rules([doc], ["CW6"])
    assert (finding.model, finding.pointer) == ("bad", "/models/1/cost_per_1m_in_cached")
    assert finding.line > 1

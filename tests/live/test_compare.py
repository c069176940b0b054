"""Drift comparison rules: which differences are drift, with which severity and message."""

from __future__ import annotations

from typing import Any

import pytest

from catwalk.live.compare import Drift, compare_provider, same_price, sort_levels
from catwalk.live.records import FIELDS, LiveModel
from live.helpers import model

ALL = frozenset(FIELDS)


def drift_of(ours: dict[str, Any], live: LiveModel, knows: frozenset[str] = ALL) -> list[Drift]:
    return compare_provider("p", [ours], [live], knows).drift


def fields(items: list[Drift]) -> list[tuple[str | None, Any, Any]]:
    return [(d.field, d.ours, d.live) for d in items]


def matching_live(**overrides: Any) -> LiveModel:
    values: dict[str, Any] = {
        "id": "m",
        "cost_in": 1.0,
        "cost_out": 2.0,
        "cost_cache_write": 0.0,
        "cost_cache_read": 0.0,
        "context_window": 128000,
        "max_output": 8192,
        "image_input": False,
        "reasoning": False,
    }
    values.update(overrides)
    return LiveModel(**values)


def test_identical_model_has_no_drift() -> None:
    assert drift_of(model("m"), matching_live()) == []


@pytest.mark.parametrize(
    ("ours", "live", "drifts"),
    [
        (3.0, 3.00001, False),  # generator rounding to 5 decimals
        (3.0, 3.014, False),  # within 0.5 %
        (3.0, 3.02, True),  # 0.67 %
        (0.0, 0.000009, False),  # absolute tolerance near zero
        (0.0, 0.00002, True),
        (0.1, 0.11, True),
    ],
)
def test_price_tolerance(ours: float, live: float, drifts: bool) -> None:
    assert same_price(ours, live) is not drifts
    result = drift_of(model("m", cost_per_1m_in=ours), matching_live(cost_in=live))
    assert bool(result) is drifts


def test_each_price_field_maps_to_its_database_field() -> None:
    live = matching_live(cost_in=1.5, cost_out=2.5, cost_cache_write=3.75, cost_cache_read=0.3)
    result = drift_of(model("m", cost_per_1m_in_cached=1.25, cost_per_1m_out_cached=0.1), live)
    assert fields(result) == [
        ("cost_per_1m_in", 1, 1.5),
        ("cost_per_1m_out", 2, 2.5),
        ("cost_per_1m_out_cached", 0.1, 0.3),
        ("cost_per_1m_in_cached", 1.25, 3.75),
    ]
    assert all(d.kind == "changed" and d.severity == "error" for d in result)
    assert result[0].message == "input price changed: ours $1/1M, live $1.5/1M"


def test_fields_outside_knows_are_never_compared() -> None:
    live = matching_live(cost_in=9.0, context_window=1, image_input=True, reasoning=True)
    assert drift_of(model("m"), live, knows=frozenset({"cost_out"})) == []


def test_none_on_the_live_side_is_unknown_not_drift() -> None:
    live = LiveModel(id="m")
    assert drift_of(model("m", supports_attachments=True, can_reason=True), live) == []


def test_wrong_types_on_our_side_are_unknown() -> None:
    ours = model("m", cost_per_1m_in="1", context_window=True, supports_attachments="yes")
    assert drift_of(ours, matching_live(cost_in=5.0, context_window=10, image_input=True)) == []


def test_absent_optional_fields_count_as_their_defaults() -> None:
    ours = model("m")
    for key in ("cost_per_1m_out_cached", "supports_attachments", "can_reason"):
        del ours[key]
    result = drift_of(ours, matching_live(cost_cache_read=0.5, image_input=True, reasoning=True))
    assert fields(result) == [
        ("cost_per_1m_out_cached", 0, 0.5),
        ("supports_attachments", False, True),
        ("can_reason", False, True),
    ]


def test_context_window_changes_both_ways() -> None:
    grew = drift_of(model("m"), matching_live(context_window=200000))
    shrank = drift_of(model("m"), matching_live(context_window=64000))
    assert fields(grew) == [("context_window", 128000, 200000)] and grew[0].severity == "warning"
    assert fields(shrank) == [("context_window", 128000, 64000)] and shrank[0].severity == "error"


def test_default_max_tokens_only_drifts_above_the_live_maximum_output() -> None:
    assert drift_of(model("m", default_max_tokens=4096), matching_live(max_output=65536)) == []
    result = drift_of(model("m", default_max_tokens=8192), matching_live(max_output=4096))
    assert fields(result) == [("default_max_tokens", 8192, 4096)]
    assert result[0].message == "default_max_tokens 8,192 exceeds the live maximum output 4,096"


def test_capabilities() -> None:
    lost = drift_of(model("m", supports_attachments=True, can_reason=True), matching_live())
    assert [(d.field, d.severity) for d in lost] == [
        ("supports_attachments", "error"),
        ("can_reason", "error"),
    ]
    gained = drift_of(model("m"), matching_live(image_input=True, reasoning=True))
    assert [(d.field, d.severity) for d in gained] == [
        ("supports_attachments", "warning"),
        ("can_reason", "warning"),
    ]


def test_reasoning_levels_compare_as_sets() -> None:
    ours = model(
        "m", can_reason=True, reasoning_levels=["low", "medium", "high"], default_reasoning_effort="medium"
    )
    same = matching_live(reasoning=True, reasoning_levels=("high", "medium", "low"))
    assert drift_of(ours, same) == []
    fewer = drift_of(ours, matching_live(reasoning=True, reasoning_levels=("low", "high")))
    assert fields(fewer) == [("reasoning_levels", ["low", "medium", "high"], ["low", "high"])]
    assert fewer[0].severity == "error" and "ours offers medium" in fewer[0].message
    more = drift_of(
        ours, matching_live(reasoning=True, reasoning_levels=("max", "high", "medium", "low", "minimal"))
    )
    assert more[0].severity == "info"
    assert more[0].live == ["minimal", "low", "medium", "high", "max"]
    assert "also accepts minimal, max" in more[0].message


def test_no_levels_drift_on_top_of_a_reasoning_flag_drift() -> None:
    ours = model("m", can_reason=True, reasoning_levels=["low"], default_reasoning_effort="low")
    result = drift_of(ours, matching_live(reasoning=False, reasoning_levels=()))
    assert fields(result) == [("can_reason", True, False)]


def test_cache_read_price_in_the_write_field_is_a_convention_violation() -> None:
    # Chutes-style: the single cached (read) price put in cost_per_1m_in_cached.
    ours = model("m", cost_per_1m_in_cached=0.1, cost_per_1m_out_cached=0)
    result = drift_of(ours, matching_live(cost_cache_read=0.1, cost_cache_write=None))
    assert len(result) == 1
    item = result[0]
    assert (item.field, item.ours, item.live, item.severity, item.convention) == (
        "cost_per_1m_out_cached",
        0,
        0.1,
        "warning",
        True,
    )
    assert "convention violation" in item.message and "cache READ price" in item.message


def test_swapped_cache_prices_are_one_drift() -> None:
    # io.net-style: read -> in_cached, write -> out_cached.
    ours = model("m", cost_per_1m_in_cached=0.1, cost_per_1m_out_cached=1.25)
    result = drift_of(ours, matching_live(cost_cache_read=0.1, cost_cache_write=1.25))
    assert len(result) == 1 and result[0].convention
    assert "swapped" in result[0].message


def test_read_price_copied_into_both_fields_is_a_write_price_drift() -> None:
    # Synthetic-style: the read price in both fields; the live write price differs.
    ours = model("m", cost_per_1m_in_cached=0.1, cost_per_1m_out_cached=0.1)
    result = drift_of(ours, matching_live(cost_cache_read=0.1, cost_cache_write=1.25))
    assert fields(result) == [("cost_per_1m_in_cached", 0.1, 1.25)]
    assert "equals the cache READ price" in result[0].message


def test_removed_and_added() -> None:
    ours = [model("kept"), model("gone", name="Gone Model")]
    live = [matching_live(id="kept"), matching_live(id="new", name="New")]
    result = compare_provider("p", ours, live, ALL)
    assert [(d.model, d.kind, d.severity) for d in result.drift] == [
        ("gone", "removed", "warning"),
        ("new", "added", "info"),
    ]
    assert result.drift[0].ours == "Gone Model"
    assert result.drift[1].live["cost_per_1m_in"] == 1.0 and result.drift[1].live["name"] == "New"
    assert result.matched == 1


def test_ids_match_exactly() -> None:
    result = compare_provider("p", [model("openai/gpt-5")], [matching_live(id="gpt-5")], ALL)
    assert [(d.model, d.kind) for d in result.drift] == [("openai/gpt-5", "removed"), ("gpt-5", "added")]


def test_a_live_model_without_a_fixed_price_is_not_comparable() -> None:
    live = [
        matching_live(id="m"),
        LiveModel(id="router/auto", cost_in=None, cost_out=None, context_window=2000000),
    ]
    result = compare_provider("p", [model("m")], live, ALL)
    assert result.drift == []
    assert result.not_comparable == {"router/auto": "the API gives no price"}
    # An API that never tells prices (OpenAI) still reports new models.
    assert compare_provider("p", [], [LiveModel(id="gpt-9")], frozenset()).drift[0].kind == "added"


def test_sort_levels() -> None:
    assert sort_levels(["max", "high", "custom", "low", "minimal", "high"]) == [
        "minimal",
        "low",
        "high",
        "max",
        "custom",
    ]

"""Merging records into a provider file: precedence, consensus, drops, derived fields."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from catwalk.errors import UsageError
from catwalk.importers.build import ProviderSpec, SourceRef, build, choose, collect, merge
from catwalk.importers.records import Catalogue, Selection, SourceModel

from .conftest import AS_OF


def rec(source: str = "a", **fields: Any) -> SourceModel:
    return SourceModel(id=fields.pop("id", "m"), source=source, **fields)


class Fake:
    """An in-memory catalogue: key -> records."""

    def __init__(self, source: str, models: dict[str, list[SourceModel]]) -> None:
        self.source = source
        self._models = models

    def keys(self) -> dict[str, int]:
        return {k: len(v) for k, v in self._models.items()}

    def has_key(self, key: str) -> bool:
        return key in self._models

    def select(self, key: str, as_of: str) -> Selection:
        return Selection(models=list(self._models[key]))

    def lookup(self, key: str, model_id: str, as_of: str) -> SourceModel | None:
        return next((m for m in self._models.get(key, []) if m.id == model_id), None)


PRICED = {"cost_in": 1, "cost_out": 2, "context": 100_000}


def spec(**changes: Any) -> ProviderSpec:
    base = ProviderSpec(
        id="example",
        name="Example",
        type="openai-compat",
        api_endpoint="https://api.example.com/v1",
        api_key="$EXAMPLE_API_KEY",
        default_large="big",
        default_small="small",
        sources=(SourceRef("a", "k"), SourceRef("b", "k")),
    )
    return dataclasses.replace(base, **changes)


def two_sources(
    primary: list[SourceModel], secondary: list[SourceModel] | None = None
) -> dict[str, Catalogue]:
    return {"a": Fake("a", {"k": primary}), "b": Fake("b", {"k": secondary or []})}


# precedence ---------------------------------------------------------------------------


def test_first_source_wins_and_the_disagreement_is_logged() -> None:
    merged = merge([rec("a", context=128000), rec("b", context=256000)])
    assert merged.values["context"] == (128000, "a")
    assert merged.conflicts == ["`m`: context 128000 from a kept; b says 256000"]


def test_two_agreeing_sources_overrule_a_lone_first_source() -> None:
    value, source, note = choose([(262144, "litellm"), (131072, "openrouter"), (131072, "genai-prices")])
    assert (value, source) == (131072, "openrouter")
    assert note == "131072 from openrouter and genai-prices used; litellm says 262144"


def test_one_agreeing_source_keeps_the_first_value() -> None:
    value, source, note = choose([(1, "a"), (2, "b"), (1, "c")])
    assert (value, source, note) == (1, "a", None)


def test_missing_fields_are_filled_from_later_sources() -> None:
    merged = merge([rec("a", cost_in=1, cost_out=2), rec("b", name="Pretty", context=8192, vision=True)])
    assert merged.values["name"] == ("Pretty", "b")
    assert merged.values["context"] == (8192, "b")
    assert merged.values["vision"] == (True, "b")


def test_prices_come_as_one_set_from_one_source() -> None:
    # a has no cache price, b has one: b's cache price must not join a's input/output prices
    merged = merge([rec("a", cost_in=1, cost_out=2), rec("b", cost_in=1, cost_out=2, cache_read=0.1)])
    assert merged.prices is not None and merged.prices.source == "a" and merged.prices.cache_read is None


def test_price_consensus_takes_the_whole_set_of_the_agreeing_source() -> None:
    merged = merge(
        [
            rec("litellm", cost_in=1.5, cost_out=7.5, cache_read=0.15),
            rec("openrouter", cost_in=0.4, cost_out=2, cache_read=0.04),
            rec("genai-prices", cost_in=0.4, cost_out=2),
        ]
    )
    assert merged.prices is not None
    assert (merged.prices.cost_in, merged.prices.cost_out, merged.prices.cache_read) == (0.4, 2, 0.04)
    assert (
        "input/output prices 0.4/2 from openrouter and genai-prices used; litellm says 1.5/7.5"
        in (merged.conflicts[0])
    )


# derived fields -----------------------------------------------------------------------


def model(records: list[SourceModel], **spec_changes: Any) -> dict[str, Any]:
    collected = collect(spec(**spec_changes), two_sources(records), AS_OF)
    assert len(collected.models) == 1, collected.changes
    return collected.models[0]


def test_cache_convention_write_to_in_cached_read_to_out_cached() -> None:
    m = model([rec(**PRICED, cache_write=1.25, cache_read=0.1)])
    assert (m["cost_per_1m_in_cached"], m["cost_per_1m_out_cached"]) == (1.25, 0.1)
    read_only = model([rec(**PRICED, cache_read=0.1)])
    assert (read_only["cost_per_1m_in_cached"], read_only["cost_per_1m_out_cached"]) == (0, 0.1)


def test_levels_only_when_published_and_they_imply_reasoning() -> None:
    plain = model([rec(**PRICED, reasoning=True)])
    assert plain["can_reason"] is True and "reasoning_levels" not in plain
    leveled = model([rec(**PRICED, levels=("low", "high"), default_effort="high")])
    assert leveled["can_reason"] is True
    assert leveled["reasoning_levels"] == ["low", "high"] and leveled["default_reasoning_effort"] == "high"
    stray = model([rec(**PRICED, levels=("low", "high"), default_effort="medium")])
    assert stray["default_reasoning_effort"] == "low"  # not one of the levels: the policy's choice
    unsaid = model([rec(**PRICED, levels=("none", "high"))])
    assert unsaid["default_reasoning_effort"] == "high"


def test_unknown_flags_stay_absent_and_name_falls_back_to_the_id() -> None:
    m = model([rec(**PRICED, id="vendor/Model-X")])
    # Silence is not "no": absent flags leave the verdict to the cross-provider checks.
    assert "can_reason" not in m and "supports_attachments" not in m
    assert m["name"] == "Model-X"
    said = model([rec(**PRICED, reasoning=False, vision=False)])
    assert (said["can_reason"], said["supports_attachments"]) == (False, False)


def test_prices_snap_to_an_eighth_of_a_cent_only_when_asked_and_only_noise() -> None:
    from catwalk.importers.build import snapped

    assert [snapped(p) for p in (15.00002, 12.49997, 0.24997, 0.12502, 75.0001, 1.00002)] == [
        15, 12.5, 0.25, 0.125, 75, 1,
    ]  # fmt: skip
    # real prices: off the grid by more than the noise, zero, tiny
    assert [snapped(p) for p in (0.028, 0.13202, 0, 0.00003, 3)] == [0.028, 0.13202, 0, 0.00003, 3]


# drops --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (rec(**PRICED, retires="2026-11-26"), "a retires it on 2026-11-26"),
        (rec(**PRICED, deprecated=True), "a marks it deprecated"),
        (rec(cost_in=0, cost_out=0, context=1000), "input and output prices are 0"),
        (rec(context=1000, price_problem="variable or non-numeric price"), "variable or non-numeric price"),
        (rec(cost_in=1, cost_out=2), "no source gives a context window"),
    ],
)
def test_models_are_dropped_with_a_reason(record: SourceModel, reason: str) -> None:
    collected = collect(spec(), two_sources([record]), AS_OF)
    assert collected.models == []
    assert any(reason in change for change in collected.changes), collected.changes


def test_a_future_retirement_is_kept_and_a_secondary_retirement_counts() -> None:
    assert collect(spec(), two_sources([rec(**PRICED, retires="2026-11-27")]), AS_OF).models
    collected = collect(spec(), two_sources([rec(**PRICED)], [rec("b", retires="2026-01-01")]), AS_OF)
    assert collected.models == [] and "`m` skipped: b retires it on 2026-01-01" in collected.changes


def test_free_providers_keep_zero_prices() -> None:
    assert model([rec(cost_in=0, cost_out=0, context=1000)], free=True)["cost_per_1m_in"] == 0


def test_include_exclude_and_duplicates() -> None:
    records = [
        rec(**PRICED, id="keep-1"),
        rec(**PRICED, id="drop-1"),
        rec(**PRICED, id="keep-1"),
        rec(**PRICED, id="x"),
    ]
    collected = collect(
        spec(include=("^keep|^drop",), exclude=("^drop",), exclude_reason="test"), two_sources(records), AS_OF
    )
    assert [m["id"] for m in collected.models] == ["keep-1"]
    assert "`drop-1` skipped: excluded by the provider's metadata (test)" in collected.changes
    assert "`keep-1` skipped: listed twice by a, the first entry is kept" in collected.changes


def test_no_merge_ignores_secondary_sources() -> None:
    cats = two_sources([rec(cost_in=1, cost_out=2)], [rec("b", context=4096)])
    assert collect(spec(), cats, AS_OF, merge_sources=False).models == []
    assert collect(spec(), cats, AS_OF).models[0]["context_window"] == 4096


# the provider file --------------------------------------------------------------------


def test_build_writes_the_envelope_and_sorts_models() -> None:
    records = [rec(**PRICED, id="small"), rec(**PRICED, id="big"), rec(**PRICED, id="Alpha")]
    imported = build(spec(), two_sources(records), AS_OF)
    assert imported.filename == "example.json"
    assert imported.source == "a:k + b:k"
    data = imported.data
    assert list(data)[:8] == [
        "$schema",
        "name",
        "id",
        "type",
        "api_key",
        "api_endpoint",
        "default_large_model_id",
        "default_small_model_id",
    ]
    assert [m["id"] for m in data["models"]] == ["Alpha", "big", "small"]


def test_empty_key_and_endpoint_are_left_out() -> None:
    records = [rec(**PRICED, id="big"), rec(**PRICED, id="small")]
    data = build(spec(api_key="", api_endpoint=""), two_sources(records), AS_OF).data
    assert "api_key" not in data and "api_endpoint" not in data


def test_a_default_model_that_is_not_imported_is_a_usage_error() -> None:
    records = [rec(**PRICED, id="big"), rec(id="small", context=1000, cost_in=0, cost_out=0)]
    with pytest.raises(UsageError, match=r"default small model 'small' .* input and output prices are 0"):
        build(spec(), two_sources(records), AS_OF)


def test_unknown_provider_keys_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="a has no provider 'nope'"):
        collect(spec(sources=(SourceRef("a", "nope"),)), two_sources([]), AS_OF)
    with pytest.raises(UsageError, match="b has no provider 'nope' to merge"):
        collect(spec(sources=(SourceRef("a", "k"), SourceRef("b", "nope"))), two_sources([]), AS_OF)
    with pytest.raises(UsageError, match="bad exclude pattern"):
        collect(spec(exclude=("(",)), two_sources([rec(**PRICED)]), AS_OF)


def test_an_enrichment_source_without_the_provider_is_a_note() -> None:
    limits = SourceRef("b", "nope", fields=("max_output",))
    result = collect(spec(sources=(SourceRef("a", "k"), limits)), two_sources([rec(**PRICED)]), AS_OF)
    assert [m["id"] for m in result.models] == ["m"]
    assert any("has no provider 'nope' here; not merged" in change for change in result.changes)


def test_a_makers_retirement_binds_its_closed_models_at_every_host() -> None:
    retiring = SourceRef("b", "k", fields=("retires",), grouped=True, made_by="anthropic")
    hosted = [rec(**PRICED, id="anthropic/claude-opus-4-1"), rec(**PRICED, id="deepseek-v4")]
    maker = [
        rec("b", id="claude-opus-4-1", retires="2026-01-01"),
        rec("b", id="deepseek-v4", retires="2026-01-01"),
    ]
    result = collect(spec(sources=(SourceRef("a", "k"), retiring)), two_sources(hosted, maker), AS_OF)
    # Claude goes with its maker; the maker's list says nothing about a model it does not make.
    assert [m["id"] for m in result.models] == ["deepseek-v4"]
    assert any("claude-opus-4-1` skipped: b retires it on 2026-01-01" in c for c in result.changes)


def test_a_capability_only_source_fills_flags_and_nothing_else() -> None:
    capabilities = SourceRef("b", "k", fields=("reasoning", "vision"), casefold=True)
    router = rec(
        "b",
        id="vendor/model-x",
        reasoning=True,
        vision=True,
        cost_in=9,
        cost_out=9,
        context=2,
        retires="2000-01-01",
    )
    primary = rec(id="Vendor/Model-X", cost_in=1, cost_out=2, context=100_000, vision=False)
    collected = collect(
        spec(sources=(SourceRef("a", "k"), capabilities)), two_sources([primary], [router]), AS_OF
    )
    (m,) = collected.models
    assert m["can_reason"] is True  # unknown in the primary, filled ignoring case
    assert m["supports_attachments"] is False  # the primary said so explicitly
    assert (m["cost_per_1m_in"], m["context_window"]) == (1, 100_000)  # no price, limit or retirement from b
    assert str(capabilities) == "b:k (reasoning, vision only)"

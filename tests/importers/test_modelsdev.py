"""The models.dev reader (`catwalk.importers.modelsdev`) on a trimmed copy of the real
api.json (tests/importers/fixtures/reference/models.dev/, derived from the 2026-07-02
catalogue): one reader for the importer and the snapshot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catwalk.importers import modelsdev

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "reference" / "models.dev" / "api-2026-07-02.json"


@pytest.fixture(scope="module")
def catalogue() -> modelsdev.ModelsDevCatalogue:
    return modelsdev.load(FIXTURE)


def test_prices_limits_and_levels_in_catwalk_units(catalogue: modelsdev.ModelsDevCatalogue) -> None:
    opus = catalogue.lookup("anthropic", "claude-opus-4-7", "2026-12-07")
    assert opus is not None and opus.source == "models.dev"
    # USD per 1M as published; cache_write is the WRITE price, cache_read the READ price
    assert (opus.cost_in, opus.cost_out, opus.cache_write, opus.cache_read) == (5, 25, 6.25, 0.5)
    assert opus.context == 1000000
    assert opus.levels == ("low", "medium", "high", "xhigh", "max")
    assert opus.reasoning is True and opus.vision is True
    gpt51 = catalogue.lookup("openai", "gpt-5.1", "2026-12-07")
    assert gpt51 is not None and gpt51.levels == ("none", "low", "medium", "high")


def test_a_toggle_or_budget_is_reasoning_without_levels(catalogue: modelsdev.ModelsDevCatalogue) -> None:
    sonnet = catalogue.lookup("anthropic", "claude-sonnet-4-5", "2026-12-07")
    assert sonnet is not None and sonnet.reasoning is True and sonnet.levels is None


def test_deprecated_status_and_embeddings(catalogue: modelsdev.ModelsDevCatalogue) -> None:
    old = catalogue.lookup("anthropic", "claude-3-5-sonnet-20240620", "2026-12-07")
    assert old is not None and old.deprecated
    assert catalogue.lookup("openai", "text-embedding-3-small", "2026-12-07") is None
    assert catalogue.keys()["databricks"] == 3


def test_image_input_is_the_image_modality_not_attachment() -> None:
    doc = json.loads(FIXTURE.read_text("utf-8"))
    entry = doc["openai"]["models"]["gpt-5"]
    pdf_only = {**entry, "attachment": True, "modalities": {"input": ["text", "pdf"], "output": ["text"]}}
    assert modelsdev.record(pdf_only, "x").vision is False
    no_modalities = {k: v for k, v in pdf_only.items() if k != "modalities"}
    assert modelsdev.record(no_modalities, "x").vision is True  # only then does attachment count


def test_missing_and_odd_values_are_unknown_not_zero() -> None:
    record = modelsdev.record({"limit": {"context": 1000, "output": 1000}, "reasoning": "yes"}, "m")
    assert record.cost_in is None and record.price_problem == "no input/output price"
    assert record.max_output is None  # an output limit equal to the window says nothing
    assert record.reasoning is None
    with pytest.raises(ValueError, match="JSON object"):
        list(modelsdev.records([1, 2]))

"""The OpenRouter adapter against the full real capture of 2026-05-15 (skipped when
the reference data is absent, as in a user's clone)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from catwalk.live.adapters.openrouter import ADAPTER
from catwalk.live.adapters.samples import load_fixture
from catwalk.units import round_sig

CAPTURE = "openrouter/api-v1-models-2026-05-15.json"


@pytest.fixture
def capture(reference_dir: Path) -> dict[str, Any]:
    path = reference_dir / CAPTURE
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def exact(per_token: str) -> float:
    return round_sig(float(Decimal(per_token) * 1_000_000))


def test_every_model_of_the_capture_is_read(capture: dict[str, Any]) -> None:
    request = ADAPTER.first_request(ADAPTER.default_base_url, None)
    page = ADAPTER.parse(capture, request)
    assert page.next is None
    items = {item["id"]: item for item in capture["data"]}
    assert len(page.models) == len(items) == 364
    assert [model.id for model in page.models] == list(items)
    variable = set()
    for model in page.models:
        item = items[model.id]
        pricing = item["pricing"]
        if pricing["prompt"].startswith("-"):
            variable.add(model.id)
            assert model.cost_in is None and model.cost_out is None
        else:
            assert model.cost_in == exact(pricing["prompt"])
            assert model.cost_out == exact(pricing["completion"])
        for key, field in (
            ("input_cache_read", "cost_cache_read"),
            ("input_cache_write", "cost_cache_write"),
        ):
            value = getattr(model, field)
            assert value == (exact(pricing[key]) if key in pricing else None), (model.id, field)
        top = item["top_provider"]
        assert model.context_window == (top["context_length"] or item["context_length"])
        assert model.max_output == top["max_completion_tokens"]
        assert model.image_input == ("image" in item["architecture"]["input_modalities"])
        parameters = item["supported_parameters"]
        assert model.reasoning == ("reasoning" in parameters or "include_reasoning" in parameters)
        assert model.expires_at == item["expiration_date"]
        assert model.name == item["name"].strip()  # one real name ends in a space
    assert variable == {"openrouter/auto", "openrouter/pareto-code", "openrouter/bodybuilder"}


def test_float_noise_in_the_capture_is_rounded_away(capture: dict[str, Any]) -> None:
    page = ADAPTER.parse(capture, ADAPTER.first_request(ADAPTER.default_base_url, None))
    noisy = 0
    for item, model in zip(capture["data"], page.models, strict=True):
        prompt = item["pricing"]["prompt"]
        if not prompt.startswith("-") and float(prompt) * 1e6 != exact(prompt):
            noisy += 1
            assert model.cost_in == exact(prompt)
    assert noisy > 0  # the capture really contains prices a plain multiply gets wrong


def test_the_committed_fixture_is_cut_from_the_capture(capture: dict[str, Any]) -> None:
    """Apart from shortened descriptions and the documented `reasoning` objects added
    to two items (the capture predates the field), each fixture item is the capture's."""
    by_id = {item["id"]: item for item in capture["data"]}
    for item in load_fixture("openrouter")["data"]:
        original = dict(by_id[item["id"]])
        trimmed = {key: value for key, value in item.items() if key not in ("description", "reasoning")}
        original.pop("description")
        assert trimmed == original, item["id"]

"""Arbitrary JSON into every adapter: only a Page of well-typed records or a
PayloadError may come out (never KeyError, TypeError, or a record with a field its
family does not know)."""

from __future__ import annotations

import copy
import math
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catwalk.live.adapters.base import Page, PayloadError, Request
from catwalk.live.adapters.listing import ListingAdapter
from catwalk.live.adapters.registry import all_adapters
from catwalk.live.adapters.samples import fixture_names, load_fixture
from catwalk.live.records import FIELDS, LiveModel

ADAPTERS = [adapter for adapter in all_adapters() if isinstance(adapter, ListingAdapter)]
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(["-1", "0", "$0.0000006", "0.000003", "models/x", "2026-10-23", "image", "reasoning"])
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def request_for(adapter: ListingAdapter) -> Request:
    return Request(adapter.url(adapter.default_base_url or "https://api.example.test/v1"), params={"a": "1"})


def check_page(adapter: ListingAdapter, page: Any) -> None:
    assert isinstance(page, Page)
    assert isinstance(page.models, list)
    assert page.next is None or isinstance(page.next, Request)
    for model in page.models:
        assert isinstance(model, LiveModel)
        assert isinstance(model.id, str) and model.id
        told = {name for name in FIELDS if getattr(model, name) is not None}
        assert told <= adapter.knows
        for name in ("context_window", "max_output"):
            value = getattr(model, name)
            assert value is None or (type(value) is int and value > 0)
        for name in ("cost_in", "cost_out", "cost_cache_read", "cost_cache_write"):
            value = getattr(model, name)
            assert value is None or (type(value) is float and math.isfinite(value) and value >= 0)
        for name in ("image_input", "reasoning"):
            assert getattr(model, name) in (None, True, False)
        for name in ("deprecated_at", "expires_at"):
            value = getattr(model, name)
            assert value is None or DATE.match(value)
        levels = model.reasoning_levels
        assert levels is None or (
            isinstance(levels, tuple) and all(isinstance(level, str) for level in levels)
        )
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in model.extra.items())


def parse_or_refuse(adapter: ListingAdapter, payload: Any, request: Request) -> None:
    try:
        page = adapter.parse(payload, request)
    except PayloadError as error:
        assert str(error)
        return
    check_page(adapter, page)


@pytest.mark.parametrize("adapter", ADAPTERS, ids=lambda adapter: adapter.family)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=json_values)
def test_arbitrary_json(adapter: ListingAdapter, payload: Any) -> None:
    parse_or_refuse(adapter, payload, request_for(adapter))


@pytest.mark.parametrize("adapter", ADAPTERS, ids=lambda adapter: adapter.family)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=st.lists(st.dictionaries(st.text(max_size=8), json_values, max_size=5), max_size=4), data=st.data()
)
def test_envelope_with_arbitrary_items(
    adapter: ListingAdapter, items: list[Any], data: st.DataObject
) -> None:
    for item in items:
        if data.draw(st.booleans()):
            item[adapter.id_key] = data.draw(st.text(min_size=1, max_size=10))
    payload: Any = items if adapter.items_key is None else {adapter.items_key: items}
    if isinstance(payload, dict):
        payload.update(data.draw(st.dictionaries(st.sampled_from(PAGING_KEYS), json_values, max_size=3)))
    parse_or_refuse(adapter, payload, request_for(adapter))


PAGING_KEYS = ["has_more", "last_id", "nextPageToken", "next_page_token", "links", "error", "type", "object"]


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside a JSON document."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


def replace_at(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    target = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return document


RESPONSE_FIXTURES = [name for name in fixture_names() if name != "copilot-token"]


def adapter_for_fixture(name: str) -> ListingAdapter:
    family = name.removesuffix("-page2").removesuffix("-old")
    (adapter,) = [adapter for adapter in ADAPTERS if adapter.family == family]
    return adapter


@pytest.mark.parametrize("fixture", RESPONSE_FIXTURES)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_real_responses(fixture: str, data: st.DataObject) -> None:
    """The fixture with a few values anywhere inside replaced by arbitrary JSON: the
    shapes real APIs drift into."""
    adapter = adapter_for_fixture(fixture)
    document = copy.deepcopy(load_fixture(fixture))
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        path = data.draw(st.sampled_from(paths(document)))
        document = replace_at(document, path, data.draw(json_values))
    parse_or_refuse(adapter, document, request_for(adapter))


WRONG_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    1.5,
    -0.5,
    1e308,
    float("nan"),
    "",
    "x",
    "-1",
    "9" * 40,
    [],
    ["x", 1],
    {},
    {"x": [1]},
]


@pytest.mark.parametrize("fixture", RESPONSE_FIXTURES)
def test_every_value_swapped_for_every_wrong_type(fixture: str) -> None:
    """Exhaustive: each value anywhere in the real response, in turn, replaced by each
    wrong-typed value (restored after each parse)."""
    adapter = adapter_for_fixture(fixture)
    document = load_fixture(fixture)
    request = request_for(adapter)
    for path in paths(document)[1:]:
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        original = parent[path[-1]]
        for wrong in WRONG_VALUES:
            parent[path[-1]] = wrong
            try:
                parse_or_refuse(adapter, document, request)
            except Exception as error:
                raise AssertionError(f"{fixture}: {path} = {wrong!r}") from error
        parent[path[-1]] = original

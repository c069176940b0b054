"""The shared reader of OpenRouter-style listings: a family is its key names."""

from __future__ import annotations

from typing import ClassVar

from catwalk.live.adapters.base import Request
from catwalk.live.adapters.keyed import KeyedListingAdapter, Keys
from catwalk.live.records import PRICED_LISTING, LiveModel


class Sample(KeyedListingAdapter):
    family: ClassVar[str] = "sample-keyed"
    default_base_url: ClassVar[str] = "https://api.example.test/v1"
    keys: ClassVar[Keys] = Keys(
        name="title",
        max_output=None,
        cost_in="in",
        cost_out="out",
        cost_cache_read=None,
        cost_cache_write=None,
        price_unit="million",
        image_input=("tags", "vision"),
        reasoning=None,
    )


REQUEST = Request("https://api.example.test/v1/models")


def test_knows_follows_from_the_keys_a_family_names() -> None:
    assert Sample.knows == frozenset({"name", "context_window", "cost_in", "cost_out", "image_input"})
    # The default keys are the whole priced-listing shape.
    assert Keys().knows() == PRICED_LISTING


def test_items_are_read_by_the_named_keys_in_the_named_unit() -> None:
    payload = {
        "data": [
            {
                "id": "m1",
                "title": "Model One",
                "name": "not this key",
                "context_length": 131072,
                "max_output_length": 8192,
                "pricing": {"in": "0.5", "out": 2, "prompt": "0.000001"},
                "tags": ["vision"],
                "supported_features": ["reasoning"],
            },
            {"id": "m2", "tags": []},
        ]
    }
    models = Sample().parse(payload, REQUEST).models
    assert models == [
        LiveModel("m1", name="Model One", context_window=131072, cost_in=0.5, cost_out=2.0, image_input=True),
        LiveModel("m2", image_input=False),
    ]


def test_a_family_filter_drops_items() -> None:
    class Filtered(Sample):
        family: ClassVar[str] = "sample-filtered"

        def accepts(self, item: dict[str, object]) -> bool:
            return item.get("type") != "embedding"

    payload = {"data": [{"id": "chat"}, {"id": "embed", "type": "embedding"}]}
    assert [m.id for m in Filtered().parse(payload, REQUEST).models] == ["chat"]

"""Anthropic `GET /v1/models` (`x-api-key` + `anthropic-version: 2023-06-01`).

Cursor pages: the first request asks for `limit=1000`; while `has_more` is true the
next request repeats it with `after_id=<last_id>` (a `has_more` page without a
`last_id` is malformed: the list would silently be cut short).

Each item: `id`, `display_name` -> name, `max_input_tokens` -> context window,
`max_tokens` -> max output (0/null are placeholders: unknown), `capabilities`:
`image_input.supported` -> image input, `thinking.supported` -> reasoning,
`effort.<level>.supported` -> reasoning levels (the levels marked supported, in
low..max order; an empty tuple when the object says effort is not supported),
`deprecated_at` -> deprecated date, `retires_at` -> expiry date, `lifecycle` and
`line` kept as extra text. The old bare shape (`type, id, display_name, created_at`
only) gives names and nothing else; fields it lacks stay unknown.

The default listing holds active and deprecated models. A `lifecycle: "retired"`
item (only listed when asked for) can no longer be called and is dropped.
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.base import PayloadError, Request
from catwalk.live.adapters.listing import ListingAdapter, advance
from catwalk.live.adapters.values import effort_levels, flag, iso_date, mapping, positive_int, text
from catwalk.live.records import LiveModel

PAGE_SIZE = "1000"


def supported(capabilities: dict[str, Any], name: str) -> bool | None:
    return flag(mapping(capabilities.get(name)).get("supported"))


def efforts(capabilities: dict[str, Any]) -> tuple[str, ...] | None:
    effort = capabilities.get("effort")
    if not isinstance(effort, dict):
        return None
    if effort.get("supported") is False:
        return ()
    return effort_levels(
        level
        for level, value in effort.items()
        if level != "supported" and mapping(value).get("supported") is True
    )


class AnthropicAdapter(ListingAdapter):
    family: ClassVar[str] = "anthropic"
    homes: ClassVar[dict[str, Home]] = {
        "anthropic": Home(
            hosts=("api.anthropic.com",), keys=("ANTHROPIC_API_KEY",), endpoints=("ANTHROPIC_API_ENDPOINT",)
        ),
    }
    provider_types: ClassVar[tuple[str, ...]] = ("anthropic",)
    default_base_url: ClassVar[str] = "https://api.anthropic.com"
    path: ClassVar[str] = "/v1/models"
    key_header: ClassVar[str] = "x-api-key"
    key_prefix: ClassVar[str] = ""
    extra_headers: ClassVar[dict[str, str]] = {"anthropic-version": "2023-06-01"}
    knows: ClassVar[frozenset[str]] = frozenset(
        {
            "name",
            "context_window",
            "max_output",
            "image_input",
            "reasoning",
            "reasoning_levels",
            "deprecated_at",
            "expires_at",
        }
    )

    def first_request(self, base_url: str, api_key: str | None) -> Request:
        return Request(self.url(base_url), params={"limit": PAGE_SIZE}, headers=self.auth_headers(api_key))

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        lifecycle = text(item.get("lifecycle"))
        if lifecycle == "retired":
            return None
        capabilities = mapping(item.get("capabilities"))
        extra = {key: value for key in ("lifecycle", "line") if (value := text(item.get(key)))}
        return LiveModel(
            id=model_id,
            name=text(item.get("display_name")),
            context_window=positive_int(item.get("max_input_tokens")),
            max_output=positive_int(item.get("max_tokens")),
            image_input=supported(capabilities, "image_input"),
            reasoning=supported(capabilities, "thinking"),
            reasoning_levels=efforts(capabilities),
            deprecated_at=iso_date(item.get("deprecated_at")),
            expires_at=iso_date(item.get("retires_at")),
            extra=extra,
        )

    def next_request(self, payload: dict[str, Any], request: Request) -> Request | None:
        if payload.get("has_more") is not True:
            return None
        last_id = text(payload.get("last_id"))
        if last_id is None:
            raise PayloadError("`has_more` is true but `last_id` is missing")
        return advance(request, after_id=last_id)


ADAPTER = AnthropicAdapter()

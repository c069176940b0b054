"""The parse flow every model-listing family shares.

A family names where its items live (`items_key`), which item key holds the model id
(`id_key`), how one item becomes a record (`model`), and how the next page is asked
for (`next_request`). This module turns the envelope into a `Page`:

- a payload of the wrong shape (not an object, no item list, an error object, an HTML
  page decoded as a string) raises `PayloadError` with the reason;
- items that are not objects or carry no string id are skipped; if the list is not
  empty but not one item is recognisable, the payload is the wrong shape;
- an id that is not valid Unicode (a lone surrogate) is kept escaped, with a note;
- `model` returning None means "the API says this is not a chat model" (filtered);
- the first record for an id wins (aliases and duplicate entries);
- every record is cut down to the family's `knows`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from catwalk.live.adapters.base import Adapter, Page, PayloadError, Request
from catwalk.live.adapters.values import mapping, text
from catwalk.live.records import LiveModel
from catwalk.secrets import redact

_SHOWN = 160
INVALID_ID_NOTE = "the API sent this id with invalid Unicode (a lone surrogate); shown escaped"


def describe(value: Any) -> str:
    """A short, secret-free description of a JSON value for error reasons."""
    if isinstance(value, dict):
        keys = ", ".join(sorted(str(key) for key in value)[:6])
        return f"an object with keys [{keys}]" if keys else "an empty object"
    if isinstance(value, list):
        return f"an array of {len(value)} items"
    if isinstance(value, str):
        start = value.lstrip()[:15].lower()
        if start.startswith(("<!doctype", "<html", "<")):
            return "an HTML page"
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return "a number"


def error_reason(payload: Any) -> str | None:
    """The message of an error object sent with a success status, if it is one."""
    if not isinstance(payload, dict):
        return None
    error = payload.get("error")
    if payload.get("type") == "error" or payload.get("object") == "error":
        error = error or payload
    if not error:
        return None
    body = mapping(error)
    message = text(body.get("message")) or text(error) or text(payload.get("message")) or "no message"
    return "the API returned an error: " + redact(message)[:_SHOWN]


def require_list(payload: Any, key: str | None) -> list[Any]:
    """The item list at `payload[key]` (or the payload itself when key is None)."""
    reason = error_reason(payload)
    if reason:
        raise PayloadError(reason)
    if key is None:
        if isinstance(payload, list):
            return payload
        raise PayloadError(f"expected a JSON array of models, got {describe(payload)}")
    if not isinstance(payload, dict):
        raise PayloadError(f"expected a JSON object with `{key}`, got {describe(payload)}")
    if key not in payload:
        raise PayloadError(f"expected a JSON object with `{key}`, got {describe(payload)}")
    items = payload[key]
    if not isinstance(items, list):
        raise PayloadError(f"`{key}` should be an array of models, got {describe(items)}")
    return items


def advance(request: Request, **params: str) -> Request:
    """The same request with updated query parameters; a cursor that does not move
    would loop forever, so it is a malformed payload."""
    updated = {**request.params, **params}
    if updated == request.params:
        raise PayloadError("the pagination cursor did not advance")
    return replace(request, params=updated)


class ListingAdapter(Adapter):
    """An adapter whose response is one page of a model list."""

    # Where the items live in the response; None for a bare top-level array.
    items_key: ClassVar[str | None] = "data"
    id_key: ClassVar[str] = "id"

    def listing(self, request: Request) -> tuple[str | None, str]:
        """Where the items and their ids are in the answer to `request` (a family whose
        steps answer differently, Bedrock's, tells per step)."""
        return self.items_key, self.id_key

    def item_id(self, item: dict[str, Any]) -> str | None:
        return text(item.get(self.id_key))

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        """One item as a record; None filters it out. Override per family."""
        return LiveModel(id=model_id)

    def records(self, item: dict[str, Any], model_id: str) -> list[LiveModel]:
        """Most items are one record; a family whose item fans out overrides this."""
        model = self.model(item, model_id)
        return [] if model is None else [model]

    def page_records(self, item: dict[str, Any], model_id: str, request: Request) -> list[LiveModel]:
        """The records of an item in the answer to `request`; `records` unless what the
        request carries matters."""
        return self.records(item, model_id)

    def next_request(self, payload: dict[str, Any], request: Request) -> Request | None:
        return None

    def parse(self, payload: Any, request: Request) -> Page:
        items_key, id_key = self.listing(request)
        items = require_list(payload, items_key)
        recognised = 0
        models: dict[str, LiveModel] = {}
        for item in items:
            if not isinstance(item, dict):
                continue
            raw_id = item.get(id_key)
            model_id = self.item_id(item)
            if model_id is None:
                continue
            recognised += 1
            # The raw id held a lone surrogate when escaping it changed it (a family that
            # derives its id, Gemini's `models/` prefix cut, is not mangling it).
            mangled = isinstance(raw_id, str) and text(raw_id) != raw_id.strip()
            for record in self.page_records(item, model_id, request):
                note = {"note": INVALID_ID_NOTE} if mangled else {}
                noted = replace(record, extra={**record.extra, **note}) if note else record
                models.setdefault(noted.id, self.keep_known(noted))
        if items and not recognised:
            where = f"`{items_key}`" if items_key else "the array"
            raise PayloadError(f"no item in {where} is a model with an `{id_key}`")
        following = self.next_request(payload, request) if isinstance(payload, dict) else None
        return Page(list(models.values()), following)

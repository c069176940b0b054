"""Generate `schema/provider.schema.json` from the pydantic models (`catwalk schema`)."""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from catwalk.model import SCHEMA_DIALECT, SCHEMA_ID, Provider


class _CatwalkSchema(GenerateJsonSchema):
    """Pydantic's generator, tuned for a data format rather than an API.

    Optional fields are "may be absent", not "may be null": Crush's Go decoder has no use
    for null, so `X | None = None` becomes plain `X` and the null default disappears.
    """

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        result = super().default_schema(schema)
        if result.get("default", ...) is None:
            del result["default"]
        return result


def _drop_titles(node: Any) -> None:
    # Titles repeat the property names; descriptions carry the meaning.
    if isinstance(node, dict):
        node.pop("title", None)
        for key, value in node.items():
            if key in ("properties", "$defs") and isinstance(value, dict):
                for sub in value.values():
                    _drop_titles(sub)
            elif key != "properties":
                _drop_titles(value)
    elif isinstance(node, list):
        for item in node:
            _drop_titles(item)


def generate() -> dict[str, Any]:
    body = Provider.model_json_schema(by_alias=True, schema_generator=_CatwalkSchema)
    _drop_titles(body)
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": "Catwalk v2 provider",
    }
    schema.update(body)
    return schema


def render() -> str:
    return json.dumps(generate(), indent=2, ensure_ascii=False) + "\n"

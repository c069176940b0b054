"""The canonical text of a provider file (`catwalk fmt`).

2-space indent, keys in the order the schema defines them (`$schema` first), arrays of
scalars on one line, numbers in their shortest exact form (never exponent notation,
`10` rather than `10.0`), UTF-8 without escapes, one trailing newline.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from catwalk.resources import provider_schema


def _orders(schema: dict[str, Any]) -> dict[str, list[str]]:
    defs = schema.get("$defs", {})
    return {
        "provider": list(schema.get("properties", {})),
        "model": list(defs.get("Model", {}).get("properties", {})),
        "options": list(defs.get("ModelOptions", {}).get("properties", {})),
    }


def number(value: int | float) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def _ordered(obj: dict[str, Any], order: list[str]) -> list[tuple[str, Any]]:
    rank = {key: i for i, key in enumerate(order)}
    return sorted(obj.items(), key=lambda kv: rank.get(kv[0], len(rank)))


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, (bool, int, float)):
        return number(value)
    return json.dumps(value, ensure_ascii=False)


def _write(value: Any, indent: int, kind: str, orders: dict[str, list[str]], out: list[str]) -> None:
    pad = "  " * (indent + 1)
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        items = _ordered(value, orders[kind]) if kind in orders else list(value.items())
        out.append("{\n")
        for i, (key, item) in enumerate(items):
            out.append(f"{pad}{json.dumps(key, ensure_ascii=False)}: ")
            child = {"provider": {"models": "model"}, "model": {"options": "options"}}.get(kind, {}).get(
                key, ""
            )
            _write(item, indent + 1, child, orders, out)
            out.append(",\n" if i < len(items) - 1 else "\n")
        out.append("  " * indent + "}")
    elif isinstance(value, list):
        if not value:
            out.append("[]")
        elif all(not isinstance(v, (dict, list)) for v in value):
            out.append("[" + ", ".join(_scalar(v) for v in value) + "]")
        else:
            out.append("[\n")
            for i, item in enumerate(value):
                out.append(pad)
                _write(item, indent + 1, kind, orders, out)
                out.append(",\n" if i < len(value) - 1 else "\n")
            out.append("  " * indent + "]")
    else:
        out.append(_scalar(value))


def dumps(provider: dict[str, Any]) -> str:
    out: list[str] = []
    _write(provider, 0, "provider", _orders(provider_schema()), out)
    return "".join(out) + "\n"

"""A small, fast validator for the JSON Schema that `catwalk schema` generates.

Why not the `jsonschema` library on the hot path: importing and building it costs more
than checking the whole database, and it reports JSON paths, not the located, per-field
findings we need. This interpreter supports exactly the keywords the generated schema
uses (`SUPPORTED_KEYWORDS`; a test fails if the schema grows another one), and a
differential test holds its verdicts equal to `jsonschema`'s.

One deliberate difference: an integral float such as `131072.0` is not an "integer"
here, because Crush's Go decoder rejects it for an int64 field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple

from catwalk import pointer as jp

SUPPORTED_KEYWORDS = frozenset(
    {
        # assertions
        "type", "enum", "const", "properties", "required", "additionalProperties",
        "items", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "minLength", "maxLength", "pattern", "$ref",
        # annotations and structure, nothing to check
        "$schema", "$id", "$defs", "title", "description", "default", "examples",
    }
)  # fmt: skip

_TYPE_NAMES = {
    "object": "an object",
    "array": "an array",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "null": "null",
}


class SchemaError(NamedTuple):
    """kind is one of: unknown-key, missing-key, wrong-type, invalid-value, out-of-range."""

    kind: str
    pointer: str
    message: str


def json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _matches_type(value: Any, expected: str) -> bool:
    actual = json_type(value)
    return actual == expected or (expected == "number" and actual == "integer")


def _field_label(ptr: str) -> str:
    tokens = jp.split(ptr)
    return f"`{tokens[-1]}`" if tokens else "the document"


Predicate = Callable[[Any], bool]

_ANNOTATIONS = frozenset({"title", "description", "default", "examples"})

_PY_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


class Validator:
    """`is_valid` is the fast path (closures compiled once per schema node); `iter_errors`
    explains, and only descends into the parts that `is_valid` rejects."""

    def __init__(self, schema: dict[str, Any], *, secret_fields: frozenset[str] = frozenset()):
        self.schema = schema
        self._defs: dict[str, Any] = schema.get("$defs", {})
        self._patterns: dict[str, re.Pattern[str]] = {}
        # Values of these keys are never quoted back in a message.
        self._secret_fields = secret_fields
        self._compiled: dict[int, Predicate] = {}
        self.is_valid = self._compile(schema)

    def _pattern(self, text: str) -> re.Pattern[str]:
        pattern = self._patterns.get(text)
        if pattern is None:
            pattern = self._patterns[text] = re.compile(text)
        return pattern

    def _compile(self, raw: dict[str, Any]) -> Predicate:
        node = self._resolve(raw)
        key = id(node)
        if key in self._compiled:
            return self._compiled[key]
        checks: list[Predicate] = []
        expected = node.get("type")
        bounds: list[tuple[str, Any]] = [
            (k, node[k]) for k in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum") if k in node
        ]
        if expected is not None:
            names = expected if isinstance(expected, list) else [expected]
            # Exact classes: JSON parsing yields exactly these, and bool is not a number.
            classes = frozenset(t for n in names for t in _PY_TYPES[n])
            leaf = set(node) <= _ANNOTATIONS | {
                "type",
                "minimum",
                "exclusiveMinimum",
                "maximum",
                "exclusiveMaximum",
                "minLength",
            }
            if leaf and names in (["number"], ["integer"]) and bounds:
                # The hot case (prices, limits): one closure, no generic dispatch.
                test = _BOUND_TESTS[bounds[0][0]]
                limit = bounds[0][1]
                rest = bounds[1:]

                def number_ok(v: Any) -> bool:
                    return v.__class__ in classes and test(v, limit) and (not rest or _in_bounds(v, rest))

                self._compiled[key] = number_ok
                return number_ok
            if leaf and not bounds and "minLength" not in node:

                def class_ok(v: Any) -> bool:
                    return v.__class__ in classes

                self._compiled[key] = class_ok
                return class_ok

            def type_ok(v: Any) -> bool:
                return v.__class__ in classes

            checks.append(type_ok)
        if "enum" in node:
            allowed = node["enum"]
            checks.append(lambda v: json_type(v) in ("string", "integer", "number", "null") and v in allowed)
        if "const" in node:
            const = node["const"]
            checks.append(lambda v: v == const)
        if bounds:
            checks.append(lambda v: not _is_number(v) or _in_bounds(v, bounds))
        if any(k in node for k in ("minLength", "maxLength", "pattern")):
            low, high = node.get("minLength", 0), node.get("maxLength")
            pattern = self._pattern(node["pattern"]) if "pattern" in node else None
            checks.append(
                lambda v: (
                    not isinstance(v, str)
                    or (
                        len(v) >= low
                        and (high is None or len(v) <= high)
                        and (pattern is None or not v or bool(pattern.search(v)))
                    )
                )
            )
        if "properties" in node or "required" in node or "additionalProperties" in node:
            checks.append(self._compile_object(node))
        if "items" in node:
            item_ok = self._compile(node["items"])
            checks.append(lambda v: not isinstance(v, list) or all(item_ok(i) for i in v))

        def valid(v: Any) -> bool:
            for check in checks:  # noqa: SIM110 - a plain loop beats all() on this hot path
                if not check(v):
                    return False
            return True

        predicate = checks[0] if len(checks) == 1 else valid
        self._compiled[key] = predicate
        return predicate

    def _leaf(self, raw: dict[str, Any]) -> tuple[frozenset[type], Any, bool, int] | None:
        """(classes, lower bound or None, bound is exclusive, minimum length) for a property
        simple enough to test inline, without a call: most fields of a provider file."""
        node = self._resolve(raw)
        keys = set(node) - _ANNOTATIONS
        names = node.get("type")
        if not isinstance(names, str) or names not in ("number", "integer", "string", "boolean"):
            return None
        bounds = {"minimum", "exclusiveMinimum"}
        if not keys <= {"type", "minLength", *bounds} or bounds <= keys:
            return None
        strict = "exclusiveMinimum" in node
        low = node.get("exclusiveMinimum", node.get("minimum"))
        return frozenset(_PY_TYPES[names]), low, strict, int(node.get("minLength", 0))

    def _compile_object(self, node: dict[str, Any]) -> Predicate:
        properties = node.get("properties", {})
        props = {k: self._compile(v) for k, v in properties.items()}
        leaves = {k: spec for k, v in properties.items() if (spec := self._leaf(v)) is not None}
        required = frozenset(node.get("required", ()))
        extra = node.get("additionalProperties", True)
        closed = extra is False
        extra_ok = self._compile(extra) if isinstance(extra, dict) else None

        def object_ok(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            keys = v.keys()
            if not required <= keys:
                return False
            for k, item in v.items():
                leaf = leaves.get(k)
                if leaf is not None:
                    classes, low, strict, min_length = leaf
                    if item.__class__ not in classes:
                        return False
                    if low is not None and (item <= low if strict else item < low):
                        return False
                    if min_length and len(str(item)) < min_length:
                        return False
                    continue
                check = props.get(k)
                if check is not None:
                    if not check(item):
                        return False
                elif closed or (extra_ok is not None and not extra_ok(item)):
                    return False
            return True

        return object_ok

    def _resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/$defs/"):
                raise ValueError(f"unsupported $ref {ref!r}")
            node = self._defs[ref[len("#/$defs/") :]]
        return node

    def _show(self, ptr: str, value: Any) -> str:
        """The value as it would appear in JSON, shortened; secrets are never shown."""
        tokens = jp.split(ptr)
        if tokens and tokens[-1] in self._secret_fields:
            return "(value not shown)"
        kind = json_type(value)
        if kind in ("object", "array", "null"):
            return _TYPE_NAMES.get(kind, kind)
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= 60 else text[:57] + "..."

    def _describe(self, ptr: str, value: Any) -> str:
        kind = json_type(value)
        if kind in ("object", "array", "null"):
            return _TYPE_NAMES[kind]
        return f"{kind} {self._show(ptr, value)}"

    def iter_errors(self, instance: Any) -> Iterator[SchemaError]:
        if not self.is_valid(instance):
            yield from self._check(instance, self.schema, "")

    def _check(self, value: Any, node: dict[str, Any], ptr: str) -> Iterator[SchemaError]:
        # Recursion follows the schema, whose depth is fixed (< 10), never the data.
        node = self._resolve(node)
        label = _field_label(ptr)
        expected = node.get("type")
        if expected is not None:
            options = expected if isinstance(expected, list) else [expected]
            if not any(_matches_type(value, t) for t in options):
                want = " or ".join(_TYPE_NAMES.get(str(t), str(t)) for t in options)
                got = json_type(value)
                hint = ""
                if got == "number" and "integer" in options and float(value).is_integer():
                    hint = f" (write {int(value)} without a decimal point)"
                elif got == "string" and ("number" in options or "integer" in options):
                    hint = " (remove the quotes)" if _is_numeric_text(value) else ""
                yield SchemaError(
                    "wrong-type",
                    ptr,
                    f"{label} must be {want}, got {self._describe(ptr, value)}{hint}",
                )
                return
        if "enum" in node and value not in node["enum"]:
            allowed = ", ".join(str(v) for v in node["enum"])
            yield SchemaError(
                "invalid-value", ptr, f"{label} must be one of {allowed}; got {self._show(ptr, value)}"
            )
        if "const" in node and value != node["const"]:
            yield SchemaError(
                "invalid-value", ptr, f"{label} must be {node['const']!r}; got {self._show(ptr, value)}"
            )
        kind = json_type(value)
        if kind in ("integer", "number"):
            yield from self._check_range(value, node, ptr, label)
        elif kind == "string":
            yield from self._check_string(value, node, ptr, label)
        elif kind == "object":
            yield from self._check_object(value, node, ptr)
        elif kind == "array" and "items" in node:
            items = node["items"]
            item_ok = self._compile(items)
            for index, item in enumerate(value):
                if not item_ok(item):
                    yield from self._check(item, items, jp.child(ptr, index))

    def _check_range(self, value: float, node: dict[str, Any], ptr: str, label: str) -> Iterator[SchemaError]:
        symbols = {"minimum": "≥", "exclusiveMinimum": ">", "maximum": "≤", "exclusiveMaximum": "<"}
        for keyword, symbol in symbols.items():
            if keyword in node and not _BOUND_TESTS[keyword](value, node[keyword]):
                yield SchemaError(
                    "out-of-range", ptr, f"{label} must be {symbol} {node[keyword]}, got {value}"
                )

    def _check_string(self, value: str, node: dict[str, Any], ptr: str, label: str) -> Iterator[SchemaError]:
        if "minLength" in node and len(value) < node["minLength"]:
            what = "empty" if not value else f"shorter than {node['minLength']} characters"
            yield SchemaError("invalid-value", ptr, f"{label} must not be {what}")
        if "maxLength" in node and len(value) > node["maxLength"]:
            yield SchemaError("invalid-value", ptr, f"{label} must be at most {node['maxLength']} characters")
        if "pattern" in node:
            pattern = self._patterns.get(node["pattern"])
            if pattern is None:
                pattern = self._patterns[node["pattern"]] = re.compile(node["pattern"])
            if value and not pattern.search(value):
                yield SchemaError(
                    "invalid-value",
                    ptr,
                    f"{label} must match {node['pattern']}; got {self._show(ptr, value)}",
                )

    def _check_object(self, value: dict[str, Any], node: dict[str, Any], ptr: str) -> Iterator[SchemaError]:
        properties: dict[str, Any] = node.get("properties", {})
        for key in node.get("required", ()):
            if key not in value:
                where = _field_label(ptr) if ptr else "the provider"
                yield SchemaError("missing-key", ptr, f"missing required key `{key}` in {where}")
        extra = node.get("additionalProperties", True)
        for key, item in value.items():
            sub = properties.get(key)
            if sub is not None:
                if not self._compile(sub)(item):
                    yield from self._check(item, sub, jp.child(ptr, key))
            elif extra is False:
                yield SchemaError("unknown-key", jp.child(ptr, key), _unknown_key_message(key, properties))
            elif isinstance(extra, dict) and not self._compile(extra)(item):
                yield from self._check(item, extra, jp.child(ptr, key))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and value.__class__ is not bool


_BOUND_TESTS: dict[str, Callable[[Any, Any], bool]] = {
    "minimum": lambda v, b: v >= b,
    "exclusiveMinimum": lambda v, b: v > b,
    "maximum": lambda v, b: v <= b,
    "exclusiveMaximum": lambda v, b: v < b,
}


def _in_bounds(value: Any, bounds: Sequence[tuple[str, Any]]) -> bool:
    return all(_BOUND_TESTS[k](value, b) for k, b in bounds)


def _is_numeric_text(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# Keys that older Catwalk files or neighbouring formats use for something we do have.
_KNOWN_MOVES = {
    "temperature": "options.temperature",
    "top_p": "options.top_p",
    "top_k": "options.top_k",
    "frequency_penalty": "options.frequency_penalty",
    "presence_penalty": "options.presence_penalty",
    "reasoning_effort": "default_reasoning_effort",
    "has_reasoning_efforts": "reasoning_levels (list the levels; the flag is not part of v2)",
    "max_tokens": "default_max_tokens",
    "context_length": "context_window",
    "supports_images": "supports_attachments",
}


def _unknown_key_message(key: str, properties: dict[str, Any]) -> str:
    message = f"unknown key `{key}`"
    hint = _KNOWN_MOVES.get(key)
    if hint is None or hint.split(" ")[0].split(".")[0] not in properties:
        import difflib  # only paid for when a file has an unknown key

        close = difflib.get_close_matches(key, list(properties), n=1, cutoff=0.75)
        hint = close[0] if close else None
    if hint:
        message += f"; did you mean `{hint}`?" if " " not in hint else f"; use {hint}"
    return message

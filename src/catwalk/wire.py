"""The providers as upstream Catwalk serves them: each parsed provider file decoded into
upstream's Go types (`pkg/catwalk` `Provider`, `Model`, `ModelOptions`) and encoded by Go's
`encoding/json`, in upstream's provider order; and the ETag upstream computes.

Decoding into a Go struct drops unknown keys (`$schema`), turns `null` into the zero value
and every number of a `float64` field (and of `provider_options`, a `map[string]any`) into a
float. Encoding writes struct fields in declaration order, maps with sorted keys, and leaves
out `omitempty` fields that are empty and `omitzero` ones that are zero.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from catwalk import gojson
from catwalk.gojson import Object

# Upstream's registry order (`internal/providers`); providers it does not have follow by id.
UPSTREAM_ORDER = (
    "anthropic", "openai", "gemini", "xai", "zai", "kimi-coding", "minimax", "minimax-china",
    "moonshot", "synthetic", "aihubmix", "alibaba-singapore", "alibaba-us", "atlascloud",
    "baseten", "avian", "azure", "bedrock", "bedrock-europe", "cerebras", "chutes", "copilot",
    "cortecs", "deepseek", "fireworks", "groq", "huggingface", "ionet", "nebius", "neuralwatt",
    "opencode-go", "opencode-zen", "openrouter", "qiniucloud", "scaleway", "vercel", "venice",
    "vertexai", "zhipu", "zhipu-coding",
)  # fmt: skip
_RANK = {provider_id: rank for rank, provider_id in enumerate(UPSTREAM_ORDER)}

# (key, kind, omitempty) in Go's declaration order.
_PROVIDER_FIELDS = (
    ("name", "string", False),
    ("id", "string", False),
    ("api_key", "string", True),
    ("api_endpoint", "string", True),
    ("type", "string", True),
    ("default_large_model_id", "string", True),
    ("default_small_model_id", "string", True),
    ("models", "models", True),
    ("default_headers", "headers", True),
)
_MODEL_FIELDS = (
    ("id", "string", False),
    ("name", "string", False),
    ("cost_per_1m_in", "float", False),
    ("cost_per_1m_out", "float", False),
    ("cost_per_1m_in_cached", "float", False),
    ("cost_per_1m_out_cached", "float", False),
    ("context_window", "int", False),
    ("default_max_tokens", "int", False),
    ("can_reason", "bool", False),
    ("reasoning_levels", "strings", True),
    ("default_reasoning_effort", "string", True),
    ("supports_attachments", "bool", False),
    ("options", "options", True),
)
# Pointers: written whenever set (even to 0), left out when absent or null.
_OPTION_FIELDS = (
    ("temperature", "float"),
    ("top_p", "float"),
    ("top_k", "int"),
    ("frequency_penalty", "float"),
    ("presence_penalty", "float"),
)


class WireError(ValueError):
    """A value Go's decoder would refuse (the check rules reject it first)."""


def order_key(provider: Mapping[str, Any]) -> tuple[int, str]:
    provider_id = str(provider.get("id") or "")
    return (_RANK.get(provider_id, len(UPSTREAM_ORDER)), provider_id)


def providers(documents: Iterable[Any]) -> list[Object]:
    """The parsed provider files as Go values, in upstream's order."""
    decoded = [_provider(document) for document in documents]
    return sorted(decoded, key=lambda p: order_key(dict(p)))


def indented(values: list[Object]) -> bytes:
    """The body upstream serves: `json.MarshalIndent(providers, "", "  ")`."""
    return gojson.marshal_indent(values, "  ").encode("utf-8")


def compact(values: list[Object]) -> bytes:
    """What Crush re-encodes after decoding the body: `json.Marshal(providers)`."""
    return gojson.marshal(values).encode("utf-8")


def etag(body: bytes) -> str:
    """Upstream's tag of a body (unquoted): the first 16 bytes of its SHA-256, in hex."""
    return hashlib.sha256(body).digest()[:16].hex()


def _object(value: Any, what: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise WireError(f"{what} is not an object")
    return value


def _provider(document: Any) -> Object:
    return _struct(_object(document, "a provider"), _PROVIDER_FIELDS, "provider")


def _struct(data: Mapping[str, Any], fields: tuple[tuple[str, str, bool], ...], what: str) -> Object:
    out = Object()
    for key, kind, omitempty in fields:
        value = _decode(data.get(key), kind, f"{what}.{key}")
        if omitempty and _empty(value, kind):
            continue
        out.append((key, value))
    return out


def _empty(value: Any, kind: str) -> bool:
    if kind == "options":
        return value is None  # omitzero: only a struct with nothing set is left out
    return len(value) == 0  # the omitempty kinds: a string, a slice, a map


def _decode(value: Any, kind: str, what: str) -> Any:
    if kind == "string":
        return _string(value, what)
    if kind == "float":
        return _float(value, what)
    if kind == "int":
        return _int(value, what)
    if kind == "bool":
        if value is None:
            return False
        if not isinstance(value, bool):
            raise WireError(f"{what} is not a boolean")
        return value
    if kind == "strings":
        if value is None:
            return []
        if not isinstance(value, list):
            raise WireError(f"{what} is not an array")
        return [_string(item, what) for item in value]
    if kind == "headers":
        headers = _object(value, what)
        return Object((str(k), _string(headers[k], what)) for k in sorted(headers))
    if kind == "models":
        if value is None:
            return []
        if not isinstance(value, list):
            raise WireError(f"{what} is not an array")
        return [_struct(_object(item, what), _MODEL_FIELDS, "model") for item in value]
    if kind == "options":
        return _options(value, what)
    raise AssertionError(kind)


def _string(value: Any, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise WireError(f"{what} is not a string")
    return value


def _float(value: Any, what: str) -> float:
    if value is None:
        return 0.0
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise WireError(f"{what} is not a number")
    return float(value)


def _int(value: Any, what: str) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise WireError(f"{what} is not an integer")  # Go refuses 1.0 for an int64
    return value


def _options(value: Any, what: str) -> Object | None:
    data = _object(value, what)
    out = Object()
    for key, kind in _OPTION_FIELDS:
        if data.get(key) is not None:
            out.append((key, _decode(data[key], kind, f"{what}.{key}")))
    extra = data.get("provider_options")
    if extra is not None:
        if not isinstance(extra, Mapping):
            raise WireError(f"{what}.provider_options is not an object")
        if extra:
            out.append(("provider_options", _any(extra)))
        # An empty map is still a set field: `"options": {}` rather than nothing.
        return out
    return out or None


def _any(value: Any) -> Any:
    """A value decoded into Go's `any`: objects become maps, every number a float64."""
    if isinstance(value, Mapping):
        return Object((str(k), _any(value[k])) for k in sorted(value))
    if isinstance(value, list):
        return [_any(item) for item in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    raise WireError(f"cannot decode {type(value).__name__}")

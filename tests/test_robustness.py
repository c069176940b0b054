"""No input makes the loader or any check raise: arbitrary bytes, arbitrary JSON values,
and provider documents with arbitrary values grafted in anywhere."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catwalk import engine
from catwalk.loader import load_bytes
from catwalk.registry import builtin_rules
from catwalk_testing import MINIMAL_PROVIDER

RULES = builtin_rules()

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(
        ["", " x ", "$ENV", "low", "medium", "sk-proj-" + "a" * 30, "https://x.example", "http://"]
    ),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


def run_all(*documents: bytes) -> list[Any]:
    files = [load_bytes(raw, Path(f"p{i}.json"), f"p{i}.json") for i, raw in enumerate(documents)]
    findings = engine.run(files, RULES).findings
    crashed = [f for f in findings if "check crashed" in f.message]
    assert crashed == [], crashed[0].message
    for f in findings:
        assert f.line >= 1 and f.column >= 1
        assert (f.end_line, f.end_column) >= (f.line, f.column)
    return findings


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_arbitrary_bytes(raw: bytes) -> None:
    run_all(raw)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_arbitrary_json_values(value: Any) -> None:
    run_all(json.dumps(value).encode())


@st.composite
def grafted_providers(draw: st.DrawFn) -> Any:
    doc = copy.deepcopy(MINIMAL_PROVIDER)
    for _ in range(draw(st.integers(1, 5))):
        node: Any = doc
        path = []
        while isinstance(node, (dict, list)) and node and draw(st.booleans()):
            key = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else list(range(len(node)))))
            path.append((node, key))
            node = node[key]
        if path:
            parent, key = path[-1]
            parent[key] = draw(json_values)
        else:
            doc[draw(st.text(max_size=6))] = draw(json_values)
    return doc


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grafted_providers(), grafted_providers())
def test_provider_documents_with_arbitrary_values(first: Any, second: Any) -> None:
    run_all(
        json.dumps(first, indent=2).encode(),
        json.dumps(second).encode(),
        json.dumps(MINIMAL_PROVIDER).encode(),
    )


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='{}[]",:0123456789.eE+-tfnrulsa \n\\', max_size=60))
def test_json_like_garbage(text: str) -> None:
    run_all(text.encode())

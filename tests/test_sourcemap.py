"""Pointers map to exact start/end positions, including escaped keys and unicode."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from catwalk import pointer as jp
from catwalk.sourcemap import SourceMap

TEXT = """{
  "a/b": {"m~n": [10, {"deep": "ü"}]},
  "list": [ 1 ,2 , [3]],
  "empty": {},
  "z": null
}"""


def spans_text(text: str, pointer: str) -> str:
    span = SourceMap(text).locate([pointer])[pointer]
    return text[span.start : span.end]


def test_member_span_runs_from_key_to_value_end() -> None:
    assert spans_text(TEXT, "/a~1b/m~0n/1/deep") == '"deep": "ü"'
    assert spans_text(TEXT, "/a~1b/m~0n/0") == "10"
    assert spans_text(TEXT, "/list/2/0") == "3"
    assert spans_text(TEXT, "/empty") == '"empty": {}'
    assert spans_text(TEXT, "/z") == '"z": null'
    assert spans_text(TEXT, "") == TEXT


def test_unresolvable_pointer_falls_back_to_nearest_ancestor() -> None:
    assert spans_text(TEXT, "/list/7") == '"list": [ 1 ,2 , [3]]'
    assert spans_text(TEXT, "/missing/x") == TEXT
    assert spans_text(TEXT, "/z/into/scalar") == '"z": null'


def test_line_and_column() -> None:
    smap = SourceMap(TEXT)
    span = smap.locate(["/a~1b/m~0n/1/deep"])["/a~1b/m~0n/1/deep"]
    assert smap.line_col([span.start])[span.start] == (2, 24)


def test_key_spans_finds_every_copy() -> None:
    text = '{"o": {"k": 1, "x": 0, "k": 2}}'
    spans = SourceMap(text).key_spans("/o", "k")
    assert [text[s.start : s.end] for s in spans] == ['"k": 1', '"k": 2']


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=25,
)


def _pointers(value: object, prefix: str = "") -> list[tuple[str, object]]:
    out = [(prefix, value)]
    if isinstance(value, dict):
        for k, v in value.items():
            out.extend(_pointers(v, jp.child(prefix, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(_pointers(v, jp.child(prefix, i)))
    return out


@given(json_values, st.sampled_from([None, 0, 2]))
def test_every_pointer_maps_to_its_own_value(value: object, indent: int | None) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    smap = SourceMap(text)
    pairs = _pointers(value)
    spans = smap.locate(p for p, _ in pairs)
    for ptr, expected in pairs:
        span = spans[ptr]
        assert json.loads(text[span.value_start : span.end]) == expected


def test_deep_pointers_without_their_containers() -> None:
    # Asking only for children lets the walk skip parsing the container to its end; an
    # unresolvable child then falls back to the container, whose end is computed on demand.
    text = '{"id": "x",\n "models": [{"id": "a"}, {"id": "b", "n": 2}]}'
    spans = SourceMap(text).locate(["/models/1/n", "/models/9/id"])
    assert text[spans["/models/1/n"].start : spans["/models/1/n"].end] == '"n": 2'
    fallback = spans["/models/9/id"]
    assert text[fallback.start : fallback.end] == '"models": [{"id": "a"}, {"id": "b", "n": 2}]'


_scalars = st.none() | st.booleans() | st.integers(-5, 10**6) | st.text(alphabet='ab{}[]":,\\ é', max_size=6)
_models = st.lists(
    st.dictionaries(
        st.sampled_from(["id", "name", "cost", "x", 'q"k', "a/b", "ti~lde"]),
        _scalars
        | st.lists(_scalars, max_size=2)
        | st.dictionaries(st.sampled_from(["id", "k"]), _scalars, max_size=2),
        max_size=5,
    )
    | _scalars,
    max_size=5,
)


@given(_models, st.sampled_from([None, 2]), st.lists(st.integers(0, 6), max_size=6), st.data())
def test_the_model_field_fast_path_places_what_the_walk_places(
    models: list[object], indent: int | None, indexes: list[int], data: st.DataObject
) -> None:
    doc = {"id": "p", "name": "P {", "models": models, "after": {"models": 1}}
    text = json.dumps(doc, indent=indent, ensure_ascii=False)
    keys = data.draw(
        st.lists(st.sampled_from(["", "id", "name", "cost", "x", 'q"k', "a/b", "missing"]), max_size=4)
    )
    pointers = {jp.join("models", i, k) if k else jp.join("models", i) for i in indexes for k in keys}
    pointers |= {"/after/models", "/id"}
    smap = SourceMap(text)
    assert smap.locate(pointers) == smap._locate_walk(pointers)


def test_model_elements_handed_over_place_findings_exactly_as_a_scan_does() -> None:
    # What a forked child sends back (catwalk.parallel): the parent's spans must not change.
    from catwalk_testing import REPO

    for path in sorted((REPO / "providers").glob("*.json"))[:12]:
        text = path.read_text("utf-8")
        data = json.loads(text)
        pointers = [f"/models/{i}/{key}" for i, m in enumerate(data["models"]) for key in m]
        pointers += [f"/models/{i}" for i in range(len(data["models"]))] + ["/models/999/id", "/name"]
        scanned = SourceMap(text).locate(pointers)
        handed = SourceMap(text)
        handed.know_model_elements(SourceMap(text).model_elements())
        assert handed.locate(pointers) == scanned, path.name
    assert SourceMap('{"models": 3}').model_elements() == []

"""Surgical JSON text edits: the parsed result is what was asked for, and nothing else moves."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catwalk.live.textedit import EditError, JsonTextEditor, block_text, value_text

PRETTY = '{\n  "a": 1,\n  "b": [1, 2],\n  "c": {"x": true},\n  "d": "text"\n}\n'


def test_set_replaces_only_the_value() -> None:
    editor = JsonTextEditor(PRETTY)
    editor.set("/a", 0.0000003)
    editor.set("/c/x", False)
    editor.set("/b", ["low", "high"])
    assert editor.result() == PRETTY.replace("1,\n", "0.0000003,\n").replace("true", "false").replace(
        "[1, 2]", '["low", "high"]'
    )


def test_value_text_is_canonical() -> None:
    assert value_text(3.0) == "3"
    assert value_text(1e-7) == "0.0000001"
    assert value_text("é") == '"é"'
    assert value_text([True, None, 2.5]) == "[true, null, 2.5]"
    with pytest.raises(EditError):
        value_text({"no": "objects"})


def test_duplicate_keys_edit_the_copy_json_keeps() -> None:
    editor = JsonTextEditor('{"a": 1, "a": 2}')
    editor.set("/a", 3)
    assert editor.result() == '{"a": 1, "a": 3}'


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["a"], '{\n  "b": [1, 2],\n  "c": {"x": true},\n  "d": "text"\n}\n'),
        (["d"], '{\n  "a": 1,\n  "b": [1, 2],\n  "c": {"x": true}\n}\n'),
        (["b", "c"], '{\n  "a": 1,\n  "d": "text"\n}\n'),
        (["c", "d"], '{\n  "a": 1,\n  "b": [1, 2]\n}\n'),
        (["a", "d"], '{\n  "b": [1, 2],\n  "c": {"x": true}\n}\n'),
    ],
)
def test_delete_members(keys: list[str], expected: str) -> None:
    editor = JsonTextEditor(PRETTY)
    editor.delete_members("", keys)
    assert editor.result() == expected


def test_delete_elements_and_insert_elements() -> None:
    text = '{"models": [\n    {"id": "a"},\n    {"id": "b"},\n    {"id": "c"}\n]}'
    editor = JsonTextEditor(text)
    editor.delete_elements("/models", [1, 2])
    editor.insert_elements("/models", [(None, '{\n  "id": "z"\n}'), (0, '{"id": "0"}')])
    result = editor.result()
    assert json.loads(result) == {"models": [{"id": "0"}, {"id": "a"}, {"id": "z"}]}
    assert result == '{"models": [\n    {"id": "0"},\n    {"id": "a"},\n    {\n      "id": "z"\n    }\n]}'


def test_add_members_in_schema_order_with_the_files_own_spacing() -> None:
    editor = JsonTextEditor('{"id":"m","name":"M","context_window":1}')
    editor.add_members(
        "",
        [("cost_per_1m_out_cached", 0.1), ("zz_unknown", 1), ("cost_per_1m_in", 2)],
        ["id", "name", "cost_per_1m_in", "cost_per_1m_out_cached", "context_window"],
    )
    assert (
        editor.result()
        == '{"id":"m","name":"M","cost_per_1m_in":2,"cost_per_1m_out_cached":0.1,"context_window":1,"zz_unknown":1}'
    )


def test_add_members_never_anchors_on_a_deleted_member() -> None:
    editor = JsonTextEditor('{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}')
    editor.delete_members("", ["b"])
    editor.add_members("", [("b2", 9)], ["a", "b", "b2", "c"], avoid={"b"})
    assert editor.result() == '{\n  "a": 1,\n  "b2": 9,\n  "c": 3\n}'


def test_errors() -> None:
    editor = JsonTextEditor(PRETTY)
    with pytest.raises(EditError, match="/nope does not exist"):
        editor.set("/nope", 1)
    with pytest.raises(EditError, match="already present"):
        editor.add_members("", [("a", 2)], [])
    with pytest.raises(EditError, match="not an array"):
        editor.delete_elements("/c", [0])
    editor.set("/a", 2)
    editor.delete_members("", ["a"])
    with pytest.raises(EditError, match="overlapping"):
        editor.result()


def test_block_text_is_canonical_model_layout() -> None:
    assert block_text({"name": "N", "id": "m", "reasoning_levels": ["low"]}) == (
        '{\n  "id": "m",\n  "name": "N",\n  "reasoning_levels": ["low"]\n}'
    )


keys = st.text(st.characters(codec="utf-8", exclude_characters='"\\'), min_size=1, max_size=6)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1000, 1000),
    st.floats(0, 1000, allow_nan=False),
    st.text(max_size=5),
)


@settings(max_examples=150, deadline=None)
@given(
    doc=st.dictionaries(keys, scalars, min_size=1, max_size=8),
    indent=st.sampled_from([None, 0, 2, "\t"]),
    data=st.data(),
)
def test_random_edits_parse_to_the_intended_document(doc: dict[str, Any], indent: Any, data: Any) -> None:
    text = json.dumps(doc, indent=indent, ensure_ascii=data.draw(st.booleans()))
    names = list(doc)
    deleted = data.draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names) - 1))
    kept = [k for k in names if k not in deleted]
    changed = data.draw(st.lists(st.sampled_from(kept), unique=True)) if kept else []
    added = data.draw(st.dictionaries(keys.filter(lambda k: k not in doc), scalars, max_size=3))
    editor = JsonTextEditor(text)
    expected = {k: v for k, v in doc.items() if k not in deleted}
    for key in changed:
        editor.set("/" + key.replace("~", "~0").replace("/", "~1"), 7)
        expected[key] = 7
    if deleted:
        editor.delete_members("", deleted)
    if added:
        editor.add_members("", list(added.items()), names, avoid=set(deleted))
        expected.update(added)
    result = json.loads(editor.result())
    assert result == expected

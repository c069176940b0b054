"""The loader turns every kind of malformed input into a located finding, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catwalk.loader import load_bytes, load_path


def load(raw: bytes | str):
    data = raw.encode() if isinstance(raw, str) else raw
    return load_bytes(data, Path("p.json"), "p.json")


def only(pf):
    assert len(pf.problems) == 1, pf.problems
    return pf.problems[0]


def test_valid_file_parses_without_findings() -> None:
    pf = load('{"a": [1, 2.5, "x", true, null]}')
    assert pf.parsed and pf.problems == []
    assert pf.data == {"a": [1, 2.5, "x", True, None]}


@pytest.mark.parametrize(
    ("text", "line", "column", "hint"),
    [
        ('{"a": 1,}', 1, 9, "trailing comma"),
        ('{\n  "a": 1\n  "b": 2\n}', 3, 3, "Expecting ',' delimiter"),
        ("{'a': 1}", 1, 2, "double quotes"),
        ('{"a": 1} {"b": 2}', 1, 10, "more than one JSON value"),
        ('{"a": tru}', 1, 7, "Expecting value"),
        ('{"a": "unterminated', 1, 7, "Unterminated string"),
    ],
)
def test_syntax_errors_are_located(text: str, line: int, column: int, hint: str) -> None:
    finding = only(load(text))
    assert finding.rule == "CW001"
    assert (finding.line, finding.column) == (line, column)
    assert hint in finding.message


@pytest.mark.parametrize("raw", [b"", b"   \n\t"])
def test_empty_file(raw: bytes) -> None:
    finding = only(load(raw))
    assert finding.rule == "CW001" and "empty" in finding.message


def test_bom_is_reported_and_content_still_checked() -> None:
    pf = load(b'\xef\xbb\xbf{"a": 1}')
    assert only(pf).rule == "CW003"
    assert pf.parsed and pf.data == {"a": 1}


def test_latin1_is_located_at_the_bad_byte() -> None:
    finding = only(load('{\n  "name": "Caf\xe9"\n}'.encode("latin-1")))
    assert finding.rule == "CW002"
    assert (finding.line, finding.column) == (2, 15)
    assert "0xe9" in finding.message


def test_utf16_is_named() -> None:
    finding = only(load('{"a": 1}'.encode("utf-16")))
    assert finding.rule == "CW002" and "UTF-16" in finding.message


def test_nul_byte_is_located() -> None:
    finding = only(load(b'{"a":\n "x\x00"}'))
    assert finding.rule == "CW002"
    assert (finding.line, finding.column) == (2, 4)


@pytest.mark.parametrize(
    ("literal", "rule"),
    [
        ("NaN", "CW005"),
        ("Infinity", "CW005"),
        ("-Infinity", "CW005"),
        ("1e400", "CW005"),
        ("-1e400", "CW005"),
    ],
)
def test_non_finite_numbers(literal: str, rule: str) -> None:
    pf = load('{\n  "models": [{"cost": ' + literal + "}]\n}")
    finding = only(pf)
    assert finding.rule == rule
    assert finding.pointer == "/models/0/cost"
    assert (finding.line, finding.column) == (2, 23)
    assert not pf.parsed


def test_five_thousand_digit_integer() -> None:
    finding = only(load('{"context_window": ' + "9" * 5000 + "}"))
    assert finding.rule == "CW006"
    assert "5000 digits" in finding.message
    assert (finding.line, finding.column, finding.end_column) == (1, 20, 5020)


def test_large_but_readable_integer_is_fine() -> None:
    pf = load('{"n": ' + "9" * 4000 + "}")
    assert pf.parsed and pf.problems == []


def test_deep_nesting_is_a_finding_not_a_recursion_error() -> None:
    finding = only(load("[" * 200_000))
    assert finding.rule == "CW007"
    assert (finding.line, finding.column) == (1, 101)


def test_deep_but_balanced_nesting_in_strings_is_ignored_by_the_depth_scan() -> None:
    text = '{"s": "' + "[" * 50 + '", "a": ' + "[" * 100_000 + "]" * 100_000 + "}"
    finding = only(load(text))
    assert finding.rule == "CW007"
    assert finding.column == len('{"s": "' + "[" * 50 + '", "a": ') + 100


def test_duplicate_keys_report_both_places() -> None:
    text = '{\n  "models": [\n    {"id": "a",\n     "id": "b"}\n  ]\n}'
    pf = load(text)
    finding = only(pf)
    assert finding.rule == "CW004"
    assert finding.pointer == "/models/0/id"
    assert (finding.line, finding.column) == (4, 6)
    assert "first at line 3, column 6" in finding.message
    assert finding.related == [(3, 6, "earlier copy")]
    assert pf.parsed  # the rest of the file is still checked


def test_duplicate_keys_in_several_objects() -> None:
    pf = load('{"a": {"x": 1, "x": 2}, "b": [{"y": 1, "y": 1, "y": 3}]}')
    pointers = sorted(f.pointer for f in pf.problems)
    assert pointers == ["/a/x", "/b/0/y"]
    third = next(f for f in pf.problems if f.pointer == "/b/0/y")
    assert len(third.related) == 2


def test_unreadable_path(tmp_path: Path) -> None:
    pf = load_path(tmp_path)  # a directory cannot be read as a file
    finding = only(pf)
    assert finding.rule == "CW008"


def test_columns_count_characters_not_bytes() -> None:
    finding = only(load('{"name": "ünïcödé", "x": }'))
    assert finding.column == len('{"name": "ünïcödé", "x": ') + 1


def test_huge_provider_file_loads(tmp_path: Path) -> None:
    model = {
        "id": "m",
        "name": "M",
        "cost_per_1m_in": 1,
        "cost_per_1m_out": 2,
        "context_window": 8,
        "default_max_tokens": 4,
    }
    models = [dict(model, id=f"m{i}") for i in range(200_000)]
    models[-1]["cost_per_1m_in"] = "x"
    doc = {"models": models}
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(doc, indent=1))
    pf = load_path(path)
    assert pf.parsed and len(pf.models()) == 200_000
    spans = pf.sourcemap.locate(["/models/199999/cost_per_1m_in"])
    line, _ = pf.sourcemap.line_col([spans["/models/199999/cost_per_1m_in"].start]).popitem()[1]
    assert line == path.read_text().splitlines().index('   "cost_per_1m_in": "x",') + 1

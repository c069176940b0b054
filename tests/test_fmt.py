"""`catwalk fmt`: canonical layout, pre-commit semantics, never touches broken files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from catwalk.canonical import dumps, number
from catwalk.paths import provider_files
from catwalk_testing import REPO, run_catwalk


def test_number_forms() -> None:
    assert [number(v) for v in (10.0, 0.1, 1e-05, 2.5e-07, 3, -0.0, 1e20)] == [
        "10", "0.1", "0.00001", "0.00000025", "3", "0", "100000000000000000000",
    ]  # fmt: skip


def test_canonical_layout(provider: dict[str, Any]) -> None:
    provider["models"][0]["options"] = {
        "top_p": 0.9,
        "temperature": 1.0,
        "provider_options": {"z": 1, "a": [1, {"b": 2}]},
    }
    shuffled = dict(reversed(list(provider.items())))
    shuffled["models"] = [dict(reversed(list(m.items()))) for m in provider["models"]]
    text = dumps(shuffled)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert list(json.loads(text)) == [
        "name", "id", "type", "api_key", "api_endpoint", "default_large_model_id", "default_small_model_id", "models",
    ]  # fmt: skip
    assert list(json.loads(text)["models"][0])[:3] == ["id", "name", "cost_per_1m_in"]
    lines = text.splitlines()
    assert lines[1] == '  "name": "Example",'
    assert '      "reasoning_levels": ["low", "medium", "high"],' in lines
    assert '        "temperature": 1,' in lines  # 1.0 -> 1, options in schema order
    assert text.index('"temperature"') < text.index('"top_p"') < text.index('"provider_options"')
    assert '          "z": 1,' in lines  # free-form objects keep their own order
    assert json.loads(text) == json.loads(json.dumps(provider))


def test_fmt_rewrites_and_fails_like_pre_commit_expects(tmp_path: Path, provider: dict[str, Any]) -> None:
    path = tmp_path / "example.json"
    path.write_text(json.dumps(provider, indent=4))
    check = run_catwalk("fmt", "--check", path, cwd=tmp_path)
    assert check.returncode == 1 and "would reformat example.json" in check.stdout
    assert json.loads(path.read_text()) == provider and path.read_text().startswith('{\n    "')
    diff = run_catwalk("fmt", "--diff", path, cwd=tmp_path)
    assert diff.returncode == 1 and diff.stdout.startswith("--- a/example.json\n+++ b/example.json\n")
    first = run_catwalk("fmt", path, cwd=tmp_path)
    assert first.returncode == 1 and "reformatted example.json" in first.stdout
    assert path.read_text() == dumps(provider)
    second = run_catwalk("fmt", path, cwd=tmp_path)
    assert second.returncode == 0 and "0 files reformatted, 1 unchanged" in second.stderr


def test_fmt_refuses_broken_files_and_leaves_them_alone(tmp_path: Path, provider: dict[str, Any]) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "x",}')
    stray = tmp_path / "stray.json"
    provider["id"] = "stray"
    provider["bogus"] = 1
    stray.write_text(json.dumps(provider))
    dup = tmp_path / "dup.json"
    dup.write_text('{"id": "a", "id": "b"}')
    before = {p: p.read_bytes() for p in (broken, stray, dup)}
    result = run_catwalk("fmt", tmp_path, cwd=tmp_path)
    assert result.returncode == 1
    assert "broken.json:1:12: CW001" in result.stderr
    assert "stray.json:1:" in result.stderr and "CW101 unknown key `bogus`" in result.stderr
    assert "CW004" in result.stderr
    assert {p: p.read_bytes() for p in before} == before


def test_fmt_removes_a_byte_order_mark(tmp_path: Path, provider: dict[str, Any]) -> None:
    path = tmp_path / "example.json"
    path.write_bytes(b"\xef\xbb\xbf" + dumps(provider).encode())
    assert run_catwalk("fmt", path, cwd=tmp_path).returncode == 1
    assert path.read_bytes() == dumps(provider).encode()


def test_repository_database_is_canonical() -> None:
    result = run_catwalk("fmt", "--check", REPO / "providers")
    assert result.returncode == 0, result.stdout
    for path in provider_files(REPO / "providers"):
        assert json.loads(path.read_text())["$schema"] == "../schema/provider.schema.json"

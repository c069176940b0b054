"""`catwalk check --fix` / `--diff`: only certain fixes, as minimal edits, atomically."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from catwalk_testing import MINIMAL_PROVIDER, run_catwalk


def single_cached_price(read_key: bool) -> dict[str, Any]:
    doc = copy.deepcopy(MINIMAL_PROVIDER)
    model = doc["models"][0]
    model.update(cost_per_1m_in=0.14, cost_per_1m_in_cached=0.028)
    if read_key:
        model["cost_per_1m_out_cached"] = 0
    else:
        model.pop("cost_per_1m_out_cached", None)
    return doc


@pytest.mark.parametrize("read_key", [True, False], ids=["read-field-zero", "read-field-absent"])
def test_a_single_cached_price_moves_to_the_read_field(tmp_path: Path, read_key: bool) -> None:
    path = tmp_path / "example.json"
    path.write_text(json.dumps(single_cached_price(read_key), indent=2) + "\n")
    before = path.read_text()
    done = run_catwalk("check", "example.json", "--fix", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr.strip() == "fixed 1 finding in 1 file"
    assert done.stdout.startswith("All checks passed")
    model = json.loads(path.read_text())["models"][0]
    assert (model["cost_per_1m_in_cached"], model["cost_per_1m_out_cached"]) == (0, 0.028)
    # A minimal edit: every other line is as it was.
    changed = set(path.read_text().splitlines()) ^ set(before.splitlines())
    assert all("cached" in line for line in changed), changed


def test_a_bom_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "example.json"
    text = json.dumps(MINIMAL_PROVIDER, indent=2) + "\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert run_catwalk("check", "example.json", "--fix", cwd=tmp_path).returncode == 0
    assert path.read_bytes() == text.encode()


def test_diff_previews_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "example.json"
    path.write_text(json.dumps(single_cached_price(True), indent=2) + "\n")
    before = path.read_bytes()
    done = run_catwalk("check", "example.json", "--diff", cwd=tmp_path)
    assert done.returncode == 1
    assert path.read_bytes() == before
    assert done.stdout.startswith("--- a/example.json\n+++ b/example.json\n")
    assert '-      "cost_per_1m_in_cached": 0.028,' in done.stdout
    assert '+      "cost_per_1m_out_cached": 0.028,' in done.stdout
    assert done.stderr.strip() == "would fix 1 finding in 1 file"
    # Nothing to fix: no diff, exit 0.
    run_catwalk("check", "example.json", "--fix", cwd=tmp_path)
    clean = run_catwalk("check", "example.json", "--diff", cwd=tmp_path)
    assert (clean.returncode, clean.stdout) == (0, "")


def test_what_is_not_certain_is_left_alone(tmp_path: Path, provider: dict[str, Any]) -> None:
    # CW604 (read copied into write) has no certain write price: reported, not fixed.
    provider["models"][0].update(cost_per_1m_in=1, cost_per_1m_in_cached=0.1, cost_per_1m_out_cached=0.1)
    provider["models"][1]["default_max_tokens"] = 999_999  # CW301: which limit is wrong?
    path = tmp_path / "example.json"
    path.write_text(json.dumps(provider, indent=2))
    before = path.read_bytes()
    done = run_catwalk("check", "example.json", "--fix", cwd=tmp_path)
    assert done.returncode == 1
    assert path.read_bytes() == before
    assert {line.split()[1] for line in done.stdout.splitlines()[:-1]} == {"CW301", "CW604"}


def test_a_file_that_does_not_parse_is_never_touched(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(b'\xef\xbb\xbf{"id": "x",}')
    before = path.read_bytes()
    done = run_catwalk("check", "broken.json", "--fix", cwd=tmp_path)
    assert done.returncode == 1 and path.read_bytes() == before
    assert " CW001 " in done.stdout


def test_baselined_findings_are_not_fixed(tmp_path: Path) -> None:
    path = tmp_path / "example.json"
    path.write_text(json.dumps(single_cached_price(True), indent=2))
    entry = {
        "rule": "CW603", "file": "example.json", "pointer": "/models/0/cost_per_1m_in_cached",
        "model": "model-large", "field": "cost_per_1m_in_cached", "reason": "the provider really charges it",
    }  # fmt: skip
    (tmp_path / "baseline.json").write_text(json.dumps({"version": 1, "entries": [entry]}))
    before = path.read_bytes()
    done = run_catwalk("check", "example.json", "--fix", "--baseline", "baseline.json", cwd=tmp_path)
    assert done.returncode == 0 and path.read_bytes() == before

"""Acceptance on the real upstream files (skips when ../shared/reference is absent)."""

from __future__ import annotations

import json
from pathlib import Path

from catwalk_testing import run_catwalk


def line_of(path: Path, needle: str, after: str | None = None) -> int:
    lines = path.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines[start:], start + 1) if needle in line)


def test_upstream_errors_are_reported_at_their_exact_lines(reference_dir: Path) -> None:
    catwalk = reference_dir / "catwalk"
    result = run_catwalk("check", "--format", "json", catwalk)
    assert result.returncode == 1
    found = {
        (f["rule"], Path(f["file"]).name, f["line"], f["pointer"])
        for f in json.loads(result.stdout)["findings"]
    }
    pioneer, azure, openai = catwalk / "pioneer.json", catwalk / "azure.json", catwalk / "openai.json"
    cerebras, vertex = catwalk / "cerebras.json", catwalk / "vertexai.json"
    expected = {
        ("CW205", "pioneer.json", line_of(pioneer, '"default_large_model_id"'), "/default_large_model_id"),
        ("CW205", "pioneer.json", line_of(pioneer, '"default_small_model_id"'), "/default_small_model_id"),
        (
            "CW301",
            "pioneer.json",
            line_of(pioneer, '"default_max_tokens"', after="SmolLM2-360M"),
            "/models/16/default_max_tokens",
        ),
        ("CW101", "azure.json", line_of(azure, '"has_reasoning_efforts"'), "/models/4/has_reasoning_efforts"),
        (
            "CW101",
            "vertexai.json",
            line_of(vertex, '"has_reasoning_efforts"'),
            "/models/11/has_reasoning_efforts",
        ),
        ("CW101", "azure.json", line_of(azure, '"reasoning_effort"'), "/models/13/reasoning_effort"),
        ("CW101", "openai.json", line_of(openai, '"reasoning_effort"'), "/models/27/reasoning_effort"),
        ("CW101", "cerebras.json", line_of(cerebras, '"temperature"'), "/models/1/temperature"),
        ("CW101", "cerebras.json", line_of(cerebras, '"top_p"'), "/models/1/top_p"),
    }
    assert expected <= found, sorted(expected - found)


def test_importer_reproduces_the_first_41_providers(reference_dir: Path, tmp_path: Path) -> None:
    result = run_catwalk("import", "catwalk", reference_dir / "catwalk", "--output", tmp_path)
    assert result.returncode == 0
    assert len(list(tmp_path.glob("*.json"))) == 41
    assert "file renamed from kimi.json to kimi-coding.json" in result.stdout
    # What the importer leaves are exactly the data errors providers/CHANGES.md fixes by hand.
    # (Only the first rule sets: the deep rules of CW6xx-CW9xx find more, see tests/deep.)
    first_rules = "CW0,CW1,CW2,CW3,CW4,CW5"
    remaining = json.loads(
        run_catwalk("check", tmp_path, "--format", "json", "--select", first_rules).stdout
    )["findings"]
    errors = [f for f in remaining if f["severity"] == "error"]
    assert sorted((f["rule"], Path(f["file"]).name, f["model"]) for f in errors) == [
        ("CW205", "pioneer.json", None),
        ("CW205", "pioneer.json", None),
        ("CW301", "pioneer.json", "HuggingFaceTB/SmolLM2-360M-Instruct"),
        ("CW401", "azure.json", "o4-mini"),
        ("CW403", "openai.json", "gpt-5.1"),  # `minimal`: OpenAI documents none/low/medium/high
    ]

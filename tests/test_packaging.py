"""The wheel carries the engine, the checks as `catwalk.checks`, the database and the
schema, and `catwalk check` runs from it with no checkout and no third-party package."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from filelock import FileLock

from catwalk.paths import provider_files
from catwalk_testing import MINIMAL_PROVIDER, REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # xdist workers may each need the wheel; building at once they share the checkout's build/.
    with FileLock(tmp_path_factory.getbasetemp().parent / "catwalk-wheel.lock"):
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
            check=True,
            capture_output=True,
        )
    return next(out.glob("catwalk_db-*.whl"))


def test_wheel_contents(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "catwalk/checks/schema.py" in names
    assert {"catwalk/serve/app.py", "catwalk/wire.py", "catwalk/client.py"} <= names
    assert "catwalk/data/schema/provider.schema.json" in names
    assert "catwalk/data/providers/CHANGES.md" in names
    assert "catwalk/data/baseline/providers.json" in names  # the reviewed warnings travel with the data
    # ... but not inside the data directory, where a glob of *.json would read them as a provider.
    assert not any(n.startswith("catwalk/data/providers/.") for n in names)
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


def _core_only(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """catwalk from the wheel with no third-party package at all (`python -S`)."""
    code = f"import sys; sys.path.insert(0, {str(site)!r}); from catwalk.cli import main; raise SystemExit(main())"
    return subprocess.run(
        [sys.executable, "-S", "-c", code, *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_the_core_needs_no_extra_and_the_rest_names_its_extra(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    (tmp_path / "providers").mkdir()
    target = tmp_path / "providers" / "example.json"
    target.write_text(json.dumps(MINIMAL_PROVIDER))  # one line: fmt rewrites it
    fmt = _core_only(site, "fmt", "providers/example.json", cwd=tmp_path)
    assert fmt.returncode == 1, fmt.stderr
    assert target.read_text().startswith('{\n  "name": "Example",\n')
    assert _core_only(site, "check", "providers", cwd=tmp_path).returncode == 0
    for command, extra, module in (
        (["drift", "providers"], "live", "httpx"),
        (["schema", "--output", "out.json"], "models", "pydantic"),
        (["serve", "providers"], "serve", "uvicorn"),
        (["models", "--url", "http://127.0.0.1:9"], "live", "httpx"),
    ):
        done = _core_only(site, *command, cwd=tmp_path)
        assert done.returncode == 2, (command, done.stderr)
        assert done.stderr.strip() == (
            f"catwalk {command[0]}: error: `catwalk {command[0]}` needs the `{extra}` extra "
            f"({module} is not installed): pip install 'catwalk-db[{extra}]'"
        )


def test_models_and_cost_need_no_extra(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    listed = _core_only(site, "models", "--provider", "anthropic", cwd=tmp_path)  # the embedded database
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert rows and {r["provider"] for r in rows} == {"anthropic"}
    model = rows[0]["id"]
    priced = _core_only(
        site,
        "cost",
        "--model",
        model,
        "--provider",
        "anthropic",
        "--input",
        "9",
        "--output",
        "1",
        cwd=tmp_path,
    )
    assert priced.returncode == 0 and priced.stdout.startswith(f"anthropic/{model}: $"), priced.stderr


def test_metadata_names_the_distribution_and_its_extras(wheel: Path) -> None:
    # `catwalk` on PyPI is an unrelated project: ours is catwalk-db, the command stays catwalk.
    assert wheel.name.startswith("catwalk_db-")
    archive = zipfile.ZipFile(wheel)
    metadata = archive.read(next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))).decode()
    assert "Name: catwalk-db" in metadata
    requires = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    core = [line for line in requires if "extra ==" not in line]
    assert core == ['Requires-Dist: tomli>=2; python_version < "3.11"'], core
    extras = {line.split(": ", 1)[1] for line in metadata.splitlines() if line.startswith("Provides-Extra:")}
    assert {"models", "live", "serve", "client", "all"} <= extras
    entry_points = archive.read(
        next(n for n in archive.namelist() if n.endswith("entry_points.txt"))
    ).decode()
    assert "catwalk = catwalk.cli:entry" in entry_points

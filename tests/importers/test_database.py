"""providers/ holds at least 50 providers without an error, and the importers reproduce
the files they own byte for byte from the reference catalogues."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catwalk.importers.metadata import IMPORTED_AS_OF, PROVIDERS
from catwalk_testing import REPO, run_catwalk

PROVIDERS_DIR = REPO / "providers"


def check_report(*paths: Path) -> dict:
    result = run_catwalk("check", *paths, "--format", "json", cwd=REPO)
    assert result.returncode in (0, 1), result.stderr
    report: dict = json.loads(result.stdout)
    return report


def test_database_has_at_least_50_providers_and_no_error() -> None:
    report = check_report(PROVIDERS_DIR)
    assert report["summary"]["providers"] >= 50
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert errors == [], errors[:5]


def test_imported_providers_have_no_error() -> None:
    report = check_report(PROVIDERS_DIR)
    ours = {spec.id for spec in PROVIDERS}
    errors = [f for f in report["findings"] if f["severity"] == "error" and f["provider"] in ours]
    assert errors == [], errors[:5]


@pytest.mark.parametrize("source", ["litellm", "genai-prices", "openrouter"])
def test_importers_reproduce_the_committed_files(source: str, reference_dir: Path, tmp_path: Path) -> None:
    result = run_catwalk(
        "import", source, "--reference", reference_dir, "--as-of", IMPORTED_AS_OF, "-o", tmp_path, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    expected = {f"{spec.id}.json" for spec in PROVIDERS if spec.primary.source == source}
    written = {p.name for p in tmp_path.glob("*.json")}
    assert written == expected
    for name in sorted(written):
        committed = (PROVIDERS_DIR / name).read_bytes()
        assert (tmp_path / name).read_bytes() == committed, (
            f"providers/{name} differs from the {source} import"
        )
    report = check_report(tmp_path)
    assert report["summary"]["findings"]["error"] == 0, report["findings"][:5]

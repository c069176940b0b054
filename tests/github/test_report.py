"""Reading the drift report: the version-1 format, extra keys tolerated, clear errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import FIXTURES, fixture_report, report_data

from catwalk.live.report_reader import ReportError, load_report, parse_report


def test_fixture_report_loads_and_ignores_unknown_keys() -> None:
    report = fixture_report("report-drift.json")
    assert report.generated_at == "2026-05-15T03:17:42Z"
    assert sorted(report.providers) == ["anthropic", "groq", "openrouter", "venice", "xai"]
    assert report.providers["groq"].status == "unknown"
    assert report.providers["groq"].reason == "timed out after 20 s"
    assert report.providers["openrouter"].models_seen == 341
    assert [i.kind for i in report.items_for("openrouter")] == ["changed", "removed", "added"]
    assert report.items_for("openrouter", "warning")[-1].kind == "removed"
    assert report.items_for("anthropic") == []


def test_drift_for_a_provider_without_status_counts_as_checked() -> None:
    data = report_data({}, [{"provider": "p", "model": "m", "kind": "added"}])
    report = parse_report(json.dumps(data))
    status = report.status_of("p")
    assert status is not None and status.status == "ok"
    (drift,) = report.drift
    assert (drift.field, drift.ours, drift.live, drift.severity, drift.message) == (
        None,
        None,
        None,
        "warning",
        "",
    )


def _mutate(change: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "report-drift.json").read_text("utf-8"))
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(version=2), "$.version: unsupported report version 2"),
        (lambda d: d.update(version=True), "$.version: unsupported report version True"),
        (lambda d: d.pop("providers"), "$: missing required key 'providers'"),
        (lambda d: d.update(drift={}), "$.drift: expected an array, got an object"),
        (
            lambda d: d["providers"][1].update(status="down"),
            "$.providers[1].status: expected one of ok, suspect, unknown",
        ),
        (lambda d: d["providers"][0].pop("provider"), "$.providers[0]: missing required key 'provider'"),
        (
            lambda d: d["providers"][0].update(models_seen="9"),
            "$.providers[0].models_seen: expected an integer",
        ),
        (
            lambda d: d["providers"].append(d["providers"][0]),
            "$.providers[5].provider: 'anthropic' is listed twice",
        ),
        (
            lambda d: d["drift"][2].update(kind="new"),
            "$.drift[2].kind: expected one of changed, removed, added",
        ),
        (lambda d: d["drift"][0].pop("model"), "$.drift[0]: missing required key 'model'"),
        (lambda d: d["drift"][0].update(model=7), "$.drift[0].model: expected a string, got a number (7)"),
        (
            lambda d: d["drift"][3].update(field=["x"]),
            "$.drift[3].field: expected a string or null, got an array",
        ),
        (lambda d: d["drift"].append("oops"), "$.drift[4]: expected an object, got a string"),
        (lambda d: d.update(generated_at=5), "$.generated_at: expected a string or null"),
    ],
)
def test_invalid_reports_name_the_json_path(change: Any, expected: str) -> None:
    with pytest.raises(ReportError) as caught:
        parse_report(json.dumps(_mutate(change)), "drift.json")
    assert str(caught.value).startswith("drift.json: ")
    assert expected in str(caught.value)


def test_top_level_must_be_an_object() -> None:
    with pytest.raises(ReportError, match=r"\$: expected an object, got an array"):
        parse_report("[]")


def test_not_json_reports_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "drift.json"
    path.write_text('{"version": 1,\n  "providers": [,]}', encoding="utf-8")
    with pytest.raises(ReportError, match=r"drift\.json:2:17: not valid JSON"):
        load_report(path)


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no such file"):
        load_report(tmp_path / "absent.json")
    bad = tmp_path / "latin1.json"
    bad.write_bytes(b'{"version": 1, "x": "\xe9"}')
    with pytest.raises(ReportError, match="cannot read"):
        load_report(bad)

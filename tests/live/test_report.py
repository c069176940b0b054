"""Report rendering: JSON shape, exit statuses, readable text and Markdown."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from catwalk.live.compare import Drift
from catwalk.live.report import (
    MARKDOWN_ROWS_PER_PROVIDER,
    ProviderStatus,
    Report,
    render_json,
    render_markdown,
    render_text,
)

WHEN = datetime(2026, 8, 22, 3, 0, tzinfo=timezone.utc)


def changed(
    provider: str, model: str, severity: str = "error", message: str = "input price changed"
) -> Drift:
    return Drift(provider, model, "cost_per_1m_in", "changed", 1, 2, severity, message)


def test_exit_status() -> None:
    ok = ProviderStatus("a", "ok", models_seen=1)
    unknown = ProviderStatus("b", "unknown", reason="HTTP 503")
    assert Report([ok], [], WHEN).exit_status() == 0
    assert Report([ok, unknown], [], WHEN).exit_status() == 3
    assert Report([ok, unknown], [changed("a", "m", "info")], WHEN).exit_status() == 1
    assert Report([ok, unknown], [changed("a", "m", "info")], WHEN).exit_status("warning") == 3
    assert Report([ok], [changed("a", "m", "warning")], WHEN).exit_status("warning") == 1
    assert Report([ProviderStatus("c", "skipped", reason="no key")], [], WHEN).exit_status() == 0


def test_json_shape() -> None:
    report = Report(
        [
            ProviderStatus(
                "a", "ok", source="https://x.example/models", models_seen=3, adapter="openai-compat"
            )
        ],
        [changed("a", "m")],
        WHEN,
    )
    data = json.loads(render_json(report))
    assert data["version"] == 1
    assert data["generated_at"] == "2026-08-22T03:00:00Z"
    assert set(data["providers"][0]) >= {"provider", "status", "reason", "source", "models_seen"}
    assert data["drift"] == [
        {
            "provider": "a",
            "model": "m",
            "field": "cost_per_1m_in",
            "kind": "changed",
            "ours": 1,
            "live": 2,
            "severity": "error",
            "message": "input price changed",
            "source": "live",
        }
    ]
    assert data["summary"]["providers"] == {"ok": 1, "suspect": 0, "unknown": 0, "skipped": 0}


def test_markdown_escapes_table_cells_and_caps_long_sections() -> None:
    many = [changed("a", f"m{i}", message="a | b") for i in range(MARKDOWN_ROWS_PER_PROVIDER + 5)]
    report = Report(
        [ProviderStatus("a", "ok", models_seen=1), ProviderStatus("b", "unknown", reason="HTTP 500 | oops")],
        many,
        WHEN,
    )
    text = render_markdown(report)
    assert "| `b` | unknown | - | - | HTTP 500 \\| oops |" in text
    assert "a \\| b" in text
    assert "…and 5 more (see the JSON report)." in text
    assert text.count("| `m") == MARKDOWN_ROWS_PER_PROVIDER


def test_text_summary() -> None:
    report = Report(
        [
            ProviderStatus("a", "ok", models_seen=2, models_ours=2),
            ProviderStatus("s", "skipped", reason="no key"),
        ],
        [],
        WHEN,
    )
    assert render_text(report) == (
        "a: ok: 2 live models, 2 ours: no drift\n"
        "s: skipped: no key\n"
        "2 providers (1 ok, 0 unknown, 1 skipped): no drift\n"
    )

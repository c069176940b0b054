"""Markers, fingerprints and Markdown: stable, parseable, and safe with hostile values."""

from __future__ import annotations

import json

from sync_helpers import fixture_report, item, make_report

from catwalk.issues import render
from catwalk.issues.digest import fingerprint, item_key, item_map
from catwalk.issues.marker import (
    DriftMarker,
    StateMarker,
    encode_drift,
    encode_state,
    parse_drift,
    parse_state,
    replace_drift_marker,
)
from catwalk.issues.planner import make_marker
from catwalk.live.report_reader import DriftItem, parse_report


def _items(*raw: dict[str, object]) -> list[DriftItem]:
    return list(make_report({"p": "ok"}, list(raw)).drift)


def test_marker_round_trip_and_last_marker_wins() -> None:
    marker = DriftMarker("openrouter", "0123456789abcdef", {"aa": "bb"}, clean=1, duplicate_of=4, closed=True)
    assert parse_drift(f"text\n{encode_drift(marker)}\n") == marker
    older = DriftMarker("openrouter", "ffff", None)
    assert parse_drift(encode_drift(older) + "\n" + encode_drift(marker)) == marker
    assert parse_drift(encode_drift(marker).replace("\n", "\r\n")) == marker
    state = StateMarker({"groq": 2})
    assert parse_state(encode_state(state)) == state
    assert parse_drift(encode_state(state)) is None
    assert parse_state(encode_drift(marker)) is None


def test_malformed_markers_are_not_ours() -> None:
    for body in (
        None,
        "",
        "<!-- catwalk-drift {oops} -->",
        '<!-- catwalk-drift {"v": 1, "provider": "p"} -->',  # no fingerprint
        '<!-- catwalk-drift {"v": 1, "provider": "p", "fp": "XYZ"} -->',
        '<!-- catwalk-drift {"v": 1, "provider": "p", "fp": "ab", "clean": -1} -->',
        '<!-- catwalk-drift {"v": 1, "provider": "p", "fp": "ab", "items": [1]} -->',
        '<!-- catwalk-drift {"v": true, "provider": "p", "fp": "ab"} -->',
    ):
        assert parse_drift(body) is None, body
    assert parse_state('<!-- catwalk-drift-state {"v":1,"pending":{"p":0}} -->') is None


def test_a_value_cannot_close_or_forge_the_marker() -> None:
    forged = '--> <!-- catwalk-drift {"v":1,"provider":"evil","fp":"00","clean":9} -->'
    items = _items(item("p", forged, "f<>&", ours=forged, live="x"))
    marker = make_marker("p", items)
    body = render.drift_body("p", items, marker, status=None, generated_at=None, close_after=2)
    assert parse_drift(body) == marker
    assert body.count("<!--") == body.count("-->")
    encoded = encode_drift(DriftMarker("a-->b<c&", "ab"))
    assert "-->" not in encoded[4:-3] and "<" not in encoded[4:-3]
    parsed = parse_drift(encoded)
    assert parsed is not None and parsed.provider == "a-->b<c&"


def test_replace_marker_keeps_the_rest_of_the_body() -> None:
    marker = DriftMarker("p", "aa")
    body = f"intro\n{encode_drift(marker)}\nhuman note"
    new = replace_drift_marker(body, marker.with_clean(2))
    assert new.startswith("intro\n") and new.endswith("\nhuman note")
    assert parse_drift(new) == marker.with_clean(2)
    appended = replace_drift_marker("no marker", marker)
    assert parse_drift(appended) == marker


def test_fingerprint_depends_on_values_not_on_order_or_prose() -> None:
    a = item("p", "m1", ours=1, live=2)
    b = item("p", "m2", "context_window", ours=10, live=20)
    base = fingerprint(_items(a, b))
    assert fingerprint(_items(b, a)) == base
    reworded = {**a, "message": "other words", "severity": "info", "ours": 1.0}
    assert fingerprint(_items(reworded, b)) == base
    assert fingerprint(_items({**a, "live": 3}, b)) != base
    assert fingerprint(_items(a)) != base
    assert fingerprint([]) == fingerprint([])
    assert len(item_map(_items(a, b))) == 2
    assert item_key(_items(a)[0]) != item_key(_items({**a, "kind": "removed"})[0])


def test_code_spans_survive_backticks_pipes_newlines_and_mentions() -> None:
    assert render.code("plain") == "`plain`"
    assert render.code("a|b") == "`a\\|b`"
    span = render.code("x `y` z")
    assert span.startswith("``") and span.endswith("``") and "`y`" in span
    assert render.code("`edge`") == "`` `edge` ``"
    assert "\n" not in render.code("line1\nline2")
    assert render.code("@octocat #12") == "`@octocat #12`"
    assert render.code("x" * 500).endswith("…`")


def test_table_caps_rows_and_points_to_the_artifact() -> None:
    items = _items(*(item("p", f"m{n:04}", ours=n, live=n + 1) for n in range(400)))
    table = render.drift_table(items)
    rows = [line for line in table.splitlines() if line.startswith("| `m")]
    assert len(rows) == render.MAX_TABLE_ROWS
    assert "… and 100 more" in table
    small = render.drift_table(items, budget=2_000)
    assert len(small) < 2_400 and "more" in small


def test_body_shows_source_without_query_and_the_close_rule() -> None:
    data = json.loads(
        json.dumps(
            {
                "version": 1,
                "providers": [
                    {"provider": "gemini", "status": "ok", "source": "https://x.test/v1/models?key=SECRET123"}
                ],
                "drift": [item("gemini", "m")],
            }
        )
    )
    report = parse_report(json.dumps(data))
    items = report.items_for("gemini")
    body = render.drift_body(
        "gemini",
        items,
        make_marker("gemini", items),
        status=report.status_of("gemini"),
        generated_at="2026-05-15T03:17:00Z",
        close_after=3,
    )
    assert "SECRET123" not in body and "`https://x.test/v1/models`" in body
    assert "after 3 consecutive runs without drift" in body
    assert "not planned" in body


def test_status_note_is_replaced_in_place() -> None:
    body = "<!-- catwalk-note -->\n<!-- /catwalk-note -->\n\nrest"
    noted = render.set_status_note(body, render.status_note(1, 2))
    assert "1 of 2 clean runs" in noted and noted.endswith("rest")
    cleared = render.set_status_note(noted, "")
    assert cleared == body
    assert render.set_status_note("no region", "note").startswith("<!-- catwalk-note -->\nnote")


def test_summary_lists_every_provider_and_drift_table() -> None:
    report = fixture_report("report-drift.json")
    text = render.report_summary(report)
    assert "5 providers: 3 checked (2 with drift), 1 unknown, 1 skipped; 4 differences in all." in text
    assert "| `groq` | unknown |  | 0 | `timed out after 20 s` |" in text
    assert "### `openrouter` (3)" in text and "### `xai` (1)" in text
    assert "### `anthropic`" not in text


def test_summary_stays_under_the_job_summary_limit() -> None:
    drift = [
        item(f"p{n}", f"model-{m}", ours="x" * 100, live="y" * 100) for n in range(40) for m in range(50)
    ]
    report = make_report({f"p{n}": "ok" for n in range(40)}, drift)
    text = render.report_summary(report, budget=50_000)
    assert len(text.encode()) < 60_000
    assert "left out to stay under the job-summary size limit" in text

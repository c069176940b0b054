"""Calendar items of the drift report (`catwalk drift --calendar`): the lifecycle findings
of the embedded database on a fixed day, after the baseline, with stable values."""

from __future__ import annotations

from catwalk.live.calendar import calendar_drift
from catwalk.live.compare import Drift
from catwalk.loader import load_path
from catwalk.paths import expand
from catwalk.resources import embedded_baseline, providers_dir


def items_on(day: str, *, baseline: bool = True) -> list[Drift]:
    files = [load_path(path) for path in expand([providers_dir()])]
    return calendar_drift(files, settings={"today": day}, baseline=embedded_baseline() if baseline else None)


def test_a_notice_becomes_an_item_whose_value_does_not_count_down() -> None:
    early, later = items_on("2026-12-01"), items_on("2026-12-05")
    retiring = {(d.provider, d.model) for d in early if d.field == "retiring"}
    assert ("openai", "gpt-5") in retiring
    assert all(d.source == "calendar" and d.severity == "warning" for d in early if d.field == "retiring")
    # "in 10 days" and "in 6 days" are prose: the item's value is the same on both days.
    by_key = {(d.provider, d.model, d.field): d.live for d in later}
    for item in early:
        if item.field == "retiring" and (item.provider, item.model, item.field) in by_key:
            assert item.live == by_key[(item.provider, item.model, item.field)]
            assert "in " not in str(item.live).split(":", 1)[0]


def test_past_the_date_the_item_is_an_error_citing_its_catalogue() -> None:
    after = items_on("2026-12-20")
    retired = [d for d in after if d.provider == "openai" and d.model == "gpt-5"]
    assert [(d.field, d.severity) for d in retired] == [("retired", "error")]
    assert "litellm" in str(retired[0].live) and retired[0].message.startswith("CW901 ")


def test_the_baseline_keeps_accepted_findings_out() -> None:
    assert len(items_on("2026-12-20")) < len(items_on("2026-12-20", baseline=False))

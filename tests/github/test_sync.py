"""The whole life cycle against the fake GitHub over real HTTP, counting the writes the
server receives: open, no-op, update, unknown-untouched, close, not_planned respected,
duplicates cleaned, rate limits, the write cap and ambiguous writes."""

from __future__ import annotations

import pytest
from fake_github import FakeGitHub
from sync_helpers import FakeClock, fixture_report, item, make_report, sync_once

from catwalk.issues.marker import parse_drift, parse_state
from catwalk.issues.planner import Config

DRIFT = fixture_report("report-drift.json")  # openrouter (3 items) and xai (1) drift
FIXED = fixture_report("report-openrouter-fixed.json")  # openrouter is clean, xai still drifts


def _crowd(fake: FakeGitHub) -> None:
    """Pull requests and human issues under the same label: the list spans 3+ pages."""
    fake.add_issue("PR: bump deps", labels=["drift"], pull_request=True)
    fake.add_issue("Human report about drift", "no marker here", labels=["drift"])
    fake.add_issue("PR: fix openrouter", labels=["drift"], pull_request=True)
    fake.add_issue("Old question", "closed by a human", labels=["drift"], state="closed")
    fake.add_issue("PR: refresh snapshots", labels=["drift"], pull_request=True)


def _list_pages(fake: FakeGitHub, since: int) -> int:
    return sum(1 for r in fake.requests[since:] if r.method == "GET" and r.path.endswith("/issues"))


def test_acceptance_1_three_runs_same_report_one_issue_each_then_zero_writes(github_api: FakeGitHub) -> None:
    _crowd(github_api)
    writes_per_run = []
    for _ in range(3):
        mark = github_api.mark()
        outcome, _lines = sync_once(github_api, DRIFT)
        assert outcome.exit_code == 0
        writes_per_run.append(len(github_api.writes_since(mark)))
        assert _list_pages(github_api, mark) >= 3
    assert writes_per_run[1:] == [0, 0]
    assert writes_per_run[0] == 3  # the label, then one issue per drifting provider
    assert [i.title for i in github_api.drift_issues()] == ["Drift: openrouter", "Drift: xai"]
    assert all(i.labels == ["drift"] and i.state == "open" for i in github_api.drift_issues())
    assert github_api.drift_issues("anthropic") == [] and github_api.drift_issues("groq") == []
    assert "drift" in github_api.labels


def test_acceptance_2_fixed_provider_closes_after_clean_runs_others_untouched(github_api: FakeGitHub) -> None:
    _crowd(github_api)
    sync_once(github_api, DRIFT)
    (openrouter,) = github_api.drift_issues("openrouter")
    (xai,) = github_api.drift_issues("xai")
    xai_body = xai.body

    mark = github_api.mark()
    sync_once(github_api, FIXED)
    assert openrouter.state == "open" and openrouter.comments == []
    writes = github_api.writes_since(mark)
    assert [(w.method, w.path.rsplit("/", 1)[-1]) for w in writes] == [("PATCH", str(openrouter.number))]

    mark = github_api.mark()
    outcome, lines = sync_once(github_api, FIXED)
    assert outcome.exit_code == 0
    assert (openrouter.state, openrouter.state_reason) == ("closed", "completed")
    assert len(openrouter.comments) == 1
    assert "No drift for `openrouter` in 2 consecutive runs" in openrouter.comments[0]["body"]
    assert all(f"/issues/{xai.number}" not in w.path for w in github_api.writes_since(mark))
    assert xai.body == xai_body and xai.state == "open" and xai.comments == []
    assert any("openrouter: close #" in line for line in lines)

    mark = github_api.mark()
    sync_once(github_api, FIXED)
    assert github_api.writes_since(mark) == []


def test_issue_reopened_by_a_human_is_not_closed_again(github_api: FakeGitHub) -> None:
    sync_once(github_api, DRIFT)
    sync_once(github_api, FIXED)
    sync_once(github_api, FIXED)
    (issue,) = github_api.drift_issues("openrouter")
    assert issue.state == "closed"
    issue.state, issue.state_reason = "open", "reopened"  # "not fixed yet", says a maintainer
    for _ in range(3):
        mark = github_api.mark()
        sync_once(github_api, FIXED)
        assert github_api.writes_since(mark) == []
    assert issue.state == "open"


def test_close_after_is_configurable_end_to_end(github_api: FakeGitHub) -> None:
    config = Config(close_after=3)
    sync_once(github_api, DRIFT, config)
    (openrouter,) = github_api.drift_issues("openrouter")
    for _ in range(2):
        sync_once(github_api, FIXED, config)
        assert openrouter.state == "open"
    sync_once(github_api, FIXED, config)
    assert openrouter.state == "closed"


@pytest.mark.parametrize("label_exists", [False, True])
def test_acceptance_3_secondary_limit_on_first_write_waits_and_completes(
    github_api: FakeGitHub, label_exists: bool
) -> None:
    if label_exists:
        github_api.add_label("drift")  # then the first write is the first issue
    github_api.add_fault(
        "POST|PATCH",
        r".*",
        403,
        {"Retry-After": "2"},
        {
            "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
        },
    )
    clock = FakeClock()
    outcome, _lines = sync_once(github_api, DRIFT, clock=clock, min_gap=1.0)
    assert outcome.exit_code == 0
    statuses = [r.status for r in github_api.writes()]
    assert statuses == [403] + [201] * (2 if label_exists else 3)
    assert len(github_api.drift_issues("openrouter")) == 1
    assert len(github_api.drift_issues("xai")) == 1
    # The Retry-After exactly (it also covers the 1 s gap), then 1 s between later writes.
    assert clock.sleeps == [2.0] + [1.0] * (1 if label_exists else 2)
    mark = github_api.mark()
    sync_once(github_api, DRIFT)
    assert github_api.writes_since(mark) == []


def test_changed_drift_updates_the_body_and_comments(github_api: FakeGitHub) -> None:
    sync_once(github_api, DRIFT)
    (issue,) = github_api.drift_issues("openrouter")
    changed = make_report(
        {"openrouter": "ok", "xai": "ok"},
        [
            item("openrouter", "anthropic/claude-sonnet-4.5", "cost_per_1m_in", ours=3, live=3.6),
            item("xai", "grok-4", "context_window", ours=256000, live=2000000, severity="warning"),
        ],
    )
    mark = github_api.mark()
    sync_once(github_api, changed)
    writes = github_api.writes_since(mark)
    assert [w.method for w in writes] == ["PATCH", "POST"]
    assert "`3.6`" in issue.body and "gpt-4.1-mini" not in issue.body
    assert issue.comments[-1]["body"].startswith("The drift changed")
    assert "0 new, 1 changed, 2 resolved" in issue.comments[-1]["body"]
    marker = parse_drift(issue.body)
    assert marker is not None and marker.clean == 0


def test_unknown_provider_issue_is_untouched(github_api: FakeGitHub) -> None:
    sync_once(github_api, DRIFT)
    down = make_report({"openrouter": "unknown", "xai": "skipped"}, [])
    mark = github_api.mark()
    outcome, lines = sync_once(github_api, down)
    assert github_api.writes_since(mark) == []
    assert outcome.exit_code == 0
    assert any(line.startswith("  openrouter: unknown") and "left untouched" in line for line in lines)
    assert all(i.state == "open" for i in github_api.drift_issues())


def test_not_planned_is_respected_across_runs(github_api: FakeGitHub) -> None:
    sync_once(github_api, DRIFT)
    (issue,) = github_api.drift_issues("openrouter")
    issue.state, issue.state_reason = "closed", "not_planned"  # a maintainer waives it
    for _ in range(2):
        mark = github_api.mark()
        sync_once(github_api, DRIFT)
        assert github_api.writes_since(mark) == []
    assert issue.state == "closed" and len(github_api.drift_issues("openrouter")) == 1
    # New drift for the same provider gets a new issue that lists only the new drift.
    extra = make_report(
        {"openrouter": "ok"},
        [*(i.__dict__ for i in DRIFT.drift if i.provider == "openrouter"), item("openrouter", "new/model")],
    )
    sync_once(github_api, extra)
    old, new = github_api.drift_issues("openrouter")
    assert old is issue and old.state == "closed"
    assert new.state == "open" and "`new/model`" in new.body and "gpt-4.1-mini" not in new.body
    assert f"#{old.number} was closed as not planned" in new.body


def test_completed_close_then_drift_reopens_the_same_issue(github_api: FakeGitHub) -> None:
    sync_once(github_api, DRIFT)
    (issue,) = github_api.drift_issues("xai")
    issue.state, issue.state_reason = "closed", "completed"
    sync_once(github_api, DRIFT)
    assert issue.state == "open"
    assert "is back" in issue.comments[-1]["body"]
    assert len(github_api.drift_issues("xai")) == 1


def test_duplicates_are_closed_keeping_the_oldest(github_api: FakeGitHub) -> None:
    sync_once(github_api, DRIFT)
    (kept,) = github_api.drift_issues("openrouter")
    dup1 = github_api.add_issue("Drift: openrouter", kept.body, ["drift"])
    dup2 = github_api.add_issue("Drift: openrouter", kept.body, ["drift"])
    github_api.reject_duplicate_reason = True  # an older server: falls back to not_planned
    outcome, _ = sync_once(github_api, DRIFT)
    assert outcome.exit_code == 0
    assert kept.state == "open"
    for dup in (dup1, dup2):
        assert (dup.state, dup.state_reason) == ("closed", "not_planned")
        assert dup.comments[-1]["body"].startswith(f"Duplicate of #{kept.number}")
    # Those not_planned closes are ours, not a human waiver: closing the kept one as
    # completed and seeing drift again reopens it, not a duplicate.
    mark = github_api.mark()
    sync_once(github_api, DRIFT)
    assert github_api.writes_since(mark) == []
    kept.state, kept.state_reason = "closed", "completed"
    sync_once(github_api, DRIFT)
    assert kept.state == "open" and dup1.state == dup2.state == "closed"


def test_duplicate_state_reason_is_used_when_accepted(github_api: FakeGitHub) -> None:
    sync_once(github_api, DRIFT)
    (kept,) = github_api.drift_issues("xai")
    dup = github_api.add_issue("Drift: xai", kept.body, ["drift"])
    sync_once(github_api, DRIFT)
    assert (dup.state, dup.state_reason) == ("closed", "duplicate")


def test_ambiguous_create_is_checked_not_duplicated(github_api: FakeGitHub) -> None:
    github_api.add_fault("POST", r"^/issues$", 502, after=True)  # created, but the answer is lost
    outcome, _ = sync_once(github_api, DRIFT)
    assert outcome.exit_code == 0
    assert len(github_api.drift_issues("openrouter")) == 1
    assert len(github_api.drift_issues("xai")) == 1
    mark = github_api.mark()
    sync_once(github_api, DRIFT)
    assert github_api.writes_since(mark) == []


def test_ambiguous_comment_is_checked_not_duplicated(github_api: FakeGitHub) -> None:
    sync_once(github_api, DRIFT)
    sync_once(github_api, FIXED)
    github_api.add_fault("POST", r"/comments$", 500, after=True)
    sync_once(github_api, FIXED)
    (issue,) = github_api.drift_issues("openrouter")
    assert issue.state == "closed" and len(issue.comments) == 1


def test_failed_create_is_retried_when_it_did_not_happen(github_api: FakeGitHub) -> None:
    github_api.add_fault("POST", r"^/issues$", 502)
    outcome, _ = sync_once(github_api, DRIFT)
    assert outcome.exit_code == 0
    assert len(github_api.drift_issues()) == 2


def test_write_cap_defers_whole_actions_to_the_next_run(github_api: FakeGitHub) -> None:
    outcome, lines = sync_once(github_api, DRIFT, max_writes=2)
    assert outcome.exit_code == 1
    assert len(github_api.writes()) == 2  # the label and the first issue
    assert [i.title for i in github_api.drift_issues()] == ["Drift: openrouter"]
    assert any("left for the next run by --max-writes 2" in line for line in lines)
    outcome, _ = sync_once(github_api, DRIFT, max_writes=2)
    assert outcome.exit_code == 0
    assert [i.title for i in github_api.drift_issues()] == ["Drift: openrouter", "Drift: xai"]


def test_an_action_is_never_split_by_the_cap(github_api: FakeGitHub) -> None:
    sync_once(github_api, DRIFT)
    sync_once(github_api, FIXED)
    mark = github_api.mark()
    outcome, _ = sync_once(github_api, FIXED, max_writes=1)  # close needs PATCH + comment
    assert outcome.exit_code == 1
    assert github_api.writes_since(mark) == []
    assert github_api.drift_issues("openrouter")[0].state == "open"


def test_open_after_uses_a_closed_bookkeeping_issue(github_api: FakeGitHub) -> None:
    config = Config(open_after=2)
    sync_once(github_api, DRIFT, config)
    assert github_api.drift_issues() == []
    (state,) = [i for i in github_api.issues.values() if parse_state(i.body) is not None]
    assert state.state == "closed" and state.labels == ["drift"]
    assert parse_state(state.body) is not None
    sync_once(github_api, DRIFT, config)
    assert [i.title for i in github_api.drift_issues()] == ["Drift: openrouter", "Drift: xai"]
    assert parse_state(state.body).pending == {}  # type: ignore[union-attr]
    mark = github_api.mark()
    sync_once(github_api, DRIFT, config)
    assert github_api.writes_since(mark) == []
    assert len(github_api.issues) == 3


def test_dry_run_reads_but_writes_nothing(github_api: FakeGitHub) -> None:
    _crowd(github_api)
    outcome, lines = sync_once(github_api, DRIFT, dry_run=True)
    assert github_api.writes() == []
    assert outcome.exit_code == 0
    assert "  would create label 'drift'" in lines
    assert "  openrouter: would open issue 'Drift: openrouter' (3 differences)" in lines
    assert lines[-1] == "dry run: 3 write(s) planned, nothing written"
    sync_once(github_api, DRIFT)
    sync_once(github_api, FIXED)
    _, lines = sync_once(github_api, FIXED, dry_run=True)
    assert any("openrouter: would close #" in line for line in lines)
    assert github_api.drift_issues("openrouter")[0].state == "open"


def test_setup_error_mid_run_stops_with_exit_2(github_api: FakeGitHub) -> None:
    github_api.add_fault(
        "POST", r"^/issues$", 403, body={"message": "Resource not accessible by integration"}
    )
    outcome, _ = sync_once(github_api, DRIFT)
    assert outcome.exit_code == 2
    assert outcome.error is not None and "issues: write" in str(outcome.error)
    assert github_api.drift_issues() == []


@pytest.mark.parametrize("where", ["model", "live", "source"])
def test_key_shaped_values_in_a_report_never_reach_github(github_api: FakeGitHub, where: str) -> None:
    canary = "sk-or-v1-" + "c0ffee" * 8  # redacted by its shape, no environment needed
    fields = {"model": "m", "live": 2, "source": "https://x.test/models"}
    fields[where] = canary if where != "source" else f"https://x.test/models?key={canary}"
    drift = [item("openrouter", str(fields["model"]), live=fields["live"])]
    report = make_report({"openrouter": "ok"}, drift)
    _, lines = sync_once(github_api, report)
    text = github_api.all_text()
    assert canary not in text and canary not in "\n".join(lines)
    assert len(github_api.drift_issues()) == 1


def test_known_secret_values_are_redacted_whatever_their_shape(github_api: FakeGitHub) -> None:
    canary = "plain-canary-value-2718"
    report = make_report({"openrouter": "ok"}, [item("openrouter", f"model-{canary}", live=canary)])
    _, lines = sync_once(github_api, report, secrets=[canary])
    assert canary not in github_api.all_text() and canary not in "\n".join(lines)
    assert "model-***" in github_api.drift_issues()[0].body


def test_a_suspect_listing_leaves_the_drift_and_says_why_once(github_api: FakeGitHub) -> None:
    drifting = [item("example", "m1"), item("example", "m2")]
    sync_once(github_api, make_report({"example": "ok"}, drifting))
    (issue,) = github_api.drift_issues("example")
    marker_before = parse_drift(issue.body)

    # A suspect night: the issue keeps its drift (the marker does not move), and says why.
    suspect = make_report({"example": "suspect"}, [item("example", "m1")])
    mark = github_api.mark()
    sync_once(github_api, suspect)
    assert [w.method for w in github_api.writes_since(mark)] == ["PATCH"]
    assert "Tonight's listing looked suspect" in issue.body and "suspect for the test" in issue.body
    assert parse_drift(issue.body) == marker_before and issue.state == "open"
    mark = github_api.mark()
    sync_once(github_api, suspect)
    assert github_api.writes_since(mark) == []  # already said

    # Trusted again with the same drift: the note goes, nothing else changes.
    mark = github_api.mark()
    sync_once(github_api, make_report({"example": "ok"}, drifting))
    assert [w.method for w in github_api.writes_since(mark)] == ["PATCH"]
    assert "looked suspect" not in issue.body and parse_drift(issue.body) == marker_before
    mark = github_api.mark()
    sync_once(github_api, make_report({"example": "ok"}, drifting))
    assert github_api.writes_since(mark) == []


def test_a_suspect_provider_with_no_issue_opens_none(github_api: FakeGitHub) -> None:
    sync_once(github_api, make_report({"example": "suspect"}, [item("example", "m1")]))
    assert github_api.drift_issues("example") == []

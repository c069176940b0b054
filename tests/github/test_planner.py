"""The pure state machine: every transition, with an in-memory stand-in for GitHub."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sync_helpers import item, make_report, report_data

from catwalk.issues.digest import fingerprint
from catwalk.issues.marker import DriftMarker, StateMarker, encode_drift, parse_drift, parse_state
from catwalk.issues.planner import (
    MAX_STORED_ITEMS,
    Comment,
    Config,
    CreateIssue,
    EditIssue,
    Issue,
    Plan,
    plan,
)
from catwalk.live.report_reader import DriftReport, parse_report

OR = "openrouter"


class Repo:
    """Applies plans to a dict of issues the way GitHub would (numbers ascend)."""

    def __init__(self) -> None:
        self.issues: dict[int, Issue] = {}
        self.comments: dict[int, list[str]] = {}
        self.next = 1

    def add(self, title: str, body: str, state: str = "open", reason: str | None = None) -> int:
        number = self.next
        self.next += 1
        self.issues[number] = Issue(number, title, state, reason, body)
        return number

    def close(self, number: int, reason: str) -> None:
        self.issues[number] = replace(self.issues[number], state="closed", state_reason=reason)

    def apply(self, result: Plan) -> None:
        for action in result.actions:
            created = None
            for write in action.writes:
                if isinstance(write, CreateIssue):
                    created = self.add(write.title, write.body)
                elif isinstance(write, EditIssue):
                    number = write.number if write.number is not None else created
                    assert number is not None
                    issue = self.issues[number]
                    if write.body is not None:
                        issue = replace(issue, body=write.body)
                    if write.state is not None:
                        issue = replace(issue, state=write.state, state_reason=write.state_reason)
                    self.issues[number] = issue
                elif isinstance(write, Comment):
                    self.comments.setdefault(write.number, []).append(write.body)

    def sync(self, report: DriftReport, config: Config | None = None) -> Plan:
        result = plan(report, list(self.issues.values()), config or Config())
        self.apply(result)
        return result

    def drift(self, provider: str = OR) -> list[Issue]:
        return [
            i
            for i in self.issues.values()
            if (m := parse_drift(i.body)) is not None and m.provider == provider
        ]


def drifting(*items: dict[str, object], status: str = "ok") -> DriftReport:
    providers = {str(i["provider"]): status for i in items} or {OR: status}
    return make_report(providers, list(items))


def clean(provider: str = OR, status: str = "ok") -> DriftReport:
    return make_report({provider: status}, [])


A = item(OR, "model-a", "cost_per_1m_in", ours=3, live=3.3)
B = item(OR, "model-b", "context_window", ours=128000, live=200000)
C = item(OR, "model-c", None, "added", ours=None, live="model-c", severity="info")


def kinds(result: Plan) -> list[str]:
    return [a.kind for a in result.actions]


def test_first_drift_opens_one_issue_with_title_label_table_and_marker() -> None:
    repo = Repo()
    result = repo.sync(drifting(A, B))
    assert kinds(result) == ["open"]
    (write,) = result.actions[0].writes
    assert isinstance(write, CreateIssue)
    assert write.title == "Drift: openrouter"
    assert write.labels == ("drift",)
    assert "| `model-a` | `cost_per_1m_in` | changed | `3` | `3.3` |" in write.body
    marker = parse_drift(write.body)
    assert marker is not None and marker.provider == OR and marker.clean == 0
    assert marker.fingerprint == fingerprint(drifting(A, B).drift)
    assert result.needs_label


def test_same_drift_plans_nothing() -> None:
    repo = Repo()
    repo.sync(drifting(A, B))
    again = repo.sync(drifting(B, A))  # order does not matter
    assert again.actions == ()
    assert again.write_count == 0
    assert [n.text for n in again.notes] == ["same drift: nothing to do"]


def test_prose_and_float_formatting_are_not_drift() -> None:
    repo = Repo()
    repo.sync(drifting(item(OR, "m", ours=3.0, live=4)))
    reworded = item(OR, "m", ours=3, live=4.0)
    reworded["message"] = "entirely different wording"
    reworded["severity"] = "warning"
    assert repo.sync(drifting(reworded)).actions == ()


def test_changed_drift_updates_body_and_comments_what_changed() -> None:
    repo = Repo()
    repo.sync(drifting(A, B))
    moved = item(OR, "model-a", "cost_per_1m_in", ours=3, live=4)
    result = repo.sync(drifting(moved, C))
    assert kinds(result) == ["update"]
    edit, comment = result.actions[0].writes
    assert isinstance(edit, EditIssue) and edit.state is None and edit.body is not None
    assert "`4`" in edit.body and "model-b" not in edit.body
    assert isinstance(comment, Comment)
    assert "1 new, 1 changed, 1 resolved" in comment.body
    assert "`model-c`" in comment.body and "`model-a`" in comment.body
    assert len(repo.drift()) == 1


@pytest.mark.parametrize("status", ["unknown", "skipped"])
def test_unknown_or_skipped_provider_leaves_its_issue_untouched(status: str) -> None:
    repo = Repo()
    repo.sync(drifting(A))
    before = dict(repo.issues)
    # Neither clean runs nor changed drift count while the provider cannot be checked.
    for report in (clean(status=status), drifting(B, status=status)):
        result = repo.sync(report)
        assert result.actions == ()
        assert status in result.notes[0].text
    assert repo.issues == before


def without_listing_api(*items: dict[str, object]) -> DriftReport:
    """Perplexity-like: no model-listing API exists, so the provider is always `skipped`
    and the catalogues' items are all the drift it can have."""
    data = report_data({"perplexity": "skipped"}, list(items))
    data["providers"][0]["listing"] = False
    return parse_report(json.dumps(data))


def test_a_provider_with_no_listing_api_gets_its_catalogue_items_into_an_issue() -> None:
    repo = Repo()
    stale = item("perplexity", "sonar", "cost_per_1m_in", ours=3, live={"litellm": [1]}, severity="warning")
    stale["source"] = "catalogue"
    assert kinds(repo.sync(without_listing_api(stale))) == ["open"]
    assert repo.sync(without_listing_api(stale)).actions == ()  # the same items: no writes
    # Fixed: it counts clean runs and closes like any checked provider.
    closing = [kinds(repo.sync(without_listing_api())) for _ in range(2)]
    assert closing[-1] == ["close"]


def test_a_provider_skipped_for_a_missing_key_still_leaves_its_issue_untouched() -> None:
    repo = Repo()
    repo.sync(drifting(A))
    data = report_data({OR: "skipped"}, [])
    data["providers"][0]["listing"] = True
    assert repo.sync(parse_report(json.dumps(data))).actions == ()


def test_provider_missing_from_the_report_is_untouched() -> None:
    repo = Repo()
    repo.sync(drifting(A))
    result = repo.sync(clean("xai"))
    assert result.actions == ()
    assert any(n.provider == OR and "not in this report" in n.text for n in result.notes)


def test_closes_after_two_clean_runs_with_a_comment() -> None:
    repo = Repo()
    repo.sync(drifting(A))
    first = repo.sync(clean())
    assert kinds(first) == ["count-clean"]
    (issue,) = repo.drift()
    assert issue.state == "open"
    marker = parse_drift(issue.body)
    assert marker is not None and marker.clean == 1
    assert "1 of 2 clean runs" in issue.body
    second = repo.sync(clean())
    assert kinds(second) == ["close"]
    edit, comment = second.actions[0].writes
    assert isinstance(edit, EditIssue) and (edit.state, edit.state_reason) == ("closed", "completed")
    assert isinstance(comment, Comment) and "2 consecutive runs" in comment.body
    (issue,) = repo.drift()
    assert issue.state == "closed"
    assert repo.sync(clean()).actions == ()  # closed and clean: nothing more


def test_close_after_is_configurable() -> None:
    repo = Repo()
    config = Config(close_after=3)
    repo.sync(drifting(A), config)
    assert [kinds(repo.sync(clean(), config)) for _ in range(3)] == [
        ["count-clean"],
        ["count-clean"],
        ["close"],
    ]
    repo2 = Repo()
    repo2.sync(drifting(A), Config(close_after=1))
    assert kinds(repo2.sync(clean(), Config(close_after=1))) == ["close"]


def test_drift_between_clean_runs_resets_the_count_without_a_comment() -> None:
    repo = Repo()
    repo.sync(drifting(A))
    repo.sync(clean())
    result = repo.sync(drifting(A))
    assert kinds(result) == ["update"]
    assert all(not isinstance(w, Comment) for w in result.actions[0].writes)
    (issue,) = repo.drift()
    marker = parse_drift(issue.body)
    assert marker is not None and marker.clean == 0
    assert "clean runs needed" not in issue.body
    # Flapping drift never closes the issue: clean, drift, clean, drift...
    for _ in range(3):
        repo.sync(clean())
        repo.sync(drifting(A))
    assert repo.drift()[0].state == "open"


def test_not_planned_is_never_reopened_for_the_same_drift() -> None:
    repo = Repo()
    repo.sync(drifting(A, B))
    (issue,) = repo.drift()
    repo.close(issue.number, "not_planned")
    for report in (drifting(A, B), drifting(A), drifting(B)):  # same drift, or part of it
        result = repo.sync(report)
        assert result.actions == ()
        assert "waived by #1" in result.notes[0].text
    assert len(repo.drift()) == 1


def test_new_drift_after_not_planned_opens_a_new_issue_without_the_waived_items() -> None:
    repo = Repo()
    repo.sync(drifting(A))
    repo.close(1, "not_planned")
    result = repo.sync(drifting(A, B))
    assert kinds(result) == ["open"]
    (write,) = result.actions[0].writes
    assert isinstance(write, CreateIssue)
    assert "model-b" in write.body and "model-a" not in write.body
    assert "#1 was closed as not planned" in write.body
    assert [i.state for i in repo.drift()] == ["closed", "open"]
    # The waived issue stays closed; when B is fixed the new issue closes, A stays waived.
    repo.sync(drifting(A))
    repo.sync(drifting(A))
    assert [i.state for i in repo.drift()] == ["closed", "closed"]
    assert repo.issues[1].state_reason == "not_planned"


def test_a_waived_item_whose_value_moves_again_is_new_drift() -> None:
    repo = Repo()
    repo.sync(drifting(A))
    repo.close(1, "not_planned")
    moved = item(OR, "model-a", "cost_per_1m_in", ours=3, live=5)
    assert kinds(repo.sync(drifting(moved))) == ["open"]


def test_drift_back_after_completed_close_reopens_with_a_comment() -> None:
    repo = Repo()
    repo.sync(drifting(A))
    repo.close(1, "completed")  # a human says it is fixed
    result = repo.sync(drifting(B))
    assert kinds(result) == ["reopen"]
    edit, comment = result.actions[0].writes
    assert isinstance(edit, EditIssue) and edit.number == 1 and edit.state == "open"
    assert isinstance(comment, Comment) and "is back" in comment.body and "not planned" in comment.body
    (issue,) = repo.drift()
    assert issue.state == "open" and "model-b" in issue.body
    assert repo.sync(drifting(B)).actions == ()


def test_several_open_issues_keep_the_oldest_and_close_the_rest_as_duplicates() -> None:
    repo = Repo()
    repo.sync(drifting(A))
    body = repo.issues[1].body
    repo.add("Drift: openrouter", body)
    repo.add("Drift: openrouter (copy)", body)
    result = repo.sync(drifting(A))
    assert kinds(result) == ["close-duplicate", "close-duplicate"]
    for action, number in zip(result.actions, (2, 3), strict=True):
        edit, comment = action.writes
        assert isinstance(edit, EditIssue) and edit.number == number
        assert (edit.state, edit.state_reason) == ("closed", "duplicate")
        assert isinstance(comment, Comment) and comment.body.startswith("Duplicate of #1")
    assert [i.state for i in repo.drift()] == ["open", "closed", "closed"]
    marker = parse_drift(repo.issues[2].body)
    assert marker is not None and marker.duplicate_of == 1
    # A duplicate closed as not planned (old servers) is not a human waiver.
    repo.issues[2] = replace(repo.issues[2], state_reason="not_planned")
    repo.issues[3] = replace(repo.issues[3], state_reason="not_planned")
    repo.close(1, "completed")
    assert kinds(repo.sync(drifting(A))) == ["reopen"]


def test_an_issue_a_human_reopened_is_not_closed_again_until_new_drift() -> None:
    repo = Repo()
    repo.sync(drifting(A))
    repo.sync(clean())
    repo.sync(clean())
    (issue,) = repo.drift()
    assert issue.state == "closed"
    repo.issues[1] = replace(issue, state="open", state_reason="reopened")  # a human
    for _ in range(3):
        result = repo.sync(clean())
        assert result.actions == ()
        assert "a human reopened this issue" in result.notes[0].text
    assert kinds(repo.sync(drifting(A))) == ["update"]  # tracked again from here
    assert repo.sync(drifting(A)).actions == ()
    repo.sync(clean())
    repo.sync(clean())
    assert repo.drift()[0].state == "closed"


def test_a_duplicate_a_human_reopened_is_left_open() -> None:
    repo = Repo()
    repo.sync(drifting(A))
    repo.add("Drift: openrouter", repo.issues[1].body)
    repo.sync(drifting(A))
    assert repo.issues[2].state == "closed"
    repo.issues[2] = replace(repo.issues[2], state="open", state_reason="reopened")
    assert repo.sync(drifting(A)).actions == ()
    assert repo.issues[2].state == "open"


def test_duplicates_are_cleaned_even_while_the_provider_is_unknown() -> None:
    repo = Repo()
    repo.sync(drifting(A))
    repo.add("Drift: openrouter", repo.issues[1].body)
    assert kinds(repo.sync(clean(status="unknown"))) == ["close-duplicate"]


def test_issues_without_our_marker_are_ignored() -> None:
    repo = Repo()
    repo.add("Drift: openrouter", "A human wrote this with the drift label.")
    repo.add("Drift: openrouter", "<!-- catwalk-drift {not json} -->")
    result = repo.sync(drifting(A))
    assert kinds(result) == ["open"]


def test_min_severity_filters_items() -> None:
    repo = Repo()
    result = repo.sync(drifting(C), Config(min_severity="warning"))
    assert result.actions == ()
    assert kinds(repo.sync(drifting(C))) == ["open"]


def test_open_after_counts_runs_in_a_closed_bookkeeping_issue() -> None:
    repo = Repo()
    config = Config(open_after=2)
    first = repo.sync(drifting(A), config)
    assert kinds(first) == ["state"]
    create, close = first.actions[0].writes
    assert isinstance(create, CreateIssue) and create.labels == ("drift",)
    assert isinstance(close, EditIssue) and close.number is None and close.state == "closed"
    assert repo.drift() == []
    state_issue = next(i for i in repo.issues.values() if parse_state(i.body) is not None)
    assert parse_state(state_issue.body) == StateMarker({OR: 1})
    assert state_issue.state == "closed"
    second = repo.sync(drifting(A), config)
    assert kinds(second) == ["open", "state"]
    assert parse_state(repo.issues[state_issue.number].body) == StateMarker({})
    assert repo.sync(drifting(A), config).actions == ()


def test_open_after_count_resets_on_a_clean_run_and_holds_while_unknown() -> None:
    repo = Repo()
    config = Config(open_after=3)
    repo.sync(drifting(A), config)
    repo.sync(clean(status="unknown"), config)  # no change
    repo.sync(drifting(A), config)
    state = next(i for i in repo.issues.values() if parse_state(i.body) is not None)
    assert parse_state(repo.issues[state.number].body) == StateMarker({OR: 2})
    repo.sync(clean(), config)
    assert parse_state(repo.issues[state.number].body) == StateMarker({})
    assert repo.drift() == []


def test_huge_drift_keeps_only_the_fingerprint_and_still_is_idempotent() -> None:
    many = [
        item(OR, f"model-{n:05}", "context_window", ours=n, live=n + 1) for n in range(MAX_STORED_ITEMS + 5)
    ]
    repo = Repo()
    result = repo.sync(drifting(*many))
    (write,) = result.actions[0].writes
    assert isinstance(write, CreateIssue)
    assert len(write.body) < 65_536
    marker = parse_drift(write.body)
    assert marker is not None and marker.items is None
    assert repo.sync(drifting(*many)).actions == ()
    changed = repo.sync(drifting(*many[1:]))
    assert kinds(changed) == ["update"]
    comment = changed.actions[0].writes[1]
    assert isinstance(comment, Comment) and f"{len(many) - 1} differences now" in comment.body


def test_largest_stored_marker_and_full_table_fit_githubs_body_limit() -> None:
    long = "x" * 200
    many = [
        item(OR, f"vendor/model-{n:05}-{long}", "reasoning_levels", ours=[long], live=[long, "y"])
        for n in range(MAX_STORED_ITEMS)
    ]
    repo = Repo()
    repo.sync(drifting(*many))
    (issue,) = repo.drift()
    marker = parse_drift(issue.body)
    assert marker is not None and marker.items is not None and len(marker.items) == MAX_STORED_ITEMS
    assert len(issue.body) < 65_536


def test_old_marker_without_items_is_accepted() -> None:
    marker = DriftMarker(OR, fingerprint(drifting(A).drift), None, 0)
    repo = Repo()
    repo.add("Drift: openrouter", "old body\n" + encode_drift(marker))
    assert repo.sync(drifting(A)).actions == ()


def test_config_rejects_zero_thresholds() -> None:
    with pytest.raises(ValueError):
        Config(open_after=0)
    with pytest.raises(ValueError):
        Config(close_after=0)

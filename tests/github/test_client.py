"""The REST transport against the fake GitHub over real HTTP: pagination, conditional
reads, rate limits, retries and the errors a user must fix."""

from __future__ import annotations

import re
import socket

import pytest
from fake_github import FakeGitHub
from sync_helpers import FakeClock, make_client

from catwalk.issues.client import (
    AmbiguousWrite,
    GitHubClient,
    RateLimited,
    SetupError,
    TransientError,
)

SECONDARY = {"message": "You have exceeded a secondary rate limit. Please wait a few minutes."}


def _seed(fake: FakeGitHub, issues: int = 5, prs: int = 2) -> None:
    for n in range(issues):
        fake.add_issue(f"issue {n}", labels=["drift"], state="open" if n % 2 else "closed")
    for n in range(prs):
        fake.add_issue(f"pr {n}", labels=["drift"], pull_request=True)
    fake.add_issue("unlabelled")


def test_list_follows_link_pages_and_skips_pull_requests(github_api: FakeGitHub) -> None:
    _seed(github_api)
    with make_client(github_api) as client:
        issues = client.list_issues("drift")
    assert sorted(i["title"] for i in issues) == [f"issue {n}" for n in range(5)]
    pages = [r for r in github_api.requests if r.path.endswith("/issues") and r.method == "GET"]
    assert len(pages) == 4  # 7 labelled items, 2 per page
    assert "state=all" in pages[0].query and "labels=drift" in pages[0].query
    assert "per_page=100" in pages[0].query
    assert [re.search(r"(^|&)page=", p.query) is not None for p in pages] == [False, True, True, True]


def test_repeated_reads_are_conditional_and_cost_nothing(github_api: FakeGitHub) -> None:
    _seed(github_api)
    with make_client(github_api) as client:
        first = client.list_issues("drift")
        remaining = github_api.remaining
        second = client.list_issues("drift")
        assert second == first
        assert client.stats.not_modified == 4
        assert github_api.remaining == remaining  # 304s do not count
        github_api.add_issue("new one", labels=["drift"])
        third = client.list_issues("drift")
    assert len(third) == len(first) + 1
    assert [r.status for r in github_api.requests if r.method == "GET"].count(304) == 4


def test_secondary_limit_with_retry_after_waits_and_retries(github_api: FakeGitHub) -> None:
    github_api.add_fault("POST", r"^/issues$", 403, {"Retry-After": "2"}, SECONDARY)
    clock = FakeClock()
    with make_client(github_api, clock) as client:
        created = client.create_issue("t", "b", ["drift"])
    assert created["number"] == 1
    assert clock.sleeps == [2.0]
    assert [r.status for r in github_api.writes()] == [403, 201]
    assert len(github_api.issues) == 1


def test_primary_limit_waits_until_reset(github_api: FakeGitHub) -> None:
    clock = FakeClock()
    reset = int(clock.now()) + 30
    github_api.add_fault(
        "PATCH",
        r"^/issues/1$",
        403,
        {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(reset)},
        {"message": "API rate limit exceeded"},
    )
    github_api.add_issue("t")
    with make_client(github_api, clock) as client:
        client.edit_issue(1, {"body": "new"})
    assert clock.sleeps == [31.0]
    assert github_api.issues[1].body == "new"


def test_429_without_headers_backs_off_from_60_seconds(github_api: FakeGitHub) -> None:
    github_api.add_fault("GET", r"^/labels$", 429, times=2)
    clock = FakeClock()
    with make_client(github_api, clock) as client:
        assert client.list_labels() == []
    assert clock.sleeps == [60.0, 120.0]


def test_rate_limit_longer_than_max_wait_gives_up(github_api: FakeGitHub) -> None:
    github_api.add_fault("POST", r"^/issues$", 429, {"Retry-After": "3600"})
    clock = FakeClock()
    with make_client(github_api, clock, max_wait=600) as client, pytest.raises(RateLimited) as caught:
        client.create_issue("t", "b", [])
    assert "3600 s, more than --max-wait 600 s" in str(caught.value)
    assert caught.value.exit_code == 1
    assert clock.sleeps == [] and github_api.issues == {}


def test_rate_limit_retries_are_bounded(github_api: FakeGitHub) -> None:
    github_api.add_fault("GET", r"^/labels$", 403, {"Retry-After": "1"}, SECONDARY, times=10)
    clock = FakeClock()
    with make_client(github_api, clock, rate_limit_retries=2) as client, pytest.raises(RateLimited):
        client.list_labels()
    assert clock.sleeps == [1.0, 1.0]


def test_5xx_on_reads_and_edits_is_retried_with_backoff(github_api: FakeGitHub) -> None:
    github_api.add_issue("t")
    github_api.add_fault("GET", r"^/issues$", 502, times=2)
    github_api.add_fault("PATCH", r"^/issues/1$", 503, times=1)
    clock = FakeClock()
    with make_client(github_api, clock, backoff=0.5) as client:
        assert len(client.list_issues("")) == 1
        client.edit_issue(1, {"state": "closed"})
    assert clock.sleeps == [0.5, 1.0, 0.5]
    assert github_api.issues[1].state == "closed"


def test_5xx_retries_are_bounded(github_api: FakeGitHub) -> None:
    github_api.add_fault("GET", r"^/labels$", 500, times=10)
    clock = FakeClock()
    with make_client(github_api, clock, retries=2) as client, pytest.raises(TransientError) as caught:
        client.list_labels()
    assert "kept failing (500" in str(caught.value)
    assert len(clock.sleeps) == 2
    assert len([r for r in github_api.requests if r.path.endswith("/labels")]) == 3


def test_5xx_on_create_is_ambiguous_not_retried(github_api: FakeGitHub) -> None:
    github_api.add_fault("POST", r"^/issues$", 502, after=True)
    with make_client(github_api) as client, pytest.raises(AmbiguousWrite):
        client.create_issue("t", "b", [])
    assert len(github_api.writes()) == 1
    assert len(github_api.issues) == 1  # GitHub did create it: the caller must look


def test_writes_keep_the_minimum_gap(github_api: FakeGitHub) -> None:
    github_api.add_issue("t")
    clock = FakeClock()
    with make_client(github_api, clock, min_gap=1.0) as client:
        client.edit_issue(1, {"body": "a"})
        client.list_issues("")  # reads are not paced
        client.edit_issue(1, {"body": "b"})
        clock.t += 5
        client.edit_issue(1, {"body": "c"})
    assert clock.sleeps == [1.0]


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("token", "GitHub rejected the token (401 Bad credentials): check GITHUB_TOKEN"),
        ("repo", "check that the repository acme/missing exists"),
        ("disabled", "issues are disabled for acme/catwalk (410"),
        ("forbidden", "the token needs `issues: write` on acme/catwalk"),
    ],
)
def test_setup_errors_are_clear_and_exit_2(github_api: FakeGitHub, setup: str, expected: str) -> None:
    token, repo = github_api.token, github_api.repo_name
    if setup == "token":
        token = "ghp_" + "x" * 36
    if setup == "repo":
        repo = "acme/missing"
    if setup == "disabled":
        github_api.issues_disabled = True
    if setup == "forbidden":
        github_api.add_fault(
            "GET", r"^/issues$", 403, body={"message": "Resource not accessible by integration"}
        )
    client = GitHubClient(repo, token, api_url=github_api.url, sleep=FakeClock().sleep)
    with client, pytest.raises(SetupError) as caught:
        client.list_issues("drift")
    assert expected in str(caught.value)
    assert caught.value.exit_code == 2
    assert token not in str(caught.value)


def test_label_that_already_exists_is_fine(github_api: FakeGitHub) -> None:
    github_api.add_label("Drift")
    with make_client(github_api) as client:
        assert client.label_exists("drift")
        client.create_label("drift", "d93f0b", "x")
        client.create_label("new-label", "d93f0b", "x")
        assert client.label_exists("NEW-LABEL")
    assert [r.status for r in github_api.writes()] == [422, 201]


def test_unreachable_server_is_transient_after_retries() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed when the block ends: nothing listens
    clock = FakeClock()
    client = GitHubClient("acme/x", "t", api_url=f"http://127.0.0.1:{port}", sleep=clock.sleep, retries=2)
    with client, pytest.raises(TransientError) as caught:
        client.list_issues("drift")
    assert "cannot connect" in str(caught.value)
    assert len(clock.sleeps) == 2


def test_api_url_with_a_path_prefix_is_kept() -> None:
    fake = FakeGitHub()
    fake.owner = "api"  # the fake serves /repos/api/...; GHES serves under /api/v3
    fake.start()
    try:
        client = GitHubClient(
            "acme/catwalk", fake.token, api_url=f"{fake.url}/api/v3/", sleep=FakeClock().sleep
        )
        with client, pytest.raises(SetupError):
            client.list_issues("drift")
        assert fake.requests[0].path == "/api/v3/repos/acme/catwalk/issues"
    finally:
        fake.stop()

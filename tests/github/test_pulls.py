"""Drift pull requests against the fake GitHub over real HTTP: one per provider, opened,
left alone (0 writes), updated in place, closed when the drift is gone or merged, and never
reopened after a human closed one for the same change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fake_github import FakeGitHub
from sync_helpers import item, make_client, report_data

from catwalk import cli
from catwalk.issues.pulls import BRANCH_PREFIX, Outcome, SyncedFile, sync_pulls

LIVE_FIXTURES = Path(__file__).parent.parent / "live" / "fixtures"
OPENROUTER_PROVIDER = LIVE_FIXTURES / "openrouter-provider.json"
OPENROUTER_SYNCED = LIVE_FIXTURES / "openrouter-provider-synced.json"

PATH = "providers/example.json"
BASE_TEXT = '{"id": "example", "models": [{"id": "m", "cost_per_1m_in": 1}]}\n'
SYNCED = '{"id": "example", "models": [{"id": "m", "cost_per_1m_in": 2}]}\n'
SYNCED_AGAIN = '{"id": "example", "models": [{"id": "m", "cost_per_1m_in": 3}]}\n'
TABLE = "| Model | Field | Ours | Live |\n|---|---|---|---|\n| `m` | `cost_per_1m_in` | 1 | 2 |"


def run(fake: FakeGitHub, text: str | None, table: str = TABLE) -> Outcome:
    changes = {} if text is None else {"example": SyncedFile("example", PATH, text, table)}
    with make_client(fake) as client:
        return sync_pulls(client, owner=fake.owner, base="main", checked=["example"], changes=changes)


def test_first_run_opens_one_pull_request_with_the_file_change(github_api: FakeGitHub) -> None:
    github_api.seed_file(PATH, BASE_TEXT)
    outcome = run(github_api, SYNCED)
    (number,) = outcome.opened
    pull = github_api.pulls[number]
    assert (pull["head"], pull["base"], pull["state"]) == (BRANCH_PREFIX + "example", "main", "open")
    assert github_api.file_on(BRANCH_PREFIX + "example", PATH) == SYNCED
    assert github_api.file_on("main", PATH) == BASE_TEXT
    assert TABLE in pull["body"] and "catwalk-pr" in pull["body"]


def test_an_unchanged_second_run_makes_no_write(github_api: FakeGitHub) -> None:
    github_api.seed_file(PATH, BASE_TEXT)
    run(github_api, SYNCED)
    mark = github_api.mark()
    outcome = run(github_api, SYNCED)
    assert github_api.writes_since(mark) == []
    assert outcome.unchanged == ["example"]


def test_a_changed_drift_updates_the_same_pull_request(github_api: FakeGitHub) -> None:
    github_api.seed_file(PATH, BASE_TEXT)
    (number,) = run(github_api, SYNCED).opened
    outcome = run(github_api, SYNCED_AGAIN, TABLE.replace("| 2 |", "| 3 |"))
    assert outcome.updated == [number] and outcome.opened == []
    assert len(github_api.pulls) == 1
    assert github_api.file_on(BRANCH_PREFIX + "example", PATH) == SYNCED_AGAIN
    assert "| 3 |" in github_api.pulls[number]["body"]
    assert "rebuilt" in github_api.issues[number].comments[-1]["body"]
    # Only the table changed (same file): the body alone is edited.
    mark = github_api.mark()
    run(github_api, SYNCED_AGAIN, TABLE.replace("| 2 |", "| 3 (per 1M) |"))
    assert [(w.method, w.path.rsplit("/", 2)[-2]) for w in github_api.writes_since(mark)] == [
        ("PATCH", "pulls")
    ]


def test_resolved_drift_closes_it_with_a_comment_and_deletes_the_branch(github_api: FakeGitHub) -> None:
    github_api.seed_file(PATH, BASE_TEXT)
    (number,) = run(github_api, SYNCED).opened
    outcome = run(github_api, None)
    assert outcome.closed == [number]
    assert github_api.pulls[number]["state"] == "closed"
    assert "closing" in github_api.issues[number].comments[-1]["body"]
    assert BRANCH_PREFIX + "example" not in github_api.branches
    mark = github_api.mark()
    run(github_api, None)
    assert github_api.writes_since(mark) == []


def test_a_merged_change_leaves_nothing_to_do(github_api: FakeGitHub) -> None:
    github_api.seed_file(PATH, BASE_TEXT)
    (number,) = run(github_api, SYNCED).opened
    github_api.merge_pull(number)
    assert github_api.file_on("main", PATH) == SYNCED
    mark = github_api.mark()
    run(github_api, None)  # sync finds nothing to change on the new base
    assert github_api.writes_since(mark) == []


def test_a_human_closed_pull_request_is_not_reopened_for_the_same_change(github_api: FakeGitHub) -> None:
    github_api.seed_file(PATH, BASE_TEXT)
    (number,) = run(github_api, SYNCED).opened
    github_api.close_pull(number)
    mark = github_api.mark()
    outcome = run(github_api, SYNCED)
    assert github_api.writes_since(mark) == [] and outcome.opened == []
    assert any(f"#{number} was closed by a human" in note for note in outcome.notes)
    # A different change is a new pull request.
    assert len(run(github_api, SYNCED_AGAIN).opened) == 1


def test_the_command_opens_a_pull_request_for_a_synced_file_that_passes_check(
    github_api: FakeGitHub,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base_text = OPENROUTER_PROVIDER.read_text(encoding="utf-8")
    synced_text = OPENROUTER_SYNCED.read_text(encoding="utf-8")
    github_api.seed_file("providers/openrouter.json", base_text)
    (tmp_path / "providers").mkdir()
    (tmp_path / "providers" / "openrouter.json").write_text(base_text, encoding="utf-8")
    (tmp_path / "synced").mkdir()
    (tmp_path / "synced" / "openrouter.json").write_text(synced_text, encoding="utf-8")
    (tmp_path / "synced" / "broken.json").write_text('{"id": "x",}', encoding="utf-8")
    report = tmp_path / "drift.json"
    report.write_text(
        json.dumps(report_data({"openrouter": "ok"}, [item("openrouter", "m1")])), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_TOKEN", github_api.token)
    monkeypatch.setenv("GITHUB_API_URL", github_api.url)
    argv = ["issues", "pulls", "--report", str(report), "--synced", "synced", "--repo", github_api.repo_name]
    assert cli.main(argv) == 0
    (pull,) = github_api.pulls.values()
    assert github_api.file_on(pull["head"], "providers/openrouter.json") == synced_text
    assert "`m1`" in pull["body"]
    assert "broken.json: not a provider file" in capsys.readouterr().err
    mark = github_api.mark()
    assert cli.main(argv) == 0
    assert github_api.writes_since(mark) == []


def test_the_providers_issue_links_its_pull_request(
    github_api: FakeGitHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    github_api.seed_file(PATH, BASE_TEXT)
    (number,) = run(github_api, SYNCED).opened
    report = tmp_path / "drift.json"
    report.write_text(
        json.dumps(report_data({"example": "ok", "other": "ok"}, [item("example", "m"), item("other", "x")])),
        encoding="utf-8",
    )
    monkeypatch.setenv("GITHUB_TOKEN", github_api.token)
    monkeypatch.setenv("GITHUB_API_URL", github_api.url)
    argv = ["issues", "sync", "--report", str(report), "--repo", github_api.repo_name, "--min-gap", "0"]
    assert cli.main([*argv, "--link-pulls"]) == 0
    (issue,) = github_api.drift_issues("example")
    assert f"**The safe changes are in #{number}**" in issue.body
    (other,) = github_api.drift_issues("other")
    assert "The safe changes are in" not in other.body


def test_a_next_page_link_to_another_host_never_gets_the_token() -> None:
    import httpx

    from catwalk.issues.client import GitHubClient, TransientError

    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        link = '<https://evil.example/repos/acme/catwalk/pulls?page=2>; rel="next"'
        return httpx.Response(200, json=[], headers={"Link": link})

    client = GitHubClient(
        "acme/catwalk",
        "secret-token",
        api_url="https://api.github.test",
        transport=httpx.MockTransport(answer),
    )
    with client, pytest.raises(TransientError, match="another host"):
        client.list_pulls("acme:catwalk/drift/x")
    assert [r.url.host for r in seen] == ["api.github.test"]

"""Only validated data: refusal to start, reloads (SIGHUP and the file watcher) that keep
the last good database when the new one has errors, and calendar findings that are never
fatal."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

from catwalk import wire
from catwalk.commands.serve import port_from_env
from catwalk.errors import UsageError
from catwalk.loader import load_path
from catwalk.paths import provider_files
from catwalk_testing import run_catwalk
from serve.serving import DB, copy_db, running


def tag_of(path: Path) -> str:
    return wire.etag(wire.indented(wire.providers(load_path(p).data for p in provider_files(path))))


def edit(file: Path, change: object) -> None:
    data = json.loads(file.read_text("utf-8"))
    change(data)  # type: ignore[operator]
    file.write_text(json.dumps(data, indent=2) + "\n", "utf-8")


def test_refuses_to_start_on_errors_and_prints_the_findings(tmp_path: Path) -> None:
    db = copy_db(tmp_path)
    edit(db / "openai.json", lambda d: d["models"][0].update(default_max_tokens=10**9))
    result = run_catwalk("serve", db, "--port", "0", timeout=120)
    assert result.returncode == 1
    assert "openai.json:" in result.stderr and "CW301" in result.stderr  # located, with the rule id
    assert "not serving" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_baseline_accepts_what_it_lists(tmp_path: Path) -> None:
    db = copy_db(tmp_path)
    edit(db / "openai.json", lambda d: d["models"][0].update(default_max_tokens=10**9))
    baseline = tmp_path / "baseline.json"
    written = run_catwalk("check", db, "--write-baseline", "--baseline", baseline, "--reason", "known")
    assert written.returncode == 0, written.stderr
    with running(db, "--baseline", str(baseline), workers=1) as server:
        assert server.get().status_code == 200
    missing = run_catwalk("serve", db, "--baseline", tmp_path / "nope.json", "--port", "0")
    assert missing.returncode == 1 and "nope.json" in missing.stderr and "Traceback" not in missing.stderr


def test_refuses_an_unreadable_path(tmp_path: Path) -> None:
    result = run_catwalk("serve", tmp_path / "missing", "--port", "0")
    assert result.returncode in (1, 2) and "Traceback" not in result.stderr
    assert "missing" in result.stderr


def test_a_bad_reload_keeps_the_last_good_database_and_is_counted(tmp_path: Path) -> None:
    db = copy_db(tmp_path)
    good = tag_of(db)
    with running(db, "--no-watch") as server:
        (db / "groq.json").write_text('{"name": "Groq", "id": "groq", "models": [', "utf-8")
        os.kill(server.process.pid, signal.SIGHUP)
        server.wait_for(lambda: server.metric("catwalk_database_reload_failures_total") == 1)
        response = server.get()
        assert response.headers["etag"] == f'"{good}"'
        assert json.loads(response.content)[2]["id"] == "groq"  # the old groq, still served
        assert server.metric("catwalk_database_last_reload_failure_timestamp_seconds") > 0

        (db / "groq.json").write_text((DB / "groq.json").read_text("utf-8"), "utf-8")
        edit(db / "groq.json", lambda d: d["models"][0].update(cost_per_1m_out=2.75))
        os.kill(server.process.pid, signal.SIGHUP)
        fixed = tag_of(db)
        assert fixed != good
        server.wait_for(lambda: server.get().headers["etag"] == f'"{fixed}"')
        assert server.metric("catwalk_database_reloads_total") == 1
        assert server.metric("catwalk_database_reload_failures_total") == 1
        # Every worker swaps (each within half a second of the other): soon a run of
        # requests sees only the new tag.
        server.wait_for(lambda: {server.get().headers["etag"] for _ in range(20)} == {f'"{fixed}"'})
        log = server.stop()
    assert "rejected" in log and "groq.json:1:" in log and "still serving the last good database" in log
    assert "reloaded (SIGHUP)" in log


def test_the_watcher_reloads_a_changed_file(tmp_path: Path) -> None:
    db = copy_db(tmp_path)
    with running(db) as server:
        edit(db / "anthropic.json", lambda d: d["models"][0].update(name="Claude Sonnet 4.6 (renamed)"))
        changed = tag_of(db)

        def swapped() -> bool:  # a worker that swapped serves the new tag with the new bytes
            response = server.get()
            if response.headers["etag"] != f'"{changed}"':
                return False
            assert b"Claude Sonnet 4.6 (renamed)" in response.content
            return True

        server.wait_for(swapped, timeout=30)


def test_calendar_findings_never_stop_the_server(tmp_path: Path) -> None:
    """gpt-5-mini has a shutdown date in the shipped snapshots (LiteLLM's); as a default
    model after that date it is CW902, an error only where the run opts into the calendar."""
    db = copy_db(tmp_path)
    openai = json.loads((Path(__file__).parents[2] / "providers" / "openai.json").read_text("utf-8"))
    mini = next(m for m in openai["models"] if m["id"] == "gpt-5-mini")

    def retire(d: dict[str, object]) -> None:
        d["models"].append(mini)  # type: ignore[attr-defined]
        d["default_small_model_id"] = "gpt-5-mini"

    edit(db / "openai.json", retire)
    (tmp_path / "pyproject.toml").write_text('[tool.catwalk.settings]\ntoday = "2030-01-01"\n', "utf-8")
    check = run_catwalk("check", db, "--format", "json", "--calendar", "fail", cwd=tmp_path)
    assert "CW902" in {f["rule"] for f in json.loads(check.stdout)["findings"]}  # the premise
    with running(db, cwd=tmp_path) as server:
        assert server.get().status_code == 200
        assert server.metric("catwalk_database_calendar_findings") >= 1
        log = server.stop()
    assert "CW902" in log and "a date passed; not fatal" in log


def test_a_port_in_use_is_a_clear_error() -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_catwalk("serve", DB, "--host", "127.0.0.1", "--port", str(port), "--workers", "1")
    assert result.returncode == 2
    assert "Address already in use" in result.stderr and f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_catwalk_port_is_honoured() -> None:
    with running(DB, port_flag=False, workers=1) as server:
        assert server.get("/healthz").text == "OK"


@pytest.mark.parametrize(("value", "port"), [(None, 8080), ("", 8080), ("9000", 9000),
                                             ("tcp://10.0.0.7:8080", 8080), ("tcp://10.0.0.7:9999", 8080)])  # fmt: skip
def test_port_from_env_follows_upstream(value: str | None, port: int) -> None:
    assert port_from_env(value) == port


@pytest.mark.parametrize("value", ["http", "70000", "-1"])
def test_a_bad_catwalk_port_is_a_usage_error(value: str) -> None:
    with pytest.raises(UsageError, match="CATWALK_PORT"):
        port_from_env(value)

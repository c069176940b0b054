"""`catwalk sync` end to end against a real HTTP server: the exact diff, --write, the
second run, what is held back, what is kept, and that every other byte stays put."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from live.helpers import (
    LIVE_FIXTURES,
    OPENROUTER_PROVIDER,
    OPENROUTER_TRIMMED,
    clean_env,
    model,
    openai_list,
    provider_doc,
)
from live.server import LocalAPI, Reply, json_reply

Cli = Callable[..., subprocess.CompletedProcess[str]]
EXPECTED_DIFF = LIVE_FIXTURES / "openrouter-sync.diff"
EXPECTED_SYNCED = LIVE_FIXTURES / "openrouter-provider-synced.json"


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "providers").mkdir()
    shutil.copy(OPENROUTER_PROVIDER, tmp_path / "providers" / "openrouter.json")
    return tmp_path


@pytest.fixture
def openrouter_api(local_api: LocalAPI) -> LocalAPI:
    local_api.route("/models", json_reply(json.loads(OPENROUTER_TRIMMED.read_text(encoding="utf-8"))))
    return local_api


def sync(
    cli: Cli, cwd: Path, *args: Any, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return cli("sync", *args, cwd=cwd, env=clean_env(**(env or {})))


def test_dry_run_prints_exactly_the_expected_diff_and_writes_nothing(
    workdir: Path, openrouter_api: LocalAPI, catwalk_cli: Cli
) -> None:
    before = (workdir / "providers" / "openrouter.json").read_bytes()
    result = sync(catwalk_cli, workdir, "providers", "--endpoint", f"openrouter={openrouter_api.url()}")
    assert result.returncode == 1, result.stderr
    assert result.stdout == EXPECTED_DIFF.read_text(encoding="utf-8")
    assert (workdir / "providers" / "openrouter.json").read_bytes() == before
    held = [line for line in result.stderr.splitlines() if line.startswith("held back: ")]
    assert held == [
        "held back: openrouter: deepseek/deepseek-chat-v3-0324 default_max_tokens: lowering default_max_tokens "
        "to fit the live maximum output shrinks a limit; needs review",
        "held back: openrouter: deepseek/deepseek-v3.2 context_window: the context window would shrink "
        "(163,840 -> 131,072); needs review",
        "held back: openrouter: deepseek/deepseek-v4-pro cost_per_1m_out_cached: price moves 14.7x "
        "($0.0532/1M -> $0.003625/1M); over 10x needs review",
        "held back: openrouter: anthropic/claude-opus-5: removed upstream; kept (use --allow-removals to delete it)",
        "held back: openrouter: openai/gpt-5.6-sol: removed upstream; kept (use --allow-removals to delete it)",
        "held back: openrouter: x-ai/grok-3-mini: new upstream, but it expires on 2026-05-15; "
        "not adding a model that is going away",
    ]
    assert result.stderr.rstrip().endswith(
        "catwalk sync: 1 file(s) would be updated, 6 item(s) held back for review, 0 refused, 0 provider(s) unknown"
    )


def test_write_applies_the_diff_and_a_second_run_changes_nothing(
    workdir: Path, openrouter_api: LocalAPI, catwalk_cli: Cli
) -> None:
    target = workdir / "providers" / "openrouter.json"
    endpoint = f"openrouter={openrouter_api.url()}"
    first = sync(catwalk_cli, workdir, "providers", "--endpoint", endpoint, "--write")
    assert first.returncode == 1, first.stderr
    assert first.stdout == "updated providers/openrouter.json (16 change(s))\n"
    assert target.read_bytes() == EXPECTED_SYNCED.read_bytes()
    assert sorted(p.name for p in target.parent.iterdir()) == ["openrouter.json"]  # no temp files left

    # What --write wrote is exactly what the dry run's diff said.
    patched = workdir / "patched.json"
    shutil.copy(OPENROUTER_PROVIDER, patched)
    if shutil.which("patch"):
        subprocess.run(["patch", "-s", str(patched), str(EXPECTED_DIFF)], check=True)
        assert patched.read_bytes() == target.read_bytes()

    stamp = target.stat().st_mtime_ns
    second = sync(catwalk_cli, workdir, "providers", "--endpoint", endpoint, "--write")
    assert second.stdout == ""
    assert "catwalk sync: 0 file(s) updated, 6 item(s) held back" in second.stderr
    assert target.read_bytes() == EXPECTED_SYNCED.read_bytes()
    assert target.stat().st_mtime_ns == stamp

    check = catwalk_cli("check", "providers/openrouter.json", cwd=workdir, env=clean_env())
    assert check.returncode == 0, check.stdout

    drift = catwalk_cli(
        "drift", "providers", "--endpoint", endpoint, "--format", "json", cwd=workdir, env=clean_env()
    )
    remaining = {(d["model"], d["field"]) for d in json.loads(drift.stdout)["drift"]}
    assert remaining == {  # exactly what was held back
        ("deepseek/deepseek-chat-v3-0324", "default_max_tokens"),
        ("deepseek/deepseek-v3.2", "context_window"),
        ("deepseek/deepseek-v4-pro", "cost_per_1m_out_cached"),
        ("anthropic/claude-opus-5", None),
        ("openai/gpt-5.6-sol", None),
        ("x-ai/grok-3-mini", None),
    }


def test_allow_removals_deletes_models_but_never_a_default_one(
    workdir: Path, openrouter_api: LocalAPI, catwalk_cli: Cli
) -> None:
    target = workdir / "providers" / "openrouter.json"
    doc = json.loads(target.read_text(encoding="utf-8"))
    doc["default_large_model_id"] = "anthropic/claude-opus-5"
    target.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    result = sync(
        catwalk_cli,
        workdir,
        "providers",
        "--endpoint",
        f"openrouter={openrouter_api.url()}",
        "--write",
        "--allow-removals",
    )
    assert result.returncode == 1, result.stderr
    ids = [m["id"] for m in json.loads(target.read_text(encoding="utf-8"))["models"]]
    assert "openai/gpt-5.6-sol" not in ids
    assert "anthropic/claude-opus-5" in ids
    assert (
        "held back: openrouter: anthropic/claude-opus-5: removed upstream, but it is a default model of the "
        "provider; pick a new default first"
    ) in result.stderr


def test_nothing_to_do_exits_0(local_api: LocalAPI, providers_dir: Any, catwalk_cli: Cli) -> None:
    local_api.route("/models", json_reply(openai_list(["a", "b"])))
    path = providers_dir(provider_doc("example", [model("a"), model("b")], api_endpoint=local_api.url()))
    result = sync(
        catwalk_cli,
        path.parent.parent,
        "providers",
        f"--endpoint=example={local_api.url()}",
        env={"CATWALK_TEST_API_KEY": "test-key-123"},
    )
    assert result.returncode == 0, result.stderr
    assert "example: ok" in result.stderr  # checked, not skipped
    assert result.stdout == ""


def test_an_unknown_provider_changes_nothing(
    local_api: LocalAPI, providers_dir: Any, catwalk_cli: Cli
) -> None:
    local_api.route("/models", json_reply({}, status=500))
    path = providers_dir(provider_doc("example", [model("a")], api_endpoint=local_api.url()))
    before = path.read_bytes()
    result = sync(
        catwalk_cli,
        path.parent.parent,
        "providers",
        "--write",
        "--allow-unchecked",
        f"--endpoint=example={local_api.url()}",
        env={"CATWALK_TEST_API_KEY": "test-key-123"},
    )
    assert result.returncode == 3
    assert "catwalk sync: example: unknown: HTTP 500" in result.stderr
    assert path.read_bytes() == before


# -- surgical edits on unusual formatting ----------------------------------------------------
def openrouter_item(model_id: str, **over: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": model_id,
        "name": model_id,
        "context_length": 128000,
        "architecture": {"input_modalities": ["text"], "output_modalities": ["text"]},
        "pricing": {"prompt": "0.000001", "completion": "0.000002"},
        "top_provider": {"context_length": 128000, "max_completion_tokens": 16384},
        "supported_parameters": ["tools"],
    }
    item.update(over)
    return item


ODD = """{"name":"Odd","id":"odd","type":"openrouter","api_key":"$ODD_KEY","api_endpoint":"https://x.example/v1",
\t"default_large_model_id":"a","default_small_model_id":"b",
\t"models":[
\t\t{"id":"a","name":"A \\u00e9","cost_per_1m_in":1.0,"cost_per_1m_out":2,"context_window":64000,
\t\t "default_max_tokens":4096,"supports_attachments":false,
\t\t "options":{"temperature":0.7}},
\t\t{"id":"b","name":"B","cost_per_1m_in":3,"cost_per_1m_out":4,"context_window":64000,"default_max_tokens":4096,
\t\t "can_reason":true,"reasoning_levels":["low","high"],"default_reasoning_effort":"high"}
\t]
}"""


def test_every_byte_sync_does_not_change_stays_identical(
    local_api: LocalAPI, providers_dir: Any, catwalk_cli: Cli
) -> None:
    local_api.route(
        "/models",
        json_reply(
            {
                "data": [
                    openrouter_item(
                        "a",
                        context_length=64000,
                        top_provider={"context_length": 64000, "max_completion_tokens": 8192},
                        pricing={
                            "prompt": "0.0000012",
                            "completion": "0.000002",
                            "input_cache_read": "0.0000003",
                        },
                        architecture={"input_modalities": ["text", "image"], "output_modalities": ["text"]},
                    ),
                    openrouter_item(
                        "b",
                        pricing={"prompt": "0.000003", "completion": "0.000004"},
                        context_length=200000,
                        top_provider={"context_length": 200000, "max_completion_tokens": 32000},
                        reasoning={"supported_efforts": ["high", "medium"]},
                    ),
                ]
            }
        ),
    )
    path = providers_dir(text=ODD, name="odd")
    result = sync(
        catwalk_cli, path.parent.parent, "providers", "--write", "--endpoint", f"odd={local_api.url()}"
    )
    assert result.returncode == 1, result.stderr
    expected = (
        ODD.replace('"cost_per_1m_in":1.0', '"cost_per_1m_in":1.2')
        .replace(
            '"cost_per_1m_out":2,"context_window":64000,',
            '"cost_per_1m_out":2,"cost_per_1m_out_cached":0.3,"context_window":64000,',
        )
        .replace('"supports_attachments":false', '"supports_attachments":true')
        .replace(
            '"context_window":64000,"default_max_tokens":4096,\n\t\t "can_reason":true,"reasoning_levels":["low","high"]',
            '"context_window":200000,"default_max_tokens":4096,\n\t\t "can_reason":true,"reasoning_levels":["medium", "high"]',
        )
    )
    assert path.read_text(encoding="utf-8") == expected


def test_cache_convention_violation_is_repaired(
    local_api: LocalAPI, providers_dir: Any, catwalk_cli: Cli
) -> None:
    # Chutes-style row: the single (read) cache price sits in the WRITE field.
    local_api.route(
        "/models",
        json_reply(
            {
                "data": [
                    openrouter_item(
                        "a",
                        pricing={
                            "prompt": "0.000001",
                            "completion": "0.000002",
                            "input_cache_read": "0.0000001",
                        },
                    )
                ]
            }
        ),
    )
    doc = provider_doc(
        "conv",
        [
            model(
                "a",
                cost_per_1m_in_cached=0.1,
                cost_per_1m_out_cached=0,
                context_window=128000,
                default_max_tokens=8192,
            )
        ],
        provider_type="openrouter",
        api_key=None,
    )
    path = providers_dir(doc)
    result = sync(
        catwalk_cli, path.parent.parent, "providers", "--write", "--endpoint", f"conv={local_api.url()}"
    )
    assert result.returncode == 1, result.stderr
    written = json.loads(path.read_text(encoding="utf-8"))["models"][0]
    assert (written["cost_per_1m_in_cached"], written["cost_per_1m_out_cached"]) == (0, 0.1)


def test_reasoning_switched_off_removes_levels_and_default_effort(
    local_api: LocalAPI, providers_dir: Any, catwalk_cli: Cli
) -> None:
    local_api.route("/models", json_reply({"data": [openrouter_item("a")]}))
    doc = provider_doc(
        "think",
        [
            model(
                "a",
                can_reason=True,
                reasoning_levels=["low", "medium", "high"],
                default_reasoning_effort="medium",
            )
        ],
        provider_type="openrouter",
        api_key=None,
    )
    path = providers_dir(doc)
    result = sync(
        catwalk_cli, path.parent.parent, "providers", "--write", "--endpoint", f"think={local_api.url()}"
    )
    assert result.returncode == 1, result.stderr
    written = json.loads(path.read_text(encoding="utf-8"))["models"][0]
    assert written["can_reason"] is False
    assert "reasoning_levels" not in written and "default_reasoning_effort" not in written


def test_a_change_that_would_fail_catwalk_check_is_held_back(
    local_api: LocalAPI, providers_dir: Any, catwalk_cli: Cli
) -> None:
    # The live input price drops below our cache read price, which the API does not
    # state: writing it alone would make the row inconsistent (cache read above input).
    local_api.route(
        "/models",
        json_reply(
            {
                "data": [
                    openrouter_item("a", pricing={"prompt": "0.0000002", "completion": "0.000002"}),
                    openrouter_item("b"),
                ]
            }
        ),
    )
    doc = provider_doc(
        "held",
        [
            model("a", cost_per_1m_in=1, cost_per_1m_in_cached=1.25, cost_per_1m_out_cached=0.5),
            model("b", cost_per_1m_in=1.5),
        ],
        provider_type="openrouter",
        api_key=None,
    )
    path = providers_dir(doc)
    result = sync(
        catwalk_cli, path.parent.parent, "providers", "--write", "--endpoint", f"held={local_api.url()}"
    )
    assert result.returncode == 1, result.stderr
    written = {m["id"]: m for m in json.loads(path.read_text(encoding="utf-8"))["models"]}
    assert written["a"]["cost_per_1m_in"] == 1  # held back
    assert written["b"]["cost_per_1m_in"] == 1  # applied
    assert "held back: held: a cost_per_1m_in: the result would fail catwalk check (" in result.stderr
    check = catwalk_cli("check", path, env=clean_env())
    assert check.returncode == 0, check.stdout


def test_preexisting_errors_do_not_block_sync(
    local_api: LocalAPI, providers_dir: Any, catwalk_cli: Cli
) -> None:
    local_api.route(
        "/models",
        json_reply(
            {
                "data": [
                    openrouter_item("a"),
                    openrouter_item("b", pricing={"prompt": "0.000005", "completion": "0.000002"}),
                ]
            }
        ),
    )
    broken = model("a", default_max_tokens=200000)  # above its context window: CW301, not sync's doing
    doc = provider_doc("pre", [broken, model("b")], provider_type="openrouter", api_key=None)
    path = providers_dir(doc)
    result = sync(
        catwalk_cli, path.parent.parent, "providers", "--write", "--endpoint", f"pre={local_api.url()}"
    )
    assert "note: the file already has 1 error(s) in catwalk check; sync adds none" in result.stderr
    written = {m["id"]: m for m in json.loads(path.read_text(encoding="utf-8"))["models"]}
    assert written["b"]["cost_per_1m_in"] == 5
    assert written["a"]["default_max_tokens"] == 200000


def test_sync_keeps_the_file_mode(workdir: Path, openrouter_api: LocalAPI, catwalk_cli: Cli) -> None:
    target = workdir / "providers" / "openrouter.json"
    os.chmod(target, 0o640)
    sync(catwalk_cli, workdir, "providers", "--endpoint", f"openrouter={openrouter_api.url()}", "--write")
    assert target.stat().st_mode & 0o777 == 0o640


def two_model_listing() -> dict[str, Any]:
    return {
        "data": [
            openrouter_item(
                "a", context_length=64000, pricing={"prompt": "0.0000012", "completion": "0.000002"}
            ),
            openrouter_item(
                "b", context_length=64000, pricing={"prompt": "0.000003", "completion": "0.000004"}
            ),
        ]
    }


def test_a_crlf_file_stays_crlf(local_api: LocalAPI, providers_dir: Any, catwalk_cli: Cli) -> None:
    local_api.route("/models", json_reply(two_model_listing()))
    path = providers_dir(name="odd", text="placeholder")
    path.write_bytes(ODD.replace("\n", "\r\n").encode())
    result = sync(
        catwalk_cli, path.parent.parent, "providers", "--write", f"--endpoint=odd={local_api.url()}"
    )
    assert result.returncode == 1, result.stderr
    after = path.read_bytes()
    assert b'"cost_per_1m_in":1.2' in after
    assert after.count(b"\n") == after.count(b"\r\n") == ODD.count("\n")


def test_a_file_edited_while_sync_runs_is_not_overwritten(
    local_api: LocalAPI, providers_dir: Any, catwalk_cli: Cli
) -> None:
    path = providers_dir(text=ODD, name="odd")
    human_edit = ODD.replace('"name":"Odd"', '"name":"Odd (edited by a human)"')

    def answer_while_a_human_edits(_: Any) -> Any:
        path.write_text(human_edit, encoding="utf-8")  # after sync read the file, before it writes
        return json_reply(two_model_listing())

    local_api.route("/models", answer_while_a_human_edits)
    result = sync(
        catwalk_cli, path.parent.parent, "providers", "--write", f"--endpoint=odd={local_api.url()}"
    )
    assert result.returncode == 1
    assert "changed on disk while sync ran" in result.stderr
    assert path.read_text(encoding="utf-8") == human_edit
    assert [p.name for p in path.parent.iterdir()] == ["odd.json"]


def test_an_id_that_is_not_unicode_is_escaped_and_the_report_still_written(
    local_api: LocalAPI, providers_dir: Any, catwalk_cli: Cli, tmp_path: Path
) -> None:
    listing = two_model_listing()
    listing["data"].append(openrouter_item("x"))
    body = json.dumps(listing).replace('"id": "x"', '"id": "evil\\ud800id"')
    local_api.route("/models", Reply(200, body, {"Content-Type": "application/json"}))
    path = providers_dir(text=ODD, name="odd")
    report = tmp_path / "drift.json"
    result = catwalk_cli(
        "drift", path, f"--endpoint=odd={local_api.url()}", "--format", "json", "-o", report, env=clean_env()
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    drift = json.loads(report.read_text(encoding="utf-8"))["drift"]
    added = [d for d in drift if d["kind"] == "added"]
    assert [d["model"] for d in added] == ["evil\\ud800id"]
    for fmt in ("text", "markdown"):
        shown = catwalk_cli(
            "drift", path, f"--endpoint=odd={local_api.url()}", "--format", fmt, env=clean_env()
        )
        assert shown.returncode == 1 and "evil\\ud800id" in shown.stdout

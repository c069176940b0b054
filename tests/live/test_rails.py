"""The safety rails of drift and sync, against real HTTP servers on 127.0.0.1: a listing
that lacks most of our models (or shrank since the last good run) is suspect, a run that
checked nothing fails, and a price that jumps 20x is held for a human."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from live.helpers import OPENROUTER_PROVIDER, OPENROUTER_TRIMMED, clean_env, model, openai_list, provider_doc
from live.server import LocalAPI, json_reply

Cli = Callable[..., subprocess.CompletedProcess[str]]
KEY = {"CATWALK_TEST_API_KEY": "test-key-123"}
OURS = [f"model-{i}" for i in range(10)]


def run(cli: Cli, command: str, cwd: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return cli(command, "providers", f"--endpoint=example={url}", *args, cwd=cwd, env=clean_env(**KEY))


def example_repo(tmp_path: Path, url: str) -> Path:
    (tmp_path / "providers").mkdir()
    doc = provider_doc("example", [model(i) for i in OURS], api_endpoint=url)
    doc["default_large_model_id"] = doc["default_small_model_id"] = OURS[0]
    (tmp_path / "providers" / "example.json").write_text(json.dumps(doc, indent=2) + "\n")
    return tmp_path


def report(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_a_listing_missing_70_percent_is_suspect_with_no_removal_and_no_write(
    tmp_path: Path, local_api: LocalAPI, catwalk_cli: Cli
) -> None:
    local_api.route("/models", json_reply(openai_list(OURS[:3])))
    repo = example_repo(tmp_path, local_api.url())
    drift = run(catwalk_cli, "drift", repo, local_api.url(), "--format", "json")
    assert drift.returncode == 3, drift.stderr
    (status,) = report(drift)["providers"]
    assert status["status"] == "suspect"
    assert "lacks 7 of the database's 10 models (70% > 50%)" in status["reason"]
    assert [d for d in report(drift)["drift"] if d["kind"] == "removed"] == []

    before = (repo / "providers" / "example.json").read_bytes()
    synced = run(catwalk_cli, "sync", repo, local_api.url(), "--write", "--allow-removals")
    assert synced.returncode == 3, synced.stderr
    assert "example: suspect: the listing lacks 7" in synced.stderr
    assert "1 suspect (nothing written)" in synced.stderr
    assert (repo / "providers" / "example.json").read_bytes() == before


def test_the_share_is_configurable_and_a_normal_churn_is_drift(
    tmp_path: Path, local_api: LocalAPI, catwalk_cli: Cli
) -> None:
    local_api.route("/models", json_reply(openai_list(OURS[:3])))
    repo = example_repo(tmp_path, local_api.url())
    lenient = run(catwalk_cli, "drift", repo, local_api.url(), "--format", "json", "--suspect-share", "0.8")
    assert lenient.returncode == 1, lenient.stderr
    assert report(lenient)["providers"][0]["status"] == "ok"
    assert sum(d["kind"] == "removed" for d in report(lenient)["drift"]) == 7
    bad = run(catwalk_cli, "drift", repo, local_api.url(), "--suspect-share", "2")
    assert bad.returncode == 2 and "must be a share above 0 and at most 1" in bad.stderr


def test_a_listing_that_shrank_since_the_previous_good_run_is_suspect(
    tmp_path: Path, local_api: LocalAPI, catwalk_cli: Cli
) -> None:
    # Ours is small (3 models, all still listed), so only the previous run's size tells.
    local_api.route("/models", json_reply(openai_list([*OURS[:3], "extra-1"])))
    (tmp_path / "providers").mkdir()
    doc = provider_doc("example", [model(i) for i in OURS[:3]], api_endpoint=local_api.url())
    (tmp_path / "providers" / "example.json").write_text(json.dumps(doc, indent=2) + "\n")
    previous = tmp_path / "previous.json"
    previous.write_text(
        json.dumps(
            {
                "version": 1,
                "providers": [{"provider": "example", "status": "ok", "models_seen": 40}],
                "drift": [],
            }
        )
    )
    result = run(
        catwalk_cli, "drift", tmp_path, local_api.url(), "--format", "json", "--previous", str(previous)
    )
    status = report(result)["providers"][0]
    assert status["status"] == "suspect", status
    assert "has 4 models where the previous good run saw 40" in status["reason"]
    missing = run(catwalk_cli, "drift", tmp_path, local_api.url(), "--previous", str(tmp_path / "none.json"))
    assert missing.returncode == 2 and "--previous:" in missing.stderr


def test_a_run_that_checked_nothing_fails_unless_the_job_means_it(
    tmp_path: Path, local_api: LocalAPI, catwalk_cli: Cli
) -> None:
    repo = example_repo(tmp_path, local_api.url())
    for command in ("drift", "sync"):
        # No key in the environment: every provider is skipped.
        result = catwalk_cli(command, "providers", cwd=repo, env=clean_env())
        assert result.returncode == 2, result.stderr
        assert f"catwalk {command}: error: no provider was checked (1 skipped)" in result.stderr
        allowed = catwalk_cli(command, "providers", "--allow-unchecked", cwd=repo, env=clean_env())
        assert allowed.returncode == 0, allowed.stderr


def test_a_20x_price_jump_is_held_for_a_human(tmp_path: Path, local_api: LocalAPI, catwalk_cli: Cli) -> None:
    capture = json.loads(OPENROUTER_TRIMMED.read_text(encoding="utf-8"))
    ours = json.loads(OPENROUTER_PROVIDER.read_text(encoding="utf-8"))
    ids = {m["id"]: m for m in ours["models"]}
    item = next(i for i in capture["data"] if i["id"] in ids and float(i["pricing"]["prompt"]) > 0)
    # The live price is 20x the file's.
    item["pricing"]["prompt"] = format(ids[item["id"]]["cost_per_1m_in"] * 20 / 1e6, ".12f")
    local_api.route("/models", json_reply(capture))
    (tmp_path / "providers").mkdir()
    shutil.copy(OPENROUTER_PROVIDER, tmp_path / "providers" / "openrouter.json")
    result = catwalk_cli(
        "sync",
        "providers",
        "--write",
        f"--endpoint=openrouter={local_api.url()}",
        cwd=tmp_path,
        env=clean_env(),
    )
    held = [
        line for line in result.stderr.splitlines() if line.startswith(f"held back: openrouter: {item['id']}")
    ]
    assert any("cost_per_1m_in: price moves 20.0x" in line for line in held), result.stderr
    written = json.loads((tmp_path / "providers" / "openrouter.json").read_text(encoding="utf-8"))
    after = next(m for m in written["models"] if m["id"] == item["id"])
    assert after["cost_per_1m_in"] == ids[item["id"]]["cost_per_1m_in"]

"""`catwalk snapshots build|refresh|list`, the snapshot format and the packaged snapshots."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from catwalk.sources import build, store
from catwalk_testing import run_catwalk
from deep.helpers import FIXTURE_REFERENCE

PACKAGED = store.packaged_dir()


def test_build_from_reference_files(tmp_path: Path) -> None:
    result = run_catwalk(
        "snapshots", "build", "--reference", FIXTURE_REFERENCE, "--output", tmp_path,
        "--date", "litellm=2026-08-21", "--date", "genai-prices=2026-08-20",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "genai-prices.json",
        "litellm.json",
        "models.dev.json",
        "openrouter.json",
    ]
    litellm = store.load("litellm", tmp_path)
    assert litellm is not None and litellm.date == "2026-08-21"
    rows = litellm.get("claude-sonnet4-5")
    assert rows is not None
    # per-token prices become per-1M, flags 1/0, the shutdown date kept
    assert rows["anthropic"][:8] == [3, 15, 3.75, 0.3, 200000, 64000, 1, 1]
    assert rows["bedrock-europe"][:4] == [3.3, 16.5, 4.125, 0.33]
    assert litellm.get("text-embedding3-small") is None  # not a chat model
    openrouter = store.load("openrouter", tmp_path)
    assert openrouter is not None and openrouter.date == "2026-05-15"  # from the file name
    grok = openrouter.get("grok4")
    assert grok is not None and store.field(grok["xai"], store.RETIRED) == "2026-05-15"
    assert openrouter.get("deepseek-v4flash") is not None  # the :free twin is skipped, the paid one kept
    assert "gpt-oss120b" in openrouter
    assert "openai" not in (openrouter.get("gpt-oss120b") or {})  # open weights: not OpenAI's price
    genai = store.load("genai-prices", tmp_path)
    assert genai is not None and genai.date == "2026-08-20"
    # conditional prices (an introductory price, then the list price) are all kept
    assert (genai.get("claude-sonnet5") or {})["anthropic"][0] == [2, 3]

    modelsdev = store.load("models.dev", tmp_path)
    assert modelsdev is not None and modelsdev.date == "2026-07-02"  # from the file name
    opus = (modelsdev.get("claude-opus4-7") or {})["anthropic"]
    # USD per 1M as published; the effort values of reasoning_options, comma-joined
    assert opus[: store.CONTEXT + 1] == [5, 25, 6.25, 0.5, 1000000]
    assert store.field(opus, store.LEVELS) == "low,medium,high,xhigh,max"
    assert store.field((modelsdev.get("gpt5-1") or {})["openai"], store.LEVELS) == "none,low,medium,high"
    # status "deprecated" is a retirement without a date; embeddings are not chat models
    assert store.field((modelsdev.get("claude3-5sonnet@20240620") or {})["anthropic"], store.RETIRED) is True
    assert modelsdev.get("text-embedding3-small") is None
    # a Databricks id groups with the model it serves, under the catwalk provider id
    assert "databricks" in (modelsdev.get("gpt5") or {})
    assert "302ai" not in modelsdev.providers  # providers catwalk does not have are left out

    again = run_catwalk("snapshots", "build", "--reference", FIXTURE_REFERENCE, "--output", tmp_path)
    assert again.returncode == 0
    assert again.stdout.count("unchanged") == 4  # same models: the dates stay


def test_build_usage_errors(tmp_path: Path) -> None:
    missing = run_catwalk("snapshots", "build", "--reference", tmp_path / "nope", "--output", tmp_path)
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    bad_date = run_catwalk(
        "snapshots", "build", "--reference", FIXTURE_REFERENCE, "--date", "litellm=yesterday"
    )
    assert bad_date.returncode == 2 and "is not a date" in bad_date.stderr
    assert "Traceback" not in missing.stderr + bad_date.stderr


def test_build_reports_a_missing_or_malformed_catalogue(tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    (reference / "litellm").mkdir(parents=True)
    (reference / "litellm" / "model_prices_and_context_window.json").write_text("[1, 2]", "utf-8")
    result = run_catwalk("snapshots", "build", "--reference", reference, "--output", tmp_path / "out")
    assert result.returncode == 1
    assert "litellm: " in result.stderr and "must be a JSON object" in result.stderr
    assert "genai-prices: no genai-prices/data.json" in result.stderr
    assert "models.dev: no models.dev/api-*.json" in result.stderr
    assert not (tmp_path / "out" / "litellm.json").exists()


class _Catalogues(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        files = {
            "/litellm.json": FIXTURE_REFERENCE / "litellm" / "model_prices_and_context_window.json",
            "/openrouter.json": FIXTURE_REFERENCE / "openrouter" / "api-v1-models-2026-05-15.json",
        }
        path = files.get(self.path)
        if path is None:
            self.send_error(404)
            return
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Catalogues)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_refresh_downloads_and_dates_today(tmp_path: Path, server: str) -> None:
    result = run_catwalk(
        "snapshots", "refresh", "--output", tmp_path, "--source", "litellm", "--source", "openrouter",
        "--url", f"litellm={server}/litellm.json", "--url", f"openrouter={server}/openrouter.json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    for name in ("litellm", "openrouter"):
        snap = store.load(name, tmp_path)
        assert snap is not None and snap.date == today and len(snap) > 0


def test_refresh_failure_keeps_the_existing_snapshot(tmp_path: Path, server: str) -> None:
    old = tmp_path / "genai-prices.json"
    old.write_text((PACKAGED / "genai-prices.json").read_text("utf-8"), "utf-8")
    result = run_catwalk(
        "snapshots", "refresh", "--output", tmp_path, "--source", "genai-prices",
        "--url", f"genai-prices={server}/missing.json",
    )  # fmt: skip
    assert result.returncode == 1
    assert "HTTP 404" in result.stderr and "the existing snapshot is kept" in result.stderr
    assert old.read_text("utf-8") == (PACKAGED / "genai-prices.json").read_text("utf-8")
    unreachable = run_catwalk(
        "snapshots", "refresh", "--output", tmp_path, "--source", "litellm", "--timeout", "2",
        "--url", "litellm=http://127.0.0.1:9/x.json",
    )  # fmt: skip
    assert unreachable.returncode == 1 and "cannot download" in unreachable.stderr
    assert "Traceback" not in result.stderr + unreachable.stderr


def test_list_shows_the_packaged_snapshots() -> None:
    result = run_catwalk("snapshots", "list")
    assert result.returncode == 0
    assert "litellm: " in result.stdout and "dated 2026-08-21" in result.stdout
    assert "openrouter: " in result.stdout and "dated 2026-05-15" in result.stdout


def test_packaged_snapshots_are_small_dated_and_one_model_per_line() -> None:
    total = 0
    for name in store.SOURCES:
        path = PACKAGED / f"{name}.json"
        size = path.stat().st_size
        total += size
        assert size < 250_000, f"{name} snapshot grew to {size} bytes"
        doc = json.loads(path.read_text("utf-8"))
        assert doc["source"] == name and doc["url"].startswith("https://")
        dt.date.fromisoformat(doc["date"])
        assert doc["fields"] == list(store.FIELDS)
        # the lazy loader sees exactly what a JSON parser sees
        snap = store.Snapshot.from_text(name, path.read_text("utf-8"))
        assert sorted(snap.keys()) == sorted(doc["models"])
        for key in list(doc["models"])[:50]:
            assert snap.get(key) == doc["models"][key]
    assert total < 500_000  # four catalogues, about 100 KB each


def test_a_hand_edited_snapshot_still_loads() -> None:
    text = json.dumps({"source": "litellm", "date": "2026-01-02", "models": {"m": {"p": [1, 2]}}}, indent=2)
    snap = store.Snapshot.from_text("litellm", text)
    assert snap.date == "2026-01-02" and snap.get("m") == {"p": [1, 2]} and snap.get("x") is None


def test_packaged_snapshots_are_what_the_builder_makes_of_the_reference(
    reference_dir: Path, tmp_path: Path
) -> None:
    for name in store.SOURCES:
        path = build.reference_file(reference_dir, name)
        assert path is not None
        packaged = json.loads((PACKAGED / f"{name}.json").read_text("utf-8"))
        build.write(
            name, json.loads(path.read_bytes()), packaged["date"], tmp_path, keep_date_if_unchanged=False
        )
        rebuilt = (tmp_path / f"{name}.json").read_text("utf-8")
        assert rebuilt == (PACKAGED / f"{name}.json").read_text("utf-8"), (
            f"{name}: the packaged snapshot is stale; run `catwalk snapshots build` and commit the result"
        )


def test_models_dev_weights_links_make_variant_aliases_only_for_variant_suffixes() -> None:
    from catwalk.importers.modelsdev import weights_repository
    from catwalk.sources.build import variant_aliases

    def entry(model_id: str, *repos: str) -> dict[str, Any]:
        links = [{"label": "HF", "url": f"https://huggingface.co/{r}?x=1"} for r in repos]
        return {"id": model_id, "weights": links, "modalities": {"output": ["text"]}}

    assert weights_repository(entry("m", "Org/Model-1/tree/main")) == "org/model-1"
    assert weights_repository(entry("m", "a/one", "b/two")) is None  # two weights: no claim
    assert weights_repository({"weights": [{"url": "https://example.com/a/b"}]}) is None
    doc = {
        "p": {"models": {
            "GLM-5.1-FP8": entry("GLM-5.1-FP8", "zai-org/GLM-5.1"),
            "llama-3.3-70b-instruct-fp8-fast": entry("llama-3.3-70b-instruct-fp8-fast", "meta-llama/Llama-3.3-70B-Instruct"),
            "deepseek-chat": entry("deepseek-chat", "deepseek-ai/DeepSeek-V3.2"),
            "qwen3-235b-a22b-instruct-2507": entry("qwen3-235b-a22b-instruct-2507", "Qwen/Qwen3-235B-A22B"),
        }},
        "q": {"models": {"GLM-5.1-FP8": entry("GLM-5.1-FP8", "zai-org/GLM-5.1")}},
    }  # fmt: skip
    assert variant_aliases(doc) == {
        "glm5-1fp8": "glm5-1",
        "llama3-3-70b-instruct-fp8fast": "llama3-3-70b-instruct",
    }

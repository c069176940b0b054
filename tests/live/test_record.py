"""`catwalk drift --record DIR` against a local OpenRouter-format API: one dated file per
provider, no key in it, trimmed to the keys the adapter reads, and the trimmed answer
parses to exactly the records the whole answer gives."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from catwalk.live.adapters.base import Request
from catwalk.live.adapters.registry import adapter_by_family
from live.helpers import OPENROUTER_PROVIDER, OPENROUTER_TRIMMED, clean_env
from live.server import LocalAPI, json_reply

Cli = Callable[..., subprocess.CompletedProcess[str]]
CANARY = "sk-or-v1-canary0123456789abcdef0123456789abcdef"


def test_record_writes_the_trimmed_dated_answer_without_the_key(
    tmp_path: Path, local_api: LocalAPI, catwalk_cli: Cli
) -> None:
    capture = json.loads(OPENROUTER_TRIMMED.read_text(encoding="utf-8"))
    capture["data"][0]["description"] = f"echoes the caller's key {CANARY}"
    local_api.route("/models", json_reply(capture))
    (tmp_path / "providers").mkdir()
    shutil.copy(OPENROUTER_PROVIDER, tmp_path / "providers" / "openrouter.json")
    out = tmp_path / "recorded"
    result = catwalk_cli(
        "drift",
        "providers",
        f"--endpoint=openrouter={local_api.url()}",
        "--record",
        str(out),
        cwd=tmp_path,
        env=clean_env(OPENROUTER_API_KEY=CANARY),
    )
    assert result.returncode in (0, 1), result.stderr
    assert "recorded 1 provider(s)" in result.stderr
    text = (out / "openrouter.json").read_text(encoding="utf-8")
    assert CANARY not in text and "canary0123456789" not in text
    recorded = json.loads(text)
    assert recorded["provider"] == "openrouter" and recorded["adapter"] == "openrouter"
    assert recorded["recorded_at"].endswith("Z") and recorded["status"] == "ok"
    (page,) = recorded["pages"]
    assert page["url"] == f"{local_api.url()}/models"
    response = page["response"]
    # Trimmed: a key no adapter reads is gone, the ones it reads are kept.
    assert "description" not in response["data"][0]
    assert {"id", "pricing", "top_provider"} <= set(response["data"][0])
    assert len(response["data"]) == len(capture["data"])
    adapter = adapter_by_family("openrouter")
    assert adapter is not None
    request = Request(page["url"])
    assert adapter.parse(response, request).models == adapter.parse(capture, request).models


def test_record_into_an_unwritable_place_is_a_usage_error(
    tmp_path: Path, local_api: LocalAPI, catwalk_cli: Cli
) -> None:
    local_api.route("/models", json_reply(json.loads(OPENROUTER_TRIMMED.read_text(encoding="utf-8"))))
    (tmp_path / "providers").mkdir()
    shutil.copy(OPENROUTER_PROVIDER, tmp_path / "providers" / "openrouter.json")
    (tmp_path / "a-file").write_text("x")
    result = catwalk_cli(
        "drift",
        "providers",
        f"--endpoint=openrouter={local_api.url()}",
        "--record",
        str(tmp_path / "a-file" / "sub"),
        cwd=tmp_path,
        env=clean_env(),
    )
    assert result.returncode == 2, result.stderr
    assert "--record" in result.stderr and "Traceback" not in result.stderr

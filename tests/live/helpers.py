"""Helpers for the live-check tests (importable as `live.helpers`; tests/ is on pythonpath).

Nothing here touches the network: every provider a test checks points at the local
server (`--endpoint` or an `api_endpoint` on 127.0.0.1), and subprocess runs get an
environment without the caller's keys and endpoint overrides.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from catwalk.document import ProviderFile
from catwalk.live.drift import Gathered, build_report
from catwalk.live.fetch import FetchOptions, fetch_all
from catwalk.live.report import Report
from catwalk.live.resolve import AdapterLookup, resolve
from catwalk.loader import load_path

LIVE_FIXTURES = Path(__file__).resolve().parent / "fixtures"
OPENROUTER_TRIMMED = LIVE_FIXTURES / "openrouter-models-2026-05-15-trimmed.json"
OPENROUTER_PROVIDER = LIVE_FIXTURES / "openrouter-provider.json"
TEST_KEY_VARIABLE = "CATWALK_TEST_API_KEY"
# The cloud platforms' credentials and regions (AWS_*, GOOGLE_*, VERTEXAI_*, AZURE_*).
CLOUD_PREFIXES = ("AWS_", "GOOGLE_", "VERTEXAI_", "AZURE_", "CLOUDSDK_")


def model(model_id: str, **overrides: Any) -> dict[str, Any]:
    """A valid database model entry."""
    entry: dict[str, Any] = {
        "id": model_id,
        "name": model_id,
        "cost_per_1m_in": 1,
        "cost_per_1m_out": 2,
        "cost_per_1m_in_cached": 0,
        "cost_per_1m_out_cached": 0,
        "context_window": 128000,
        "default_max_tokens": 8192,
        "can_reason": False,
        "supports_attachments": False,
    }
    entry.update(overrides)
    return entry


def provider_doc(
    provider_id: str,
    models: Sequence[dict[str, Any]],
    *,
    provider_type: str = "openai-compat",
    api_key: str | None = "$" + TEST_KEY_VARIABLE,
    api_endpoint: str | None = "https://api.example.invalid/v1",
) -> dict[str, Any]:
    doc: dict[str, Any] = {"name": provider_id.title(), "id": provider_id, "type": provider_type}
    if api_key is not None:
        doc["api_key"] = api_key
    if api_endpoint is not None:
        doc["api_endpoint"] = api_endpoint
    doc["default_large_model_id"] = models[0]["id"]
    doc["default_small_model_id"] = models[-1]["id"]
    doc["models"] = [copy.deepcopy(m) for m in models]
    return doc


def openai_list(ids: Sequence[str]) -> dict[str, Any]:
    """The real OpenAI-compatible `/models` envelope."""
    return {
        "object": "list",
        "data": [{"id": i, "object": "model", "created": 1700000000, "owned_by": "system"} for i in ids],
    }


def load(paths: Sequence[Path]) -> list[ProviderFile]:
    return [load_path(p) for p in paths]


def check_live(
    paths: Sequence[Path],
    *,
    overrides: Mapping[str, str] | None = None,
    environ: Mapping[str, str] | None = None,
    options: FetchOptions | None = None,
    lookup: AdapterLookup | None = None,
) -> tuple[Report, Gathered]:
    """resolve + fetch + compare in-process, the way `catwalk drift` does. Without
    `overrides`, the operator points each provider whose file names a loopback endpoint
    at it (`--endpoint ID=URL`): a data file alone never makes drift send a key there."""
    env = {TEST_KEY_VARIABLE: "test-key-123"} if environ is None else environ
    files = load(paths)
    chosen = local_endpoints(files) if overrides is None else overrides
    targets = resolve(files, overrides=chosen, environ=env, lookup=lookup)
    gathered = Gathered(targets, fetch_all(targets, options))
    return build_report(gathered), gathered


def local_endpoints(files: Sequence[ProviderFile]) -> dict[str, str]:
    """{provider id: its api_endpoint} for files whose endpoint is on 127.0.0.1."""
    return {
        pf.provider_id or pf.stem: endpoint
        for pf in files
        if (endpoint := pf.get_str("api_endpoint") or "").startswith("http://127.0.0.1")
    }


def endpoint_args(paths: Sequence[Path]) -> list[str]:
    """The `--endpoint ID=URL` arguments an operator gives for `local_endpoints` (of the
    given files, or of the *.json files in given directories)."""
    files = [f for p in paths for f in (sorted(p.glob("*.json")) if p.is_dir() else [p]) if f.is_file()]
    return [f"--endpoint={pid}={url}" for pid, url in local_endpoints(load(files)).items()]


def clean_env(**extra: str) -> dict[str, str]:
    """os.environ without API keys or endpoint overrides, plus `extra` (for subprocesses)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CATWALK_ENDPOINT_", *CLOUD_PREFIXES))
        and not k.endswith(("_API_KEY", "_TOKEN", "_SECRET_KEY"))
    }
    env.update(extra)
    return env

"""Helpers shared by the tests (importable as `catwalk_testing`; tests/ is on pythonpath)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
REFERENCE = Path(os.environ.get("CATWALK_REFERENCE", REPO.parent / "shared" / "reference"))


def _minimal_model(model_id: str = "model-large") -> dict[str, Any]:
    return {
        "id": model_id,
        "name": model_id.replace("-", " ").title(),
        "cost_per_1m_in": 1,
        "cost_per_1m_out": 2,
        "cost_per_1m_in_cached": 1.25,
        "cost_per_1m_out_cached": 0.1,
        "context_window": 128000,
        "default_max_tokens": 8192,
        "can_reason": True,
        "reasoning_levels": ["low", "medium", "high"],
        "default_reasoning_effort": "medium",
        "supports_attachments": True,
    }


MINIMAL_PROVIDER: dict[str, Any] = {
    "name": "Example",
    "id": "example",
    "type": "openai-compat",
    "api_key": "$EXAMPLE_API_KEY",
    "api_endpoint": "https://api.example.com/v1",
    "default_large_model_id": "model-large",
    "default_small_model_id": "model-small",
    "models": [_minimal_model("model-large"), _minimal_model("model-small")],
}


def run_catwalk(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess (exit codes, stdout/stderr, no traceback)."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    full_env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "catwalk", *map(str, args)],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )

"""Tiny catalogue documents in the sources' real shapes, turned into snapshot files for a test.
(Imported by the tests as `deep.snapshots`.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from catwalk.sources import build


def litellm_entry(provider: str, **fields: Any) -> dict[str, Any]:
    """A LiteLLM map entry; prices are given per 1M tokens here and stored per token."""
    entry: dict[str, Any] = {"litellm_provider": provider, "mode": "chat"}
    for key, value in fields.items():
        entry[key] = value / 1e6 if key.endswith(("_cost_per_token", "_token_cost")) else value
    return entry


def genai_provider(provider_id: str, *models: dict[str, Any]) -> dict[str, Any]:
    return {"id": provider_id, "name": provider_id, "models": list(models)}


def openrouter_model(model_id: str, prompt: float, completion: float, **extra: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": model_id,
        "name": model_id,
        "context_length": extra.pop("context_length", 200000),
        "architecture": {"input_modalities": extra.pop("input_modalities", ["text"])},
        "pricing": {"prompt": f"{prompt / 1e6:.12f}", "completion": f"{completion / 1e6:.12f}"},
        "top_provider": {"max_completion_tokens": extra.pop("max_completion_tokens", None)},
        "supported_parameters": extra.pop("supported_parameters", ["tools"]),
        "expiration_date": extra.pop("expiration_date", None),
    }
    doc.update(extra)
    return doc


def modelsdev_model(
    model_id: str, *, efforts: list[str] | None = None, reasoning: bool | None = None, **extra: Any
) -> dict[str, Any]:
    """A models.dev api.json entry; `efforts` becomes its `reasoning_options` effort values."""
    doc: dict[str, Any] = {
        "id": model_id,
        "name": model_id,
        "reasoning": bool(efforts) if reasoning is None else reasoning,
        "attachment": False,
        "limit": {"context": 200000, "output": 32000},
        "modalities": {"input": ["text"], "output": ["text"]},
        "cost": {"input": 1, "output": 2},
    }
    if efforts is not None:
        doc["reasoning_options"] = [{"type": "toggle"}, {"type": "effort", "values": efforts}]
    doc.update(extra)
    return doc


def write_snapshots(
    directory: Path,
    *,
    litellm: dict[str, Any] | None = None,
    genai: list[dict[str, Any]] | None = None,
    openrouter: list[dict[str, Any]] | None = None,
    modelsdev: dict[str, list[dict[str, Any]]] | None = None,
    date: str = "2026-08-21",
) -> Path:
    """Snapshot files of the given catalogues; `modelsdev` maps a models.dev provider id
    (`anthropic`, `openrouter`...) to its models."""
    directory.mkdir(parents=True, exist_ok=True)
    modelsdev_doc = (
        {pid: {"id": pid, "models": {m["id"]: m for m in models}} for pid, models in modelsdev.items()}
        if modelsdev is not None
        else None
    )
    for name, doc in (
        ("litellm", litellm),
        ("genai-prices", genai),
        ("openrouter", {"data": openrouter} if openrouter is not None else None),
        ("models.dev", modelsdev_doc),
    ):
        if doc is not None:
            (directory / f"{name}.json").write_text(build.dumps(build.snapshot(name, doc, date)), "utf-8")
    return directory

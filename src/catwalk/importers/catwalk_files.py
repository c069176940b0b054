"""Import upstream Catwalk provider files (charmbracelet/catwalk `internal/providers/configs`).

Mechanical normalisation only; every change is logged so that `providers/CHANGES.md` can
say what happened and why:
- legacy keys: `reasoning_effort` becomes `default_reasoning_effort` (dropped when empty),
  `has_reasoning_efforts` is dropped (v2 expresses it through `reasoning_levels`),
  model-level sampling keys (`temperature`, `top_p`, ...) move under `options`;
- empty `api_key` / `api_endpoint` strings are dropped (Crush treats "" as absent);
- prices are rounded to 10 significant digits (0.09999999999999999 becomes 0.1);
- the file is named after the provider id; `$schema` is added.
Data errors (defaults that are not listed, limits that contradict each other) are left
for `catwalk check` to report and for a person to fix with evidence.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from catwalk.importers import Imported

HELP = "upstream Catwalk provider files (a directory of *.json)"

SAMPLING_KEYS = ("temperature", "top_p", "top_k", "frequency_penalty", "presence_penalty")
PRICE_KEYS = ("cost_per_1m_in", "cost_per_1m_out", "cost_per_1m_in_cached", "cost_per_1m_out_cached")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", type=Path, metavar="DIR", help="directory of upstream provider files")


def round_price(value: Any) -> Any:
    """Float noise off (0.09999999999999999 -> 0.1); anything but a float as it is."""
    from catwalk import units

    return units.whole(units.round_sig(value)) if isinstance(value, float) else value


def normalise_model(model: dict[str, Any], where: str, changes: list[str]) -> dict[str, Any]:
    out = dict(model)
    if "reasoning_effort" in out:
        legacy = out.pop("reasoning_effort")
        if legacy and not out.get("default_reasoning_effort"):
            out["default_reasoning_effort"] = legacy
            changes.append(f"{where}: renamed legacy `reasoning_effort` to `default_reasoning_effort`")
        else:
            changes.append(f"{where}: dropped legacy `reasoning_effort` ({legacy!r}, no effect in v2)")
    if "has_reasoning_efforts" in out:
        flag = out.pop("has_reasoning_efforts")
        changes.append(
            f"{where}: dropped legacy `has_reasoning_efforts: {json.dumps(flag)}` "
            "(v2 lists `reasoning_levels`)"
        )
    moved = {k: out.pop(k) for k in SAMPLING_KEYS if k in out}
    if moved:
        options = dict(out.get("options") or {})
        for key, value in moved.items():
            options.setdefault(key, value)
        out["options"] = options
        changes.append(
            f"{where}: moved {', '.join(f'`{k}`' for k in moved)} under `options` "
            "(Crush ignored them at model level)"
        )
    for key in PRICE_KEYS:
        if key in out:
            rounded = round_price(out[key])
            if rounded != out[key]:
                changes.append(f"{where}: rounded `{key}` {out[key]!r} to {rounded!r}")
                out[key] = rounded
    return out


def normalise(data: dict[str, Any], stem: str) -> Imported:
    from catwalk.model import SCHEMA_REF

    changes: list[str] = []
    out: dict[str, Any] = {"$schema": SCHEMA_REF}
    out.update({k: v for k, v in data.items() if k != "$schema"})
    for key in ("api_key", "api_endpoint"):
        if out.get(key) == "":
            del out[key]
            changes.append(f"dropped empty `{key}`")
    models = out.get("models")
    if isinstance(models, list):
        out["models"] = [
            normalise_model(m, f"model `{m.get('id')}`", changes) if isinstance(m, dict) else m
            for m in models
        ]
    provider_id = out.get("id") if isinstance(out.get("id"), str) else stem
    if provider_id != stem:
        changes.append(f"file renamed from {stem}.json to {provider_id}.json to match the provider id")
    return Imported(filename=f"{provider_id}.json", data=out, changes=changes, source=f"{stem}.json")


def convert(args: argparse.Namespace) -> list[Imported]:
    from catwalk.errors import UsageError

    source: Path = args.source
    if not source.is_dir():
        raise UsageError(f"not a directory: {source}")
    imported = []
    for path in sorted(source.glob("*.json")):
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"{path}: cannot import: {exc}") from None
        if not isinstance(data, dict):
            raise UsageError(f"{path}: not a provider object")
        imported.append(normalise(data, path.stem))
    return imported

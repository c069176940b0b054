"""Read and validate the JSON drift report that `catwalk drift --format json` writes
(`catwalk.live.report` writes it; `catwalk issues sync` reads it here).

The format (version 1) is fixed by the live-drift issue:

    {"version": 1, "generated_at": "...",
     "providers": [{"provider", "status": "ok"|"unknown"|"skipped", "reason", "source",
                    "models_seen"}],
     "drift": [{"provider", "model", "field", "kind": "changed"|"removed"|"added",
                "ours", "live", "severity", "message", "source"?: "live"|"catalogue"}]}

Unknown keys are ignored so the report can grow; a wrong type or a missing required key
is a `ReportError` that names the file and the JSON path.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The format's constants are the writer's: one definition of version 1.
from catwalk.live.report import KINDS, STATUSES
from catwalk.live.report import VERSION as SUPPORTED_VERSION

# Ranks for --min-severity; a severity we do not know ranks highest so it is never hidden.
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class ReportError(ValueError):
    """The report cannot be used; the message says where and why."""


@dataclass(frozen=True)
class ProviderStatus:
    provider: str
    status: str
    reason: str | None = None
    source: str | None = None
    models_seen: int | None = None
    listing: bool = True  # False: the provider has no model-listing API (only catalogue items)

    @property
    def checked(self) -> bool:
        """Whether this run speaks for the provider: its API answered, or it has no API and
        the catalogues and calendar are all there is (a skip for a missing key is not)."""
        return self.status == "ok" or (self.status == "skipped" and not self.listing)


@dataclass(frozen=True)
class DriftItem:
    provider: str
    model: str
    field: str | None
    kind: str
    ours: Any = None
    live: Any = None
    severity: str = "warning"
    message: str = ""
    source: str = "live"  # or "catalogue": what the catalogues say, where the API is silent

    def rank(self) -> int:
        return SEVERITY_RANK.get(self.severity, len(SEVERITY_RANK))


@dataclass(frozen=True)
class DriftReport:
    generated_at: str | None
    providers: dict[str, ProviderStatus]
    drift: tuple[DriftItem, ...]

    def status_of(self, provider: str) -> ProviderStatus | None:
        """The provider's status; a provider that has drift but no status entry was
        evidently checked, so it counts as "ok"."""
        status = self.providers.get(provider)
        if status is None and any(item.provider == provider for item in self.drift):
            return ProviderStatus(provider, "ok")
        return status

    def items_for(self, provider: str, min_severity: str = "info") -> list[DriftItem]:
        floor = SEVERITY_RANK.get(min_severity, 0)
        return [item for item in self.drift if item.provider == provider and item.rank() >= floor]

    def provider_ids(self) -> set[str]:
        return set(self.providers) | {item.provider for item in self.drift}


def load_report(path: Path) -> DriftReport:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReportError(f"{path}: no such file (did `catwalk drift --output` run?)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(f"{path}: cannot read: {exc}") from None
    return parse_report(text, str(path))


def parse_report(text: str, name: str = "<report>") -> DriftReport:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    return _Validator(name).report(data)


class _Validator:
    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, where: str, message: str) -> ReportError:
        return ReportError(f"{self.name}: {where}: {message}")

    def report(self, data: Any) -> DriftReport:
        if not isinstance(data, dict):
            raise self.fail("$", f"expected an object, got {_kind(data)}")
        version = data.get("version")
        if version != SUPPORTED_VERSION or isinstance(version, bool):
            raise self.fail(
                "$.version", f"unsupported report version {version!r} (this catwalk reads version 1)"
            )
        generated_at = self.optional_str(data, "generated_at", "$")
        providers: dict[str, ProviderStatus] = {}
        for index, entry in enumerate(self.array(data, "providers", "$")):
            status = self.provider(entry, f"$.providers[{index}]")
            if status.provider in providers:
                raise self.fail(f"$.providers[{index}].provider", f"{status.provider!r} is listed twice")
            providers[status.provider] = status
        drift = tuple(
            self.item(entry, f"$.drift[{index}]")
            for index, entry in enumerate(self.array(data, "drift", "$"))
        )
        return DriftReport(generated_at, providers, drift)

    def array(self, data: Mapping[str, Any], key: str, where: str) -> list[Any]:
        if key not in data:
            raise self.fail(where, f"missing required key {key!r}")
        value = data[key]
        if not isinstance(value, list):
            raise self.fail(f"{where}.{key}", f"expected an array, got {_kind(value)}")
        return value

    def required_str(self, data: Mapping[str, Any], key: str, where: str) -> str:
        if key not in data:
            raise self.fail(where, f"missing required key {key!r}")
        value = data[key]
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}.{key}", f"expected a non-empty string, got {_kind(value)}")
        return value

    def optional_str(self, data: Mapping[str, Any], key: str, where: str) -> str | None:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise self.fail(f"{where}.{key}", f"expected a string or null, got {_kind(value)}")
        return value

    def choice(self, data: Mapping[str, Any], key: str, where: str, allowed: tuple[str, ...]) -> str:
        value = self.required_str(data, key, where)
        if value not in allowed:
            raise self.fail(f"{where}.{key}", f"expected one of {', '.join(allowed)}, got {value!r}")
        return value

    def provider(self, entry: Any, where: str) -> ProviderStatus:
        if not isinstance(entry, dict):
            raise self.fail(where, f"expected an object, got {_kind(entry)}")
        models_seen = entry.get("models_seen")
        if models_seen is not None and (not isinstance(models_seen, int) or isinstance(models_seen, bool)):
            raise self.fail(f"{where}.models_seen", f"expected an integer or null, got {_kind(models_seen)}")
        listing = entry.get("listing", True)
        if not isinstance(listing, bool):
            raise self.fail(f"{where}.listing", f"expected a boolean, got {_kind(listing)}")
        return ProviderStatus(
            provider=self.required_str(entry, "provider", where),
            status=self.choice(entry, "status", where, STATUSES),
            reason=self.optional_str(entry, "reason", where),
            source=self.optional_str(entry, "source", where),
            models_seen=models_seen,
            listing=listing,
        )

    def item(self, entry: Any, where: str) -> DriftItem:
        if not isinstance(entry, dict):
            raise self.fail(where, f"expected an object, got {_kind(entry)}")
        if "model" not in entry:
            raise self.fail(where, "missing required key 'model'")
        model = entry["model"]
        if not isinstance(model, str):
            raise self.fail(f"{where}.model", f"expected a string, got {_kind(model)}")
        return DriftItem(
            provider=self.required_str(entry, "provider", where),
            model=model,
            field=self.optional_str(entry, "field", where),
            kind=self.choice(entry, "kind", where, KINDS),
            ours=entry.get("ours"),
            live=entry.get("live"),
            severity=self.optional_str(entry, "severity", where) or "warning",
            message=self.optional_str(entry, "message", where) or "",
            source=self.optional_str(entry, "source", where) or "live",
        )


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})"
    if isinstance(value, str):
        return f"a string ({value[:40]!r})"
    if isinstance(value, list):
        return "an array"
    return "an object"

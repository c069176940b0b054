"""Tolerances and thresholds from `[tool.catwalk.settings]`, with their defaults.

A setting of the wrong type or range does not crash a check: the check uses the
default and reports the bad setting once (see `Settings.problems`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from catwalk.document import Database
from catwalk.rules import Hit

DEFAULTS: dict[str, Any] = {
    # Cross-provider and cross-source: relative difference of context windows that is noise.
    "context-tolerance": 0.1,
    # Cross-provider: flag a context this many times smaller than the consensus (0 = never:
    # providers legitimately serve a model with a smaller window).
    "context-smaller-factor": 0,
    # Cross-provider: a consensus needs this many providers and this share of them.
    "consensus-min-providers": 3,
    "consensus-agreement": 0.75,
    # Cross-source: relative and absolute (USD per 1M) difference of prices that is noise.
    "price-tolerance": 0.02,
    "price-tolerance-absolute": 0.005,
    # Lifecycle: the day retirement dates are compared with (default: today, UTC).
    "today": None,
    # Lifecycle: announce a shutdown date this many days ahead (CW903; 0 = never).
    "retirement-notice-days": 30,
    # Cross-source and lifecycle: a directory of snapshot files to use instead of the
    # ones shipped in the package.
    "snapshot-dir": None,
}

_RANGES: dict[str, tuple[float, float]] = {
    "context-tolerance": (0.0, 10.0),
    "context-smaller-factor": (0.0, 1000.0),
    "consensus-min-providers": (2.0, 1000.0),
    "consensus-agreement": (0.5, 1.0),
    "price-tolerance": (0.0, 10.0),
    "price-tolerance-absolute": (0.0, 1000.0),
    "retirement-notice-days": (0.0, 3650.0),
}


class Settings:
    __slots__ = ("problems", "raw")

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = raw
        self.problems: list[str] = []

    def number(self, key: str) -> float:
        default = float(DEFAULTS[key])
        value = self.raw.get(key, default)
        low, high = _RANGES[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            self._bad(key, value, f"a number from {low:g} to {high:g}", default)
            return default
        return float(value)

    def notice_days(self) -> int:
        value = self.raw.get("retirement-notice-days", DEFAULTS["retirement-notice-days"])
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 3650:
            return value
        self._bad("retirement-notice-days", value, "a whole number of days from 0 to 3650", 30)
        return int(DEFAULTS["retirement-notice-days"])

    def today(self) -> str:
        """Today as an ISO date (YYYY-MM-DD), which compares correctly as a string.
        `time` rather than `datetime`: the lifecycle rules run on every check."""
        import time

        value = self.raw.get("today")
        now = time.strftime("%Y-%m-%d", time.gmtime())
        if value is None:
            return now
        if hasattr(value, "isoformat"):  # a TOML date or datetime
            return str(value.isoformat())[:10]
        if isinstance(value, str):
            import datetime as dt  # only when a date was configured

            try:
                return dt.date.fromisoformat(value).isoformat()
            except ValueError:
                pass
        self._bad("today", value, "a date (YYYY-MM-DD)", now)
        return now

    def text(self, key: str) -> str | None:
        value = self.raw.get(key)
        if value is None or isinstance(value, str):
            return value
        self._bad(key, value, "a string", None)
        return None

    def _bad(self, key: str, value: Any, expected: str, default: Any) -> None:
        self.problems.append(
            f"[tool.catwalk.settings] {key} = {value!r} is not {expected}; using {default!r}"
        )


def read(settings: Mapping[str, Any] | None) -> Settings:
    return Settings(settings if isinstance(settings, Mapping) else {})


def _reported(_: Database) -> set[str]:
    return set()  # the run's settings problems already reported (its memo is per run)


def report_once(db: Database, problems: Iterable[str]) -> Iterator[Hit]:
    """Hits for settings problems not reported yet in this run (several rule families read
    the same keys), attached to the first file: settings belong to no provider file."""
    reported = db.memo(_reported)
    for problem in problems:
        if problem not in reported and db.files:
            reported.add(problem)
            yield Hit("", problem, file=db.files[0])

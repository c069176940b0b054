"""`/metrics`: upstream's request counter, summed over every worker (prometheus-client's
multiprocess mode, in the runtime directory), and what an operator needs about the
database being served and the reloads, read from the supervisor's `current.json`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, InfoMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.platform_collector import PlatformCollector
from prometheus_client.registry import Collector

from catwalk.serve import state

CONTENT_TYPE = CONTENT_TYPE_LATEST


def request_counter(registry: CollectorRegistry | None) -> Counter:
    # Upstream's name and help; in multiprocess mode every worker writes its own file.
    return Counter(
        "catwalk_providers_requests",
        "Total number of requests to the providers endpoint",
        registry=registry,
    )


class DatabaseCollector(Collector):
    def __init__(self, runtime: Path) -> None:
        self.runtime = runtime

    def collect(self) -> Iterator[Metric]:
        try:
            pointer = state.read_pointer(self.runtime)
        except (OSError, ValueError):
            return
        info = InfoMetricFamily("catwalk_database", "The database being served")
        info.add_metric([], {
            "etag": str(pointer.get("etag", "")),
            "compact_etag": str(pointer.get("compact_etag", "")),
            "source": str(pointer.get("source", "")),
        })  # fmt: skip
        yield info
        for name, key, text in (
            ("catwalk_database_providers", "providers", "Providers in the database being served"),
            ("catwalk_database_models", "models", "Models in the database being served"),
            ("catwalk_database_loaded_timestamp_seconds", "loaded_at", "When the served database was loaded"),
            ("catwalk_database_warnings", "warnings", "Warning-level findings in the served database"),
            ("catwalk_database_calendar_findings", "calendar",
             "Findings in the served database that only a passing date causes (logged, never fatal)"),
            ("catwalk_database_last_reload_failure_timestamp_seconds", "last_failure_at",
             "When a reload was last rejected (0: never)"),
        ):  # fmt: skip
            yield GaugeMetricFamily(name, text, value=float(pointer.get(key) or 0))
        yield CounterMetricFamily(
            "catwalk_database_reloads",
            "Reloads that replaced the served database",
            value=pointer.get("reloads", 0),
        )
        yield CounterMetricFamily(
            "catwalk_database_reload_failures",
            "Reloads rejected (errors found or unreadable); the last good database stays served",
            value=pointer.get("reload_failures", 0),
        )


class Metrics:
    """The counter a worker increments and the page it renders."""

    def __init__(self, runtime: Path) -> None:
        self.multiprocess = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
        if self.multiprocess:
            self.counter = request_counter(None)  # values go to this process's file
            self.registry = CollectorRegistry()
            MultiProcessCollector(self.registry)  # type: ignore[no-untyped-call]
        else:
            self.registry = CollectorRegistry()
            self.counter = request_counter(self.registry)
        PlatformCollector(registry=self.registry)
        self.registry.register(DatabaseCollector(runtime))

    def render(self) -> bytes:
        return generate_latest(self.registry)

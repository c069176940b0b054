"""The server's runtime directory, shared by the supervisor and its workers.

The supervisor validates a database and publishes it here: the bodies into a new
generation directory, then `current.json` (which generation, its tags and counts, and the
reload history) replaced atomically. Workers only read: they never validate, so a database
is checked once however many workers serve it, and a rejected one never reaches them.

    <runtime>/current.json
    <runtime>/db-<generation>/identity  gzip  br  zstd
    <runtime>/metrics/                  prometheus-client's multiprocess files
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catwalk.atomic import write_bytes, write_text
from catwalk.serve.database import Snapshot

POINTER = "current.json"
METRICS = "metrics"


@dataclass
class History:
    """What happened to reloads since the server started (reported in /metrics)."""

    reloads: int = 0
    failures: int = 0
    last_failure: str = ""
    last_failure_at: float = 0.0
    generation: int = 0
    meta: dict[str, Any] = field(default_factory=dict)


def publish(runtime: Path, snapshot: Snapshot, history: History) -> None:
    """Make `snapshot` what the workers serve."""
    history.generation += 1
    directory = runtime / f"db-{history.generation}"
    directory.mkdir()
    write_bytes(directory / "identity", snapshot.body)
    for coding, body in snapshot.encoded.items():
        write_bytes(directory / coding, body)
    history.meta = {
        "etag": snapshot.etag,
        "compact_etag": snapshot.compact_etag,
        "providers": snapshot.providers,
        "models": snapshot.models,
        "loaded_at": snapshot.loaded_at,
        "source": snapshot.source,
        "warnings": snapshot.warnings,
        "calendar": snapshot.calendar,
        "encodings": sorted(snapshot.encoded),
    }
    _write_pointer(runtime, history)
    # Keep the previous generation: a worker may be reading it right now.
    for old in runtime.glob("db-*"):
        if old.name not in (f"db-{history.generation}", f"db-{history.generation - 1}"):
            shutil.rmtree(old, ignore_errors=True)


def record_failure(runtime: Path, history: History, reason: str) -> None:
    history.failures += 1
    history.last_failure = reason
    history.last_failure_at = time.time()
    _write_pointer(runtime, history)


def _write_pointer(runtime: Path, history: History) -> None:
    pointer = {
        "generation": history.generation,
        "reloads": history.reloads,
        "reload_failures": history.failures,
        "last_failure": history.last_failure,
        "last_failure_at": history.last_failure_at,
        **history.meta,
    }
    write_text(runtime / POINTER, json.dumps(pointer, indent=2) + "\n")


def read_pointer(runtime: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((runtime / POINTER).read_text("utf-8"))
    return loaded


def read_bodies(runtime: Path, pointer: dict[str, Any]) -> dict[str, bytes]:
    """content-coding ("identity" for none) -> body, of the pointer's generation."""
    directory = runtime / f"db-{pointer['generation']}"
    codings = ["identity", *pointer.get("encodings", ())]
    return {coding: (directory / coding).read_bytes() for coding in codings}

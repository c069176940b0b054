"""What the database-wide rule families of one run share, read once: the settings, the
tolerances they give, and the catalogue snapshots (`catwalk snapshots`), with the entries
of every model the database lists parsed in one go."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from catwalk.document import Database
from catwalk.sources import store
from catwalk.sources.ids import model_key

from . import _settings


class Tolerances(NamedTuple):
    price_relative: float
    price_absolute: float
    context: float


class RunContext(NamedTuple):
    settings: _settings.Settings
    tolerances: Tolerances
    today: str
    notice_days: int  # announce shutdown dates this many days ahead
    snapshots: list[store.Snapshot]
    # Bad settings and unreadable snapshots: reported once, by the first family that runs.
    problems: tuple[str, ...]


def context(db: Database) -> RunContext:
    """The run's context, built on first use and kept with the database."""
    return db.memo(_build)


def _build(db: Database) -> RunContext:
    settings = _settings.read(db.settings)
    tolerances = Tolerances(
        settings.number("price-tolerance"),
        settings.number("price-tolerance-absolute"),
        settings.number("context-tolerance"),
    )
    today = settings.today()
    notice_days = settings.notice_days()
    directory = settings.text("snapshot-dir")
    problems = list(settings.problems)
    snapshots = []
    for name in store.SOURCES:
        try:
            snap = store.load(name, Path(directory) if directory else None)
        except store.SnapshotError as exc:
            problems.append(f"{exc}; the cross-source, reasoning and lifecycle checks skip it")
            continue
        if snap is not None:
            snapshots.append(snap)
    if directory and not snapshots and len(problems) == len(settings.problems):
        problems.append(f"[tool.catwalk.settings] snapshot-dir {directory!r} holds no snapshot")
    keys = {model_key(m["id"]) for pf in db.files for _, m in pf.models() if isinstance(m.get("id"), str)}
    for snap in snapshots:
        snap.prefetch(keys)  # one C parse per snapshot instead of one per model and rule
    return RunContext(settings, tolerances, today, notice_days, snapshots, tuple(problems))

"""Reloads, in the supervisor: on SIGHUP or a change under PATH, check the database again
and publish it if it passed; if it did not, log why, count it and keep serving the last
good one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from catwalk.serve import database, state

if TYPE_CHECKING:
    from catwalk.engine import CheckResult

log = logging.getLogger("catwalk.serve")


def describe(snapshot: database.Snapshot) -> str:
    text = (
        f'{snapshot.providers} providers, {snapshot.models} models, ETag "{snapshot.etag}" '
        f'(compact "{snapshot.compact_etag}")'
    )
    if snapshot.calendar:
        text += f"; {snapshot.calendar} finding(s) only a passing date causes (not fatal)"
    return text


def log_calendar(result: CheckResult) -> None:
    """Findings only a passing date causes: logged, one line each, and served anyway."""
    for f in result.findings:
        if f.calendar:
            log.warning("catwalk serve: %s:%d:%d: %s %s (a date passed; not fatal)",
                        f.file, f.line, f.column, f.rule, f.message)  # fmt: skip


class Reloader:
    def __init__(
        self,
        path: Path,
        runtime: Path,
        findings_text: Callable[[database.Rejected], str],
        baseline: Path | None = None,
    ) -> None:
        self.path = path
        self.baseline = baseline
        self.runtime = runtime
        self.history = state.History()
        self.findings_text = findings_text
        self._lock = threading.Lock()

    def start(self, snapshot: database.Snapshot) -> None:
        state.publish(self.runtime, snapshot, self.history)

    def reload(self, why: str) -> bool:
        """True when a new database is being served."""
        with self._lock:
            try:
                snapshot, result = database.load(self.path, self.baseline)
            except database.Rejected as exc:
                details = self.findings_text(exc)
                log.error("catwalk serve: reload (%s) rejected, still serving the last good database: %s%s",
                          why, exc, "\n" + details if details else "")  # fmt: skip
                state.record_failure(self.runtime, self.history, str(exc))
                return False
            except Exception as exc:  # a bug must not take the running server down
                log.exception("catwalk serve: reload (%s) failed", why)
                state.record_failure(self.runtime, self.history, f"{type(exc).__name__}: {exc}")
                return False
            log_calendar(result)
            self.history.reloads += 1
            state.publish(self.runtime, snapshot, self.history)
            log.info("catwalk serve: reloaded (%s): %s", why, describe(snapshot))
            return True

"""What the server serves: a database that passed `catwalk check`, encoded once as upstream
encodes it, with both ETags Crush may send and the compressed bodies built at load.

Only error-level findings refuse a database. Findings that only the calendar causes (a
shutdown date passing) are capped at warning by the check and counted, never fatal: a date
passing overnight must not take a running server down or stop it restarting.
"""

from __future__ import annotations

import gzip
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from catwalk import wire

if TYPE_CHECKING:
    from catwalk.engine import CheckResult

# Best first: what a client offering several gets (smallest body for this JSON).
ENCODINGS = ("br", "zstd", "gzip")


@dataclass(frozen=True)
class Snapshot:
    body: bytes  # json.MarshalIndent of the providers, as upstream serves them
    etag: str  # upstream's tag of `body`, unquoted
    compact_etag: str  # the tag of json.Marshal of the same providers: what Crush sends
    providers: int
    models: int
    loaded_at: float  # Unix time
    source: str
    warnings: int = 0
    calendar: int = 0  # findings that only a passing date causes
    encoded: dict[str, bytes] = field(default_factory=dict)  # content-coding -> body


class Rejected(Exception):
    """The database has error-level findings (or cannot be read); `result` says which."""

    def __init__(self, message: str, result: CheckResult | None = None) -> None:
        super().__init__(message)
        self.result = result


def compress(body: bytes) -> dict[str, bytes]:
    """Each content-coding whose library is installed (brotli and zstandard come with the
    `serve` extra; gzip always). Compressed once per load, so the slow levels are affordable."""
    out = {"gzip": gzip.compress(body, compresslevel=9, mtime=0)}
    try:
        import brotli
    except ImportError:
        pass
    else:
        # Quality 10: 5% larger than 11 for a fifth of the time (0.3 s for this database).
        out["br"] = brotli.compress(body, quality=10)
    try:
        import zstandard
    except ImportError:
        pass
    else:
        out["zstd"] = zstandard.ZstdCompressor(level=19).compress(body)
    return out


def load(path: Path, baseline: Path | None = None) -> tuple[Snapshot, CheckResult]:
    """Check and encode the database at `path` (findings `baseline` accepts do not count);
    Rejected when it must not be served."""
    from catwalk.commands.check import check_database
    from catwalk.errors import UsageError
    from catwalk.findings import Severity

    try:
        result = check_database(path, baseline)
    except (OSError, UsageError) as exc:
        raise Rejected(f"cannot read {path}: {exc}") from exc
    errors = sum(1 for f in result.findings if f.severity is Severity.ERROR)
    if errors:
        raise Rejected(f"{path}: {errors} error(s) found by catwalk check", result)
    if not result.files:
        raise Rejected(f"{path}: no provider files")
    try:
        values = wire.providers(pf.data for pf in result.files)
    except wire.WireError as exc:
        raise Rejected(f"{path}: {exc}", result) from exc
    body = wire.indented(values)
    snapshot = Snapshot(
        body=body,
        etag=wire.etag(body),
        compact_etag=wire.etag(wire.compact(values)),
        providers=len(values),
        models=sum(len(dict(p).get("models", ())) for p in values),
        loaded_at=time.time(),
        source=str(path),
        warnings=sum(1 for f in result.findings if f.severity is Severity.WARNING),
        calendar=sum(1 for f in result.findings if f.calendar),
        encoded=compress(body),
    )
    return snapshot, result

"""The hidden HTML-comment markers that make an issue ours and carry the sync's state.

A drift issue's body ends with

    <!-- catwalk-drift {"v":1,"provider":"openrouter","fp":"…","clean":0,"items":{…}} -->

and the bookkeeping issue (only used with --open-after above 1) with

    <!-- catwalk-drift-state {"v":1,"pending":{"groq":1}} -->

Issues are recognised by the marker, never by title, so a human may retitle an issue.
Deleting the marker hands the issue back to humans: the sync no longer sees it.
The JSON is written with `<`, `>` and `&` escaped, so no value can close the comment.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import Any

VERSION = 1
DRIFT_TAG = "catwalk-drift"
STATE_TAG = "catwalk-drift-state"
_MARKER = re.compile(r"<!--\s*(catwalk-drift(?:-state)?)\s+(\{.*?\})\s*-->", re.DOTALL)
_HEX = re.compile(r"^[0-9a-f]{1,64}$")


@dataclass(frozen=True)
class DriftMarker:
    provider: str
    fingerprint: str
    # key digest -> value digest of every drift item the issue describes; None when the
    # set was too large to store (then only the fingerprint is compared).
    items: dict[str, str] | None = None
    # Consecutive clean runs seen while the issue is open.
    clean: int = 0
    # Set when the sync closed this issue as a duplicate of another one.
    duplicate_of: int | None = None
    version: int = VERSION
    # Set when the sync closed this issue (resolved or duplicate). Seen on an open issue,
    # it means a human reopened it, and the sync does not close it again on its own.
    closed: bool = False

    def with_clean(self, clean: int) -> DriftMarker:
        return replace(self, clean=clean)


@dataclass(frozen=True)
class StateMarker:
    # provider -> consecutive runs that saw drift while no issue was open
    pending: dict[str, int]
    version: int = VERSION


def _dump(payload: dict[str, Any]) -> str:
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def encode_drift(marker: DriftMarker) -> str:
    payload: dict[str, Any] = {
        "v": marker.version,
        "provider": marker.provider,
        "fp": marker.fingerprint,
        "clean": marker.clean,
    }
    if marker.items is not None:
        payload["items"] = marker.items
    if marker.duplicate_of is not None:
        payload["duplicate_of"] = marker.duplicate_of
    if marker.closed:
        payload["closed"] = True
    return f"<!-- {DRIFT_TAG} {_dump(payload)} -->"


def encode_state(marker: StateMarker) -> str:
    return f"<!-- {STATE_TAG} {_dump({'v': marker.version, 'pending': marker.pending})} -->"


def _payloads(body: str | None, tag: str) -> list[dict[str, Any]]:
    found = []
    for match in _MARKER.finditer(body or ""):
        if match.group(1) != tag:
            continue
        try:
            payload = json.loads(match.group(2))
        except json.JSONDecodeError:
            continue
        if isinstance(payload, dict):
            found.append(payload)
    return found


def parse_drift(body: str | None) -> DriftMarker | None:
    """The last well-formed drift marker in `body`, or None (then the issue is not ours)."""
    for payload in reversed(_payloads(body, DRIFT_TAG)):
        marker = _drift_from(payload)
        if marker is not None:
            return marker
    return None


def _drift_from(payload: dict[str, Any]) -> DriftMarker | None:
    version, provider, fp = payload.get("v"), payload.get("provider"), payload.get("fp")
    clean, items, dup = payload.get("clean", 0), payload.get("items"), payload.get("duplicate_of")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return None
    if not isinstance(provider, str) or not provider or not isinstance(fp, str) or not _HEX.match(fp):
        return None
    if not isinstance(clean, int) or isinstance(clean, bool) or clean < 0:
        return None
    if items is not None and not (
        isinstance(items, dict) and all(isinstance(v, str) for v in items.values())
    ):
        return None
    if dup is not None and (not isinstance(dup, int) or isinstance(dup, bool)):
        return None
    closed = payload.get("closed", False) is True
    return DriftMarker(provider, fp, items, clean, dup, version, closed)


def parse_state(body: str | None) -> StateMarker | None:
    for payload in reversed(_payloads(body, STATE_TAG)):
        pending = payload.get("pending")
        if isinstance(pending, dict) and all(
            isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v > 0
            for k, v in pending.items()
        ):
            return StateMarker(dict(pending))
    return None


def replace_drift_marker(body: str, marker: DriftMarker) -> str:
    """`body` with its drift marker swapped for `marker` (appended when it has none)."""
    encoded = encode_drift(marker)
    matches = [m for m in _MARKER.finditer(body) if m.group(1) == DRIFT_TAG]
    if not matches:
        return body.rstrip("\r\n") + "\n\n" + encoded + "\n"
    last = matches[-1]
    return body[: last.start()] + encoded + body[last.end() :]

"""`catwalk drift --record DIR`: what each provider's API answered, kept as fixtures.

One file per provider, `DIR/<provider>.json`: the date, the adapter, and for each page the
request's public URL and parameters (never its headers, which hold the key) and the answer
trimmed to what the adapter reads. The trimming is measured, not guessed: the page is
parsed again with every object wrapped so that the keys the adapter looks at are noted,
and only those are kept (with every item of a list). Every form of every key the run
knows, and anything shaped like a key, is then redacted from the text, which is written
atomically. A file is a starting point for `src/catwalk/live/adapters/fixtures/`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from catwalk.live.fetch import FetchResult
from catwalk.live.resolve import Target, public_url


class _Noted(dict):  # type: ignore[type-arg]
    """A JSON object that notes which keys are read."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        super().__init__({key: _wrap(value) for key, value in data.items()})
        self.read: set[str] = set()

    def get(self, key: Any, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key: Any) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self.read.add(key)  # type: ignore[arg-type]
        return super().__contains__(key)

    # Reading every key at once (iteration, items, values) reads them all.
    def _all(self) -> None:
        self.read.update(super().keys())

    def __iter__(self) -> Iterator[Any]:
        self._all()
        return super().__iter__()

    def items(self) -> Any:
        self._all()
        return super().items()

    def values(self) -> Any:
        self._all()
        return super().values()

    def keys(self) -> Any:
        self._all()
        return super().keys()


def _wrap(value: Any) -> Any:
    if isinstance(value, dict):
        return _Noted(value)
    if isinstance(value, list):
        return [_wrap(item) for item in value]
    return value


def _kept(value: Any) -> Any:
    if isinstance(value, _Noted):
        return {key: _kept(dict.__getitem__(value, key)) for key in dict.keys(value) if key in value.read}
    if isinstance(value, list):
        return [_kept(item) for item in value]
    return value


def trimmed(target: Target, payload: Any, request: Any) -> Any:
    """The payload cut down to the keys the adapter reads when it parses it."""
    if target.adapter is None:
        return payload
    noted = _wrap(payload)
    try:
        target.adapter.parse(noted, request)
    except Exception:
        return payload  # what the adapter could not read is kept whole: that is the fixture
    return _kept(noted)


def document(target: Target, result: FetchResult, now: datetime) -> dict[str, Any]:
    return {
        "provider": target.provider_id,
        "adapter": target.adapter.family if target.adapter is not None else None,
        "recorded_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "status": result.status,
        "pages": [
            {
                "url": public_url(request.url),
                "params": dict(request.params),
                "response": trimmed(target, payload, request),
            }
            for request, payload in result.pages_seen
        ],
    }


def write_recordings(
    directory: Path,
    targets: Sequence[Target],
    fetched: Mapping[str, FetchResult],
    secrets: Sequence[str],
    now: datetime,
) -> list[Path]:
    """One file per provider that answered at least one page; the paths written."""
    from catwalk.atomic import write_text
    from catwalk.secrets import redact

    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for target in targets:
        result = fetched.get(target.provider_id)
        if result is None or not result.pages_seen:
            continue
        text = json.dumps(document(target, result, now), indent=2, ensure_ascii=False) + "\n"
        path = directory / f"{_safe_name(target.provider_id)}.json"
        write_text(path, redact(text, secrets))
        written.append(path)
    return written


def _safe_name(provider_id: str) -> str:
    """A provider id as a file name: a stranger's file must not write outside DIR."""
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in provider_id).strip(".")
    return cleaned or "provider"

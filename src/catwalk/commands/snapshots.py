"""`catwalk snapshots build|refresh|list`: the cross-source catalogues the deep checks use.

`build` derives the snapshots from local copies of the catalogues (default
`$CATWALK_REFERENCE` or `../shared/reference`); `refresh` downloads them from the
sources' public URLs; `list` shows what is installed. The checks read the snapshots
only, never the network.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

HELP = "build the cross-source snapshots from reference files, refresh them from the web, or list them"


def _sources() -> tuple[str, ...]:
    from catwalk.sources.store import SOURCES

    return SOURCES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    build = sub.add_parser(
        "build",
        help="derive the snapshots from local copies of the catalogues",
        description="Derive the snapshots from local copies of the catalogues: "
        "<DIR>/litellm/model_prices_and_context_window.json, <DIR>/genai-prices/data.json, "
        "<DIR>/openrouter/api-v1-models-<date>.json and <DIR>/models.dev/api-<date>.json.",
    )
    build.add_argument(
        "--reference",
        type=Path,
        metavar="DIR",
        help="directory holding the catalogues (default: $CATWALK_REFERENCE or ../shared/reference)",
    )
    build.add_argument(
        "--date",
        action="append",
        default=[],
        metavar="SOURCE=YYYY-MM-DD",
        help="the date the catalogue was published (default: a date in its file name, else the "
        "existing snapshot's date when nothing changed, else the file's modification date)",
    )
    _common(build)

    refresh = sub.add_parser("refresh", help="download the catalogues from their public URLs")
    refresh.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS", help="per download")
    refresh.add_argument(
        "--url",
        action="append",
        default=[],
        metavar="SOURCE=URL",
        help="download SOURCE from URL instead of its public address (a mirror)",
    )
    _common(refresh)

    show = sub.add_parser("list", help="show the installed snapshots: source, date, models, URL")
    show.add_argument("--dir", type=Path, metavar="DIR", help="a snapshot directory (default: the package's)")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--source",
        action="append",
        choices=_sources(),
        metavar="NAME",
        help=f"only this source ({', '.join(_sources())}); repeatable; default: all",
    )
    parser.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="DIR",
        help="where to write the snapshots (default: the package's snapshot directory)",
    )


def run(args: argparse.Namespace) -> int:
    if args.action == "build":
        return _build(args)
    if args.action == "refresh":
        return _refresh(args)
    return _list(args)


def _dates(pairs: list[str]) -> dict[str, str]:
    import datetime as dt

    from catwalk.errors import UsageError

    dates: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or name not in _sources():
            raise UsageError(
                f"--date {pair!r}: expected SOURCE=YYYY-MM-DD with SOURCE one of {', '.join(_sources())}"
            )
        try:
            dates[name] = dt.date.fromisoformat(value).isoformat()
        except ValueError:
            raise UsageError(f"--date {pair!r}: {value!r} is not a date (YYYY-MM-DD)") from None
    return dates


def _urls(pairs: list[str]) -> dict[str, str]:
    from catwalk.errors import UsageError

    urls: dict[str, str] = {}
    for pair in pairs:
        name, sep, url = pair.partition("=")
        if not sep or name not in _sources() or not url.startswith(("http://", "https://")):
            raise UsageError(
                f"--url {pair!r}: expected SOURCE=http(s)://... with SOURCE one of {', '.join(_sources())}"
            )
        urls[name] = url
    return urls


def _build(args: argparse.Namespace) -> int:
    import datetime as dt
    import json
    import sys

    from catwalk.errors import UsageError
    from catwalk.sources import build
    from catwalk.sources.store import packaged_dir

    reference = args.reference or Path(
        os.environ.get("CATWALK_REFERENCE") or Path("..", "shared", "reference")
    )
    if not reference.is_dir():
        raise UsageError(f"reference directory {reference} does not exist; pass --reference DIR")
    dates = _dates(args.date)
    output = args.output or packaged_dir()
    status = 0
    for name in args.source or _sources():
        path = build.reference_file(reference, name)
        if path is None:
            from catwalk.importers.reference import FILES

            where = "/".join(FILES[name])
            print(f"{name}: no {where} under {reference}; skipped", file=sys.stderr)
            status = 1
            continue
        try:
            doc = json.loads(path.read_bytes())
        except (OSError, ValueError) as exc:
            print(f"{name}: cannot read {path}: {exc}", file=sys.stderr)
            status = 1
            continue
        explicit = dates.get(name) or build.date_of(path)
        fallback = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc).date().isoformat()
        try:
            result = build.write(
                name, doc, explicit or fallback, output, keep_date_if_unchanged=explicit is None
            )
        except build.SourceFormatError as exc:
            print(f"{name}: {path}: {exc}", file=sys.stderr)
            status = 1
            continue
        verb = "wrote" if result.written else "unchanged"
        print(f"{verb} {result.path}: {result.models} models, dated {result.date} (from {path})")
    return status


def _refresh(args: argparse.Namespace) -> int:
    import datetime as dt
    import sys

    from catwalk.secrets import redact
    from catwalk.sources import build
    from catwalk.sources.fetch import FetchError, fetch
    from catwalk.sources.store import packaged_dir

    output = args.output or packaged_dir()
    urls = _urls(args.url)
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    status = 0
    for name in args.source or _sources():
        try:
            doc = fetch(name, timeout=args.timeout, url=urls.get(name))
            result = build.write(name, doc, today, output, keep_date_if_unchanged=False)
        except (FetchError, build.SourceFormatError) as exc:
            print(f"{name}: {redact(str(exc))}; the existing snapshot is kept", file=sys.stderr)
            status = 1
            continue
        change = "changed" if result.changed else "same models"
        print(f"refreshed {result.path}: {result.models} models, dated {result.date} ({change})")
    return status


def _list(args: argparse.Namespace) -> int:
    from catwalk.sources.store import SnapshotError, load, packaged_dir

    directory = args.dir or packaged_dir()
    status = 0
    for name in _sources():
        try:
            snap = load(name, directory)
        except SnapshotError as exc:
            print(f"{name}: {exc}")
            status = 1
            continue
        if snap is None:
            print(f"{name}: no snapshot in {directory}")
            status = 1
        else:
            print(f"{name}: {len(snap)} models, dated {snap.date}, from {snap.url} ({snap.path})")
    return status

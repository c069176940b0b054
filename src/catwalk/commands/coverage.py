"""`catwalk coverage`: which sources verify which facts of each provider."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = (
    "show, for every provider and field group (ids, prices, cache prices, limits, image input, "
    "reasoning, levels), which sources verify it: the live API, the catalogues (with their dates), none"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="provider files or directories")
    parser.add_argument("--embedded", action="store_true", help="the database shipped with catwalk")
    formats = ("text", "json", "markdown")
    parser.add_argument("--format", choices=formats, default="text", help="output format")
    parser.add_argument("--output", "-o", type=Path, metavar="FILE", help="write to FILE (default: stdout)")


def run(args: argparse.Namespace) -> int:
    import json

    from catwalk import coverage
    from catwalk.config import load_config
    from catwalk.loader import load_path
    from catwalk.output import emit
    from catwalk.paths import default_target, expand
    from catwalk.sources import store

    config = load_config()
    files = [load_path(p) for p in expand(args.paths or [default_target(config, embedded=args.embedded)])]
    directory = config.settings.get("snapshot-dir")
    snapshots = store.load_all(Path(directory) if isinstance(directory, str) else None)
    report = coverage.coverage(files, snapshots)
    if args.format == "json":
        doc = {
            "snapshots": [{"source": s.name, "date": s.date, "url": s.url} for s in snapshots],
            "providers": [item.to_dict() for item in report],
            "prices_unverified": coverage.unverified_prices(report),
        }
        emit(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", args.output)
    elif args.format == "markdown":
        emit(coverage.markdown(report), args.output)
    else:
        emit(coverage.text(report), args.output)
    return 0

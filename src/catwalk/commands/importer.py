"""`catwalk import SOURCE ...`: write canonical provider files from another catalogue."""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from catwalk.importers import SOURCES

HELP = "import provider files from another catalogue, in canonical form"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="source", metavar="SOURCE", required=True)
    for name, module_name in SOURCES.items():
        module = importlib.import_module(module_name)
        source = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(source)
        source.add_argument(
            "--output",
            "-o",
            type=Path,
            default=Path("providers"),
            metavar="DIR",
            help="where to write provider files (default: providers)",
        )
        source.add_argument(
            "--dry-run", action="store_true", help="print what would be written, write nothing"
        )
        source.set_defaults(_convert=module.convert)


def run(args: argparse.Namespace) -> int:
    import sys

    from catwalk import canonical
    from catwalk.atomic import write_text

    imported = args._convert(args)
    if not args.dry_run:
        args.output.mkdir(parents=True, exist_ok=True)
    for item in imported:
        target = args.output / item.filename
        text = canonical.dumps(item.data)
        action = "unchanged"
        if not target.exists() or target.read_text("utf-8") != text:
            action = "would write" if args.dry_run else "wrote"
            if not args.dry_run:
                write_text(target, text)
        print(f"{action} {target} ({len(item.data.get('models') or [])} models) from {item.source}")
        for change in item.changes:
            print(f"  - {change}")
    print(f"{len(imported)} provider files imported", file=sys.stderr)
    return 0

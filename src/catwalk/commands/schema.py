"""`catwalk schema`: generate the JSON Schema from the pydantic models."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "generate the provider JSON Schema from the typed models"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", "-o", type=Path, metavar="FILE", help="write to FILE (default: stdout)")
    parser.add_argument(
        "--check", type=Path, metavar="FILE", help="exit 1 if FILE differs from the generated schema"
    )


def run(args: argparse.Namespace) -> int:
    import sys

    from catwalk.errors import UsageError
    from catwalk.output import emit
    from catwalk.schema_gen import render

    text = render()
    if args.check is not None:
        try:
            current = args.check.read_text("utf-8")
        except OSError as exc:
            raise UsageError(f"cannot read {args.check}: {exc.strerror}") from None
        if current != text:
            print(f"{args.check} is out of date; run `catwalk schema -o {args.check}`", file=sys.stderr)
            return 1
        print(f"{args.check} is up to date", file=sys.stderr)
        return 0
    emit(text, args.output)
    return 0

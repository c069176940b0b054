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
    from catwalk.output import check_generated, emit
    from catwalk.schema_gen import render

    text = render()
    if args.check is not None:
        return check_generated(args.check, text, f"catwalk schema -o {args.check}")
    emit(text, args.output)
    return 0

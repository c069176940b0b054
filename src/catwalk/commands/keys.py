"""`catwalk keys`: where each provider's key may be sent (the homes the adapters declare)."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = (
    "list each provider's key variables and the hosts its key may be sent to; "
    "--format json is the table `catwalk check` enforces (src/catwalk/data/homes.json)"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--output", "-o", type=Path, metavar="FILE", help="write to FILE (default: stdout)")
    parser.add_argument(
        "--check", type=Path, metavar="FILE", help="exit 1 if FILE differs from the JSON table"
    )


def render_text(table: object) -> str:
    from catwalk.homes import Homes

    assert isinstance(table, Homes)
    rows = [("PROVIDER", "KEY VARIABLES", "HOSTS", "ENDPOINT VARIABLES")]
    for provider_id, home in sorted(table.by_provider.items()):
        rows.append(
            (
                provider_id,
                " ".join("$" + v for v in home.keys) or "-",
                " ".join(home.hosts) or "(set by the operator)",
                " ".join("$" + v for v in home.endpoints) or "-",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows)
    return "".join(line.rstrip() + "\n" for line in lines)


def run(args: argparse.Namespace) -> int:
    from catwalk.live.adapters.registry import homes
    from catwalk.output import check_generated, emit

    table = homes()
    text = table.to_json()
    if args.check is not None:
        return check_generated(args.check, text, f"catwalk keys --format json -o {args.check}")
    emit(text if args.format == "json" else render_text(table), args.output)
    return 0

"""`catwalk models`: the models of the database (or of a Catwalk server), filtered and
sorted; a table on a terminal, JSON otherwise."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

HELP = "list models, filtered and sorted: a table on a terminal, JSON when piped"


def add_source_arguments(parser: argparse.ArgumentParser) -> None:
    """Where the models come from (shared with `catwalk cost`)."""
    parser.add_argument(
        "path", nargs="?", type=Path, metavar="PATH",
        help="provider file or directory (default: the database shipped with catwalk)",
    )  # fmt: skip
    parser.add_argument(
        "--url", help="read the providers from a Catwalk server instead (needs the `client` extra)"
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_source_arguments(parser)
    add = parser.add_argument
    add("--provider", action="append", default=[], metavar="ID", help="only this provider (repeatable)")
    add("--reasoning", action="store_true", default=None, help="only models that reason (can_reason)")
    add("--image", action="store_true", default=None, help="only models that take image input")
    add("--min-context", type=int, metavar="TOKENS", help="only models with at least this context window")
    add(
        "--max-price",
        type=float,
        metavar="USD",
        help="only models whose input costs at most this per 1M tokens",
    )
    add(
        "--max-output-price",
        type=float,
        metavar="USD",
        help="only models whose output costs at most this per 1M",
    )
    add("--search", metavar="TEXT", help="only models whose id or name contains TEXT (any case)")
    add("--sort", choices=("price", "context", "id"), default="id",
        help="price: cheapest input first; context: largest first; id: by provider and id (default)",
    )  # fmt: skip
    add("--format", choices=("auto", "table", "json"), default="auto",
        help="auto (default): a table on a terminal, JSON otherwise")  # fmt: skip


def load_rows(args: argparse.Namespace) -> list[Any]:
    from catwalk import listing
    from catwalk.errors import UsageError

    if args.url and args.path:
        raise UsageError("give PATH or --url, not both")
    return listing.from_server(args.url) if args.url else listing.from_path(args.path)


_PRICES = ("cost_per_1m_in", "cost_per_1m_out", "cost_per_1m_in_cached", "cost_per_1m_out_cached")


def _price(value: Any) -> str:
    return f"{value:g}" if isinstance(value, (int, float)) and not isinstance(value, bool) else "-"


def _table(rows: list[Any]) -> None:
    headers = (
        "provider",
        "model",
        "in $/1M",
        "out $/1M",
        "cache w",
        "cache r",
        "context",
        "reasoning",
        "image",
    )
    cells = [
        (
            r.provider,
            r.id,
            *(_price(r.model.get(key)) for key in _PRICES),
            f"{r.model.get('context_window', 0):,}",
            ",".join(r.model.get("reasoning_levels") or []) or ("yes" if r.model.get("can_reason") else ""),
            "yes" if r.model.get("supports_attachments") else "",
        )
        for r in rows
    ]
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:
        widths = [
            max(len(h), *(len(c[i]) for c in cells)) if cells else len(h) for i, h in enumerate(headers)
        ]
        for line in (headers, *cells):
            print("  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)).rstrip())
        return
    table = Table(*headers, caption=f"{len(rows)} models")
    for column in table.columns[2:7]:
        column.justify = "right"
    for line in cells:
        table.add_row(*line)
    Console().print(table)


def run(args: argparse.Namespace) -> int:
    import json

    from catwalk import listing

    rows = listing.select(
        load_rows(args),
        providers=args.provider,
        reasoning=args.reasoning,
        image=args.image,
        min_context=args.min_context,
        max_price=args.max_price,
        max_output_price=args.max_output_price,
        search=args.search,
    )
    rows = listing.ordered(rows, args.sort)
    as_table = args.format == "table" or (args.format == "auto" and sys.stdout.isatty())
    if as_table:
        _table(rows)
    else:
        sys.stdout.write(json.dumps([r.as_json() for r in rows], indent=2, ensure_ascii=False) + "\n")
    return 0

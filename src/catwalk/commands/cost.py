"""`catwalk cost`: what a request costs on a model, with Crush's semantics (cache writes
priced from `cost_per_1m_in_cached`, cache reads from `cost_per_1m_out_cached`)."""

from __future__ import annotations

import argparse
import sys

from catwalk.commands.models import add_source_arguments

HELP = "what a request costs on a model, as Crush computes it (every provider serving it, cheapest first)"


def _tokens(text: str) -> int:
    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a token count") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is negative")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_source_arguments(parser)
    add = parser.add_argument
    add("--model", required=True, metavar="ID", help="model id, as a provider file lists it")
    add("--provider", metavar="ID", help="only this provider (default: every provider serving the model)")
    add(
        "--input",
        type=_tokens,
        required=True,
        metavar="N",
        help="input tokens (not read from or written to the cache)",
    )
    add("--output", type=_tokens, required=True, metavar="N", help="output tokens")
    add("--cache-read", type=_tokens, default=0, metavar="N", help="input tokens read from the prompt cache")
    add(
        "--cache-write", type=_tokens, default=0, metavar="N", help="input tokens written to the prompt cache"
    )
    add("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    import json

    from catwalk.commands.models import load_rows
    from catwalk.errors import UsageError
    from catwalk.pricing import Usage, cost

    rows = load_rows(args)
    matches = [
        r for r in rows if r.id == args.model and (args.provider is None or r.provider == args.provider)
    ]
    if not matches:
        where = f" on {args.provider}" if args.provider else ""
        near = sorted({r.id for r in rows if args.model.lower() in r.id.lower()})[:5]
        hint = f" (did you mean: {', '.join(near)})" if near else ""
        raise UsageError(f"no model {args.model!r}{where}{hint}")
    usage = Usage(
        input=args.input, output=args.output, cache_read=args.cache_read, cache_write=args.cache_write
    )
    priced = sorted(
        ((r, cost(r.model, usage)) for r in matches), key=lambda item: (item[1].total, item[0].provider)
    )
    if args.format == "json":
        out = [
            {"provider": r.provider, "model": r.id, "total": c.total, "input": c.input, "output": c.output,
             "cache_write": c.cache_write, "cache_read": c.cache_read}
            for r, c in priced
        ]  # fmt: skip
        sys.stdout.write(json.dumps(out, indent=2) + "\n")
        return 0
    for r, c in priced:
        print(f"{r.provider}/{r.id}: ${c.total:.6f} (input ${c.input:.6f} + output ${c.output:.6f} "
              f"+ cache write ${c.cache_write:.6f} + cache read ${c.cache_read:.6f})")  # fmt: skip
    return 0

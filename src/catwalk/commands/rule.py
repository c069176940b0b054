"""`catwalk rule CW101`: one rule's documentation."""

from __future__ import annotations

import argparse

HELP = "print one rule's documentation (by id or name)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rule", metavar="RULE", help="rule id (CW101) or name (unknown-key)")


def run(args: argparse.Namespace) -> int:
    from catwalk.config import load_config
    from catwalk.errors import UsageError
    from catwalk.output import emit
    from catwalk.registry import all_rules

    config = load_config()
    wanted = args.rule.strip()
    for r in all_rules(config.checks, config.root):
        if wanted.upper() == r.id or wanted == r.name:
            facts = f"Severity: {r.severity.label}. Scope: {r.scope}. Origin: {r.origin}."
            from catwalk.fixes import FIXES

            if r.id in FIXES:
                facts += " Fix: `catwalk check --fix` applies it (`--diff` shows it)."
            header = f"# {r.id} {r.name}\n\n{facts}\n\n"
            emit(header + r.doc + "\n")
            return 0
    raise UsageError(f"no rule {wanted!r} (see `catwalk rules`)")

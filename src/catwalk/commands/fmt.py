"""`catwalk fmt`: rewrite provider files into canonical form."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "rewrite provider files in canonical form (exit 1 when a file changed or would change)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="provider files or directories")
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a file is not canonical"
    )
    parser.add_argument(
        "--diff", action="store_true", help="change nothing; print a unified diff of what would change"
    )


def run(args: argparse.Namespace) -> int:
    import sys

    from catwalk import canonical, engine
    from catwalk.atomic import write_text
    from catwalk.config import load_config
    from catwalk.loader import BOM, load_path
    from catwalk.paths import default_target, expand
    from catwalk.registry import builtin_rules
    from catwalk.reporters.text import line

    config = load_config()
    files = [load_path(p) for p in expand(args.paths or [default_target(config, flag=None)])]
    # Only well-formed files are rewritten: fmt never guesses what a broken file meant.
    # A byte-order mark is the one loader finding fmt repairs (by writing the file without it).
    gate = [r for r in builtin_rules() if (r.scope == "loader" or r.id.startswith("CW1")) and r.id != BOM]
    result = engine.run(files, gate)
    broken = {f.file for f in result.findings if f.severity.label == "error"}
    for finding in result.findings:
        if finding.file in broken:
            print(line(finding), file=sys.stderr)

    status = 1 if broken else 0
    changed = 0
    for pf in files:
        if pf.display in broken or not pf.parsed:
            continue
        try:
            text = canonical.dumps(pf.data)
        except RecursionError:
            print(f"{pf.display}: nested too deeply to format", file=sys.stderr)
            status = 1
            continue
        if text == pf.text and not any(p.rule == BOM for p in pf.problems):
            continue
        changed += 1
        status = 1
        if args.diff:
            from catwalk.linediff import unified_diff

            sys.stdout.write(unified_diff(pf.text or "", text, pf.display))
        elif args.check:
            print(f"would reformat {pf.display}")
        else:
            write_text(pf.path, text)
            print(f"reformatted {pf.display}")
    verb = "would be reformatted" if args.check or args.diff else "reformatted"
    print(
        f"{changed} file{'s' if changed != 1 else ''} {verb}, {len(files) - changed} unchanged",
        file=sys.stderr,
    )
    return status

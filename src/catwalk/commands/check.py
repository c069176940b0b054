"""`catwalk check`: run every selected rule over provider files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "check provider files (default: the data directory, ./providers, or the embedded database)"

FAIL_LEVELS = ("error", "warning", "info", "never")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="provider files or directories")
    parser.add_argument(
        "--format",
        choices=("text", "json", "github", "sarif"),
        default="text",
        help="output format (default: text)",
    )
    parser.add_argument(
        "--select",
        action="append",
        metavar="RULES",
        help="only these rule ids, prefixes or names (comma-separated, repeatable)",
    )
    parser.add_argument(
        "--ignore", action="append", metavar="RULES", help="skip these rule ids, prefixes or names"
    )
    parser.add_argument(
        "--scope",
        choices=("all", "file", "database"),
        default="all",
        help="run only per-file rules, only cross-file rules, or all (default)",
    )
    parser.add_argument(
        "--fail-level",
        choices=FAIL_LEVELS,
        default="error",
        help="exit 1 when a finding of this severity or worse exists (default: error)",
    )
    parser.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="write the report to FILE instead of stdout"
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour text output (default: auto)",
    )
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="text format: print findings only, no summary line"
    )


def run(args: argparse.Namespace) -> int:
    from catwalk import engine
    from catwalk.config import load_config
    from catwalk.findings import Severity
    from catwalk.loader import load_path
    from catwalk.output import emit, use_color
    from catwalk.paths import default_target, expand
    from catwalk.registry import all_rules, select_rules, split_selectors
    from catwalk.reporters import renderer

    config = load_config()
    rules = all_rules(config.checks, config.root)
    select = split_selectors(args.select)
    rules = select_rules(
        rules,
        select if select is not None else config.select,
        [*config.ignore, *(split_selectors(args.ignore) or [])],
    )
    if args.scope != "all":
        rules = [r for r in rules if r.scope in (args.scope, "loader")]

    targets = args.paths or [default_target(config)]
    files = [load_path(path) for path in expand(targets)]
    for pf in files:
        pf.settings = config.settings
    result = engine.run(files, rules, severity_overrides=config.severity, settings=config.settings)

    color = args.output is None and args.format == "text" and use_color(sys.stdout, args.color)
    text = renderer(args.format)(result, color)
    if args.quiet and args.format == "text":
        text = "".join(line + "\n" for line in text.splitlines()[:-1])
    emit(text, args.output)

    if args.fail_level == "never" or result.worst is None:
        return 0
    return 1 if result.worst >= Severity.parse(args.fail_level) else 0

"""`catwalk check`: run every selected rule over provider files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from catwalk.commands._types import positive_int

if TYPE_CHECKING:
    from catwalk.config import Config
    from catwalk.engine import CheckResult
    from catwalk.rules import Rule

HELP = "check provider files (default: the data directory, ./providers, or the embedded database)"

FAIL_LEVELS = ("error", "warning", "info", "never")
# The output formats (catwalk.reporters.FORMATS; listed here so that building the parser
# imports no reporter).
FORMATS = ("text", "json", "github", "sarif", "gitlab", "junit")
LEGACY_BASELINE = ".baseline.json"  # where the baseline used to live, inside the data directory


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add("paths", nargs="*", type=Path, metavar="PATH", help="provider files or directories")
    add(
        "--embedded",
        action="store_true",
        help="check the database shipped with catwalk (the default only outside a git repository)",
    )
    add("--format", choices=FORMATS, default="text", help="output format")
    add(
        "--select",
        action="append",
        metavar="RULES",
        help="only these rule ids, prefixes or names (comma list)",
    )
    add(
        "--ignore",
        action="append",
        metavar="RULES",
        help="skip these rule ids, prefixes or names (comma list)",
    )
    add(
        "--scope",
        choices=("all", "file", "database"),
        default="all",
        help="run only per-file rules, only cross-file rules, or all (default)",
    )
    add(
        "--fail-level",
        choices=FAIL_LEVELS,
        default="error",
        help="exit 1 when a finding of this severity or worse exists (default: error)",
    )
    add(
        "--calendar",
        choices=("warn", "fail"),
        default="warn",
        help="findings only a passing date causes (a shutdown date, CW901/CW902): warnings (default) "
        "or errors (the nightly job)",
    )
    add(
        "--fix",
        action="store_true",
        help="apply the fixes that are certain (CW003, CW603; `catwalk rule ID` says), then report the rest",
    )
    add(
        "--diff",
        action="store_true",
        help="with --fix or alone: print the fixes as a unified diff and change nothing (exit 1 if any)",
    )
    add(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when there are findings (usage and internal errors still exit 2 and 3)",
    )
    add(
        "--statistics",
        action="store_true",
        help="print how many findings each rule has instead of the findings (text or json format)",
    )
    add("--output", "-o", type=Path, metavar="FILE", help="write the report to FILE instead of stdout")
    add("--color", choices=("auto", "always", "never"), default="auto", help="colour text output")
    add("--quiet", "-q", action="store_true", help="text format: findings only, no summary line")
    add(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="accept the findings listed in FILE (each with a reason)",
    )
    add("--no-baseline", action="store_true", help="ignore the baseline configured in [tool.catwalk]")
    add(
        "--write-baseline",
        action="store_true",
        help="record every current finding in the baseline file (keeping existing reasons), exit 0",
    )
    add("--reason", metavar="TEXT", help="with --write-baseline: the reason recorded for new entries")
    add(
        "--jobs",
        "-j",
        type=_jobs,
        default="auto",
        metavar="N",
        help="processes: 2 runs the per-file rules beside the cross-file ones, 1 runs everything in "
        "turn; auto (default): 2 where there is a second core and forking is safe (Linux)",
    )


def _jobs(text: str) -> int:
    """`--jobs auto` or a count; the two scopes make at most 2 processes useful."""
    if text == "auto":
        from catwalk.parallel import cores

        return min(2, cores())
    return min(2, positive_int(text))


def _rules(args: argparse.Namespace, config: Config) -> list[Rule]:
    from catwalk.registry import all_rules, choose, split_selectors

    select = split_selectors(args.select)
    ignore = [*config.ignore, *(split_selectors(args.ignore) or [])]
    return choose(all_rules(config.checks, config.root), select if select is not None else config.select,
                  ignore, args.scope)  # fmt: skip


def run(args: argparse.Namespace) -> int:
    import gc

    # A check run allocates hundreds of thousands of acyclic objects (parsed JSON) and then
    # exits: the cycle collector would only re-scan them, again and again.
    gc.disable()

    from catwalk import baseline, engine
    from catwalk.config import load_config
    from catwalk.errors import UsageError
    from catwalk.findings import Severity
    from catwalk.loader import load_path
    from catwalk.output import emit, use_color
    from catwalk.paths import default_target, expand
    from catwalk.reporters import renderer

    config = load_config()
    if args.statistics and args.format not in ("text", "json"):
        raise UsageError(f"--statistics prints text or json, not {args.format}")
    if args.embedded and (args.paths or args.write_baseline):
        raise UsageError("--embedded checks the database shipped with catwalk: no PATH, no --write-baseline")
    rules = _rules(args, config)
    targets = args.paths or [default_target(config, embedded=args.embedded)]
    files = [load_path(path) for path in expand(targets)]
    for pf in files:
        pf.settings = config.settings
    # Findings are located after the baseline has taken what it accepts (it matches by
    # model and field, not by line): on a database with a large baseline, most of them.
    result = engine.run(
        files, rules, severity_overrides=config.severity, settings=config.settings, calendar=args.calendar,
        locate_findings=False, jobs=args.jobs,
    )  # fmt: skip

    baseline_path = None if args.no_baseline else (args.baseline or config.baseline)
    if args.embedded and not args.no_baseline and args.baseline is None:
        baseline_path = _embedded_baseline(targets[0])  # this repository's baseline is not its
    elif baseline_path is None and not (args.no_baseline or args.paths or args.write_baseline):
        # Never written to: the embedded baseline belongs to the installed package.
        baseline_path = _embedded_baseline(targets[0])
    if baseline_path is None and not args.no_baseline:
        baseline_path = _legacy_baseline(targets)
    if args.write_baseline:
        engine.finish(result)
        return _write_baseline(result, baseline_path, args.reason)
    if baseline_path is not None:
        baseline.accept(result, baseline_path, rules)
        baseline.warn_if_inside(result, baseline_path, targets, rules)
    engine.finish(result)

    if args.fix or args.diff:
        fixed = _fix(result, diff=args.diff)
        if args.diff:
            return 1 if fixed else 0
        if fixed:
            args.fix = False  # report on the fixed files, as they are now
            return run(args)

    color = args.output is None and args.format == "text" and use_color(sys.stdout, args.color)
    if args.statistics:
        from catwalk.reporters import statistics

        render = statistics.render_json if args.format == "json" else statistics.render_text
        text = render(result, color)
    else:
        text = renderer(args.format)(result, color)
    if args.quiet and args.format == "text":
        text = "".join(line + "\n" for line in text.splitlines()[:-1])
    emit(text, args.output)

    if args.exit_zero or args.fail_level == "never" or result.worst is None:
        return 0
    return 1 if result.worst >= Severity.parse(args.fail_level) else 0


def check_database(target: Path, baseline_file: Path | None = None) -> CheckResult:
    """What `catwalk check TARGET [--baseline FILE]` reports (the rules and baseline it
    would use), with calendar findings at warning: the gate of what `catwalk serve` serves."""
    from catwalk import baseline, engine
    from catwalk.config import load_config
    from catwalk.loader import load_path
    from catwalk.paths import expand
    from catwalk.registry import all_rules, choose

    config = load_config()
    rules = choose(all_rules(config.checks, config.root), config.select, list(config.ignore))
    files = [load_path(path) for path in expand([target])]
    for pf in files:
        pf.settings = config.settings
    result = engine.run(files, rules, severity_overrides=config.severity, settings=config.settings)
    baseline_path = (
        baseline_file or config.baseline or _embedded_baseline(target) or _legacy_baseline([target])
    )
    if baseline_path is not None:
        baseline.accept(result, baseline_path, rules)
    return result


def _fix(result: CheckResult, *, diff: bool) -> int:
    """Apply (or, with `diff`, print) the certain fixes for the findings left after the
    baseline; returns how many findings were fixed. Files are written atomically."""
    from collections import defaultdict

    from catwalk.atomic import write_text
    from catwalk.findings import Finding
    from catwalk.fixes import fixed_text

    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        by_file[f.file].append(f)
    total = files = 0
    for pf in result.files:
        found = fixed_text(pf, by_file.get(pf.display, []))
        if found is None:
            continue
        text, count = found
        total += count
        files += 1
        if diff:
            from catwalk.linediff import unified_diff

            sys.stdout.write(unified_diff(pf.text or "", text, pf.display))
        else:
            write_text(pf.path, text)
    if total:
        verb = "would fix" if diff else "fixed"
        print(f"{verb} {total} finding{'s' if total != 1 else ''} in {files} file{'s' if files != 1 else ''}",
              file=sys.stderr)  # fmt: skip
    return total


def _write_baseline(result: CheckResult, path: Path | None, reason: str | None) -> int:
    from catwalk import baseline
    from catwalk.atomic import write_text
    from catwalk.errors import UsageError

    if path is None:
        raise UsageError("--write-baseline needs --baseline FILE or `baseline` in [tool.catwalk]")
    previous = baseline.load(path)[0] if path.is_file() else []
    always = {r.id for r in result.rules if r.always}
    unreadable = [f for f in result.findings if f.rule in always]
    text = baseline.render([f for f in result.findings if f.rule not in always], previous, reason, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, text)
    count = text.count('"rule":')
    print(f"wrote {count} baseline entr{'y' if count == 1 else 'ies'} to {path}", file=sys.stderr)
    if unreadable:
        # A baseline never accepts a file that cannot be read: say so, and fail.
        from catwalk.reporters.text import line

        for f in unreadable:
            print(line(f), file=sys.stderr)
        return 1
    return 0


def _embedded_baseline(target: Path) -> Path | None:
    """The embedded database ships with its reviewed baseline; use it when checking it."""
    from catwalk.resources import embedded_baseline, providers_dir

    try:
        embedded = providers_dir()
    except FileNotFoundError:
        return None
    return embedded_baseline() if target.resolve() == embedded.resolve() else None


def _legacy_baseline(targets: list[Path]) -> Path | None:
    """A baseline left at the old place, `<data dir>/.baseline.json`: still read."""
    for target in targets:
        candidate = target / LEGACY_BASELINE
        if target.is_dir() and candidate.is_file():
            return candidate
    return None

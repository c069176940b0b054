"""`catwalk drift`: compare the database with what each provider's model-listing API says."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from catwalk.config import Config
    from catwalk.document import ProviderFile
    from catwalk.live.compare import Drift
    from catwalk.live.drift import Gathered, Rails
    from catwalk.live.resolve import Target

HELP = (
    "ask every provider's model-listing API what is true today and report where the database "
    "differs (exit 1 drift, 3 a provider could not be checked or its listing is suspect, "
    "0 all current; 2 when no provider could be checked at all)"
)


def positive_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not seconds > 0 or seconds == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds: {value!r}")
    return seconds


def add_live_arguments(parser: argparse.ArgumentParser) -> None:
    """Options `catwalk drift` and `catwalk sync` share."""
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="provider files or directories")
    parser.add_argument(
        "--provider",
        action="append",
        metavar="ID",
        help="only this provider (repeatable; default: every provider)",
    )
    parser.add_argument(
        "--endpoint",
        action="append",
        metavar="ID=URL",
        help="use URL as provider ID's API base URL (repeatable; also CATWALK_ENDPOINT_<ID>)",
    )
    parser.add_argument(
        "--timeout",
        type=positive_seconds,
        default=30.0,
        metavar="SECONDS",
        help="deadline per provider, retries and pages included (default: 30)",
    )
    parser.add_argument(
        "--run-timeout",
        type=positive_seconds,
        metavar="SECONDS",
        help="deadline for the whole run (default: 4 x --timeout)",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress output on stderr")
    rails = parser.add_argument_group("safety rails")
    rails.add_argument(
        "--suspect-share",
        type=share,
        default=0.5,
        metavar="SHARE",
        help="a listing lacking more than this share of the database's models is suspect: no "
        "removal is reported, nothing is written (default: 0.5)",
    )
    rails.add_argument(
        "--previous",
        type=Path,
        metavar="REPORT",
        help="the previous run's JSON report: a listing under half the size it had then is suspect",
    )
    rails.add_argument(
        "--allow-unchecked",
        action="store_true",
        help="exit as usual when no provider could be checked (every one skipped or unknown); "
        "by default that is an error, so a job without keys does not pass checking nothing",
    )


def share(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 < number <= 1:
        raise argparse.ArgumentTypeError(f"must be a share above 0 and at most 1: {value!r}")
    return number


def rails_from(args: argparse.Namespace) -> Rails:
    """The safety rails of a run, with the previous good run's listing sizes."""
    from catwalk.live.drift import Rails

    previous: dict[str, int] = {}
    if args.previous is not None:
        from catwalk.errors import UsageError
        from catwalk.live.report_reader import ReportError, load_report

        try:
            report = load_report(args.previous)
        except ReportError as exc:
            raise UsageError(f"--previous: {exc}") from None
        previous = {
            p.provider: p.models_seen for p in report.providers.values() if p.status == "ok" and p.models_seen
        }
    return Rails(missing_share=args.suspect_share, previous=previous)


def nothing_checked(statuses: Sequence[str], args: argparse.Namespace, command: str) -> str | None:
    """The error of a run in which no provider was checked, unless the run allows it."""
    if args.allow_unchecked or any(s in ("ok", "suspect") for s in statuses):
        return None
    counts = ", ".join(f"{statuses.count(s)} {s}" for s in ("skipped", "unknown") if s in statuses)
    return (
        f"catwalk {command}: error: no provider was checked ({counts or 'no providers'}): set the "
        "providers' key variables (`catwalk keys` lists them), or pass --allow-unchecked if "
        "checking nothing is what this job means"
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_live_arguments(parser)
    parser.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="report format (default: text)",
    )
    parser.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="write the report to FILE instead of stdout"
    )
    parser.add_argument(
        "--fail-level",
        choices=("error", "warning", "info"),
        default="info",
        help="exit 1 only for drift of this severity or worse (default: info, i.e. any drift)",
    )
    parser.add_argument(
        "--no-catalogues",
        action="store_true",
        help="leave out the catalogues' disagreements on facts the APIs do not give (prices, mostly)",
    )
    parser.add_argument(
        "--record",
        type=Path,
        metavar="DIR",
        help="write each provider's answer to DIR/<provider>.json (keys redacted, trimmed to what "
        "the adapter reads, dated), to turn real traffic into fixtures",
    )
    parser.add_argument(
        "--calendar",
        action="store_true",
        help="add the models past or near their shutdown date (CW901-CW903) as drift items "
        "(the nightly job does; a date passing is then drift its issue lists)",
    )


def live_inputs(args: argparse.Namespace) -> tuple[list[ProviderFile], dict[str, str], Config]:
    """The provider files to check, the endpoint overrides and the configuration, validated
    (drift and sync read their shared options here)."""
    from catwalk.config import load_config
    from catwalk.live.drift import check_overrides, select_files
    from catwalk.live.resolve import parse_endpoint_overrides
    from catwalk.loader import load_path
    from catwalk.paths import default_target, expand

    overrides = parse_endpoint_overrides(args.endpoint)
    config = load_config()
    files = [load_path(path) for path in expand(args.paths or [default_target(config, flag=None)])]
    selected = select_files(files, args.provider)
    check_overrides(overrides, selected)
    return list(selected), overrides, config


def gather_live(args: argparse.Namespace, command: str, *, record: bool = False) -> tuple[Gathered, Config]:
    """resolve -> fetch for `catwalk drift` and `catwalk sync`, from their shared options."""
    from functools import partial

    from catwalk.live.drift import run_live
    from catwalk.live.fetch import FetchOptions
    from catwalk.live.progress import progress_for

    files, overrides, config = live_inputs(args)
    options = FetchOptions(provider_timeout=args.timeout, run_timeout=args.run_timeout, record=record)
    gathered = run_live(
        files,
        overrides=overrides,
        allowed_hosts=config.allowed_hosts,
        options=options,
        watch=partial(progress_for, f"catwalk {command}", quiet=args.quiet),
    )
    return gathered, config


def run(args: argparse.Namespace) -> int:
    import sys
    from datetime import datetime, timezone

    from catwalk.live.drift import build_report
    from catwalk.live.report import render, summary_line
    from catwalk.output import emit
    from catwalk.secrets import scrub

    gathered, config = gather_live(args, "drift", record=args.record is not None)
    targets, fetched = gathered.targets, gathered.fetched
    files = [target.file for target in targets]
    if args.record is not None:
        from catwalk.live.record import write_recordings

        try:
            written = write_recordings(
                args.record, targets, fetched, gathered.secrets, datetime.now(timezone.utc)
            )
        except OSError as exc:
            from catwalk.errors import UsageError

            raise UsageError(f"--record {args.record}: {exc.strerror or exc}") from None
        if not args.quiet:
            print(f"catwalk drift: recorded {len(written)} provider(s) in {args.record}", file=sys.stderr)
    catalogue = [] if args.no_catalogues else _catalogue(files, targets, config, args)
    if args.calendar:
        catalogue += _calendar(files, config, args)
    report = build_report(gathered, catalogue=catalogue, rails=rails_from(args))
    emit(scrub(render(report, args.format), gathered.secrets), args.output)
    if args.output is not None and not args.quiet:
        print(f"catwalk drift: {scrub(summary_line(report), gathered.secrets)}", file=sys.stderr)
    error = nothing_checked([p.status for p in report.providers], args, "drift")
    if error is not None:
        print(error, file=sys.stderr)
        return 2
    return report.exit_status(args.fail_level)


def _baseline(config: Config, args: argparse.Namespace) -> Path | None:
    """The baseline the check itself applies to these files."""
    if config.baseline is None and not args.paths:
        from catwalk.resources import embedded_baseline

        return embedded_baseline()
    return config.baseline


def _catalogue(
    files: list[ProviderFile], targets: list[Target], config: Config, args: argparse.Namespace
) -> list[Drift]:
    """The catalogues' disagreements, after the baseline."""
    from catwalk.live.catalogue import catalogue_drift
    from catwalk.live.drift import knows_by_provider

    baseline = _baseline(config, args)
    return catalogue_drift(files, knows_by_provider(targets), settings=config.settings, baseline=baseline)


def _calendar(files: list[ProviderFile], config: Config, args: argparse.Namespace) -> list[Drift]:
    """The models past or near their shutdown date, after the baseline."""
    from catwalk.live.calendar import calendar_drift

    return calendar_drift(files, settings=config.settings, baseline=_baseline(config, args))

"""`catwalk serve [PATH]`: the Catwalk server Crush fetches from (`GET /v2/providers`)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from catwalk.serve.database import Rejected

HELP = "serve the database to Crush as the Catwalk server does (GET /v2/providers)"
DEFAULT_PORT = 8080


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # a container's cpuset, not the host's count
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add("path", nargs="?", type=Path, metavar="PATH",
        help="a provider file or directory (default: the database shipped with catwalk)")  # fmt: skip
    add("--host", default="0.0.0.0", help="address to listen on (default: every interface, as upstream)")
    add(
        "--port",
        type=int,
        help="port (default: $CATWALK_PORT, else 8080; `tcp://...` means 8080, as upstream)",
    )
    add(
        "--workers",
        type=int,
        default=_cpus(),
        help="worker processes (default: one per CPU this process may use)",
    )
    add("--no-watch", dest="watch", action="store_false", help="reload on SIGHUP only, not on file changes")
    add("--cache-control", metavar="VALUE",
        help="Cache-Control of /v2/providers (default: public, max-age=300, stale-while-revalidate=600, "
             "stale-if-error=86400)")  # fmt: skip
    add("--baseline", type=Path, metavar="FILE",
        help="findings this baseline accepts do not block serving (as in `catwalk check`)")  # fmt: skip
    add("--access-log", action="store_true", help="log every request")
    add("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"))


def port_from_env(value: str | None) -> int:
    """Upstream's rule: unset means 8080, and so does `tcp://host:port` (what Kubernetes
    injects as SERVICE_PORT for a service named catwalk)."""
    from catwalk.errors import UsageError

    if not value or value.startswith("tcp://"):
        return DEFAULT_PORT
    try:
        port = int(value)
    except ValueError:
        raise UsageError(f"CATWALK_PORT={value!r} is not a port number") from None
    if not 0 < port < 65536:
        raise UsageError(f"CATWALK_PORT={value!r} is not a port number")
    return port


def _findings_text(exc: Rejected) -> str:
    """The findings that made a database rejected, as `catwalk check` prints them."""
    from catwalk.reporters import renderer

    return renderer("text")(exc.result, False).rstrip("\n") if exc.result is not None else ""


def run(args: argparse.Namespace) -> int:
    import logging

    from catwalk.errors import UsageError
    from catwalk.resources import providers_dir

    port = args.port if args.port is not None else port_from_env(os.environ.get("CATWALK_PORT"))
    if not 0 <= port < 65536:
        raise UsageError(f"--port {port} is not a port number")
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    path = args.path if args.path is not None else providers_dir()
    from catwalk.serve import database, runner  # needs the `serve` extra (cli says so)

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s:     %(message)s"))
    log = logging.getLogger("catwalk.serve")
    log.addHandler(handler)
    log.setLevel(args.log_level.upper())
    log.propagate = False

    try:
        first, result = database.load(path, args.baseline)
    except database.Rejected as exc:
        details = _findings_text(exc)
        if details:
            print(details, file=sys.stderr)
        print(f"catwalk serve: not serving {exc}", file=sys.stderr)
        return 1
    from catwalk.serve.app import CACHE_CONTROL
    from catwalk.serve.reloader import describe, log_calendar

    log_calendar(result)
    log.info("catwalk serve: %s: %s", path, describe(first))
    options = runner.Options(
        path=path,
        host=args.host,
        port=port,
        workers=args.workers,
        watch=args.watch,
        cache_control=args.cache_control or CACHE_CONTROL,
        log_level=args.log_level,
        access_log=args.access_log,
        baseline=args.baseline,
    )
    return runner.run(options, first, _findings_text)

"""Command-line entry point: `catwalk <command> ...`.

Each command lives in `catwalk.commands.<name>` with `HELP`, `add_arguments(parser)` and
`run(args) -> int`. Command modules import only the standard library at top level, so
building the parser stays cheap; what a command needs is imported inside `run`.

Exit status: 0 success, 1 findings/drift/changes, 2 usage problems, 3 internal error
(never a traceback unless CATWALK_DEBUG=1).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

from catwalk import __version__
from catwalk.errors import UsageError

# name -> (module, one-line help); the order is the order of `catwalk --help`.
# Only the module of the command being run is imported.
COMMANDS = {
    "check": ("catwalk.commands.check", "check provider files against every rule"),
    "rules": ("catwalk.commands.rules", "list every rule"),
    "rule": ("catwalk.commands.rule", "print one rule's documentation"),
    "fmt": ("catwalk.commands.fmt", "rewrite provider files in canonical form"),
    "schema": ("catwalk.commands.schema", "generate the JSON Schema from the typed models"),
    "import": ("catwalk.commands.importer", "write provider files from another catalogue"),
    "snapshots": ("catwalk.commands.snapshots", "build or refresh the cross-source snapshots"),
    "drift": ("catwalk.commands.drift", "compare the database with the providers' live APIs"),
    "sync": ("catwalk.commands.sync", "apply live API data to provider files (dry run by default)"),
    "issues": ("catwalk.commands.issues", "open, update and close GitHub issues from a drift report"),
    "keys": ("catwalk.commands.keys", "list where each provider's key may be sent"),
    "coverage": ("catwalk.commands.coverage", "show which sources verify which facts of each provider"),
    "serve": ("catwalk.commands.serve", "serve the database to Crush as the Catwalk server does"),
    "models": ("catwalk.commands.models", "list models, filtered and sorted (from the database or a server)"),
    "cost": ("catwalk.commands.cost", "what a request costs on a model, as Crush computes it"),
    "action": ("catwalk.commands.action", "the steps of the catwalk GitHub Action (used by action.yml)"),
}

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
# Commands whose process may end without tearing its objects down (see `entry`): they hold
# no connection, child process or temporary file when `main` returns.
QUICK_EXIT = frozenset({"check", "rules", "rule", "coverage", "keys"})


class _Formatter(argparse.HelpFormatter):
    # argparse builds a formatter for every option it adds, and the default one imports
    # shutil (2 ms) to ask for the terminal width; os answers the same question.
    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        if width is None:
            try:
                width = os.get_terminal_size().columns - 2
            except OSError:
                width = 78
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser(selected: str | None = None) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="catwalk",
        description="Check, format and keep current the Catwalk AI provider database.",
    )
    parser.add_argument("--version", action="version", version=f"catwalk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="<command>", parser_class=_Parser)
    for name, (module_name, summary) in COMMANDS.items():
        if name != selected:
            if selected not in COMMANDS:  # `catwalk`, `catwalk --help`, a misspelt command
                sub.add_parser(name, help=summary)
            continue  # a command line names its command: the other parsers are never used
        module = importlib.import_module(module_name)
        command = sub.add_parser(name, help=summary, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(_run=module.run)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The subcommand named on a command line (no global option takes a value)."""
    return next((a for a in argv if not a.startswith("-")), None)


def entry() -> None:
    """The `catwalk` executable. After `catwalk check` the interpreter would spend about a
    tenth of the run freeing hundreds of thousands of parsed-JSON objects one by one; the
    output is flushed and the process ends instead (as mypy does). For the same reason the
    cycle collector stays off from the start: it would only re-scan those objects."""
    quick = _command(sys.argv[1:]) in QUICK_EXIT
    if quick:
        import gc

        gc.disable()
    code = main()
    if quick:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (BrokenPipeError, OSError, ValueError):
            pass  # a reader that left; nothing more to say to it
        os._exit(code)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    from catwalk.output import unbreakable_streams

    unbreakable_streams()
    argv = list(sys.argv[1:] if argv is None else argv)
    selected = _command(argv)
    parser = build_parser(selected if selected in COMMANDS else None)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args._run(args))
    except UsageError as exc:
        print(f"catwalk {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("catwalk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `catwalk check | head`: the reader left; that is not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        if isinstance(exc, ModuleNotFoundError):
            from catwalk.extras import missing_message

            message = missing_message(exc, f"`catwalk {args.command}`")
            if message is not None:
                print(f"catwalk {args.command}: error: {message}", file=sys.stderr)
                return EXIT_USAGE
        if os.environ.get("CATWALK_DEBUG"):
            raise
        from catwalk.secrets import redact

        print(
            f"catwalk {args.command}: internal error: {type(exc).__name__}: {redact(str(exc))}\n"
            "Set CATWALK_DEBUG=1 for the traceback, and please report it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL

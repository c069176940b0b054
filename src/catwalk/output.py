"""Writing command output: stdout or a file (atomically), colour only where it belongs."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from catwalk.errors import UsageError


def unbreakable_streams() -> None:
    """No value can crash an output stream: what the terminal's encoding cannot show (a
    lone surrogate from a provider file, a Latin-1 console) is written as an escape."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def use_color(stream: TextIO, choice: str = "auto") -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"


def escape_surrogates(text: str) -> str:
    """`text` with each lone UTF-16 surrogate (a JSON `\\ud800` that pairs with nothing)
    written as the six characters `\\ud800`: no stream, file or HTTP body can encode the
    character itself."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def emit(text: str, output: Path | None = None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from catwalk.atomic import write_text

    if output.is_dir():
        raise UsageError(f"--output {output} is a directory; name a file")
    output.parent.mkdir(parents=True, exist_ok=True)
    # A report may quote anything a provider file or an API said: escape, never crash.
    write_text(output, text, errors="backslashreplace")


def check_generated(path: Path, text: str, regenerate: str) -> int:
    """`--check FILE` of a command that generates FILE: 0 when FILE holds exactly `text`,
    else 1 with the command that regenerates it."""
    try:
        current = path.read_text("utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    if current != text:
        print(f"{path} is out of date; run `{regenerate}`", file=sys.stderr)
        return 1
    print(f"{path} is up to date", file=sys.stderr)
    return 0

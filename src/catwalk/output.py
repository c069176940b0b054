"""Writing command output: stdout or a file (atomically), colour only where it belongs."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from catwalk.errors import UsageError


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

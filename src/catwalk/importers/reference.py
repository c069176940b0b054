"""Where the catalogue files are, and reading them with located error messages.

A reference directory holds one sub-directory per source, as the project's shared
reference data does:

    <dir>/litellm/model_prices_and_context_window.json
    <dir>/genai-prices/data.json
    <dir>/openrouter/api-v1-models-YYYY-MM-DD.json   (the newest one is used)
    <dir>/models.dev/api-YYYY-MM-DD.json             (likewise)

The directory is `--reference DIR`, else `$CATWALK_REFERENCE`, else `../shared/reference`
relative to the working directory (the layout of the project's workspace).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from catwalk.errors import UsageError

FILES = {
    "litellm": ("litellm", "model_prices_and_context_window.json"),
    "genai-prices": ("genai-prices", "data.json"),
    "openrouter": ("openrouter", "api-v1-models-*.json"),
    "models.dev": ("models.dev", "api-*.json"),
}


def default_directory() -> Path:
    configured = os.environ.get("CATWALK_REFERENCE")
    return Path(configured) if configured else Path("..") / "shared" / "reference"


def source_file(directory: Path, source: str) -> Path:
    """The file of `source` inside a reference directory; a UsageError says what is missing."""
    folder, pattern = FILES[source]
    matches = sorted((directory / folder).glob(pattern))
    if not matches:
        raise UsageError(
            f"no {source} file at {directory / folder / pattern}; "
            f"give the file as an argument or point --reference at the directory holding it"
        )
    return matches[-1]


def read_json(path: Path) -> Any:
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None

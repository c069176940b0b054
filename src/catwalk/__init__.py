"""catwalk: the Catwalk AI provider database and the checks that keep it true.

The public API (see `catwalk.api`): `check(paths, select=..., ignore=...) -> Report`,
`load(path) -> Provider`, `providers() -> list[Provider]`, and `Report`, `Summary`,
`Finding`, `LoadError`. Loaded on first use, so `import catwalk` stays free.
"""

from __future__ import annotations

# `typing` costs milliseconds at every hook run; nothing here needs it at run time.
TYPE_CHECKING = False

__version__ = "0.1.0"

__all__ = ["Finding", "LoadError", "Report", "Summary", "__version__", "check", "load", "providers"]

if TYPE_CHECKING:
    from typing import Any

    from catwalk.api import LoadError, Report, Summary, check, load, providers
    from catwalk.findings import Finding


def __getattr__(name: str) -> Any:
    if name == "Finding":
        from catwalk.findings import Finding

        return Finding
    if name in __all__:
        from catwalk import api

        return getattr(api, name)
    raise AttributeError(f"module 'catwalk' has no attribute {name!r}")

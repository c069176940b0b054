"""The optional parts of catwalk and the extra that installs each (pyproject.toml).

The core package needs nothing beyond the standard library (and tomli before 3.11): that
is what the pre-commit hooks install. A command that needs more says which extra to add,
rather than failing with an ImportError.
"""

from __future__ import annotations

DISTRIBUTION = "catwalk-db"

# Top-level module -> the extra that provides it.
EXTRAS = {
    "pydantic": "models",
    "pydantic_core": "models",
    "annotated_types": "models",
    "httpx": "live",
    "httpcore": "live",
    "rich": "live",
    "uvicorn": "serve",
    "prometheus_client": "serve",
}


def extra_for(exc: ImportError) -> str | None:
    """The extra that would have provided the module `exc` could not import, if any."""
    name = (exc.name or "").split(".", 1)[0]
    return EXTRAS.get(name)


def install_hint(extra: str) -> str:
    return f"pip install '{DISTRIBUTION}[{extra}]'"


def missing_message(exc: ImportError, what: str) -> str | None:
    """`what` needs an extra that is not installed: say which, and how to add it."""
    extra = extra_for(exc)
    if extra is None:
        return None
    return f"{what} needs the `{extra}` extra ({exc.name} is not installed): {install_hint(extra)}"

"""Output formats of `catwalk check`: text, json, github, sarif, gitlab, junit."""

from __future__ import annotations

from collections.abc import Callable

from catwalk.engine import CheckResult

FORMATS = ("text", "json", "github", "sarif", "gitlab", "junit")


def renderer(name: str) -> Callable[[CheckResult, bool], str]:
    """The render function of a format: render(result, color) -> str."""
    if name == "text":
        from catwalk.reporters.text import render
    elif name == "json":
        from catwalk.reporters.json import render
    elif name == "github":
        from catwalk.reporters.github import render
    elif name == "sarif":
        from catwalk.reporters.sarif import render
    elif name == "gitlab":
        from catwalk.reporters.gitlab import render
    elif name == "junit":
        from catwalk.reporters.junit import render
    else:
        raise ValueError(f"unknown format {name!r}")
    return render

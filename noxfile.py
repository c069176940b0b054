"""Developer sessions: `nox -s tests lint typecheck schema` (`nox -l` lists them)."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["tests", "lint", "typecheck", "schema"]

PYTHONS = ["3.10", "3.11", "3.12", "3.13"]


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite in parallel with coverage."""
    session.install("-e", ".[test]")
    session.run(
        "pytest",
        "-n",
        "auto",
        "--cov=catwalk",
        "--cov-report=term",
        "--cov-report=xml",
        *session.posargs,
    )


@nox.session
def lint(session: nox.Session) -> None:
    """ruff: lint and formatting."""
    session.install("ruff")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on the engine and the built-in checks."""
    session.install("-e", ".", "mypy")
    session.run("mypy")


@nox.session
def schema(session: nox.Session) -> None:
    """Regenerate schema/provider.schema.json from the models and fail if it changed."""
    session.install("-e", ".")
    session.run("catwalk", "schema", "--output", "schema/provider.schema.json")
    session.run("git", "diff", "--exit-code", "--", "schema/provider.schema.json", external=True)

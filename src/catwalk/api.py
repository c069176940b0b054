"""The public Python API, re-exported by `catwalk`: check provider files, load one as a typed
model, read the embedded database.

    import catwalk

    report = catwalk.check(["providers/"], select=["CW3"])
    for finding in report.findings:
        print(finding.file, finding.line, finding.rule, finding.message)
    provider = catwalk.load("providers/openai.json")   # a catwalk.model.Provider

`check` needs only the standard library; `load` and `providers` return pydantic models and
need the `models` extra. Nothing here reads `[tool.catwalk]`: every choice is an argument.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from catwalk.findings import Finding, Severity

if TYPE_CHECKING:
    from catwalk.model import Provider

StrPath = str | os.PathLike[str]


@dataclass(frozen=True)
class Summary:
    """What a check run looked at and found."""

    files: int
    providers: int
    models: int
    errors: int
    warnings: int
    infos: int
    baselined: int  # findings a baseline accepted
    rules: int = 0  # rules that ran


@dataclass(frozen=True)
class Report:
    """The result of `catwalk.check`: its findings (sorted by file and position) and summary."""

    findings: tuple[Finding, ...]
    summary: Summary

    @property
    def passed(self) -> bool:
        """No error-level finding (what `catwalk check` exits 0 for by default)."""
        return self.summary.errors == 0


class LoadError(ValueError):
    """A provider file that cannot be read or does not follow the format; `findings` say
    where (file:line:col, rule id), as `catwalk check` would."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        from catwalk.reporters.text import line

        self.findings = tuple(findings)
        super().__init__("\n".join(line(f) for f in self.findings))


def _paths(paths: StrPath | Iterable[StrPath]) -> list[Path]:
    if isinstance(paths, (str, os.PathLike)):
        return [Path(paths)]
    return [Path(p) for p in paths]


def check(
    paths: StrPath | Iterable[StrPath],
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    scope: Literal["all", "file", "database"] = "all",
    settings: Mapping[str, Any] | None = None,
    baseline: StrPath | None = None,
    calendar: Literal["warn", "fail"] = "warn",
    checks: Iterable[str] = (),
) -> Report:
    """Check provider files or directories (a directory means its `*.json` files) against
    every rule, as `catwalk check PATH...` does.

    `select`/`ignore` take rule ids, prefixes, names or `ALL` (reading errors are always
    reported); `settings` are the knobs of `[tool.catwalk.settings]`; `baseline` a baseline
    file; `calendar="fail"` makes findings that only a passed date causes errors; `checks`
    names local check modules to import. Raises ValueError (`catwalk.errors.UsageError`) for
    a path that does not exist or an unknown selector.
    """
    from catwalk import baseline as baselines
    from catwalk import engine
    from catwalk.loader import load_path
    from catwalk.paths import expand
    from catwalk.registry import all_rules, choose

    rules = choose(all_rules(list(checks)), None if select is None else list(select), list(ignore), scope)
    knobs = dict(settings or {})
    files = [load_path(p) for p in expand(_paths(paths))]
    for pf in files:
        pf.settings = knobs
    result = engine.run(files, rules, settings=knobs, calendar=calendar)
    if baseline is not None:
        baselines.accept(result, Path(baseline), rules)
    s = result.summary
    summary = Summary(
        s["files"],
        s["providers"],
        s["models"],
        s["errors"],
        s["warnings"],
        s["infos"],
        s.get("baselined", 0),
        rules=len(result.rules),
    )
    return Report(tuple(result.findings), summary)


def load(path: StrPath) -> Provider:
    """One provider file as a typed `catwalk.model.Provider`. Raises LoadError, with located
    findings, when the file cannot be read or does not follow the Catwalk v2 format."""
    from catwalk.loader import load_path

    pf = load_path(Path(path))
    if pf.problems or not pf.parsed:
        raise LoadError(pf.problems)
    from pydantic import ValidationError

    from catwalk.model import Provider

    try:
        return Provider.model_validate(pf.data)
    except ValidationError as exc:
        located = [f for f in check(pf.path, select=["CW1"]).findings if f.severity is Severity.ERROR]
        if not located:
            raise LoadError([Finding(rule="CW103", message=str(exc), file=pf.display)]) from exc
        raise LoadError(located) from exc


def providers() -> list[Provider]:
    """The database shipped with catwalk, one typed `Provider` per file, ordered by id."""
    from catwalk.paths import provider_files
    from catwalk.resources import providers_dir

    return [load(p) for p in provider_files(providers_dir())]

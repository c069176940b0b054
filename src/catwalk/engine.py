"""Run rules over loaded provider files and turn their hits into located findings."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from catwalk.document import Database, ProviderFile
from catwalk.findings import Finding, Severity
from catwalk.rules import Family, Hit, Rule

if TYPE_CHECKING:
    from catwalk import parallel


class CheckResult:
    __slots__ = ("files", "findings", "rules", "summary")

    def __init__(
        self, findings: list[Finding], files: list[ProviderFile], rules: list[Rule], summary: dict[str, int]
    ) -> None:
        self.findings = findings
        self.files = files
        self.rules = rules
        self.summary = summary

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)


CALENDAR_MODES = ("warn", "fail")


def _finding(rule: Rule, hit: Hit, pf: ProviderFile, severity: Severity, calendar: str = "warn") -> Finding:
    severity = hit.severity or severity
    if hit.calendar:
        severity = Severity.ERROR if calendar == "fail" else min(severity, Severity.WARNING)
    return Finding(
        rule=rule.id,
        name=rule.name,
        message=hit.message,
        file=pf.display,
        pointer=hit.pointer,
        severity=severity,
        provider=pf.provider_id,
        model=pf.model_id_at(hit.pointer) if hit.pointer.startswith("/models/") else None,
        field=hit.field if hit.field is not None else pf.field_at(hit.pointer),
        evidence=hit.evidence,
        calendar=hit.calendar,
    )


def _crash(rule: Rule, pf: ProviderFile, exc: BaseException) -> Finding:
    # A broken check (ours or a plugin's) must not hide the other findings or traceback.
    return Finding(
        rule=rule.id,
        name=rule.name,
        message=f"check crashed ({type(exc).__name__}: {exc}); please report this",
        file=pf.display,
        severity=Severity.ERROR,
        provider=pf.provider_id,
    )


def run(
    files: Sequence[ProviderFile],
    rules: Sequence[Rule],
    *,
    severity_overrides: Mapping[str, Severity] | None = None,
    settings: Mapping[str, object] | None = None,
    calendar: str = "warn",
    locate_findings: bool = True,
    jobs: int = 1,
) -> CheckResult:
    """`calendar`: "warn" keeps findings that only a passing date causes at warning at most;
    "fail" makes them errors (the nightly job's choice). `locate_findings=False` leaves
    line and column to the caller (`finish`), which can first drop what a baseline accepts.
    `jobs=2` lets a forked child run the per-file rules and the independent database
    families (`Family(independent=True)`) while this process runs the other cross-file
    rules, where forking is safe (`catwalk.parallel`); the findings are the same."""
    overrides = severity_overrides or {}
    by_id = {r.id: r for r in rules}

    def level(rule: Rule) -> Severity:
        if rule.always:
            return rule.severity
        return overrides.get(rule.id, overrides.get(rule.name, rule.severity))

    findings: list[Finding] = []
    for pf in files:
        for problem in pf.problems:
            loader_rule = by_id.get(problem.rule)
            if loader_rule is None:
                continue  # deselected
            problem.name = loader_rule.name
            problem.severity = level(loader_rule)
            findings.append(problem)

    parsed = [pf for pf in files if pf.parsed]
    database = Database(parsed, settings=settings or {})
    # The run's units of work, in report order: the per-file rules, each database rule,
    # each database family. With a forked child, the child runs the per-file rules and
    # both processes then draw the independent families from a shared queue.
    units: list[Unit] = [lambda: _file_phase(parsed, rules, level, calendar)]
    independent = []
    for rule in rules:
        if rule.scope == "database" and rule.family is None:
            units.append(functools.partial(_rule_findings, database, rule, level, calendar))
    for family, members in _families(rules, "database").items():
        if family.independent:
            independent.append(len(units))
        units.append(functools.partial(_family_findings, database, family, members, level, calendar))

    done: dict[int, list[Finding]] = {}
    if jobs > 1 and parsed and len(units) > 1 and any(r.scope == "file" for r in rules):
        _share(units, independent, parsed, done)
    for index, unit in enumerate(units):  # in order: all of them, or what the child left
        findings.extend(done[index] if index in done else unit())

    result = CheckResult(findings, list(files), list(rules), summarize(files, findings))
    if locate_findings:
        finish(result)
    return result


Level = Callable[[Rule], Severity]


def _file_phase(
    parsed: list[ProviderFile], rules: Sequence[Rule], level: Level, calendar: str
) -> list[Finding]:
    findings: list[Finding] = []
    file_rules = [r for r in rules if r.scope == "file" and r.family is None]
    file_families = _families(rules, "file")
    for pf in parsed:
        for rule in file_rules:
            try:
                findings.extend(_finding(rule, hit, pf, level(rule), calendar) for hit in rule(pf))
            except Exception as exc:
                findings.append(_crash(rule, pf, exc))
        for family, members in file_families.items():
            try:
                for member, hit in family(pf):
                    chosen = members.get(member.id)
                    if chosen is not None:
                        findings.append(_finding(chosen, hit, pf, level(chosen), calendar))
            except Exception as exc:
                findings.append(_crash(next(iter(members.values())), pf, exc))
    return findings


def _rule_findings(database: Database, rule: Rule, level: Level, calendar: str) -> list[Finding]:
    findings: list[Finding] = []
    try:
        for hit in rule(database):
            findings.append(_finding(rule, hit, _file_of(rule, hit), level(rule), calendar))
    except Exception as exc:
        if database.files:
            findings.append(_crash(rule, database.files[0], exc))
    return findings


def _family_findings(
    database: Database, family: Family, members: dict[str, Rule], level: Level, calendar: str
) -> list[Finding]:
    findings: list[Finding] = []
    try:
        for member, hit in family(database):
            chosen = members.get(member.id)
            if chosen is not None:
                findings.append(_finding(chosen, hit, _file_of(chosen, hit), level(chosen), calendar))
    except Exception as exc:
        if database.files:
            findings.append(_crash(next(iter(members.values())), database.files[0], exc))
    return findings


Unit = Callable[[], list[Finding]]
ChildResult = tuple[list[tuple[int, list[tuple[object, ...]]]], list[list[tuple[int, int]]]]


def _share(
    units: list[Unit], independent: list[int], files: list[ProviderFile], done: dict[int, list[Finding]]
) -> None:
    """Run the units in this process and a forked child (unit 0, the per-file rules, in the
    child), filling `done`; what the child fails to deliver stays out of it."""
    from catwalk import parallel

    if any(index > parallel.Shared.LIMIT for index in independent):
        independent = []  # more units than a queue byte numbers: the child takes unit 0 only
    queue = parallel.Shared(independent)
    try:
        pending = parallel.start(lambda: _in_child(units, queue, files))
        if pending is None:
            return
        try:
            # One independent unit first: the families share the run's context, and this
            # process builds it either way; the child builds its own only for what it draws.
            first = queue.take()
            if first is not None:
                done[first] = units[first]()
            for index in range(1, len(units)):
                if index not in independent:
                    done[index] = units[index]()
            while (drawn := queue.take()) is not None:
                done[drawn] = units[drawn]()
        except BaseException:
            pending.cancel()
            raise
    finally:
        queue.close()
    sent = pending.result()
    if sent is None:
        return
    rows, elements = sent
    done.update((index, [Finding.from_row(row) for row in found]) for index, found in rows)
    for pf, known in zip(files, elements, strict=True):
        pf.sourcemap.know_model_elements(known)


def _in_child(units: list[Unit], queue: parallel.Shared, files: list[ProviderFile]) -> ChildResult:
    """The child's share: the per-file rules, then independent families from the queue.
    Sent back as plain data: the findings, located (the child has the files' text), and
    where each file's models are, for the parent's findings."""
    found = [(0, units[0]())]
    while (drawn := queue.take()) is not None:
        found.append((drawn, units[drawn]()))
    locate((f for _, some in found for f in some), files)
    rows = [(index, [f.to_row() for f in some]) for index, some in found]
    return rows, [pf.sourcemap.model_elements() for pf in files]


def finish(result: CheckResult) -> None:
    """Line and column for every finding, in report order."""
    locate(result.findings, result.files)
    result.findings.sort(key=Finding.sort_key)


def _families(rules: Sequence[Rule], scope: str) -> dict[Family, dict[str, Rule]]:
    """The families with a selected rule of this scope, and their selected rules by id:
    each family runs once, and hits of rules that were not selected are dropped."""
    families: dict[Family, dict[str, Rule]] = {}
    for rule in rules:
        if rule.family is not None and rule.scope == scope:
            families.setdefault(rule.family, {})[rule.id] = rule
    return families


def _file_of(rule: Rule, hit: Hit) -> ProviderFile:
    if hit.file is None:
        raise ValueError(f"database rule {rule.id} returned a hit without a file")
    return hit.file


def locate(findings: Iterable[Finding], files: Iterable[ProviderFile]) -> None:
    """Fill in line/column for findings that only know their pointer: one walk per file."""
    by_display = {pf.display: pf for pf in files}
    pending: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if not f.located:
            pending[f.file].append(f)
    for display, items in pending.items():
        pf = by_display.get(display)
        if pf is None or pf.text is None:
            continue
        smap = pf.sourcemap
        spans = smap.locate(f.pointer for f in items)
        places = smap.line_col(offset for s in spans.values() for offset in (s.start, s.end))
        for f in items:
            span = spans[f.pointer]
            f.line, f.column = places[span.start]
            f.end_line, f.end_column = places[span.end]
            f.located = True


def summarize(files: Sequence[ProviderFile], findings: Sequence[Finding]) -> dict[str, int]:
    parsed = [pf for pf in files if pf.parsed]
    return {
        "files": len(files),
        "providers": sum(1 for pf in parsed if isinstance(pf.data, dict)),
        "models": sum(len(pf.models()) for pf in parsed),
        "errors": sum(1 for f in findings if f.severity is Severity.ERROR),
        "warnings": sum(1 for f in findings if f.severity is Severity.WARNING),
        "infos": sum(1 for f in findings if f.severity is Severity.INFO),
    }

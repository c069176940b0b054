"""How a check is declared: a stable id, a kebab-case name, a default severity, a doc,
and a function that yields `Hit`s for one provider file or for the whole database.

    from catwalk.rules import Hit, rule

    @rule("XY101", "provider-name-shouts", severity="warning")
    def provider_name_shouts(pf):
        \"\"\"Provider names are not written in capitals.

        ## Why ...
        ## How to fix ...
        ## Example ...
        \"\"\"
        name = pf.get_str("name")
        if name and name.isupper():
            yield Hit("/name", f"provider name {name!r} is all capitals")

The docstring is the rule's documentation (`catwalk rule XY101`); its first line is the
summary. A module is a check module when it holds `Rule` objects at top level.

Several rules computed in one pass are a `Family`: one function yields `(rule, hit)` pairs,
each rule keeps its own id, name, severity and documentation, and the engine runs the
function once per file (or once per database) when any of its rules is selected:

    prices = Family("price-sources", scope="database")

    @prices.run
    def _compare(db):
        ...
        yield too_high, Hit(...)

    too_high = prices.rule("XY201", "price-too-high", "A price is ... (the rule's doc).")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal, NamedTuple

from catwalk.document import Database, ProviderFile
from catwalk.findings import Severity

Scope = Literal["file", "database", "loader"]


def valid_rule_id(rule_id: str) -> bool:
    """Capitals then 3-4 digits, like CW101 (string tests: no regex compile at start-up)."""
    digits = rule_id.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return (
        1 <= len(rule_id) - len(digits) <= 5
        and 3 <= len(digits) <= 4
        and digits.isascii()
        and digits.isdigit()
    )


def valid_rule_name(name: str) -> bool:
    """kebab-case, like duplicate-model-id."""
    parts = name.split("-")
    return (
        name.isascii()
        and name[:1].isalpha()
        and all(part and part.isalnum() and part == part.lower() for part in parts)
    )


class Hit(NamedTuple):
    """One problem a check found. Positions, provider and model are derived from the
    pointer by the engine; database-scope checks must say which `file` they mean."""

    pointer: str
    message: str
    file: ProviderFile | None = None
    field: str | None = None
    severity: Severity | None = None
    # What the finding compared the value with, as data (the cross-source checks: one
    # mapping per catalogue, `source`, `date`, `entry`, `values`), for reports that need
    # values rather than prose (`catwalk drift`).
    evidence: tuple[dict[str, Any], ...] = ()
    # True when only the calendar makes this a finding (a shutdown date has passed): the
    # engine keeps it a warning unless the run opts in (`catwalk check --calendar fail`),
    # so an untouched repository never turns red overnight.
    calendar: bool = False


FileCheck = Callable[[ProviderFile], Iterable[Hit]]
DatabaseCheck = Callable[[Database], Iterable[Hit]]


class Rule(NamedTuple):
    id: str
    name: str
    severity: Severity
    scope: Scope
    doc: str
    func: Callable[[Any], Iterable[Hit]] | None = None
    origin: str = "builtin"
    family: Family | None = None
    # Reported whatever the selection, severity overrides or baseline say: a file that
    # cannot be read cannot be checked, so hiding why would report it as passing.
    always: bool = False

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name

    def __call__(self, target: Any) -> Iterable[Hit]:
        if self.family is not None:
            return [hit for rule, hit in self.family(target) if rule.id == self.id]
        if self.func is None:
            return ()
        return self.func(target)


FamilyCheck = Callable[[Any], Iterable[tuple["Rule", Hit]]]


class Family:
    """Rules that one function computes together (see the module docstring).

    `independent=True` declares that a database family's findings do not depend on which
    families ran before it in the same process: it reads the shared run state but reports
    nothing through it (settings problems are reported once per run, by the first family
    that reads them, so a family that reports them is not independent). `catwalk check
    --jobs 2` may then run it in the child process beside the per-file rules."""

    __slots__ = ("_run", "independent", "name", "scope")

    def __init__(self, name: str, *, scope: Scope = "file", independent: bool = False) -> None:
        if not valid_rule_name(name):
            raise RuleDeclarationError(f"family name {name!r} must be kebab-case")
        self.name = name
        self.scope: Scope = scope
        self.independent = independent
        self._run: FamilyCheck | None = None

    def __repr__(self) -> str:
        return f"Family({self.name!r})"

    def run(self, func: FamilyCheck) -> FamilyCheck:
        """Decorate the function that yields `(rule, hit)` for one file or the database."""
        self._run = func
        return func

    def rule(self, rule_id: str, name: str, doc: str, *, severity: str | Severity = Severity.ERROR) -> Rule:
        doc = cleandoc(doc)
        _validate(rule_id, name, doc)
        level = severity if isinstance(severity, Severity) else Severity.parse(severity)
        return Rule(rule_id, name, level, self.scope, doc, None, family=self)

    def __call__(self, target: Any) -> Iterable[tuple[Rule, Hit]]:
        if self._run is None:
            raise RuleDeclarationError(f"family {self.name} has no @run function")
        return self._run(target)


class RuleDeclarationError(ValueError):
    pass


def cleandoc(doc: str) -> str:
    """inspect.cleandoc without importing inspect (5 ms of dependencies at start-up)."""
    first, *rest = doc.expandtabs().split("\n")
    indent = min((len(line) - len(line.lstrip()) for line in rest if line.strip()), default=0)
    return "\n".join([first.strip(), *(line[indent:].rstrip() for line in rest)]).strip()


def _validate(rule_id: str, name: str, doc: str) -> None:
    if not valid_rule_id(rule_id):
        raise RuleDeclarationError(f"rule id {rule_id!r} must look like CW101 (capitals, then 3-4 digits)")
    if not valid_rule_name(name):
        raise RuleDeclarationError(f"rule name {name!r} must be kebab-case, like duplicate-model-id")
    if not doc.strip():
        raise RuleDeclarationError(f"rule {rule_id} needs a docstring: what, why, how to fix, an example")


def rule(
    rule_id: str,
    name: str,
    *,
    severity: str | Severity = Severity.ERROR,
    scope: Scope = "file",
) -> Callable[[Callable[[Any], Iterable[Hit]]], Rule]:
    """Declare a check function as a rule."""
    level = severity if isinstance(severity, Severity) else Severity.parse(severity)

    def wrap(func: Callable[[Any], Iterable[Hit]]) -> Rule:
        doc = cleandoc(func.__doc__ or "")
        _validate(rule_id, name, doc)
        return Rule(rule_id, name, level, scope, doc, func)

    return wrap


def declare(
    rule_id: str, name: str, doc: str, *, severity: str | Severity = Severity.ERROR, always: bool = False
) -> Rule:
    """A rule whose findings come from the loader, not from a check function
    (`always`: see `Rule.always`)."""
    doc = cleandoc(doc)
    _validate(rule_id, name, doc)
    level = severity if isinstance(severity, Severity) else Severity.parse(severity)
    return Rule(rule_id, name, level, "loader", doc, None, always=always)

"""Where rules come from: built-in modules in `catwalk.checks`, third-party packages
through the `catwalk.checks` entry-point group, and local modules named in
`[tool.catwalk] checks`. Rules are collected from module attributes, so loading
keeps no global state between runs (pre-commit may call us many times)."""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import ModuleType

from catwalk.errors import UsageError
from catwalk.rules import Rule

ENTRY_POINT_GROUP = "catwalk.checks"


def _rules_in(module: ModuleType, origin: str) -> list[Rule]:
    found = []
    for value in vars(module).values():
        if isinstance(value, Rule):
            found.append(value if value.origin == origin else _with_origin(value, origin))
    return found


def _with_origin(rule: Rule, origin: str) -> Rule:
    return rule._replace(origin=origin)


def builtin_rules() -> list[Rule]:
    import catwalk.checks as package  # type: ignore[import-not-found,unused-ignore]

    # A directory listing rather than pkgutil.iter_modules, which imports inspect (5 ms).
    names = {
        entry.rsplit(".", 1)[0]
        for directory in package.__path__
        for entry in os.listdir(directory)
        if entry.endswith((".py", ".pyc")) and not entry.startswith("_")
    }
    rules: list[Rule] = []
    for name in sorted(names):
        module = importlib.import_module(f"{package.__name__}.{name}")
        rules.extend(_rules_in(module, "builtin"))
    return rules


def _group_declared() -> bool:
    """Cheap pre-check: does any installed distribution declare our entry-point group?
    Saves importing importlib.metadata (~20 ms) on every pre-commit run when none does."""
    marker = f"[{ENTRY_POINT_GROUP}]"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                try:
                    text = Path(entry, name, "entry_points.txt").read_text("utf-8")
                except OSError:
                    continue
                if marker in text:
                    return True
    return False


def plugin_rules() -> list[Rule]:
    if not _group_declared():
        return []
    from importlib.metadata import entry_points

    rules: list[Rule] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = ep.load()
        except Exception as exc:
            raise UsageError(f"check plugin {ep.name!r} ({ep.value}) failed to load: {exc}") from None
        origin = f"plugin:{ep.dist.name if ep.dist else ep.name}"
        if isinstance(loaded, ModuleType):
            rules.extend(_rules_in(loaded, origin))
        elif isinstance(loaded, Rule):
            rules.append(_with_origin(loaded, origin))
        elif isinstance(loaded, (list, tuple)) and all(isinstance(r, Rule) for r in loaded):
            rules.extend(_with_origin(r, origin) for r in loaded)
        else:
            raise UsageError(f"check plugin {ep.name!r} must point to a module, a Rule or a list of Rules")
    return rules


def local_rules(names: Sequence[str], root: Path | None) -> list[Rule]:
    rules: list[Rule] = []
    for name in names:
        origin = f"local:{name}"
        if name.endswith(".py"):
            path = (root / name) if root else Path(name)
            spec = importlib.util.spec_from_file_location(f"catwalk_local_{path.stem}", path)
            if spec is None or spec.loader is None or not path.is_file():
                raise UsageError(f"local check module {name!r} not found")
            module = importlib.util.module_from_spec(spec)
            try:
                spec.loader.exec_module(module)
            except Exception as exc:
                raise UsageError(f"local check module {name!r} failed to load: {exc}") from None
        else:
            added = str(root) if root else None
            if added:
                sys.path.insert(0, added)
            try:
                module = importlib.import_module(name)
            except Exception as exc:
                raise UsageError(f"local check module {name!r} failed to import: {exc}") from None
            finally:
                if added and added in sys.path:
                    sys.path.remove(added)
        rules.extend(_rules_in(module, origin))
    return rules


def all_rules(local: Sequence[str] = (), root: Path | None = None) -> list[Rule]:
    rules = [*builtin_rules(), *plugin_rules(), *local_rules(local, root)]
    seen: dict[str, Rule] = {}
    names: dict[str, Rule] = {}
    for r in rules:
        if r.id in seen:
            raise UsageError(f"rule id {r.id} is declared twice ({seen[r.id].origin} and {r.origin})")
        if r.name in names:
            raise UsageError(f"rule name {r.name} is declared twice ({names[r.name].id} and {r.id})")
        seen[r.id] = r
        names[r.name] = r
    return sorted(rules, key=lambda r: r.id)


def _matches(selector: str, r: Rule) -> int:
    """Specificity of a match (0 = no match): a full id or name beats a prefix."""
    if selector == "ALL":
        return 1
    if selector in (r.id, r.name):
        return 1000
    if r.id.startswith(selector):
        return 1 + len(selector)
    return 0


def select_rules(rules: Iterable[Rule], select: Sequence[str] | None, ignore: Sequence[str]) -> list[Rule]:
    """ruff's semantics: the most specific matching selector wins; on a tie, ignore wins.
    Rules that are `always` reported (reading errors) are chosen whatever the selectors."""
    rules = list(rules)
    selectors = list(select) if select is not None else ["ALL"]
    for selector in [*selectors, *ignore]:
        if not any(_matches(selector, r) for r in rules):
            raise UsageError(f"unknown rule selector {selector!r} (see `catwalk rules`)")
    chosen = []
    for r in rules:
        best_select = max((_matches(s, r) for s in selectors), default=0)
        best_ignore = max((_matches(s, r) for s in ignore), default=0)
        if r.always or (best_select and best_select > best_ignore):
            chosen.append(r)
    return chosen


def choose(
    rules: Iterable[Rule], select: Sequence[str] | None, ignore: Sequence[str], scope: str = "all"
) -> list[Rule]:
    """The rules a check run uses: `select_rules`, then only those of `scope` ("file",
    "database"; the loader's reading rules always) unless it is "all"."""
    chosen = select_rules(rules, select, ignore)
    return chosen if scope == "all" else [r for r in chosen if r.scope in (scope, "loader")]


def split_selectors(values: Iterable[str] | None) -> list[str] | None:
    """Accept repeated options and comma lists alike: --select CW1 --select CW2,CW3."""
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]

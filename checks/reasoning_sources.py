"""Reasoning levels and flags agree with what the model's vendor, and the platform, accept.

Crush offers a model's `reasoning_levels` to the user and sends the chosen one as the
request's reasoning effort; a level the API does not accept is an HTTP 400 at the moment
the user picks it. Evidence, most specific first:

1. the vendor's own API documentation, for the vendor's own provider file (a small
   curated table, each entry with its URL and the date it was read: `_vendor_levels`);
2. models.dev's entry for this provider: what this platform accepts;
3. the vendor's documentation, or models.dev's entry for the vendor, when this platform
   has none: what the model accepts at its maker (a platform may map other names).

Only the first is certain, so only it gives errors; the rest are warnings that cite
models.dev with its snapshot date. A platform that offers fewer levels than the model
accepts narrows legitimately: at most a note (a warning for the vendor's own file, whose
list is then merely out of date).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any, NamedTuple

from catwalk import pointer as jp
from catwalk.document import Database, ProviderFile
from catwalk.findings import Severity
from catwalk.rules import Family, Hit, Rule
from catwalk.sources import store
from catwalk.sources.ids import model_key
from catwalk.sources.providers import hint_for, maker

from ._context import context
from ._vendor_levels import VendorFact, vendor_levels

# Least to most effort; levels outside it sort after, alphabetically.
_ORDER = ("none", "minimal", "low", "medium", "high", "xhigh", "max")


def ordered(levels: Any) -> list[str]:
    return sorted(set(levels), key=lambda level: (_ORDER.index(level) if level in _ORDER else 99, level))


class Accepted(NamedTuple):
    """The levels an API accepts for one model, and who says so."""

    levels: frozenset[str]
    source: VendorFact | store.Snapshot
    certain: bool  # the vendor's documentation about the vendor's own API
    whose: str  # the provider whose API the levels are: this one or the vendor

    @property
    def cite(self) -> str:
        if isinstance(self.source, VendorFact):
            return self.source.cite()
        return f"models.dev ({self.source.date}), {self.whose}'s entry"


@functools.lru_cache(maxsize=1024)
def _split(entry: str) -> frozenset[str]:
    return frozenset(level for level in entry.split(",") if level)


def _catalogue_levels(record: store.Record | None) -> frozenset[str] | None:
    """The levels a catalogue entry lists (the union of its alternatives), or None."""
    if record is None or len(record) <= store.LEVELS:
        return None
    found = record[store.LEVELS]
    if found.__class__ is str:
        return _split(found) or None
    levels: frozenset[str] = frozenset()
    for entry in found if isinstance(found, list) else ():
        if isinstance(entry, str):
            levels |= _split(entry)
    return levels or None


def accepted(snapshot: store.Snapshot | None, provider: str, model_id: str) -> Accepted | None:
    """What one model accepts as served by one provider (see the module docstring)."""
    key = model_key(model_id)
    fact = vendor_levels(key)
    if fact is not None and fact[0].vendor == provider:
        return Accepted(fact[1], fact[0], True, provider)
    rows = snapshot.get(key) if snapshot is not None else None
    if rows and snapshot is not None:
        same = _catalogue_levels(rows.get(hint_for(provider, model_id)))
        if same is not None:
            return Accepted(same, snapshot, False, provider)
    if fact is not None:
        return Accepted(fact[1], fact[0], False, fact[0].vendor)
    vendor = maker(key)
    if vendor and vendor != provider and rows and snapshot is not None:
        at_vendor = _catalogue_levels(rows.get(vendor))
        if at_vendor is not None:
            return Accepted(at_vendor, snapshot, False, vendor)
    return None


def _reasons_at_vendor(snapshot: store.Snapshot | None, provider: str, model_id: str) -> str | None:
    """Who says the model reasons at its vendor, when this provider's own entry is silent
    (a same-provider entry is CW805's business)."""
    key = model_key(model_id)
    fact = vendor_levels(key)
    if fact is not None and fact[1]:
        return fact[0].cite()
    vendor = maker(key)
    rows = snapshot.get(key) if snapshot is not None else None
    if (
        snapshot is None
        or not rows
        or not vendor
        or vendor == provider
        or hint_for(provider, model_id) in rows
    ):
        return None
    record = rows.get(vendor)
    said = store.values(record, store.REASONING) if record is not None else []
    if said and all(said) and _catalogue_levels(record):
        return f"models.dev ({snapshot.date}), {vendor}'s entry"
    return None


REASONING_SOURCES = Family("reasoning-sources", scope="database", independent=True)


@REASONING_SOURCES.run
def _reasoning(db: Database) -> Iterator[tuple[Rule, Hit]]:
    snapshot = next((s for s in context(db).snapshots if s.name == "models.dev"), None)
    for pf in db.files:
        provider = pf.provider_id
        for index, model in pf.models() if provider else ():
            model_id = model.get("id")
            if not isinstance(model_id, str) or not model_id:
                continue
            place = (pf, provider or "", index, model_id)
            reasons = model.get("can_reason")
            if reasons is False:
                yield from _flag(place, snapshot)
            if reasons is not True:
                continue  # Crush sends no effort for a model that does not reason
            levels = model.get("reasoning_levels")
            default = model.get("default_reasoning_effort")
            listed: list[Any] = levels if isinstance(levels, list) else []
            if not listed and (levels is None or levels == []):
                yield from _no_levels(place)
            if not listed and not (isinstance(default, str) and default):
                continue  # nothing to compare: skip the lookup
            found = accepted(snapshot, provider or "", model_id)
            if found is None:
                continue
            if listed:
                yield from _levels(place, [v for v in listed if isinstance(v, str)], found)
            if isinstance(default, str) and default:
                yield from _default(place, default, found)


Place = tuple[ProviderFile, str, int, str]  # file, provider id, model index, model id


def _levels(place: Place, mine: list[str], found: Accepted) -> Iterator[tuple[Rule, Hit]]:
    pf, _, index, _ = place
    if not mine:
        return
    refused = [level for level in mine if level not in found.levels]
    narrowed = not refused and found.certain and set(mine) < found.levels
    if not refused and not narrowed:
        return  # the common case: nothing to build
    pointer = jp.join("models", index, "reasoning_levels")
    allowed = ", ".join(ordered(found.levels)) or "no effort levels"
    if refused:
        message = f"{', '.join(refused)} not accepted: {found.cite} lists {allowed}"
        severity = None if found.certain else Severity.WARNING
        yield level_not_accepted, Hit(pointer, message, file=pf, severity=severity)
    else:
        # A platform's subset is its own business; the vendor's own list is out of date.
        missing = ", ".join(ordered(found.levels - set(mine)))
        message = f"offers fewer levels than {found.cite} ({allowed}): not {missing}"
        yield levels_narrowed, Hit(pointer, message, file=pf)


def _default(place: Place, default: str, found: Accepted) -> Iterator[tuple[Rule, Hit]]:
    """The effort Crush sends on every request until the user picks another: an API that
    does not accept it fails them all, whatever the level list says."""
    pf, _, index, _ = place
    if default in found.levels:
        return
    allowed = ", ".join(ordered(found.levels)) or "no effort levels"
    message = f"default_reasoning_effort {default} not accepted: {found.cite} lists {allowed}"
    pointer = jp.join("models", index, "default_reasoning_effort")
    yield (
        level_not_accepted,
        Hit(pointer, message, file=pf, severity=None if found.certain else Severity.WARNING),
    )


def _no_levels(place: Place) -> Iterator[tuple[Rule, Hit]]:
    """A reasoning model in its vendor's own file with no levels at all, where the vendor
    documents some: Crush then never offers the effort the user pays for."""
    pf, provider, index, model_id = place
    fact = vendor_levels(model_key(model_id))
    if fact is None or fact[0].vendor != provider or not fact[1]:
        return
    allowed = ", ".join(ordered(fact[1]))
    message = f"lists no reasoning_levels, but {fact[0].cite()} documents {allowed}"
    yield levels_narrowed, Hit(jp.join("models", index), message, file=pf, field="reasoning_levels")


def _flag(place: Place, snapshot: store.Snapshot | None) -> Iterator[tuple[Rule, Hit]]:
    pf, provider, index, model_id = place
    who = _reasons_at_vendor(snapshot, provider, model_id)
    if who is not None:
        fact = vendor_levels(model_key(model_id))
        own_api = fact is not None and fact[0].vendor == provider
        message = f"can_reason is false, but the model reasons: {who}"
        severity = Severity.ERROR if own_api else None
        yield (
            reasoning_contradicts_vendor,
            Hit(jp.join("models", index, "can_reason"), message, file=pf, severity=severity),
        )


level_not_accepted = REASONING_SOURCES.rule(
    "CW403",
    "reasoning-level-not-accepted",
    """`reasoning_levels` or `default_reasoning_effort` names a level the model's API does not accept.

    Crush offers every listed level and sends the chosen one as the reasoning effort, and
    sends `default_reasoning_effort` until the user picks one; an API that does not know
    the level answers HTTP 400 (OpenAI: "Unsupported value: 'minimal' is not supported
    with the 'gpt-5.1' model"; xAI's Grok 4 takes no effort at all). An error when the
    vendor's own documentation says so about the vendor's own API; a warning, citing models.dev and
    its date, for what a catalogue says about this platform or about the vendor (a
    platform may map other names onto the vendor's).

    ## How to fix
    List the levels the API documents, and keep `default_reasoning_effort` one of them.

    ## Example
    Bad: `"id": "gpt-5.1", "reasoning_levels": ["minimal", "low", "medium", "high"]`
    Good: `"id": "gpt-5.1", "reasoning_levels": ["none", "low", "medium", "high"]`
    """,
)

levels_narrowed = REASONING_SOURCES.rule(
    "CW404",
    "reasoning-levels-narrowed",
    """`reasoning_levels` offers fewer effort levels than the model's API accepts.

    Reported for the vendor's own file only, against the vendor's documentation: its list
    is out of date (or missing, for a reasoning model with no `reasoning_levels`), and its
    users cannot pick the levels they pay for. A platform that offers a subset narrows
    legitimately and is not reported.

    ## How to fix
    Add the missing levels when the provider accepts them.

    ## Example
    Bad: `"id": "claude-opus-4-7", "reasoning_levels": ["low", "medium", "high"]` (Anthropic: also xhigh, max)
    Good: `"id": "claude-opus-4-7", "reasoning_levels": ["low", "medium", "high", "xhigh", "max"]`
    """,
    severity="warning",
)

reasoning_contradicts_vendor = REASONING_SOURCES.rule(
    "CW405",
    "reasoning-flag-contradicts-vendor",
    """`can_reason` is false for a model its vendor documents as reasoning.

    Crush then never offers reasoning for the model, and the user loses the feature the
    model is chosen for. An error in the vendor's own file when the vendor documents the
    model's effort levels; a warning elsewhere (a platform may serve only a non-reasoning
    mode; models.dev's entry for the vendor is cited with its date). A catalogue entry for
    this same provider is CW805's.

    ## How to fix
    Set `can_reason: true` with the levels the provider accepts, or baseline the finding
    with the platform's documentation.

    ## Example
    Bad: `"id": "databricks-gpt-5", "can_reason": false`
    Good: `"id": "databricks-gpt-5", "can_reason": true`
    """,
    severity="warning",
)

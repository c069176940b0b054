"""Which sources verify which facts of each provider: the live API (what its adapter reads)
and the catalogue snapshots (how many of the provider's models each one has the field for,
as the cross-source checks look them up). What nothing verifies is only as good as the
last person who typed it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from catwalk.document import ProviderFile

# Field groups, and the LiveModel fields / snapshot slots that verify each one.
GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # group: (LiveModel fields, snapshot fields)
    "ids": ((), ()),
    "prices": (("cost_in", "cost_out"), ("in", "out")),
    "cache prices": (("cost_cache_read", "cost_cache_write"), ("read", "write")),
    "limits": (("context_window", "max_output"), ("context", "max_output")),
    "image input": (("image_input",), ("vision",)),
    "reasoning": (("reasoning",), ("reasoning",)),
    "levels": (("reasoning_levels",), ("levels",)),
}


# The groups a flat-rate plan speaks for (its prices, nothing else).
_PRICE_GROUPS = ("prices", "cache prices")


class Catalogue(NamedTuple):
    source: str
    date: str
    models: int  # how many of the provider's models it has the group's fields for
    # True: it lists the provider as a flat-rate plan (every model it prices there costs
    # 0), which speaks for the prices of models it does not list too.
    flat_rate: bool = False


class Group(NamedTuple):
    live: str | None  # the adapter family that reads it from the provider's API
    catalogues: list[Catalogue]

    @property
    def verified(self) -> bool:
        return self.live is not None or bool(self.catalogues)


class Coverage(NamedTuple):
    provider: str
    models: int
    live: str | None  # why not, when the provider has no listing adapter
    groups: dict[str, Group]

    def to_dict(self) -> dict[str, Any]:
        return {
            "provider": self.provider,
            "models": self.models,
            "live": self.live,
            "groups": {
                name: {
                    "live": group.live,
                    "catalogues": [_catalogue(c) for c in group.catalogues],
                    "verified": group.verified,
                }
                for name, group in self.groups.items()
            },
        }


def coverage(files: Sequence[ProviderFile], snapshots: Sequence[Any]) -> list[Coverage]:
    """One Coverage per readable provider file, in file order."""
    from catwalk.live.adapters.registry import find_adapter, unsupported_reason
    from catwalk.sources import store
    from catwalk.sources.evidence import evidence

    slots = {name: store.FIELDS.index(name) for name in store.FIELDS}
    result = []
    for pf in files:
        provider, kind = pf.provider_id, pf.get_str("type")
        if not provider or kind is None:
            continue
        adapter = find_adapter(provider, kind)
        live = adapter.family if adapter is not None else None
        knows: frozenset[str] = adapter.knows if adapter is not None else frozenset()
        counts: dict[str, dict[str, int]] = {name: {} for name in GROUPS}
        models = [m for _, m in pf.models() if isinstance(m.get("id"), str)]
        for model in models:
            for item in evidence(list(snapshots), provider, model["id"]):
                records = [r for r in (item.same, item.vendor_record) if r is not None]
                for name, (_, fields) in GROUPS.items():
                    has = not fields or any(
                        store.field(record, slots[f]) is not None for record in records for f in fields
                    )
                    if has:
                        tally = counts[name]
                        tally[item.snapshot.name] = tally.get(item.snapshot.name, 0) + 1
        flat = {snap.name for snap in snapshots if provider in snap.flat}
        for name in _PRICE_GROUPS if flat else ():
            for source in flat:  # a flat-rate plan: the catalogue prices every model at 0
                counts[name][source] = len(models)
        dates = {snap.name: snap.date for snap in snapshots}
        groups = {}
        for name, (live_fields, _) in GROUPS.items():
            read = live is not None and (not live_fields or any(f in knows for f in live_fields))
            plan = flat if name in _PRICE_GROUPS else set()
            catalogues = [
                Catalogue(source, dates[source], n, source in plan)
                for source, n in sorted(counts[name].items())
            ]
            groups[name] = Group(live if read else None, catalogues)
        why = None if adapter is not None else unsupported_reason(provider, kind)
        result.append(Coverage(provider, len(models), live or f"none: {why}", groups))
    return result


def _catalogue(item: Catalogue) -> dict[str, Any]:
    found = item._asdict()
    if not item.flat_rate:
        del found["flat_rate"]  # said only where it is the basis
    return found


def unverified_prices(report: Sequence[Coverage]) -> list[str]:
    return [c.provider for c in report if not c.groups["prices"].verified]


def markdown(report: Sequence[Coverage]) -> str:
    """The table the README shows: one row per provider, one column per field group."""
    head = "| provider | models | " + " | ".join(GROUPS) + " |\n"
    rule = "|---|---:|" + "---|" * len(GROUPS) + "\n"
    rows = []
    for item in report:
        cells = [_cell(item.groups[name], item.models) for name in GROUPS]
        rows.append(f"| {item.provider} | {item.models} | " + " | ".join(cells) + " |\n")
    return head + rule + "".join(rows)


def _cell(group: Group, models: int) -> str:
    parts = ["live"] if group.live else []
    parts += [
        f"{c.source} {c.models}/{models}" + (" (flat-rate plan)" if c.flat_rate else "")
        for c in group.catalogues
    ]
    return ", ".join(parts) if parts else "**none**"


def text(report: Sequence[Coverage]) -> str:
    lines = []
    for item in report:
        lines.append(f"{item.provider} ({item.models} models; live: {item.live})")
        for name in GROUPS:
            lines.append(f"  {name:13} {_cell(item.groups[name], item.models).replace('**', '')}")
    missing = unverified_prices(report)
    lines.append(
        f"{len(report)} providers; prices verified for {len(report) - len(missing)}"
        + (f"; by nothing: {', '.join(missing)}" if missing else "")
    )
    return "\n".join(lines) + "\n"

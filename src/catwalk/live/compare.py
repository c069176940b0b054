"""Compare one provider's database models with what its live API says.

Rules (docs/live-drift.md has the user-facing version):
- Only fields in the adapter's `knows` are compared, and a None on the live side means
  "the API did not say" - never drift. On our side an absent optional field counts as the
  format's default (Crush uses that value), a value of the wrong type counts as unknown.
- Model ids match exactly: they are what the API expects, so `gpt-5` and `openai/gpt-5`
  are different models. Adapters emit ids in the form the provider's requests use.
- Prices match when |ours - live| <= 1e-5 (generators round $/1M to 5 decimals) or
  within 0.5 % of the larger value. Integers (context window, max output) match exactly.
- `default_max_tokens` is a heuristic, not an API fact: it drifts only when it exceeds the
  live maximum output (the API would reject the request).
- Cache prices follow catwalk's convention: `cost_per_1m_in_cached` is the cache WRITE
  price, `cost_per_1m_out_cached` the cache READ price. A live read price that is found in
  the write field instead is one "convention violation" drift, not two price changes.
- A live model the database lacks is drift of kind "added" (severity info) unless the API
  leaves out a fact the format requires while normally telling it (a variable-price router
  such as `openrouter/auto`): such a model cannot be added to the database, so reporting
  it every night would be noise; it is listed as not comparable instead.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from catwalk.live.records import LiveModel

PRICE_ABSOLUTE_TOLERANCE = 1e-5
PRICE_RELATIVE_TOLERANCE = 0.005

# LiveModel price field -> database field.
PRICE_FIELDS = {
    "cost_in": "cost_per_1m_in",
    "cost_out": "cost_per_1m_out",
    "cost_cache_write": "cost_per_1m_in_cached",
    "cost_cache_read": "cost_per_1m_out_cached",
}
PRICE_LABELS = {
    "cost_per_1m_in": "input price",
    "cost_per_1m_out": "output price",
    "cost_per_1m_in_cached": "cache write price",
    "cost_per_1m_out_cached": "cache read price",
}
# Database defaults for optional fields: an absent key means this to Crush.
DEFAULTS: dict[str, Any] = {
    "cost_per_1m_in_cached": 0,
    "cost_per_1m_out_cached": 0,
    "can_reason": False,
    "reasoning_levels": [],
    "supports_attachments": False,
}
# Facts the format requires of every model: a live model missing one of them (while its
# adapter normally tells it) cannot become a database entry.
REQUIRED_LIVE = {"cost_in": "price", "cost_out": "price", "context_window": "context window"}
LEVEL_ORDER = ("none", "minimal", "low", "medium", "high", "xhigh", "max")


@dataclass(frozen=True)
class Drift:
    provider: str
    model: str
    field: str | None
    kind: str  # "changed" | "removed" | "added"
    ours: Any
    live: Any
    severity: str  # "error" | "warning" | "info"
    message: str
    # A cache read price found in the write field (sync moves it); not part of the JSON.
    convention: bool = dataclasses.field(default=False, compare=False)
    # Who says so: the provider's API ("live") or the catalogues (`catwalk.live.catalogue`).
    source: str = "live"

    def to_dict(self) -> dict[str, Any]:
        return {
            "provider": self.provider,
            "model": self.model,
            "field": self.field,
            "kind": self.kind,
            "ours": self.ours,
            "live": self.live,
            "severity": self.severity,
            "message": self.message,
            "source": self.source,
        }


@dataclass
class Comparison:
    drift: list[Drift] = field(default_factory=list)
    # Live models that cannot be compared or added, with the reason (not drift).
    not_comparable: dict[str, str] = field(default_factory=dict)
    matched: int = 0


def same_price(a: float, b: float) -> bool:
    delta = abs(a - b)
    return delta <= PRICE_ABSOLUTE_TOLERANCE or delta <= PRICE_RELATIVE_TOLERANCE * max(abs(a), abs(b))


def money(value: Any) -> str:
    """`$0.0000001/1M`: every digit the value has, never exponent notation."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        from catwalk.canonical import number

        return f"${number(value)}/1M"
    return repr(value)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def ours_value(model: dict[str, Any], key: str) -> Any:
    return model.get(key, DEFAULTS.get(key))


def sort_levels(levels: Iterable[str]) -> list[str]:
    """Lowest effort first, as catwalk lists them; unknown names keep their order at the end."""
    unique = list(dict.fromkeys(levels))
    rank = {name: i for i, name in enumerate(LEVEL_ORDER)}
    return sorted(unique, key=lambda name: (rank.get(name, len(rank)), unique.index(name)))


def live_summary(live: LiveModel, knows: frozenset[str]) -> dict[str, Any]:
    """The known, non-None facts of a live model, in database field names (for "added")."""
    facts: dict[str, Any] = {}
    names = {
        "name": "name",
        "context_window": "context_window",
        "max_output": "max_output",
        **PRICE_FIELDS,
        "image_input": "supports_attachments",
        "reasoning": "can_reason",
        "reasoning_levels": "reasoning_levels",
        "deprecated_at": "deprecated_at",
        "expires_at": "expires_at",
    }
    for attr, name in names.items():
        value = getattr(live, attr)
        if attr in knows and value is not None:
            facts[name] = list(value) if isinstance(value, tuple) else value
    return facts


class _ModelComparer:
    def __init__(self, provider: str, model_id: str, knows: frozenset[str], out: list[Drift]) -> None:
        self.provider = provider
        self.model_id = model_id
        self.knows = knows
        self.out = out

    def add(self, fieldname: str, ours: Any, live: Any, severity: str, message: str) -> None:
        self.out.append(
            Drift(self.provider, self.model_id, fieldname, "changed", ours, live, severity, message)
        )

    def prices(self, ours: dict[str, Any], live: LiveModel) -> None:
        for attr in ("cost_in", "cost_out"):
            self._price(attr, ours, live)
        self._cache_prices(ours, live)

    def _price(self, attr: str, ours: dict[str, Any], live: LiveModel) -> None:
        key = PRICE_FIELDS[attr]
        theirs = getattr(live, attr)
        mine = _number(ours_value(ours, key))
        if attr not in self.knows or theirs is None or mine is None or same_price(mine, theirs):
            return
        label = PRICE_LABELS[key]
        self.add(
            key,
            ours_value(ours, key),
            theirs,
            "error",
            f"{label} changed: ours {money(mine)}, live {money(theirs)}",
        )

    def _cache_prices(self, ours: dict[str, Any], live: LiveModel) -> None:
        read = live.cost_cache_read if "cost_cache_read" in self.knows else None
        write = live.cost_cache_write if "cost_cache_write" in self.knows else None
        raw_in, raw_out = (
            ours_value(ours, "cost_per_1m_in_cached"),
            ours_value(ours, "cost_per_1m_out_cached"),
        )
        in_cached, out_cached = _number(raw_in), _number(raw_out)
        swapped = (
            read is not None
            and in_cached is not None
            and out_cached is not None
            and not same_price(out_cached, read)
            and same_price(in_cached, read)
            and not same_price(in_cached, out_cached)
            and (write is None or not same_price(in_cached, write))
        )
        if swapped:
            assert read is not None
            message = (
                f"cache price convention violation: the live cache READ price {money(read)} is in "
                f"cost_per_1m_in_cached (the cache WRITE field) while cost_per_1m_out_cached "
                f"(the READ field) holds {money(out_cached)}"
            )
            if write is not None and out_cached is not None and same_price(out_cached, write):
                message += "; the two cache prices are swapped"
            elif write is None:
                message += "; move it to cost_per_1m_out_cached and set cost_per_1m_in_cached to 0"
            self.out.append(
                Drift(
                    self.provider,
                    self.model_id,
                    "cost_per_1m_out_cached",
                    "changed",
                    raw_out,
                    read,
                    "warning",
                    message,
                    convention=True,
                )
            )
            # The write field's mismatch is the same mistake, unless the live write price
            # is known and is neither of our two values.
            if write is None or (out_cached is not None and same_price(out_cached, write)):
                return
            self._write_price(raw_in, write, note="")
            return
        if read is not None and out_cached is not None and not same_price(out_cached, read):
            self.add(
                "cost_per_1m_out_cached",
                raw_out,
                read,
                "error",
                f"cache read price changed: ours {money(out_cached)}, live {money(read)}",
            )
        if write is not None and in_cached is not None and not same_price(in_cached, write):
            note = ""
            if read is not None and same_price(in_cached, read) and in_cached > 0:
                note = " (ours equals the cache READ price; cost_per_1m_in_cached is the WRITE price)"
            self._write_price(raw_in, write, note)

    def _write_price(self, raw_in: Any, write: float, note: str) -> None:
        in_cached = _number(raw_in)
        if in_cached is None or same_price(in_cached, write):
            return
        self.add(
            "cost_per_1m_in_cached",
            raw_in,
            write,
            "error",
            f"cache write price changed: ours {money(in_cached)}, live {money(write)}{note}",
        )

    def limits(self, ours: dict[str, Any], live: LiveModel) -> None:
        if "context_window" in self.knows and live.context_window is not None:
            mine = _integer(ours.get("context_window"))
            if mine is not None and mine != live.context_window:
                severity = "error" if mine > live.context_window else "warning"
                self.add(
                    "context_window",
                    mine,
                    live.context_window,
                    severity,
                    f"context window changed: ours {mine:,}, live {live.context_window:,}",
                )
        if "max_output" in self.knows and live.max_output is not None:
            mine = _integer(ours.get("default_max_tokens"))
            if mine is not None and mine > live.max_output:
                self.add(
                    "default_max_tokens",
                    mine,
                    live.max_output,
                    "error",
                    f"default_max_tokens {mine:,} exceeds the live maximum output {live.max_output:,}",
                )

    def capabilities(self, ours: dict[str, Any], live: LiveModel) -> None:
        if "image_input" in self.knows and live.image_input is not None:
            mine = ours_value(ours, "supports_attachments")
            if isinstance(mine, bool) and mine != live.image_input:
                if mine:
                    message, severity = "image input: ours says supported, the live API says not", "error"
                else:
                    message, severity = (
                        "image input: the live API now accepts images, ours says not",
                        "warning",
                    )
                self.add("supports_attachments", mine, live.image_input, severity, message)
        reasoning_drift = False
        if "reasoning" in self.knows and live.reasoning is not None:
            mine = ours_value(ours, "can_reason")
            if isinstance(mine, bool) and mine != live.reasoning:
                reasoning_drift = True
                if mine:
                    message, severity = (
                        "reasoning: ours says the model reasons, the live API says not",
                        "error",
                    )
                else:
                    message, severity = (
                        "reasoning: the live API says the model reasons, ours says not",
                        "warning",
                    )
                self.add("can_reason", mine, live.reasoning, severity, message)
        if reasoning_drift or "reasoning_levels" not in self.knows or live.reasoning_levels is None:
            return
        mine_levels = ours_value(ours, "reasoning_levels")
        if not isinstance(mine_levels, list) or not all(isinstance(x, str) for x in mine_levels):
            return
        if live.reasoning is False and not live.reasoning_levels:
            return
        ours_set, live_set = set(mine_levels), set(live.reasoning_levels)
        if ours_set == live_set:
            return
        extra = sort_levels(ours_set - live_set)
        missing = sort_levels(live_set - ours_set)
        parts = []
        if extra:
            parts.append(f"ours offers {', '.join(extra)} which the live API does not accept")
        if missing:
            parts.append(f"the live API also accepts {', '.join(missing)}")
        self.add(
            "reasoning_levels",
            mine_levels,
            sort_levels(live.reasoning_levels),
            "error" if extra else "info",
            "reasoning levels changed: " + "; ".join(parts),
        )


def compare_provider(
    provider_id: str,
    ours: Sequence[dict[str, Any]],
    live: Sequence[LiveModel],
    knows: frozenset[str],
) -> Comparison:
    """Drift for one provider, ordered: changed/removed by our model order, then added."""
    result = Comparison()
    live_by_id = {m.id: m for m in live}
    ours_ids: set[str] = set()
    for model in ours:
        model_id = model.get("id")
        if not isinstance(model_id, str) or model_id in ours_ids:
            continue
        ours_ids.add(model_id)
        record = live_by_id.get(model_id)
        if record is None:
            name = model.get("name") if isinstance(model.get("name"), str) else model_id
            result.drift.append(
                Drift(
                    provider_id,
                    model_id,
                    None,
                    "removed",
                    name,
                    None,
                    "warning",
                    "removed upstream: in the database, not in the live model list",
                )
            )
            continue
        result.matched += 1
        comparer = _ModelComparer(provider_id, model_id, knows, result.drift)
        comparer.prices(model, record)
        comparer.limits(model, record)
        comparer.capabilities(model, record)
    for record in live:
        if record.id in ours_ids:
            continue
        missing = [
            label for attr, label in REQUIRED_LIVE.items() if attr in knows and getattr(record, attr) is None
        ]
        if missing:
            result.not_comparable[record.id] = f"the API gives no {' or '.join(dict.fromkeys(missing))}"
            continue
        result.drift.append(
            Drift(
                provider_id,
                record.id,
                None,
                "added",
                None,
                live_summary(record, knows),
                "info",
                "new upstream: in the live model list, not in the database",
            )
        )
    return result

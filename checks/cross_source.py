"""Prices, limits and capabilities agree with independent catalogues.

The catalogues are LiteLLM's price map, pydantic's genai-prices, OpenRouter's model list
and models.dev's catalogue, shipped as dated snapshots inside the package (`catwalk
snapshots`); the check never uses the network. A value is flagged only when every
catalogue that knows the model disagrees with it, and the message cites each one with
its snapshot date.

Which catalogue entry a model is compared with:
- the entry of the same provider (LiteLLM `litellm_provider`, genai-prices provider id,
  OpenRouter itself for `openrouter`) always comes first;
- prices fall back to the vendor's own price (Anthropic's price for a Claude model) only
  for gateways that resell at list price (OpenRouter, Vercel): a reseller's price is
  never compared with another reseller's;
- limits and capabilities fall back to the vendor's entry in one direction only: a
  provider may serve less than the model can (a smaller window, no image input), not more.

Settings: `price-tolerance` (0.02 relative), `price-tolerance-absolute` (0.005 USD),
`context-tolerance` (0.1), `snapshot-dir` (use other snapshot files).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from catwalk import pointer as jp
from catwalk.document import Database, ProviderFile
from catwalk.homes import FIELD_FACTS, packaged
from catwalk.rules import Family, Hit, Rule
from catwalk.sources import store
from catwalk.sources.evidence import Evidence, evidence
from catwalk.sources.ids import model_key
from catwalk.sources.providers import LIST_PRICE_GATEWAYS

from . import _settings
from ._context import Tolerances, context
from ._values import count, flag, fmt, price
from .cache_prices import diagnoses as cache_diagnoses

PRICES = (
    ("cost_per_1m_in", store.IN),
    ("cost_per_1m_out", store.OUT),
    ("cost_per_1m_in_cached", store.WRITE),
    ("cost_per_1m_out_cached", store.READ),
)


# --- comparing one value with the catalogues -----------------------------------------
#
# Verdict functions answer for one catalogue value (a number, a flag, or a list of
# alternatives): True agrees, False disagrees, None has no opinion. `_refuted` stops at
# the first catalogue that agrees, so correct data costs one comparison per field.

_NUMBER = (int, float)
_FLAG = (int, bool)
_NO_RECORD: list[Any] = []


def _numbers(values: Any) -> list[float]:
    items = values if values.__class__ is list else (values,)
    return [v for v in items if v.__class__ in _NUMBER]


def _price_verdict(values: Any, value: float, tolerance: float, _: bool) -> bool | None:
    if values.__class__ in _NUMBER:
        return abs(value - values) <= tolerance
    numbers = _numbers(values)
    return any(abs(value - n) <= tolerance for n in numbers) if numbers else None


def _window_verdict(values: Any, window: int, spread: float, from_vendor: bool) -> bool | None:
    numbers = _numbers(values)
    if not numbers:
        return None
    if from_vendor:  # a provider may serve a smaller window than the vendor's
        return window <= max(numbers) * spread
    return any(n / spread <= window <= n * spread for n in numbers)


def _output_verdict(values: Any, max_tokens: int, spread: float, _: bool) -> bool | None:
    numbers = _numbers(values)
    return max_tokens <= max(numbers) * spread if numbers else None


def _flag_verdict(values: Any, mine: bool, _: float, from_vendor: bool) -> bool | None:
    # A vendor entry only refutes a capability this provider claims; the same provider's
    # entry refutes either way.
    if from_vendor and not mine:
        return None
    items = values if values.__class__ is list else (values,)
    flags = [bool(v) for v in items if v.__class__ in (int, bool)]
    return (mine in flags) if flags else None


Verdict = Callable[[Any, Any, Any, bool], "bool | None"]


class Claim(NamedTuple):
    """One catalogue's values for a field, and whose entry they come from."""

    snapshot: store.Snapshot
    values: list[Any]
    vendor: str | None  # None: the same provider's entry
    flat: int = 0  # from the catalogue's flat-rate plan (this many models at 0), not an entry


def _refuted(
    found: list[Evidence], slot: int, vendors: bool, verdict: Verdict, *judged: Any
) -> list[Claim] | None:
    """The catalogues' claims when at least one has an opinion and none agrees, else None.
    `vendors`: whether the maker's entry stands in when the provider has none; `judged`:
    the catwalk value and the tolerance handed to `verdict`."""
    mine, limit = judged
    opinions = False
    for item in found:
        same = item.same
        values = same[slot] if same is not None and slot < len(same) else None
        from_vendor = False
        if values is None and vendors and item.vendor_record is not None:
            record = item.vendor_record
            values = record[slot] if slot < len(record) else None
            from_vendor = True
        if values is None:
            continue
        said = verdict(values, mine, limit, from_vendor)
        if said:
            return None
        opinions = opinions or said is False
    if not opinions:
        return None
    claims = []  # the slow path: only for a finding
    for item in found:
        values = store.field(item.same, slot) if item.same is not None else None
        vendor = None
        if values is None and vendors and item.vendor_record is not None:
            values, vendor = store.field(item.vendor_record, slot), item.vendor
        if values is not None and verdict(values, mine, limit, vendor is not None) is False:
            listed = values if values.__class__ is list else [values]
            claims.append(Claim(item.snapshot, listed, vendor, item.flat))
    return claims


def _evidence(claims: list[Claim]) -> tuple[dict[str, Any], ...]:
    return tuple(
        {"source": c.snapshot.name, "date": c.snapshot.date, "entry": c.vendor, "values": c.values}
        | ({"flat_rate_models": c.flat} if c.flat else {})
        for c in claims
    )


def _cite(claims: list[Claim], show: Callable[[Any], str] = fmt) -> str:
    parts = []
    for claim in claims:
        whose = f", {claim.vendor}'s entry" if claim.vendor else ""
        if claim.flat:
            whose = f", a flat-rate plan: its {claim.flat} priced models cost 0"
        shown = " or ".join(show(v) for v in claim.values)
        parts.append(f"{claim.snapshot.name} ({claim.snapshot.date}{whose}): {shown}")
    return ", ".join(parts)


def _model_findings(
    found: list[Evidence],
    pf: ProviderFile,
    index: int,
    model: dict[str, Any],
    *,
    provider: str,
    limits: Tolerances,
) -> Iterator[tuple[Rule, Hit]]:
    # Prices: free models (both prices 0) and fields left at 0 are not compared; cached
    # prices that break the convention are CW6xx's business. Gateways resell closed
    # models at the maker's list price, so the maker's price stands in for them only.
    # The common case, agreement with the first entry of the same provider, is decided
    # here without a call: `_refuted` would stop at that entry anyway.
    first = next((item.same for item in found if item.same is not None), _NO_RECORD)
    size = len(first)
    cost_in, cost_out = price(model, "cost_per_1m_in"), price(model, "cost_per_1m_out")
    if cost_in or cost_out:
        gateway = provider in LIST_PRICE_GATEWAYS
        for key, slot in PRICES:
            value = cost_in if slot == store.IN else cost_out if slot == store.OUT else price(model, key)
            if value is None or (slot >= store.WRITE and not value):
                continue
            tolerance = max(limits.price_absolute, limits.price_relative * value)
            known = first[slot] if slot < size else None
            if known.__class__ in _NUMBER and abs(value - known) <= tolerance:
                continue
            if slot >= store.WRITE and index in pf.memo(_convention_broken):
                continue
            claims = _refuted(found, slot, gateway, _price_verdict, value, tolerance)
            if claims:
                message = f"{key} {fmt(value)} disagrees with {_cite(claims)}"
                pointer = jp.join("models", index, key)
                yield price_disagrees, Hit(pointer, message, file=pf, evidence=_evidence(claims))

    spread = 1 + limits.context
    window = count(model, "context_window")
    known = first[store.CONTEXT] if size > store.CONTEXT else None
    if window and not (known.__class__ in _NUMBER and known / spread <= window <= known * spread):
        claims = _refuted(found, store.CONTEXT, True, _window_verdict, window, spread)
        if claims:
            message = f"context_window {fmt(window)} disagrees with {_cite(claims)}"
            pointer = jp.join("models", index, "context_window")
            yield context_disagrees, Hit(pointer, message, file=pf, evidence=_evidence(claims))

    max_tokens = count(model, "default_max_tokens")
    known = first[store.MAX_OUTPUT] if size > store.MAX_OUTPUT else None
    if max_tokens and not (known.__class__ in _NUMBER and max_tokens <= known * spread):
        claims = _refuted(found, store.MAX_OUTPUT, True, _output_verdict, max_tokens, spread)
        if claims:
            message = f"default_max_tokens {fmt(max_tokens)} is above the maximum output of {_cite(claims)}"
            pointer = jp.join("models", index, "default_max_tokens")
            yield max_tokens_above, Hit(pointer, message, file=pf, evidence=_evidence(claims))

    flags = (
        ("supports_attachments", store.VISION, attachments_disagree),
        ("can_reason", store.REASONING, reasoning_disagrees),
    )
    for key, slot, finding in flags:
        mine = flag(model, key)
        known = first[slot] if slot < size else None
        if mine is None or (known.__class__ in _FLAG and bool(known) is mine):
            continue
        claims = _refuted(found, slot, True, _flag_verdict, mine, 0.0)
        if claims:
            pointer = jp.join("models", index, key) if key in model else jp.join("models", index)
            message = f"{key} is {str(mine).lower()} but {_cite(claims, _yes_no)}"
            yield finding, Hit(pointer, message, file=pf, field=key, evidence=_evidence(claims))


# What every host's catalogue entries say of a model: an open model's weights decide what
# it can do, so when this many hosts' entries all deny a capability (and none
# grants it), or all give a smaller window or output limit, a host claiming more is likely
# wrong (a host may serve less than the weights can, never more). Only where neither this
# provider's entry nor the maker's has spoken: those are `_model_findings`' business.
CONSENSUS_MIN_HOSTS = 3

# Per catalogue: how many of its hosts speak, and (limits) the largest value they give.
Tally = list[tuple[store.Snapshot, int, float]]


class Hosts:
    """The hosts' verdicts per model key and field, computed once per run."""

    __slots__ = ("_ceilings", "_denials", "snapshots")

    def __init__(self, snapshots: list[store.Snapshot]) -> None:
        self.snapshots = snapshots
        self._denials: dict[tuple[str, int], Tally | None] = {}
        self._ceilings: dict[tuple[str, int], Tally | None] = {}

    def denials(self, key: str, slot: int) -> Tally | None:
        """The catalogues whose hosts deny a capability; None when an entry grants it or
        too few entries speak."""
        if (key, slot) not in self._denials:
            self._denials[key, slot] = self._tally(key, slot, flags=True)
        return self._denials[key, slot]

    def ceiling(self, key: str, slot: int) -> Tally | None:
        """The catalogues whose hosts give a limit, with the largest each gives; None when
        too few entries speak."""
        if (key, slot) not in self._ceilings:
            self._ceilings[key, slot] = self._tally(key, slot, flags=False)
        return self._ceilings[key, slot]

    def _tally(self, key: str, slot: int, *, flags: bool) -> Tally | None:
        tally: Tally = []
        distinct: set[str] = set()  # one host listed by three catalogues is one voice
        for snap in self.snapshots:
            rows = snap.get(key)
            if not rows:
                continue
            hosts, largest = 0, 0.0
            for host, record in rows.items():
                values = store.values(record, slot)
                if flags:
                    said = [v for v in values if v.__class__ in _FLAG]
                    if any(said):
                        return None
                    spoke = bool(said)
                else:
                    numbers = [v for v in values if v.__class__ in _NUMBER and v > 0]
                    spoke = bool(numbers)
                    if numbers:
                        largest = max(largest, *numbers)
                if spoke:
                    hosts += 1
                    distinct.add(host)
            if hosts:
                tally.append((snap, hosts, largest))
        return tally if len(distinct) >= CONSENSUS_MIN_HOSTS else None


def _hosts(n: int) -> str:
    return f"{n} host" if n == 1 else f"{n} hosts"


def _spoken(found: list[Evidence], slot: int) -> bool:
    """Whether an entry of this provider or of the maker gives the field."""
    return any(
        store.field(record, slot) is not None
        for item in found
        for record in (item.same, item.vendor_record)
        if record is not None
    )


def _convention_broken(pf: ProviderFile) -> frozenset[int]:
    """The models whose cache prices break the convention: CW6xx's business, so their
    cached prices are not compared (read only when one disagrees: most agree)."""
    return frozenset(index for index, _ in cache_diagnoses(pf))


# A fact the host consensus judges: (field, record slot, rule, what is claimed).
Judged = tuple[str, int, Rule, str]
_ENTRY = "host's catalogue entry"


def _judged(reads: frozenset[str]) -> tuple[list[Judged], list[Judged]]:
    """The capabilities and limits the consensus judges for a provider whose own listing
    API gives `reads`: the nightly comparison with that API judges those, and other hosts
    do not speak for it."""
    capabilities = [
        ("can_reason", store.REASONING, reasoning_disagrees, "reasoning"),
        ("supports_attachments", store.VISION, attachments_disagree, "image input"),
    ]
    larger = f"is larger than any {_ENTRY} of this model allows"
    above = f"is above the maximum output any {_ENTRY} gives this model"
    limits = [
        ("context_window", store.CONTEXT, context_disagrees, larger),
        ("default_max_tokens", store.MAX_OUTPUT, max_tokens_above, above),
    ]
    return (
        [c for c in capabilities if FIELD_FACTS[c[0]] not in reads],
        [c for c in limits if FIELD_FACTS[c[0]] not in reads],
    )


def _host_findings(
    found: list[Evidence],
    pf: ProviderFile,
    index: int,
    model: dict[str, Any],
    *,
    hosts: Hosts,
    spread: float,
    judged: tuple[list[Judged], list[Judged]],
) -> Iterator[tuple[Rule, Hit]]:
    """Claims beyond what every host's catalogue entry of the model allows (`_judged`)."""
    capabilities, limits = judged
    key = model_key(str(model["id"]))
    for field_name, slot, rule, what in capabilities:
        if model.get(field_name) is not True or _spoken(found, slot):
            continue
        denials = hosts.denials(key, slot)
        if denials is None:
            continue
        cited = ", ".join(f"{snap.name} ({snap.date}): no at {_hosts(n)}" for snap, n, _ in denials)
        message = f"{field_name} is true but no catalogue entry of this model grants {what}: {cited}"
        yield rule, _every_host(pf, index, field_name, message, denials, denied=True)
    for field_name, slot, rule, what in limits:
        mine = count(model, field_name)
        if not mine or _spoken(found, slot):
            continue
        ceiling = hosts.ceiling(key, slot)
        if ceiling is None or mine <= max(top for _, _, top in ceiling) * spread:
            continue
        cited = ", ".join(
            f"{snap.name} ({snap.date}): at most {fmt(top)} at {_hosts(n)}" for snap, n, top in ceiling
        )
        message = f"{field_name} {fmt(mine)} {what}: {cited}"
        yield rule, _every_host(pf, index, field_name, message, ceiling, denied=False)


def _every_host(
    pf: ProviderFile, index: int, field_name: str, message: str, tally: Tally, *, denied: bool
) -> Hit:
    """The hit of a host-consensus finding, with each catalogue's tally as its evidence:
    the capability denied, or the largest limit given."""
    evidence = tuple(
        {
            "source": snap.name,
            "date": snap.date,
            "entry": "every host",
            "values": [False if denied else top],
            "hosts": n,
        }
        for snap, n, top in tally
    )
    return Hit(jp.join("models", index, field_name), message, file=pf, field=field_name, evidence=evidence)


# What a flat-rate plan charges per token, in snapshot record order (in, out, write, read).
_FREE = [0, 0, 0, 0]


def _with_flat_rate(found: list[Evidence], flat: list[store.Snapshot], provider: str) -> list[Evidence]:
    """A catalogue that lists the provider as a flat-rate plan (every model it prices there
    costs 0) speaks for the plan's other models too: at price 0, and nothing else."""
    listed = {item.snapshot.name for item in found if item.same is not None}
    return found + [
        Evidence(snap, _FREE, None, None, snap.flat[provider]) for snap in flat if snap.name not in listed
    ]


def _yes_no(value: Any) -> str:
    return "true" if value else "false"


CROSS_SOURCE = Family("cross-source", scope="database")


@CROSS_SOURCE.run
def _compare(db: Database) -> Iterator[tuple[Rule, Hit]]:
    """Every model of the database against every catalogue that knows it, in one pass."""
    run = context(db)
    yield from ((price_disagrees, hit) for hit in _settings.report_once(db, run.problems))
    snapshots = run.snapshots
    if not snapshots:
        return
    hosts = Hosts(snapshots)  # what every host's entry says, per model key
    spread = 1 + run.tolerances.context
    for pf in db.files:
        provider = pf.provider_id
        if not provider:
            continue
        flat = [snap for snap in snapshots if provider in snap.flat]
        judged = _judged(packaged().reads.get(provider, frozenset()))
        for index, model in pf.models():
            model_id = model.get("id")
            if not isinstance(model_id, str) or model_id.endswith(":free"):
                continue  # free twins have their own limits; catalogues list the paid model
            found = evidence(snapshots, provider, model_id)
            if flat:
                found = _with_flat_rate(found, flat, provider)
            if found:
                yield from _model_findings(
                    found,
                    pf,
                    index,
                    model,
                    provider=provider,
                    limits=run.tolerances,
                )
            yield from _host_findings(found, pf, index, model, hosts=hosts, spread=spread, judged=judged)


price_disagrees = CROSS_SOURCE.rule(
    "CW801",
    "price-disagrees-with-sources",
    """A price disagrees with every independent catalogue that knows the model.

    LiteLLM, genai-prices, OpenRouter and models.dev are maintained independently of catwalk; when all
    of them that price this model at this provider (or, for list-price gateways such as
    OpenRouter and Vercel, at its vendor) say something else, the catwalk price is likely
    stale or mistyped (a digit, or a per-token price not converted to per-1M). Prices
    within `price-tolerance` (2 %) or `price-tolerance-absolute` ($0.005) agree.

    ## How to fix
    Check the provider's price page and correct the price; when the catalogues are the
    stale ones, baseline the finding with a link to the price page.

    ## Example
    Bad: `"id": "claude-sonnet-4-5", "cost_per_1m_in": 30` (LiteLLM, genai-prices: 3)
    Good: `"id": "claude-sonnet-4-5", "cost_per_1m_in": 3`
    """,
    severity="warning",
)


context_disagrees = CROSS_SOURCE.rule(
    "CW802",
    "context-disagrees-with-sources",
    """`context_window` disagrees with every independent catalogue that knows the model.

    Compared with the same provider's entry in either direction (within
    `context-tolerance`), and with the vendor's entry only when catwalk lists a larger
    window than the vendor allows. LiteLLM's OpenAI entries count input + output as the
    window, as OpenAI's docs (and catwalk) do. Where neither entry exists and the
    provider's own listing API does not give the window, a window larger than every entry
    of at least 3 other hosts is flagged too (a host serves at most what the weights allow).

    ## How to fix
    Check the provider's model page and correct the window, or baseline the finding with
    the evidence.

    ## Example
    Bad: `"id": "claude-opus-4-1", "context_window": 2000000` (LiteLLM, genai-prices: 200000)
    Good: `"id": "claude-opus-4-1", "context_window": 200000`
    """,
    severity="warning",
)


max_tokens_above = CROSS_SOURCE.rule(
    "CW803",
    "max-tokens-above-sources",
    """`default_max_tokens` is above the maximum output every catalogue gives the model.

    Crush sends `default_max_tokens` as the request's output limit; providers reject a
    limit above the model's maximum output (Anthropic and OpenAI answer HTTP 400). Where
    neither this provider's entry nor the maker's gives one and the provider's own listing
    API does not either, the largest output limit that at least 3 other hosts' entries give
    is the ceiling.

    ## How to fix
    Use at most the model's documented maximum output (catwalk's generators often use
    half of it).

    ## Example
    Bad: `"id": "gpt-4o", "default_max_tokens": 64000` (LiteLLM, OpenRouter: 16384)
    Good: `"id": "gpt-4o", "default_max_tokens": 8192`
    """,
    severity="warning",
)


attachments_disagree = CROSS_SOURCE.rule(
    "CW804",
    "attachments-disagree-with-sources",
    """`supports_attachments` disagrees with every independent catalogue that knows the model.

    A claim of image input is refuted by the vendor's entry or the same provider's;
    a missing claim only by the same provider's entry (a provider may serve a vision
    model without image input). Where neither has an entry, a claim is also refuted when
    at least 3 catalogue entries of the model, at any hosts, all say it takes no images
    and none says it does: the weights decide, and no host can add vision to them.

    ## How to fix
    Check the provider's documentation; correct the flag or baseline the finding.

    ## Example
    Bad: `"id": "deepseek-v3.2", "supports_attachments": true` (LiteLLM, OpenRouter: false)
    Good: `"id": "deepseek-v3.2", "supports_attachments": false`
    """,
    severity="warning",
)


reasoning_disagrees = CROSS_SOURCE.rule(
    "CW805",
    "reasoning-disagrees-with-sources",
    """`can_reason` disagrees with every independent catalogue that knows the model.

    A reasoning claim is refuted by the vendor's entry or the same provider's; a missing
    claim only by the same provider's entry (a provider may serve the non-thinking mode).
    Where neither has an entry, a claim is also refuted when at least 3 catalogue entries
    of the model, at any hosts, all say it does not reason and none says it does
    (`qwen3-30b-a3b-instruct-2507`, the non-thinking release, listed with `can_reason: true`).

    ## How to fix
    Check the model card; correct `can_reason` and `reasoning_levels`, or baseline.

    ## Example
    Bad: `"id": "gpt-4.1", "can_reason": true` (OpenRouter: false)
    Good: `"id": "gpt-4.1", "can_reason": false`
    """,
    severity="warning",
)

"""Cache prices follow catwalk's convention.

`cost_per_1m_in_cached` is the cache WRITE price (creating a cache entry) and
`cost_per_1m_out_cached` the cache READ price (a cache hit). A provider that advertises a
single "cached input" price means the read price, so it belongs in
`cost_per_1m_out_cached`. Several generators and hand-written files put it in the write
field instead, or swap the two; Crush then bills cache hits at the wrong price.

Each model gets at most one diagnosis, the most specific one, so a swapped pair is one
finding, not three. Zero means "not charged / not listed" and is never compared; a model
without an input price (free, or a subscription) is skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from catwalk import pointer as jp
from catwalk.document import ProviderFile
from catwalk.rules import Hit, rule

from ._values import fmt, price, same

WRITE, READ = "cost_per_1m_in_cached", "cost_per_1m_out_cached"


class Diagnosis(NamedTuple):
    rule: str
    field: str
    message: str


def diagnose(model: dict[str, Any]) -> Diagnosis | None:
    """The one convention problem of a model's cache prices, or None."""
    write, read = price(model, WRITE) or None, price(model, READ) or None
    if read is None and write is None:
        return None  # most models: no cache prices at all
    cost_in, cost_out = price(model, "cost_per_1m_in"), price(model, "cost_per_1m_out")
    if not cost_in:
        return None
    if read is not None and read > cost_in and not same(read, cost_in):
        if cost_out and same(read, cost_out):
            hint = ""
            if write is not None and same(write, cost_in):
                hint = f"; {WRITE} equals the input price too: both look copied from the uncached prices"
            elif write is not None and write < cost_in:
                hint = f"; {WRITE} {fmt(write)} looks like the read price and belongs in {READ}"
            return Diagnosis(
                "CW601",
                READ,
                f"{READ} (cache read) {fmt(read)} equals cost_per_1m_out: the output price was copied "
                f"into the cache-read field{hint}",
            )
        if write is not None and write < read:
            return Diagnosis(
                "CW601",
                READ,
                f"{READ} (cache read) {fmt(read)} is above the input price {fmt(cost_in)} while {WRITE} "
                f"(cache write) is {fmt(write)}: the two look swapped; {WRITE} should be {fmt(read)} "
                f"and {READ} {fmt(write)}",
            )
        return Diagnosis(
            "CW601",
            READ,
            f"{READ} (cache read) {fmt(read)} is above the input price {fmt(cost_in)}; a cache hit never "
            f"costs more than uncached input: if {fmt(read)} is the cache write price it belongs in {WRITE}",
        )
    if read is not None and write is not None and read > write and not same(read, write):
        return Diagnosis(
            "CW602",
            WRITE,
            f"{WRITE} (cache write) {fmt(write)} is below {READ} (cache read) {fmt(read)}, and writes never "
            f"cost less than reads: the two look swapped ({WRITE} {fmt(read)}, {READ} {fmt(write)}), or "
            f"{fmt(write)} is not a per-token write price (a storage fee?)",
        )
    if write is not None and write < cost_in and not same(write, cost_in):
        if read is None:
            return Diagnosis(
                "CW603",
                WRITE,
                f"{WRITE} (cache write) {fmt(write)} is below the input price {fmt(cost_in)} and no cache "
                f"read price is set: a single cached price is the read price; move {fmt(write)} to {READ}",
            )
        if same(write, read):
            return Diagnosis(
                "CW604",
                WRITE,
                f"{WRITE} (cache write) {fmt(write)} equals {READ} (cache read) and is below the input "
                f"price {fmt(cost_in)}: the read price was copied into the write field; set {WRITE} to "
                "the cache write price, or 0 when writes are not charged extra",
            )
        return Diagnosis(
            "CW605",
            WRITE,
            f"{WRITE} (cache write) {fmt(write)} is below the input price {fmt(cost_in)}; cache writes "
            f"cost at least as much as input: check that {fmt(write)} is not a second read price",
        )
    if read is not None and cost_out and same(read, cost_out) and not same(cost_out, cost_in):
        return Diagnosis(
            "CW606",
            READ,
            f"{READ} (cache read) {fmt(read)} equals cost_per_1m_out: it looks like the output price "
            "was copied into the cache-read field",
        )
    return None


def diagnoses(pf: ProviderFile) -> list[tuple[int, Diagnosis]]:
    """Every model's diagnosis, once per file (CW6xx and the cross-source checks share it)."""
    return pf.memo(_diagnose_all)


def _diagnose_all(pf: ProviderFile) -> list[tuple[int, Diagnosis]]:
    found = []
    for index, model in pf.models():
        diagnosis = diagnose(model)
        if diagnosis is not None:
            found.append((index, diagnosis))
    return found


def _hits(pf: ProviderFile, rule_id: str) -> Iterator[Hit]:
    for index, found in diagnoses(pf):
        if found.rule == rule_id:
            yield Hit(jp.join("models", index, found.field), found.message)


@rule("CW601", "cache-read-above-input")
def cache_read_above_input(pf: ProviderFile) -> Iterator[Hit]:
    """The cache read price (`cost_per_1m_out_cached`) is above the input price.

    A cache hit is always cheaper than uncached input. A read price above input means the
    field holds something else: the write price (cache reads and writes swapped, as
    opencode's generator does), or the output price copied into the cache-read field.
    The message says which.

    ## How to fix
    Put the cache WRITE price in `cost_per_1m_in_cached` and the cache READ price in
    `cost_per_1m_out_cached`; a price you do not know is 0.

    ## Example
    Bad: `"cost_per_1m_in": 10, "cost_per_1m_in_cached": 1, "cost_per_1m_out_cached": 12.5`
    Good: `"cost_per_1m_in": 10, "cost_per_1m_in_cached": 12.5, "cost_per_1m_out_cached": 1`
    """
    return _hits(pf, "CW601")


@rule("CW602", "cache-read-above-write")
def cache_read_above_write(pf: ProviderFile) -> Iterator[Hit]:
    """The cache read price is above the cache write price.

    Writing a cache entry costs at least as much as input and reading it costs a fraction
    of input, so `cost_per_1m_in_cached` (write) is never below `cost_per_1m_out_cached`
    (read). Usually the two are swapped; sometimes the write field holds something that
    is not a per-token write price, such as a cache storage fee.

    ## How to fix
    Swap the two values, or put the provider's per-token cache write price (0 when writes
    are billed as plain input) in `cost_per_1m_in_cached`.

    ## Example
    Bad: `"cost_per_1m_in": 3, "cost_per_1m_in_cached": 0.3, "cost_per_1m_out_cached": 2`
    Good: `"cost_per_1m_in": 3, "cost_per_1m_in_cached": 2, "cost_per_1m_out_cached": 0.3`
    """
    return _hits(pf, "CW602")


@rule("CW603", "cached-price-in-write-field")
def cached_price_in_write_field(pf: ProviderFile) -> Iterator[Hit]:
    """A single discounted "cached input" price sits in the cache WRITE field.

    `cost_per_1m_in_cached` is below the input price and no read price is set. Cache
    writes cost at least as much as input, so the value is the provider's cache READ
    (cache hit) price, which catwalk keeps in `cost_per_1m_out_cached`. Crush then bills
    cache hits as free and charges the discount on cache writes instead.

    ## How to fix
    Move the value to `cost_per_1m_out_cached` and set `cost_per_1m_in_cached` to 0 (or
    to the cache write price, if the provider charges one).

    ## Example
    Bad: `"cost_per_1m_in": 0.14, "cost_per_1m_in_cached": 0.028, "cost_per_1m_out_cached": 0`
    Good: `"cost_per_1m_in": 0.14, "cost_per_1m_in_cached": 0, "cost_per_1m_out_cached": 0.028`
    """
    return _hits(pf, "CW603")


@rule("CW604", "cache-read-copied-to-write")
def cache_read_copied_to_write(pf: ProviderFile) -> Iterator[Hit]:
    """Both cache fields hold the same discounted price: the read price was copied into the write field.

    A write price equal to the read price and below input is not a write price; the
    synthetic generator and some hand-written OpenAI rows fill both fields from one
    "cached input" price.

    ## How to fix
    Keep the read price in `cost_per_1m_out_cached`; set `cost_per_1m_in_cached` to the
    cache write price, or 0 when writes are not charged extra (OpenAI, DeepSeek).

    ## Example
    Bad: `"cost_per_1m_in": 1.75, "cost_per_1m_in_cached": 0.175, "cost_per_1m_out_cached": 0.175`
    Good: `"cost_per_1m_in": 1.75, "cost_per_1m_in_cached": 0, "cost_per_1m_out_cached": 0.175`
    """
    return _hits(pf, "CW604")


@rule("CW605", "cache-write-below-input", severity="warning")
def cache_write_below_input(pf: ProviderFile) -> Iterator[Hit]:
    """The cache write price is below the input price, next to a lower read price.

    Cache writes are billed at or above the input price (Anthropic 1.25x, most others
    1x). A lower write price usually means a second read tier or a per-hour storage
    price landed in the write field. This is a warning: the read price is plausible, and
    some gateway may really discount writes.

    ## How to fix
    Check the provider's price page; put the cache write price in
    `cost_per_1m_in_cached`, or 0 when writes are not charged extra.

    ## Example
    Bad: `"cost_per_1m_in": 0.4, "cost_per_1m_in_cached": 0.25, "cost_per_1m_out_cached": 0.04`
    Good: `"cost_per_1m_in": 0.4, "cost_per_1m_in_cached": 0.5, "cost_per_1m_out_cached": 0.04`
    """
    return _hits(pf, "CW605")


@rule("CW606", "cache-read-equals-output", severity="warning")
def cache_read_equals_output(pf: ProviderFile) -> Iterator[Hit]:
    """The cache read price equals the output price (and is not above the input price).

    A generator that reads "cached" as "cached output" copies the output price into
    `cost_per_1m_out_cached`. When the output price is above the input price this is
    caught as an error by CW601; this rule covers models priced lower for output than
    for input.

    ## How to fix
    Put the cache READ price in `cost_per_1m_out_cached`, or 0 when there is none.

    ## Example
    Bad: `"cost_per_1m_in": 2, "cost_per_1m_out": 1, "cost_per_1m_out_cached": 1`
    Good: `"cost_per_1m_in": 2, "cost_per_1m_out": 1, "cost_per_1m_out_cached": 0.2`
    """
    return _hits(pf, "CW606")

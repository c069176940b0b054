"""The same model served by several providers has the same limits and capabilities.

Models are grouped by `catwalk.sources.ids.model_key` (`anthropic/claude-sonnet-4.5`,
`us.anthropic.claude-sonnet-4-5-20250929-v1:0` and `claude-sonnet-4-5` are one model), and
a serving variant joins its model's group where a catalogue links both to the same open
weights (models.dev: `zai-org/GLM-5.1-FP8`, `MiniMax-M2.5-highspeed`; see the snapshot's
`same`). Tiers no catalogue ties to the weights (`gpt-5-fast`, `grok-4-fast`) stay apart.
Each provider gets one vote per group (its entry with the shortest id, so a `:free`
twin does not outvote the main entry); a value is flagged only when a clear majority
of the providers disagrees with it. Prices are not compared: they legitimately differ.

Settings (`[tool.catwalk.settings]`): `consensus-min-providers` (3), `consensus-agreement`
(0.75), `context-tolerance` (0.1), `context-smaller-factor` (0: never flag a smaller
context, since providers legitimately serve less than the model allows).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Hashable, Iterator
from typing import Any, NamedTuple

from catwalk import pointer as jp
from catwalk.document import Database, ProviderFile
from catwalk.rules import Family, Hit, Rule
from catwalk.sources.ids import model_key

from . import _settings
from ._context import context
from ._values import count, flag, fmt

_NAMES_SHOWN = 8


class Member(NamedTuple):
    provider: str
    pf: ProviderFile
    position: int  # the model's index in the file's `models`
    model: dict[str, Any]


class Group:
    __slots__ = ("members", "voters")

    def __init__(self) -> None:
        self.members: list[Member] = []
        # provider -> its voting member (the entry with the shortest id)
        self.voters: dict[str, Member] = {}


def groups(db: Database) -> list[Group]:
    """Groups of the same model served by at least two providers."""
    same: dict[str, str] = {}
    for snap in context(db).snapshots:
        same.update(snap.same)
    by_key: dict[str, list[Member]] = {}
    for pf in db.files:
        provider = pf.provider_id or pf.display
        for index, model in pf.models():
            model_id = model.get("id")
            if isinstance(model_id, str) and model_id:
                entry = Member(provider, pf, index, model)
                key = model_key(model_id)
                key = same.get(key, key)
                bucket = by_key.get(key)
                if bucket is None:
                    by_key[key] = [entry]
                else:
                    bucket.append(entry)
    found = []
    for members in by_key.values():
        if len(members) < 2:
            continue
        group = Group()
        group.members = members
        for member in members:
            voter = group.voters.get(member.provider)
            if voter is None or len(member.model["id"]) < len(voter.model["id"]):
                group.voters[member.provider] = member
        if len(group.voters) >= 2:
            found.append(group)
    return found


class Thresholds(NamedTuple):
    min_providers: int
    agreement: float
    tolerance: float
    smaller_factor: float
    problems: tuple[str, ...]


def _thresholds(db: Database) -> Thresholds:
    settings = _settings.read(db.settings)
    return Thresholds(
        int(settings.number("consensus-min-providers")),
        settings.number("consensus-agreement"),
        settings.number("context-tolerance"),
        settings.number("context-smaller-factor"),
        tuple(settings.problems),
    )


def _names(providers: list[str], exclude: str) -> str:
    """Up to eight of `providers` (sorted), without `exclude`, and how many more there are.
    Linear in the names shown, not in the group: large groups name thousands."""
    head = providers[: _NAMES_SHOWN + 1]
    shown = [p for p in head if p != exclude][:_NAMES_SHOWN]
    excluded = exclude in head or (len(providers) > len(head) and _contains(providers, exclude))
    rest = len(providers) - excluded - len(shown)
    return ", ".join(shown) + (f" and {rest} more" if rest > 0 else "")


def _contains(sorted_names: list[str], name: str) -> bool:
    at = bisect.bisect_left(sorted_names, name)
    return at < len(sorted_names) and sorted_names[at] == name


class _Holders:
    """Sorted providers per voted value, built once per group when a finding needs them."""

    __slots__ = ("_by_value", "_votes")

    def __init__(self, votes: dict[str, Hashable]) -> None:
        self._votes = votes
        self._by_value: dict[Hashable, list[str]] = {}

    def of(self, value: Hashable) -> list[str]:
        found = self._by_value.get(value)
        if found is None:
            found = self._by_value[value] = sorted(p for p, v in self._votes.items() if v == value)
        return found


Majority = tuple[Hashable, int, int]


def _majority_without(
    tally: Counter[Hashable], total: int, own: Hashable | None, limits: Thresholds
) -> Majority | None:
    """The value a clear majority of the *other* providers agrees on (leave-one-out, so a
    provider's own vote never counts for or against it): (value, agreeing, others)."""
    # `most_common` would import heapq (1 ms per run) for what this sort does the same way.
    ranked = sorted(tally.items(), key=lambda item: item[1], reverse=True)[:3]
    if own is not None:
        ranked = sorted(((v, n - (v == own)) for v, n in ranked), key=lambda item: -item[1])
        total -= 1
    ranked = [(value, n) for value, n in ranked if n > 0]
    if not ranked:
        return None
    value, agree = ranked[0]
    if len(ranked) > 1 and ranked[1][1] == agree:
        return None
    if agree < limits.min_providers or agree / total < limits.agreement:
        return None
    return value, agree, total


def _majorities(
    votes: dict[str, Hashable], limits: Thresholds, *, abstainers: bool = False
) -> dict[Any, Majority | None] | None:
    """The majority a provider's own vote is judged against. A provider's voting entry is
    judged against all votes, its own included (3 against 2 is no clear majority); a
    twin entry (a dated or `:free` copy) against the *other* providers only, so its
    provider's main entry does not vote on it. Keyed by `_VOTER`, or by the own vote.
    `abstainers`: some entries are judged without voting, so a unanimous vote still counts."""
    if len(votes) <= limits.min_providers:
        return None
    tally: Counter[Hashable] = Counter(votes.values())
    if len(tally) < 2 and not abstainers:
        return None  # unanimous, and everyone voted: nobody to flag
    found: dict[Any, Majority | None] = {
        own: _majority_without(tally, len(votes), own, limits) for own in tally
    }
    found[None] = _majority_without(tally, len(votes), None, limits)
    inclusive = found[None]
    found[_VOTER] = inclusive
    return found


_VOTER = object()


def _judge(
    group: Group, member: Member, votes: dict[str, Hashable], majorities: dict[Any, Majority | None]
) -> Majority | None:
    if group.voters.get(member.provider) is member:
        found = majorities[_VOTER]
        if found is not None and member.provider in votes:
            value, agree, total = found
            return value, agree - (votes[member.provider] == value), total - 1
        return found
    return majorities.get(votes.get(member.provider))


# --- context window ------------------------------------------------------------------


def _context_hits(group: Group, limits: Thresholds) -> Iterator[Hit]:
    values = [count(m.model, "context_window") for m in group.members]
    votes = {
        m.provider: v
        for m, v in zip(group.members, values, strict=True)
        if v and group.voters[m.provider] is m
    }
    if len(votes) <= limits.min_providers:
        return
    # The consensus is the largest set of providers whose windows are within tolerance
    # of one value: 1,000,000 and 1,048,576 are the same "1M" window.
    spread = 1 + limits.tolerance
    distinct = sorted(Counter(votes.values()).items())
    best: tuple[int, int, int] = (0, 0, 0)  # (providers, low, high)
    for center, _ in distinct:
        inside = [(v, n) for v, n in distinct if center / spread <= v <= center * spread]
        size = sum(n for _, n in inside)
        if size > best[0]:
            best = (size, inside[0][0], inside[-1][0])
    _, low, high = best
    agreeing = sorted(p for p, v in votes.items() if low <= v <= high)
    agreeing_set = set(agreeing)
    typical = sorted(votes[p] for p in agreeing)[len(agreeing) // 2]
    for member, value in zip(group.members, values, strict=True):
        if value is None:
            continue
        larger = value > high * spread
        smaller = bool(limits.smaller_factor) and value * limits.smaller_factor <= low
        if not (larger or smaller):
            continue
        # A voting entry is judged against all votes (its own included); a twin entry
        # against the other providers only.
        agree = len(agreeing) - (member.provider in agreeing_set)
        voter = group.voters.get(member.provider) is member
        total = len(votes) - (0 if voter else member.provider in votes)
        if agree < limits.min_providers or agree / total < limits.agreement:
            continue
        share = f"{agree} of {len(votes) - (member.provider in votes)} other providers serving this model"
        names = _names(agreeing, member.provider)
        if larger:
            message = (
                f"context_window {fmt(value)} is larger than the {fmt(typical)} that {share} list "
                f"({names}); requests beyond the real window fail"
            )
        else:
            message = (
                f"context_window {fmt(value)} is at most 1/{fmt(limits.smaller_factor)} of the "
                f"{fmt(typical)} that {share} list ({names})"
            )
        yield Hit(jp.join("models", member.position, "context_window"), message, file=member.pf)


# --- boolean capabilities ------------------------------------------------------------


def _flag_hits(group: Group, limits: Thresholds, key: str) -> Iterator[Hit]:
    values = [flag(m.model, key) for m in group.members]
    votes: dict[str, Hashable] = {
        m.provider: v
        for m, v in zip(group.members, values, strict=True)
        if v is not None and group.voters[m.provider] is m
    }
    majorities = _majorities(votes, limits)
    if majorities is None:
        return
    holders = _Holders(votes)
    for member, mine in zip(group.members, values, strict=True):
        found = _judge(group, member, votes, majorities) if mine is not None else None
        if found is None or found[0] == mine:
            continue
        value, agree, total = found
        others = _names(holders.of(value), member.provider)
        yield Hit(
            jp.join("models", member.position, key)
            if key in member.model
            else jp.join("models", member.position),
            f"{key} is {str(mine).lower()} here but {str(value).lower()} at {agree} of {total} other "
            f"providers serving this model ({others})",
            file=member.pf,
            field=key,
        )


# --- reasoning levels ----------------------------------------------------------------


def _levels(model: dict[str, Any]) -> frozenset[str] | None:
    levels = model.get("reasoning_levels")
    if model.get("can_reason") is not True or not isinstance(levels, list) or not levels:
        return None
    if not all(isinstance(level, str) for level in levels):
        return None
    return frozenset(levels)


_ORDER = {name: i for i, name in enumerate(("none", "minimal", "low", "medium", "high", "xhigh", "max"))}


def _listed(levels: frozenset[str]) -> str:
    return ", ".join(sorted(levels, key=lambda name: (_ORDER.get(name, 99), name)))


# Most generators hard-code these three whenever a model reasons (provider-apis.md 1.2):
# such a list says nothing about the model, so it does not vote.
_GENERIC = frozenset({"low", "medium", "high"})


def _levels_hits(group: Group, limits: Thresholds) -> Iterator[Hit]:
    values = [_levels(m.model) for m in group.members]
    votes: dict[str, Hashable] = {
        m.provider: v
        for m, v in zip(group.members, values, strict=True)
        if v and v != _GENERIC and group.voters[m.provider] is m
    }
    # A generic list does not vote, but it is judged: the list most often wrong.
    majorities = _majorities(votes, limits, abstainers=_GENERIC in values)
    if majorities is None:
        return
    holders = _Holders(votes)
    for member, mine in zip(group.members, values, strict=True):
        found = _judge(group, member, votes, majorities) if mine else None
        if found is None or not isinstance(found[0], frozenset) or not mine:
            continue
        consensus: frozenset[str] = found[0]
        agree, total = found[1], found[2]
        extra = mine - consensus
        if not extra:
            continue  # offering fewer levels than others is safe
        others = _names(holders.of(consensus), member.provider)
        yield Hit(
            jp.join("models", member.position, "reasoning_levels"),
            f"reasoning_levels offers {_listed(extra)}, which {agree} of {total} other providers serving "
            f"this model do not: they list {_listed(consensus)} ({others})",
            file=member.pf,
        )


CROSS_PROVIDER = Family("cross-provider", scope="database")


@CROSS_PROVIDER.run
def _consensus(db: Database) -> Iterator[tuple[Rule, Hit]]:
    """Every group large enough for a consensus that someone can miss, once, for all four rules."""
    limits = _thresholds(db)
    yield from ((context_window_outlier, hit) for hit in _settings.report_once(db, limits.problems))
    for group in groups(db):
        if len(group.voters) <= limits.min_providers:
            continue
        yield from ((context_window_outlier, hit) for hit in _context_hits(group, limits))
        yield from ((attachments_outlier, hit) for hit in _flag_hits(group, limits, "supports_attachments"))
        yield from ((reasoning_outlier, hit) for hit in _flag_hits(group, limits, "can_reason"))
        yield from ((reasoning_levels_outlier, hit) for hit in _levels_hits(group, limits))


context_window_outlier = CROSS_PROVIDER.rule(
    "CW701",
    "context-window-outlier",
    """A provider lists a larger `context_window` than the other providers of the same model.

    Limits belong to the model, not to the reseller: when a clear majority of the
    providers serving a model agree on its window (within `context-tolerance`, so
    1,000,000 and 1,048,576 agree) and one lists more, that one is usually a typo or a
    copy from another model, and Crush lets conversations grow past the real window.
    A smaller window is not flagged by default: providers legitimately serve less
    (set `context-smaller-factor = 2` to flag windows half the consensus or smaller).

    ## How to fix
    Check the provider's model page or listing API and correct the window; if the
    provider really serves more, add the finding to the baseline with the evidence.

    ## Example
    Bad: `"id": "minimax-m2", "context_window": 400000` where six providers list 204800
    Good: `"id": "minimax-m2", "context_window": 204800`
    """,
    severity="warning",
)


attachments_outlier = CROSS_PROVIDER.rule(
    "CW702",
    "attachments-outlier",
    """`supports_attachments` disagrees with a clear majority of the providers of the same model.

    Image input is a property of the model. A provider claiming it for a text-only model
    makes Crush send images that the API rejects; a provider denying it for a vision
    model hides a capability (less harmful, but often a generator that never read the
    modality). Flagged when at least `consensus-min-providers` providers know the value
    and `consensus-agreement` of them agree.

    ## How to fix
    Check the provider's documentation or a live request with an image; correct the flag
    or baseline the finding with the evidence.

    ## Example
    Bad: `"id": "zai-org/GLM-5.2", "supports_attachments": true` where 20 of 21 providers say false
    Good: `"id": "zai-org/GLM-5.2", "supports_attachments": false`
    """,
    severity="warning",
)


reasoning_outlier = CROSS_PROVIDER.rule(
    "CW703",
    "reasoning-outlier",
    """`can_reason` disagrees with a clear majority of the providers of the same model.

    Whether a model thinks is a property of the model. A non-reasoning model marked as
    reasoning makes Crush send effort parameters the API rejects; a reasoning model
    marked as not reasoning hides its effort levels.

    ## How to fix
    Check the model card; correct `can_reason` (and `reasoning_levels`), or baseline the
    finding when this provider serves a non-thinking variant under the same id.

    ## Example
    Bad: `"id": "gpt-4o", "can_reason": true` where 11 of 12 providers say false
    Good: `"id": "gpt-4o", "can_reason": false`
    """,
    severity="warning",
)


reasoning_levels_outlier = CROSS_PROVIDER.rule(
    "CW704",
    "reasoning-levels-outlier",
    """`reasoning_levels` offers effort levels that a clear majority of the other providers do not.

    Among providers of the same model that list levels, when a clear majority agree on
    one set and this provider offers a level outside it, the extra level is often one the
    model does not accept (Crush would send it and the request fails). Offering fewer
    levels is not flagged. The list `low, medium, high` does not vote: generators write
    it for every reasoning model, so it says nothing about this one.

    ## How to fix
    Check which efforts the provider's API accepts for this model; remove the levels it
    does not, or baseline the finding with the evidence.

    ## Example
    Bad: `"reasoning_levels": ["low", "medium", "high"]` where five providers list low, high, max
    Good: `"reasoning_levels": ["low", "high", "max"]`
    """,
    severity="warning",
)

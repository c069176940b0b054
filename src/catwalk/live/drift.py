"""The live pipeline as a library: pick providers, resolve, fetch, compare, report.

`catwalk drift` and `catwalk sync` both run `run_live` (resolve -> fetch) and judge each
provider with `Gathered.views` (compare, under the same rails), so they agree on which
providers were checked, what their APIs said and what is drift; drift then reports it
(`build_report`) and sync edits the files (`catwalk.live.edits`, gated by
`catwalk.live.gate`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from catwalk.document import ProviderFile
from catwalk.errors import UsageError
from catwalk.live.compare import Comparison, Drift, compare_provider
from catwalk.live.fetch import FetchOptions, FetchResult, Progress, fetch_all
from catwalk.live.records import LiveModel
from catwalk.live.report import ProviderStatus, Report
from catwalk.live.resolve import AdapterLookup, Target, known_secrets, resolve


def select_files(files: Sequence[ProviderFile], provider_ids: Sequence[str] | None) -> list[ProviderFile]:
    """The files whose provider id (or file stem) is in provider_ids; all when None."""
    if not provider_ids:
        return list(files)
    wanted = list(dict.fromkeys(provider_ids))
    by_id: dict[str, ProviderFile] = {}
    for pf in files:
        by_id.setdefault(pf.provider_id or pf.stem, pf)
    unknown = [p for p in wanted if p not in by_id]
    if unknown:
        known = ", ".join(sorted(by_id)) or "none"
        raise UsageError(f"unknown provider id(s): {', '.join(unknown)} (known: {known})")
    return [by_id[p] for p in wanted]


def check_overrides(overrides: Mapping[str, str], files: Sequence[ProviderFile]) -> None:
    ids = {pf.provider_id or pf.stem for pf in files}
    unknown = sorted(set(overrides) - ids)
    if unknown:
        raise UsageError(f"--endpoint names provider(s) not being checked: {', '.join(unknown)}")


@dataclass
class Gathered:
    """What one run resolved and fetched: every target and its API's answer."""

    targets: list[Target]
    fetched: dict[str, FetchResult]

    @property
    def secrets(self) -> list[str]:
        return known_secrets(self.targets)

    def views(self, rails: Rails | None = None) -> list[LiveView]:
        """Each provider's verdict under the rails, in target order."""
        return [live_view(t, self.fetched.get(t.provider_id), rails) for t in self.targets]


# watch(number of providers to fetch) -> a context giving the fetch's Progress.
Watch = Callable[[int], AbstractContextManager[Progress | None]]


def run_live(
    files: Sequence[ProviderFile],
    *,
    overrides: Mapping[str, str] | None = None,
    allowed_hosts: Mapping[str, Sequence[str]] | None = None,
    environ: Mapping[str, str] | None = None,
    lookup: AdapterLookup | None = None,
    options: FetchOptions | None = None,
    watch: Watch | None = None,
) -> Gathered:
    """The one entry point of the live commands: resolve every file, fetch every ready
    provider at once (showing progress through `watch`)."""
    targets = resolve(files, overrides=overrides, environ=environ, lookup=lookup, allowed_hosts=allowed_hosts)
    ready = sum(1 for t in targets if t.ready)
    with (watch or (lambda _: nullcontext()))(ready) as progress:
        fetched = fetch_all(targets, options, progress)
    return Gathered(targets, fetched)


def ours_models(pf: ProviderFile) -> list[dict[str, Any]]:
    return [m for _, m in pf.models()]


@dataclass(frozen=True)
class Rails:
    """When a listing that answered is not trusted ("suspect"): it lacks more than
    `missing_share` of our models, or it lists fewer than `shrink_share` of the models
    the previous good run saw (`previous`: provider -> models seen). A provider with
    fewer than `min_models` of ours is never suspect by share (two of three missing is
    ordinary churn)."""

    missing_share: float = 0.5
    shrink_share: float = 0.5
    min_models: int = 4
    previous: Mapping[str, int] = field(default_factory=dict)

    def suspicion(self, provider: str, ours: int, seen: int, missing: int) -> str | None:
        if ours >= self.min_models and missing > self.missing_share * ours:
            return (
                f"the listing lacks {missing} of the database's {ours} models "
                f"({missing * 100 // ours}% > {self.missing_share:.0%}); a truncated page, another "
                "region or a partial outage looks like this, so no removal is reported and "
                "nothing is written until a run lists them again"
            )
        before = self.previous.get(provider)
        if before and seen < self.shrink_share * before:
            return (
                f"the listing has {seen} models where the previous good run saw {before} "
                f"(under {self.shrink_share:.0%} of it); no removal is reported and nothing is "
                "written until a run lists them again"
            )
        return None


@dataclass
class LiveView:
    """One provider's verdict: its status line and, when ok, the comparison."""

    status: ProviderStatus
    target: Target
    live: list[LiveModel]
    comparison: Comparison | None


def live_view(target: Target, result: FetchResult | None, rails: Rails | None = None) -> LiveView:
    ours = ours_models(target.file)
    status = ProviderStatus(
        provider=target.provider_id,
        status="skipped",
        reason=target.skip_reason,
        source=target.source,
        adapter=target.adapter.family if target.adapter is not None else None,
        models_ours=len(ours),
        listing=target.listing,
    )
    if not target.ready or result is None:
        return LiveView(status, target, [], None)
    if not result.ok:
        status.status, status.reason = "unknown", result.reason
        return LiveView(status, target, [], None)
    status.models_seen = len(result.models)
    if not result.models and ours:
        status.status = "unknown"
        status.reason = (
            f"the API listed no models while the database has {len(ours)}; not trusting an empty list"
        )
        return LiveView(status, target, result.models, None)
    assert target.adapter is not None
    comparison = compare_provider(target.provider_id, ours, result.models, target.adapter.knows)
    if ours and comparison.matched == 0:
        # Every model "removed" and every live one "added" means the lists do not speak
        # the same ids (a prefix, a suffix, another endpoint), not that all changed.
        status.status = "unknown"
        status.reason = (
            f"none of the database's {len(ours)} model ids is in the live list of {len(result.models)}; "
            "the ids probably take another form (prefix or suffix) - check by hand"
        )
        return LiveView(status, target, result.models, None)
    status.not_comparable = comparison.not_comparable
    missing = sum(1 for d in comparison.drift if d.kind == "removed")
    suspicion = (rails or Rails()).suspicion(target.provider_id, len(ours), len(result.models), missing)
    if suspicion is not None:
        status.status, status.reason = "suspect", suspicion
        comparison.drift = [d for d in comparison.drift if d.kind != "removed"]
        return LiveView(status, target, result.models, comparison)
    status.status = "ok"
    return LiveView(status, target, result.models, comparison)


def build_report(
    gathered: Gathered,
    now: datetime | None = None,
    catalogue: Sequence[Drift] = (),
    rails: Rails | None = None,
) -> Report:
    """The report of a run; `catalogue` adds the catalogues' disagreements
    (`catwalk.live.catalogue`) after each provider's live drift."""
    views = gathered.views(rails)
    drift = [d for v in views if v.comparison is not None for d in v.comparison.drift]
    order = {t.provider_id: i for i, t in enumerate(gathered.targets)}
    drift += sorted(catalogue, key=lambda d: order.get(d.provider, len(order)))
    drift.sort(key=lambda d: order.get(d.provider, len(order)))  # stable: live items first
    return Report([v.status for v in views], drift, now or datetime.now(timezone.utc))


def knows_by_provider(targets: Sequence[Target]) -> dict[str, frozenset[str]]:
    """What each provider's adapter reads from its API, whether or not it answered tonight
    (a down API must not turn its fields over to the catalogues for a night)."""
    return {t.provider_id: t.adapter.knows if t.adapter is not None else frozenset() for t in targets}

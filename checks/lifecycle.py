"""Models that an independent catalogue marks retired, or whose shutdown date has passed.

Evidence comes from the packaged snapshots (`catwalk snapshots`): LiteLLM's
`deprecation_date`, OpenRouter's `expiration_date`, genai-prices' `deprecated` flag and
models.dev's `status: "deprecated"`.
A model is matched with the catalogue entry of the same provider, or with the maker's
own entry when the maker alone serves the model (closed weights: when OpenAI shuts a
model down, every reseller loses it). Retirement is per dated snapshot: the retirement
of `gpt-4o-2024-05-13` does not retire `gpt-4o`.

"Today" is the current UTC date, or `today = "YYYY-MM-DD"` in `[tool.catwalk.settings]`.
A shutdown date within `retirement-notice-days` (default 30) is announced ahead (CW903).
Findings that only a passed date causes are calendar findings (`Hit.calendar`): warnings
unless the run opts in with `catwalk check --calendar fail`, as the nightly job does.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from catwalk import pointer as jp
from catwalk.document import Database, ProviderFile
from catwalk.rules import Family, Hit, Rule
from catwalk.sources import store
from catwalk.sources.ids import dated_key, model_key
from catwalk.sources.providers import CLOSED_WEIGHTS, hint_for, maker

from . import _settings
from ._context import context


class Retirement(NamedTuple):
    """One catalogue's word that a model is gone."""

    snapshot: store.Snapshot
    date: str | None  # None: flagged deprecated without a date
    vendor: str | None  # None: the same provider's entry

    def source(self) -> str:
        whose = f", {self.vendor}'s entry" if self.vendor else ""
        return f"{self.snapshot.name} ({self.snapshot.date}{whose})"

    def cite(self) -> str:
        said = f"shut down on {self.date}" if self.date else "marked deprecated"
        return f"{self.source()}: {said}"


def _retired(record: store.Record | None) -> str | bool | None:
    value = store.field(record, store.RETIRED) if record is not None else None
    return value if isinstance(value, (str, bool)) else None


def retirements(
    snapshots: list[store.Snapshot], provider: str, model_id: str, today: str, until: str | None = None
) -> list[Retirement]:
    """What each catalogue says about the model being gone as of `today` (ISO date), and
    about its shutdown dates up to `until` when given (dates after `today` are upcoming)."""
    key, dated = model_key(model_id), dated_key(model_id)
    vendor = maker(key)
    if vendor == provider or vendor not in CLOSED_WEIGHTS:
        vendor = None
    hint = hint_for(provider, model_id)
    found = []
    for snap in snapshots:
        # The dated snapshot's own entry first; an undated (alias) entry stands for it too.
        for lookup in (dated, key) if dated != key else (key,):
            if snap.retiring is not None and lookup not in snap.retiring:
                continue  # nothing retires under this key: skip without reading its line
            rows = snap.get(lookup)
            if not rows:
                continue
            # The same provider's entry first; the maker's when that entry says nothing
            # (a reseller's own entry rarely carries the maker's shutdown date).
            value, whose = _retired(rows.get(hint)), None
            if value is None and vendor:
                value, whose = _retired(rows.get(vendor)), vendor
            if value is None:
                continue
            if value is True:
                found.append(Retirement(snap, None, whose))
            elif isinstance(value, str) and value <= max(today, until or today):
                found.append(Retirement(snap, value, whose))
            break
    return found


LIFECYCLE = Family("lifecycle", scope="database", independent=True)


@LIFECYCLE.run
def _retired_models(db: Database) -> Iterator[tuple[Rule, Hit]]:
    run = context(db)
    yield from ((model_retired, hit) for hit in _settings.report_once(db, run.problems))
    snapshots = run.snapshots
    # Keys any catalogue retires something under (None: some snapshot does not say).
    retiring: set[str] | None = set()
    for snap in snapshots:
        if snap.retiring is None or retiring is None:
            retiring = None
        else:
            retiring |= snap.retiring
    until = _days_after(run.today, run.notice_days) if snapshots and run.notice_days else None
    for pf in db.files if snapshots else ():
        provider = pf.provider_id
        if not provider:
            continue
        gone: dict[str, list[Retirement]] = {}
        for index, model in pf.models():
            model_id = model.get("id")
            if not isinstance(model_id, str) or not model_id:
                continue
            if (
                retiring is not None
                and model_key(model_id) not in retiring
                and dated_key(model_id) not in retiring
            ):
                continue  # the common case: nothing retires under this model's keys
            found = retirements(snapshots, provider, model_id, run.today, until)
            past = [r for r in found if r.date is None or r.date <= run.today]
            if not past:
                if found:
                    yield model_retiring, _upcoming(pf, index, found, run.today)
                continue
            gone[model_id] = past
            if _is_default(pf, model) and any(r.date for r in past):
                continue  # default_model_retired's finding, below
            yield (
                model_retired,
                Hit(
                    jp.join("models", index, "id"),
                    "model is retired: " + ", ".join(r.cite() for r in past),
                    file=pf,
                    # A catalogue's deprecated flag is a fact; a passed date is the calendar.
                    calendar=all(r.date for r in past),
                ),
            )
        for key in ("default_large_model_id", "default_small_model_id"):
            default = pf.get_str(key)
            dated = [r for r in gone.get(default or "", ()) if r.date]
            if default and dated:
                message = f"`{key}` {default!r} is retired: " + ", ".join(r.cite() for r in dated)
                yield default_model_retired, Hit(f"/{key}", message, file=pf, calendar=True)


# Day arithmetic with `time` (C), not `datetime` (a module import on every check): noon of
# the date in local time, so that a daylight-saving shift never crosses midnight.
def _noon(iso: str) -> float:
    import time

    year, month, day = (int(part) for part in iso.split("-"))
    return time.mktime((year, month, day, 12, 0, 0, 0, 0, -1))


def _days_after(today: str, days: int) -> str:
    import time

    return time.strftime("%Y-%m-%d", time.localtime(_noon(today) + days * 86400))


def _upcoming(pf: ProviderFile, index: int, found: list[Retirement], today: str) -> Hit:
    first = min(r.date for r in found if r.date)
    days = round((_noon(first) - _noon(today)) / 86400)
    when = "tomorrow" if days == 1 else f"in {days} days"
    cites = ", ".join(r.source() if r.date == first else r.cite() for r in found)
    return Hit(jp.join("models", index, "id"), f"model shuts down on {first} ({when}): {cites}", file=pf)


def _is_default(pf: ProviderFile, model: dict[str, Any]) -> bool:
    model_id = model.get("id")
    return model_id is not None and model_id in (
        pf.get_str("default_large_model_id"),
        pf.get_str("default_small_model_id"),
    )


model_retired = LIFECYCLE.rule(
    "CW901",
    "model-retired",
    """A catalogue says the model is retired: its shutdown date has passed, or it is marked deprecated.

    Requests to a shut-down model fail; users who pick it from Crush's list get errors
    instead of answers. (When the model is also a default of its provider, CW902 reports
    it as an error instead.)

    ## How to fix
    Remove the model, or replace it with its successor; if the provider still serves it
    (providers sometimes retire later than the maker), baseline the finding with the
    evidence.

    ## Example
    Bad: `"id": "gpt-4o-2024-05-13"` listed after LiteLLM's `deprecation_date` 2026-07-23
    Good: `"id": "gpt-4o"`, still served
    """,
    severity="warning",
)

default_model_retired = LIFECYCLE.rule(
    "CW902",
    "default-model-retired",
    """A provider's default model is past the shutdown date a catalogue gives for it.

    Crush selects the default models when a user first picks the provider; a retired
    default breaks the provider for everyone who does not change it. The date alone makes
    it a finding, so it is a warning in contributors' runs and CI, and an error where the
    run opts in (`catwalk check --calendar fail`, the nightly job), which opens the issue.

    ## How to fix
    Point `default_large_model_id` / `default_small_model_id` at a current model (the
    retired model's successor), and remove or replace the retired model.

    ## Example
    Bad: `"default_large_model_id": "claude-sonnet-4-5@20250929"` after Vertex AI's shutdown date 2026-09-29
    Good: `"default_large_model_id": "claude-sonnet-4-6"`
    """,
)

model_retiring = LIFECYCLE.rule(
    "CW903",
    "model-retiring",
    """A catalogue gives the model a shutdown date within the notice period (30 days).

    Announced ahead, so that the model (or the default that points at it) is replaced
    before requests start failing, rather than the day they do. The notice period is
    `retirement-notice-days` in `[tool.catwalk.settings]` (0 turns the notice off).

    ## How to fix
    Plan the replacement: add the successor, move the defaults to it, and remove the
    model once its date has passed (CW901 reports it then).

    ## Example
    Bad: `"id": "gpt-4o"` ten days before LiteLLM's `deprecation_date`
    Good: `"id": "gpt-4.1"`, the successor, listed beside it
    """,
    severity="warning",
)

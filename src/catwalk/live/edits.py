"""`catwalk sync` as a library: turn one provider's drift into safe, surgical file edits.

What sync does with each kind of drift (docs/live-drift.md has the user-facing table):
- a changed price, context window, image input, reasoning flag or level list: the live
  value is written over ours - unless it is held back for review (reported, not
  written): a price move over 10x, a price moving between free and paid (cache prices
  excepted: 0 there means "not charged separately"), or any limit that would shrink
  (a smaller context window, a default_max_tokens above the live maximum output);
- a cache-convention violation: the live read price goes to `cost_per_1m_out_cached`
  and the write price (0 when the API gives none) to `cost_per_1m_in_cached`;
- reasoning turned off: `reasoning_levels` and `default_reasoning_effort` are removed;
  levels changed: a default effort no longer offered becomes `medium` (or the middle
  level);
- a model removed upstream is deleted only with `allow_removals`, and never when it is
  the provider's default large or small model;
- a model new upstream is added, in canonical layout, when the API tells its prices and
  context window and does not say it expires today or earlier, with only the facts the
  API knows plus two documented defaults: `name` (the id when the API has none) and
  `default_max_tokens` (half the live maximum output, else a tenth of the context window).
Fields the API does not know are never touched. The edited text must parse to exactly
the intended data, or the file is refused; `catwalk.live.gate` then holds it to
`catwalk check`.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from catwalk import pointer as jp
from catwalk.document import ProviderFile
from catwalk.entries import default_effort, default_max_tokens
from catwalk.live.compare import DEFAULTS, PRICE_FIELDS, Drift, money, sort_levels
from catwalk.live.drift import LiveView
from catwalk.live.records import LiveModel
from catwalk.live.textedit import EditError, JsonTextEditor, block_text
from catwalk.resources import provider_schema
from catwalk.secrets import scrub

PRICE_MOVE_LIMIT = 10.0
CACHE_FIELDS = ("cost_per_1m_in_cached", "cost_per_1m_out_cached")


@dataclass(frozen=True)
class Change:
    provider: str
    model: str
    field: str | None  # None for a whole model added or removed
    old: Any
    new: Any
    description: str


@dataclass(frozen=True)
class Held:
    provider: str
    model: str
    field: str | None
    ours: Any
    live: Any
    reason: str


@dataclass
class FilePlan:
    pf: ProviderFile
    provider: str
    changes: list[Change] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)
    new_text: str | None = None
    refused: str | None = None
    # Errors `catwalk check` already reported before sync touched the file.
    preexisting_errors: int = 0

    @property
    def changed(self) -> bool:
        return self.new_text is not None and self.new_text != self.pf.text and self.refused is None


def model_order() -> list[str]:
    return list(provider_schema().get("$defs", {}).get("Model", {}).get("properties", {}))


# -- defaults for new models --------------------------------------------------------------
def new_model_entry(live: LiveModel, knows: frozenset[str]) -> dict[str, Any] | None:
    """A database entry from live facts only, or None when a required fact is unknown."""

    def known(attr: str) -> Any:
        return getattr(live, attr) if attr in knows else None

    context = known("context_window")
    cost_in, cost_out = known("cost_in"), known("cost_out")
    if context is None or cost_in is None or cost_out is None:
        return None
    entry: dict[str, Any] = {"id": live.id, "name": known("name") or live.id}
    entry["cost_per_1m_in"] = cost_in
    entry["cost_per_1m_out"] = cost_out
    if known("cost_cache_write") is not None:
        entry["cost_per_1m_in_cached"] = live.cost_cache_write
    if known("cost_cache_read") is not None:
        entry["cost_per_1m_out_cached"] = live.cost_cache_read
    entry["context_window"] = context
    entry["default_max_tokens"] = default_max_tokens(context, known("max_output"))
    reasoning = known("reasoning")
    if reasoning is not None:
        entry["can_reason"] = reasoning
    levels = known("reasoning_levels")
    if reasoning and levels:
        ordered = sort_levels(levels)
        entry["reasoning_levels"] = ordered
        entry["default_reasoning_effort"] = default_effort(ordered)
    if known("image_input") is not None:
        entry["supports_attachments"] = live.image_input
    return entry


# -- hold-back rules ----------------------------------------------------------------------
def price_hold_reason(field_name: str, old: Any, new: float) -> str | None:
    if not isinstance(old, (int, float)) or isinstance(old, bool):
        return None
    if old > 0 and new > 0:
        ratio = max(old, new) / min(old, new)
        if ratio > PRICE_MOVE_LIMIT:
            return (
                f"price moves {ratio:.1f}x ({money(old)} -> {money(new)}); "
                f"over {PRICE_MOVE_LIMIT:g}x needs review"
            )
        return None
    if field_name in CACHE_FIELDS or old == new:
        return None
    return f"price moves between free and paid ({money(old)} -> {money(new)}); needs review"


# -- planning -----------------------------------------------------------------------------
class _ModelEdits:
    """The edits for one existing model: new values, removed keys, and the data they give."""

    def __init__(self, index: int, model: dict[str, Any]) -> None:
        self.index = index
        self.model = model
        self.values: dict[str, Any] = {}
        self.removed: set[str] = set()

    def set(self, key: str, value: Any) -> None:
        self.values[key] = value
        self.removed.discard(key)

    def remove(self, key: str) -> None:
        self.values.pop(key, None)
        if key in self.model:
            self.removed.add(key)

    def current(self, key: str) -> Any:
        if key in self.values:
            return self.values[key]
        if key in self.removed:
            return None
        return self.model.get(key, DEFAULTS.get(key))


class Planner:
    def __init__(
        self,
        view: LiveView,
        *,
        allow_removals: bool = False,
        today: str | None = None,
        secrets: Sequence[str] = (),
    ) -> None:
        assert view.comparison is not None and view.target.adapter is not None
        self.view = view
        self.pf = view.target.file
        self.provider = view.target.provider_id
        self.knows = view.target.adapter.knows
        self.allow_removals = allow_removals
        self.today = today or datetime.now(timezone.utc).date().isoformat()
        self.secrets = [x for x in secrets if x]
        self.live = {m.id: m for m in view.live}
        self.plan = FilePlan(self.pf, self.provider)
        self.edits: dict[str, _ModelEdits] = {}
        self.deleted: list[tuple[int, str]] = []
        self.added: list[dict[str, Any]] = []
        self.index = {m.get("id"): i for i, m in self.pf.models() if isinstance(m.get("id"), str)}

    def _edits(self, model_id: str) -> _ModelEdits:
        if model_id not in self.edits:
            index = self.index[model_id]
            self.edits[model_id] = _ModelEdits(index, self.pf.data["models"][index])
        return self.edits[model_id]

    def hold(self, item: Drift, reason: str) -> None:
        self.plan.held.append(Held(self.provider, item.model, item.field, item.ours, item.live, reason))

    def change(self, model_id: str, key: str, new: Any, description: str) -> None:
        edits = self._edits(model_id)
        old = edits.current(key)
        if old == new and (key in edits.model or key in edits.values):
            return
        edits.set(key, new)
        self.plan.changes.append(Change(self.provider, model_id, key, old, new, description))

    def drop(self, model_id: str, key: str, description: str) -> None:
        edits = self._edits(model_id)
        if key in edits.model and key not in edits.removed:
            self.plan.changes.append(
                Change(self.provider, model_id, key, edits.model[key], None, description)
            )
        edits.remove(key)

    # -- per drift kind ---------------------------------------------------------------------
    def apply(self, drift: Sequence[Drift]) -> FilePlan:
        handlers: dict[str, Callable[[Drift], None]] = {
            "changed": self._changed,
            "removed": self._removed,
            "added": self._added,
        }
        for item in drift:
            handlers[item.kind](item)
        self.added.sort(key=lambda entry: str(entry["id"]))
        self._render()
        return self.plan

    def _changed(self, item: Drift) -> None:
        key = item.field
        assert key is not None
        if item.convention:
            self._convention(item)
        elif key in PRICE_FIELDS.values():
            reason = price_hold_reason(key, item.ours, item.live)
            if reason:
                self.hold(item, reason)
            else:
                self.change(item.model, key, item.live, item.message)
        elif key == "context_window":
            if item.live < item.ours:
                self.hold(
                    item, f"the context window would shrink ({item.ours:,} -> {item.live:,}); needs review"
                )
            else:
                self.change(item.model, key, item.live, item.message)
        elif key == "default_max_tokens":
            self.hold(
                item,
                "lowering default_max_tokens to fit the live maximum output shrinks a limit; needs review",
            )
        elif key == "supports_attachments":
            self.change(item.model, key, item.live, item.message)
        elif key == "can_reason":
            self._reasoning(item)
        elif key == "reasoning_levels":
            self._levels(item.model, list(item.live), item.message)
        else:
            self.hold(item, f"sync does not write {key}")

    def _convention(self, item: Drift) -> None:
        live = self.live[item.model]
        write = live.cost_cache_write if "cost_cache_write" in self.knows else None
        self.change(item.model, "cost_per_1m_out_cached", item.live, item.message)
        self.change(
            item.model,
            "cost_per_1m_in_cached",
            write if write is not None else 0,
            "cache write price: the live write price"
            if write is not None
            else "cache write price: 0, the API gives only a read price",
        )

    def _reasoning(self, item: Drift) -> None:
        self.change(item.model, "can_reason", item.live, item.message)
        if not item.live:
            self.drop(item.model, "reasoning_levels", "no reasoning: no effort levels")
            self.drop(item.model, "default_reasoning_effort", "no reasoning: no default effort")
            return
        live = self.live[item.model]
        if "reasoning_levels" in self.knows and live.reasoning_levels:
            self._levels(item.model, list(live.reasoning_levels), "effort levels the live API lists")

    def _leaks(self, value: Any) -> bool:
        text = json.dumps(value, ensure_ascii=False)
        return scrub(text, self.secrets) != text

    def _levels(self, model_id: str, levels: list[str], description: str) -> None:
        if self._leaks(levels):
            return
        ordered = sort_levels(levels)
        edits = self._edits(model_id)
        self.change(model_id, "reasoning_levels", ordered, description)
        current = edits.current("default_reasoning_effort")
        if ordered:
            chosen = default_effort(ordered, current if isinstance(current, str) else None)
            if chosen != current:
                self.change(
                    model_id, "default_reasoning_effort", chosen, "default effort must be an offered level"
                )
        else:
            self.drop(model_id, "default_reasoning_effort", "no levels: no default effort")

    def _removed(self, item: Drift) -> None:
        defaults = {self.pf.get("default_large_model_id"), self.pf.get("default_small_model_id")}
        if item.model in defaults:
            self.hold(
                item, "removed upstream, but it is a default model of the provider; pick a new default first"
            )
        elif not self.allow_removals:
            self.hold(item, "removed upstream; kept (use --allow-removals to delete it)")
        else:
            self.deleted.append((self.index[item.model], item.model))
            self.plan.changes.append(Change(self.provider, item.model, None, item.ours, None, item.message))

    def _added(self, item: Drift) -> None:
        live = self.live[item.model]
        expires = live.expires_at if "expires_at" in self.knows else None
        if expires is not None and expires <= self.today:
            self.hold(
                item, f"new upstream, but it expires on {expires}; not adding a model that is going away"
            )
            return
        entry = new_model_entry(live, self.knows)
        if entry is None:
            self.hold(
                item, "new upstream, but the API does not tell its prices and context window; add it by hand"
            )
            return
        if self._leaks(entry):
            self.hold(item, "new upstream, but its data contains an API key; not writing it")
            return
        self.added.append(entry)
        self.plan.changes.append(Change(self.provider, item.model, None, None, entry, item.message))

    # -- text -------------------------------------------------------------------------------
    def expected_data(self) -> Any:
        data = copy.deepcopy(self.pf.data)
        models = data["models"]
        for edits in self.edits.values():
            target = models[edits.index]
            for key in edits.removed:
                target.pop(key, None)
            target.update(edits.values)
        for index in sorted((i for i, _ in self.deleted), reverse=True):
            del models[index]
        for entry, before in zip(self.added, self._positions(), strict=True):
            if before is None:
                models.append(copy.deepcopy(entry))
            else:
                anchor = self.pf.data["models"][before]
                models.insert(next(i for i, m in enumerate(models) if m is anchor), copy.deepcopy(entry))
        return data

    def _positions(self) -> list[int | None]:
        """Where each new model goes: its sorted place when the file lists ids in order,
        else the end (sorted insertion keeps a sorted file sorted)."""
        ids = [m.get("id") for _, m in self.pf.models()]
        deleted = {i for i, _ in self.deleted}
        if not all(isinstance(i, str) for i in ids) or ids != sorted(ids):  # type: ignore[type-var]
            return [None] * len(self.added)
        positions: list[int | None] = []
        for entry in self.added:
            before = next(
                (i for i, mid in enumerate(ids) if i not in deleted and str(mid) > entry["id"]),
                None,
            )
            positions.append(before)
        return positions

    def _render(self) -> None:
        if not self.plan.changes:
            return
        order = model_order()
        original = self.pf.text or ""
        # The editor writes "\n"; a CRLF file is edited as LF and written back as CRLF, so
        # its line endings never mix.
        crlf = "\r\n" in original and original.count("\r\n") == original.count("\n")
        editor = JsonTextEditor(original.replace("\r\n", "\n") if crlf else original)
        models = jp.join("models")
        try:
            for edits in self.edits.values():
                pointer = jp.child(models, edits.index)
                additions = []
                for key, value in edits.values.items():
                    if key in edits.model:
                        editor.set(jp.child(pointer, key), value)
                    else:
                        additions.append((key, value))
                if additions:
                    editor.add_members(pointer, additions, order, avoid=edits.removed)
                if edits.removed:
                    editor.delete_members(pointer, sorted(edits.removed))
            if self.deleted:
                editor.delete_elements(models, [index for index, _ in self.deleted])
            if self.added:
                self._insert(editor, models)
            text = editor.result()
            if crlf:
                text = text.replace("\n", "\r\n")
        except EditError as exc:
            self.plan.refused = f"could not edit the file text ({exc})"
            return
        try:
            parsed = json.loads(text)
        except ValueError as exc:
            self.plan.refused = f"the edited text is not valid JSON ({exc}); nothing written"
            return
        if parsed != self.expected_data():
            self.plan.refused = "the edited text does not hold the intended data; nothing written"
            return
        before = self.pf.text or ""
        if scrub(text, self.secrets).count("***") > scrub(before, self.secrets).count("***"):
            self.plan.refused = "the edited text would contain an API key; nothing written"
            return
        self.plan.new_text = text

    def _insert(self, editor: JsonTextEditor, models: str) -> None:
        blocks = [
            (before, block_text(entry)) for entry, before in zip(self.added, self._positions(), strict=True)
        ]
        # Several deletions around an insertion point would make the offsets ambiguous:
        # a deleted element is never used as an anchor (see _positions).
        editor.insert_elements(models, blocks)


def generate_provider(
    base: dict[str, Any], live: Sequence[LiveModel], knows: frozenset[str]
) -> dict[str, Any]:
    """A provider document whose models are exactly the live models that can be entries
    (what a per-provider generator would write); `base` gives the provider-level keys."""
    data = copy.deepcopy(base)
    data["models"] = [e for e in (new_model_entry(m, knows) for m in live) if e is not None]
    return data

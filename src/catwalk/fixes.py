"""The fixes `catwalk check --fix` may apply: only where the right value is certain, as
minimal text edits (nothing else in the file moves; `catwalk fmt` owns the layout).

One table lists them: rule id -> a function that returns the edits for one finding, or
None when the file is not in the shape the fix expects (it is then left alone).

- CW003 a UTF-8 byte-order mark: the file is written without it.
- CW603 a single cached price in the cache WRITE field: moved to the READ field Crush bills
  cache hits from (`cost_per_1m_out_cached`), the write field set to 0.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from catwalk import pointer as jp
from catwalk.document import ProviderFile
from catwalk.findings import Finding

WRITE, READ = "cost_per_1m_in_cached", "cost_per_1m_out_cached"


class Edit(NamedTuple):
    """Replace text[start:end] with `text`."""

    start: int
    end: int
    text: str


Fixer = Callable[[ProviderFile, Finding], "list[Edit] | None"]


def _bom(pf: ProviderFile, finding: Finding) -> list[Edit] | None:
    return []  # the loader dropped the mark from pf.text: writing the text removes it


def _cached_price(pf: ProviderFile, finding: Finding) -> list[Edit] | None:
    parts = jp.split(finding.pointer)
    if len(parts) != 3 or parts[0] != "models" or parts[2] != WRITE or pf.text is None:
        return None
    model_ptr = jp.join("models", parts[1])
    write_ptr, read_ptr = jp.child(model_ptr, WRITE), jp.child(model_ptr, READ)
    models = pf.get("models")
    index = int(parts[1]) if parts[1].isdigit() else -1
    model = models[index] if isinstance(models, list) and 0 <= index < len(models) else None
    if not isinstance(model, dict) or WRITE not in model:
        return None
    read = model.get(READ)
    if read not in (None, 0):
        return None  # a read price is set: not the single-price case
    spans = pf.sourcemap.locate([write_ptr, read_ptr])
    text = pf.text
    write = spans[write_ptr]
    written = text[write.value_start : write.end]
    edits = [Edit(write.value_start, write.end, "0")]
    if READ in model:
        read_span = spans[read_ptr]
        edits.append(Edit(read_span.value_start, read_span.end, written))
    else:
        # A new member after the write field, on its own line with the same indentation.
        line_start = text.rfind("\n", 0, write.start) + 1
        indent = text[line_start : write.start]
        if indent.strip():  # the member shares its line: the new one joins it
            edits.append(Edit(write.end, write.end, f', "{READ}": {written}'))
        else:
            edits.append(Edit(write.end, write.end, f',\n{indent}"{READ}": {written}'))
    return edits


FIXES: dict[str, Fixer] = {
    "CW003": _bom,
    "CW603": _cached_price,
}


def apply(text: str, edits: Iterable[Edit]) -> str:
    """The text with the edits applied; an edit that overlaps one already taken is dropped
    (the next run fixes it)."""
    taken: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if taken and edit.start < taken[-1].end:
            continue
        taken.append(edit)
    for edit in reversed(taken):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def fixed_text(pf: ProviderFile, findings: Sequence[Finding]) -> tuple[str, int] | None:
    """The file's text with every fixable finding fixed, and how many were; None when
    nothing in it can be fixed."""
    if pf.text is None or not pf.parsed:
        return None
    edits: list[Edit] = []
    count = 0
    for finding in findings:
        fixer = FIXES.get(finding.rule)
        found = fixer(pf, finding) if fixer is not None else None
        if found is not None:
            edits.extend(found)
            count += 1
    return (apply(pf.text, edits), count) if count else None

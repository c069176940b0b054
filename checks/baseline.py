"""Rules the engine reports about its own inputs (the baseline file)."""

from catwalk.rules import declare

stale_baseline_entry = declare(
    "CW009",
    "stale-baseline-entry",
    """A baseline entry no longer matches any finding.

    The problem it accepted was fixed, or the model or field was renamed. A stale entry
    would silently accept a future, different problem at the same place.

    ## How to fix
    Delete the entry (or rerun `catwalk check --write-baseline`, which keeps the reasons
    of entries that still match and drops the rest).

    ## Example
    Bad: an entry for CW601 on a model whose cache prices were corrected
    Good: no entry for it
    """,
    severity="warning",
)

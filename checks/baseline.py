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

baseline_in_data_dir = declare(
    "CW011",
    "baseline-in-data-dir",
    """The baseline file sits inside the data directory it accepts findings for.

    Tools that list a data directory with a glob such as `providers/*.json` (Go's
    `filepath.Glob` matches dot-files, so `.baseline.json` too) read it as a provider and
    fail on it. catwalk still applies it, and says where it belongs.

    ## How to fix
    Move it out of the directory, rewrite each entry's `file` relative to its new place,
    and name it in `[tool.catwalk]`: `baseline = "baseline/providers.json"`.

    ## Example
    Bad: `providers/.baseline.json`
    Good: `baseline/providers.json`, with `baseline = "baseline/providers.json"` in pyproject.toml
    """,
    severity="warning",
)

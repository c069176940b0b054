"""Live checks: ask each provider's own model-listing API what is true today.

- `records`: the normalised record every adapter produces (`LiveModel`).
- `adapters/`: one module per API family, each beside a real-format fixture in
  `adapters/fixtures/`. Adapters are pure: they build requests and parse responses;
  they never do I/O, so fixtures test them completely.
- `resolve`: which adapter, base URL and API key serve each database provider.
- `fetch`: one async HTTP client for the run; deadlines, retries, paging; every failure
  becomes an `unknown` provider with a reason, never drift.
- `compare`: database vs live records, field by field, with tolerances.
- `report`: the drift report (JSON version 1, text, Markdown).
- `drift`: the pipeline `catwalk drift` runs (resolve, fetch, compare, report).
- `sync`, `textedit`: `catwalk sync`'s plan and its surgical edits of provider files.
- `progress`: a progress bar on a terminal, plain lines in CI.
"""

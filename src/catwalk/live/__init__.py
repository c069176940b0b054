"""Live checks: ask each provider's own model-listing API what is true today.

- `records`: the normalised record every adapter produces (`LiveModel`).
- `adapters/`: one module per API family, each beside a real-format fixture in
  `adapters/fixtures/`. Adapters are pure: they build requests and parse responses;
  they never do I/O, so fixtures test them completely.
- The fetch layer, drift comparison, reports and `catwalk sync` build on these.
"""

"""Built-in checks, installed as `catwalk.checks`: one module per concern.

Rule id ranges: CW0xx reading JSON (and CW009 stale baseline entries), CW1xx schema,
CW2xx identity and references, CW3xx limits, CW4xx reasoning, CW5xx credentials and
endpoints, CW6xx the cache-price convention, CW7xx cross-provider consistency, CW8xx
cross-source consensus, CW9xx lifecycle. Modules whose names start with `_` hold shared
helpers, not rules.
"""

"""Built-in checks, installed as `catwalk.checks`: one module per concern.

Rule id ranges: CW0xx reading JSON, CW1xx schema, CW2xx identity and references,
CW3xx limits, CW4xx reasoning, CW5xx credentials and endpoints.
"""

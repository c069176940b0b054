"""`catwalk serve`: the Catwalk server (`GET /v2/providers`), byte-compatible with upstream.

database (check, encode, compress) -> state (the runtime directory the supervisor
publishes into) -> app (the ASGI workers) ; reloader and runner live in the supervisor;
metrics and negotiate serve the app.
"""

"""One module per provider API family. Each family module defines one `Adapter`
subclass and an `ADAPTER` instance; `registry.py` discovers them and finds the one that
serves a database provider. Shared pieces: `base.py` (the contract), `listing.py`
(the parse flow of a model list), `keyed.py` (the reader of OpenRouter-style items,
parameterised by key names), `values.py` (unit, date and flag converters) and
`samples.py` (the real-format fixtures in `fixtures/` and their expected outputs)."""

"""One module per provider API family. Each module defines one `Adapter` subclass and
an `ADAPTER` instance; `registry.py` lists them. See `base.py` for the contract."""

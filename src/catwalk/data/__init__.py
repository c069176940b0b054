"""Embedded data: the provider database and its JSON Schema (see `catwalk.resources`)."""

"""Importers turn other catalogues into canonical Catwalk provider files (`catwalk import`).

Each source is a module with `HELP`, `add_arguments(parser)` and
`convert(args) -> list[Imported]`; the command writes the files and the change log.
The catalogue importers (litellm, genai-prices, openrouter, models.dev) also offer `load(path)`,
returning a `records.Catalogue`; `metadata.PROVIDERS` says which provider files they
produce (docs/importers.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SOURCES = {
    "catwalk": "catwalk.importers.catwalk_files",
    "litellm": "catwalk.importers.litellm",
    "genai-prices": "catwalk.importers.genai_prices",
    "openrouter": "catwalk.importers.openrouter",
    "models.dev": "catwalk.importers.modelsdev",
}


@dataclass
class Imported:
    """One provider file produced by an importer, and what was changed on the way."""

    filename: str
    data: dict[str, Any]
    changes: list[str] = field(default_factory=list)
    source: str = ""

"""Fixtures for the catalogue importers: small real excerpts of each catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from catwalk.importers.records import Catalogue

FIXTURE_REFERENCE = Path(__file__).parent / "fixtures" / "reference"
AS_OF = "2026-11-26"


@pytest.fixture
def fixture_reference() -> Path:
    """A reference directory (litellm/, genai-prices/, openrouter/) of excerpts."""
    return FIXTURE_REFERENCE


@pytest.fixture
def catalogues() -> dict[str, Catalogue]:
    from catwalk.importers import options, reference

    return {
        source: options.load_catalogue(source, reference.source_file(FIXTURE_REFERENCE, source))
        for source in ("litellm", "genai-prices", "openrouter")
    }

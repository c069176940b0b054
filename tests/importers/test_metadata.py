"""The provider-metadata table is complete and consistent."""

from __future__ import annotations

import dataclasses
import re

import pytest

from catwalk.importers import SOURCES
from catwalk.importers.build import ProviderSpec
from catwalk.importers.metadata import IMPORTED_AS_OF, PROVIDERS, SNAPSHOTS
from catwalk.importers.records import SourceModel
from catwalk.model import ProviderType
from catwalk.secrets import is_env_reference
from catwalk_testing import REPO

CATALOGUES = {s for s in SOURCES if s != "catwalk"}


def test_ids_are_unique_and_valid() -> None:
    ids = [spec.id for spec in PROVIDERS]
    assert len(ids) == len(set(ids))
    assert all(re.match(r"^[a-z0-9][a-z0-9._-]*$", i) for i in ids)


@pytest.mark.parametrize("spec", PROVIDERS, ids=lambda s: s.id)
def test_each_provider_is_fully_described(spec: ProviderSpec) -> None:
    assert spec.name.strip()
    assert spec.type in {t.value for t in ProviderType}
    assert spec.api_endpoint.startswith("https://") or is_env_reference(spec.api_endpoint)
    assert is_env_reference(spec.api_key), "api_key must be an environment reference"
    assert spec.default_large != spec.default_small
    assert spec.sources and all(ref.source in CATALOGUES and ref.key for ref in spec.sources)
    assert len({str(ref) for ref in spec.sources}) == len(spec.sources)
    fields = {f.name for f in dataclasses.fields(SourceModel)} - {"id", "source"}
    assert all(set(ref.fields) <= fields for ref in spec.sources)
    assert not spec.primary.fields, "the primary source decides every field"
    for pattern in (*spec.include, *spec.exclude):
        re.compile(pattern)
    if spec.exclude:
        assert spec.exclude_reason, "say why models are excluded"
    assert spec.evidence and spec.defaults_reason


def test_every_catalogue_is_used_by_a_committed_provider() -> None:
    # models.dev fills capability flags (Databricks) but is no provider's primary source.
    assert {spec.primary.source for spec in PROVIDERS} == CATALOGUES - {"models.dev"}
    assert {ref.source for spec in PROVIDERS for ref in spec.sources} == CATALOGUES


def test_every_provider_has_its_file_and_a_changes_entry() -> None:
    changes = (REPO / "providers" / "CHANGES.md").read_text("utf-8")
    assert "## Providers added by importers" in changes
    section = changes.split("## Providers added by importers", 1)[1]
    for spec in PROVIDERS:
        assert (REPO / "providers" / f"{spec.id}.json").is_file(), spec.id
        assert f"`{spec.id}`" in section, f"{spec.id} is not recorded in providers/CHANGES.md"
    assert IMPORTED_AS_OF in section
    assert set(SNAPSHOTS) == CATALOGUES

"""Fixtures for the issue-sync tests: a fake GitHub REST API on 127.0.0.1 and reports."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The helpers beside this file (fake_github, sync_helpers) import as top-level modules.
sys.path.insert(0, str(Path(__file__).parent))

from fake_github import FakeGitHub


@pytest.fixture
def github_api() -> Iterator[FakeGitHub]:
    """A fake GitHub whose lists return 2 items per page, so a few issues make 3+ pages."""
    fake = FakeGitHub(page_size=2).start()
    try:
        yield fake
    finally:
        fake.stop()

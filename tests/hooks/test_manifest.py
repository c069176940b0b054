"""The manifest itself: valid for pre-commit, conventional, honest about its minimum version,
and each hook's `files`/`types` filter selects exactly the provider files."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from identify.identify import tags_from_filename

from catwalk.paths import provider_files

REPO = Path(__file__).resolve().parents[2]
HOOK_IDS = ("catwalk-check", "catwalk-check-db", "catwalk-fmt")

# The pre-commit release that introduced each manifest key (pre-commit's CHANGELOG).
# A key missing here fails the test below, so a newer key cannot slip in without
# raising `minimum_pre_commit_version`.
KEY_INTRODUCED = {
    "id": "0.1.0",
    "name": "0.1.0",
    "entry": "0.1.0",
    "language": "0.1.0",
    "files": "0.1.0",
    "description": "0.1.0",
    "exclude": "0.1.0",
    "args": "0.3.4",
    "minimum_pre_commit_version": "0.6.8",
    "always_run": "0.7.2",
    "pass_filenames": "0.14.0",
    "types": "0.15.0",
    "exclude_types": "0.15.0",
    "verbose": "1.6.0",
    "require_serial": "1.13.0",
    "types_or": "2.9.0",
}

# Paths relative to the repository root, as pre-commit passes them.
SELECTED = [
    "providers/openai.json",
    "providers/alibaba-singapore.json",
    "providers/x.json",
    "providers/bedrock_europe.json",
]
NOT_SELECTED = [
    "providers/CHANGES.md",  # not JSON
    "providers/openai.json5",
    "providers/openai.json.bak",
    "providers/.draft.json",  # hidden files are not part of the database
    "providers/sub/openai.json",  # the database is flat
    "vendor/providers/openai.json",  # not the repository's providers/
    "providers.json",
    "schema/provider.schema.json",
    "src/catwalk/data/providers/openai.json",
    "tests/hooks/fixtures/good/providers/alpha.json",
    "pyproject.toml",
    ".pre-commit-hooks.yaml",
]


def version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def selected(hook: dict[str, Any], path: str) -> bool:
    """pre-commit's filter: `files`/`exclude` with re.search, then every tag of `types`."""
    tags = tags_from_filename(path) | {"file"}
    include = re.search(hook.get("files", ""), path) is not None
    exclude = re.search(hook.get("exclude", "^$"), path) is not None
    types_ok = set(hook.get("types", ["file"])) <= tags
    types_or = hook.get("types_or", [])
    return include and not exclude and types_ok and (not types_or or bool(set(types_or) & tags))


def test_manifest_validates_with_pre_commit() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(REPO / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_three_hooks_exist(manifest: dict[str, dict[str, Any]]) -> None:
    assert tuple(manifest) == HOOK_IDS


@pytest.mark.parametrize("hook_id", HOOK_IDS)
def test_hook_conventions(manifest: dict[str, dict[str, Any]], hook_id: str) -> None:
    hook = manifest[hook_id]
    assert hook["language"] == "python"  # runs on pre-commit.ci: no system or docker hooks
    assert hook["entry"].split()[0] == "catwalk"
    assert hook["types"] == ["json"]
    assert hook["files"].startswith("^providers/")
    assert "always_run" not in hook  # only runs when a provider file is part of the commit
    assert "stages" not in hook


def test_database_hook_reads_the_whole_directory(manifest: dict[str, dict[str, Any]]) -> None:
    db = manifest["catwalk-check-db"]
    assert db["pass_filenames"] is False
    assert db["require_serial"] is True
    assert "--scope database" in db["entry"]
    assert "--scope file" in manifest["catwalk-check"]["entry"]
    assert manifest["catwalk-check"].get("pass_filenames", True) is True


@pytest.mark.parametrize("hook_id", HOOK_IDS)
def test_minimum_pre_commit_version_is_honest(manifest: dict[str, dict[str, Any]], hook_id: str) -> None:
    hook = manifest[hook_id]
    unknown = set(hook) - set(KEY_INTRODUCED)
    assert not unknown, f"add the pre-commit version that introduced {sorted(unknown)} to KEY_INTRODUCED"
    needed = max(version(KEY_INTRODUCED[key]) for key in hook)
    declared = version(hook["minimum_pre_commit_version"])
    assert declared >= needed, f"{hook_id} uses a key from pre-commit {needed}"
    # Honest both ways: all three hooks declare the highest feature any of them uses.
    highest = max(version(KEY_INTRODUCED[key]) for h in manifest.values() for key in h)
    assert declared == highest


@pytest.mark.parametrize("hook_id", HOOK_IDS)
@pytest.mark.parametrize("path", SELECTED)
def test_files_and_types_select_provider_files(
    manifest: dict[str, dict[str, Any]], hook_id: str, path: str
) -> None:
    assert selected(manifest[hook_id], path)


@pytest.mark.parametrize("hook_id", HOOK_IDS)
@pytest.mark.parametrize("path", NOT_SELECTED)
def test_files_and_types_skip_everything_else(
    manifest: dict[str, dict[str, Any]], hook_id: str, path: str
) -> None:
    assert not selected(manifest[hook_id], path)


def test_selection_rule_is_pre_commits_own(
    manifest: dict[str, dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cross-check `selected` against pre-commit's own classifier, which reads real files."""
    from pre_commit.commands.run import Classifier

    for name in SELECTED + NOT_SELECTED:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    classifier = Classifier(SELECTED + NOT_SELECTED)
    for hook in manifest.values():
        chosen = classifier.by_types(
            classifier.filenames,
            hook.get("types", ["file"]),
            hook.get("types_or", []),
            hook.get("exclude_types", []),
        )
        chosen = [p for p in chosen if re.search(hook["files"], p)]
        assert chosen == [p for p in SELECTED + NOT_SELECTED if selected(hook, p)]
        assert chosen == SELECTED


def test_every_database_file_is_selected(manifest: dict[str, dict[str, Any]]) -> None:
    """The default filter matches the real database, file by file."""
    files = sorted(p.relative_to(REPO).as_posix() for p in provider_files(REPO / "providers"))
    assert files
    for hook in manifest.values():
        assert all(selected(hook, path) for path in files)

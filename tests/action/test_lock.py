"""The hash-pinned locks: action/requirements.txt (what the Action and the pre-commit tests
install: catwalk's core dependencies) and .github/requirements/nightly.txt (the nightly
job: the core and the `live`, `models` and `cloud` extras), each with the build backend, each pin
exact, hashed and inside what pyproject.toml allows. Regenerate a lock as its header says
when this fails."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[2]
# lock -> (its input, the extras of pyproject.toml it must cover besides the core)
LOCKS = {
    REPO / "action" / "requirements.txt": (REPO / "action" / "requirements.in", ()),
    REPO / ".github" / "requirements" / "nightly.txt": (
        REPO / ".github" / "requirements" / "nightly.in",
        ("live", "models", "cloud"),
    ),
}
LOCK = REPO / "action" / "requirements.txt"
INPUT = REPO / "action" / "requirements.in"


def requirement_lines(path: Path) -> list[str]:
    """Logical lines: comments dropped, backslash continuations joined."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    lines = (line.split(" #", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def locked(lock: Path = LOCK) -> dict[str, tuple[str, Marker | None, list[str]]]:
    pins: dict[str, tuple[str, Marker | None, list[str]]] = {}
    for line in requirement_lines(lock):
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", line)
        requirement = Requirement(re.sub(r"--hash=\S+", "", line).strip())
        specs = list(requirement.specifier)
        assert len(specs) == 1 and specs[0].operator == "==", f"{line}: not one exact version"
        pins[canonicalize_name(requirement.name)] = (specs[0].version, requirement.marker, hashes)
    return pins


PARAMS = pytest.mark.parametrize("lock", list(LOCKS), ids=[p.name for p in LOCKS])


@PARAMS
def test_every_pin_is_exact_and_hashed(lock: Path) -> None:
    pins = locked(lock)
    assert pins
    for name, (_, _, hashes) in pins.items():
        assert hashes, f"{name} has no --hash"


def _own_requirements(project: dict[str, Any], extras: tuple[str, ...]) -> list[Requirement]:
    """The core dependencies and those of `extras`, following self-references."""
    found = [Requirement(d) for d in project["dependencies"]]
    pending, seen = list(extras), set()
    while pending:
        extra = pending.pop()
        if extra in seen:
            continue
        seen.add(extra)
        for line in project["optional-dependencies"][extra]:
            requirement = Requirement(line)
            if canonicalize_name(requirement.name) == canonicalize_name(project["name"]):
                pending.extend(requirement.extras)
            else:
                found.append(requirement)
    return found


@PARAMS
def test_the_input_lists_the_dependencies_of_pyproject(lock: Path) -> None:
    source, extras = LOCKS[lock]
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {canonicalize_name(r.name): r for r in _own_requirements(project, extras)}
    wanted = {
        canonicalize_name(Requirement(line).name): Requirement(line) for line in requirement_lines(source)
    }
    assert set(runtime) <= set(wanted), f"add {sorted(set(runtime) - set(wanted))} to {source.name}"
    for name, requirement in runtime.items():
        assert wanted[name].specifier == requirement.specifier, f"{name}: {wanted[name]} != {requirement}"
    assert "setuptools" in wanted  # built without build isolation


def test_the_action_lock_is_the_core_alone() -> None:
    # What the Action and a pre-commit hook need: nothing beyond the standard library.
    assert set(locked(LOCK)) == {"tomli", "setuptools"}


@PARAMS
def test_each_wanted_package_is_locked_within_its_range(lock: Path) -> None:
    pins = locked(lock)
    for line in requirement_lines(LOCKS[lock][0]):
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in the lock; regenerate {lock.name}"
        assert requirement.specifier.contains(pins[name][0], prereleases=True), f"{name}=={pins[name][0]}"


@PARAMS
def test_lock_covers_python_3_10_and_later(lock: Path) -> None:
    """tomli only matters before 3.11; the lock keeps it under that marker."""
    pins = locked(lock)
    assert "tomli" in pins
    marker = pins["tomli"][1]
    assert marker is not None
    assert marker.evaluate({"python_full_version": "3.10.14", "python_version": "3.10"})
    assert not marker.evaluate({"python_full_version": "3.12.1", "python_version": "3.12"})

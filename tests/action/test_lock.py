"""action/requirements.txt, the action's lock: every runtime dependency of catwalk (and the
build backend) pinned to one exact version with hashes, each pin inside what
pyproject.toml allows. Regenerate it as its header says when this fails."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[2]
LOCK = REPO / "action" / "requirements.txt"
INPUT = REPO / "action" / "requirements.in"


def requirement_lines(path: Path) -> list[str]:
    """Logical lines: comments dropped, backslash continuations joined."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    lines = (line.split(" #", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def locked() -> dict[str, tuple[str, Marker | None, list[str]]]:
    pins: dict[str, tuple[str, Marker | None, list[str]]] = {}
    for line in requirement_lines(LOCK):
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", line)
        requirement = Requirement(re.sub(r"--hash=\S+", "", line).strip())
        specs = list(requirement.specifier)
        assert len(specs) == 1 and specs[0].operator == "==", f"{line}: not one exact version"
        pins[canonicalize_name(requirement.name)] = (specs[0].version, requirement.marker, hashes)
    return pins


def test_every_pin_is_exact_and_hashed() -> None:
    pins = locked()
    assert pins
    for name, (_, _, hashes) in pins.items():
        assert hashes, f"{name} has no --hash"


def test_requirements_in_lists_the_runtime_dependencies_of_pyproject() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {canonicalize_name(Requirement(d).name): Requirement(d) for d in project["dependencies"]}
    wanted = {
        canonicalize_name(Requirement(line).name): Requirement(line) for line in requirement_lines(INPUT)
    }
    assert set(runtime) <= set(wanted), f"add {sorted(set(runtime) - set(wanted))} to action/requirements.in"
    for name, requirement in runtime.items():
        assert wanted[name].specifier == requirement.specifier, f"{name}: {wanted[name]} != {requirement}"
    assert "setuptools" in wanted  # built without build isolation


def test_each_wanted_package_is_locked_within_its_range() -> None:
    pins = locked()
    for line in requirement_lines(INPUT):
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in the lock; regenerate action/requirements.txt"
        assert requirement.specifier.contains(pins[name][0], prereleases=True), f"{name}=={pins[name][0]}"


def test_lock_covers_python_3_10_and_later() -> None:
    """tomli only matters before 3.11; the lock keeps it under that marker."""
    pins = locked()
    assert "tomli" in pins
    marker = pins["tomli"][1]
    assert marker is not None
    assert marker.evaluate({"python_full_version": "3.10.14", "python_version": "3.10"})
    assert not marker.evaluate({"python_full_version": "3.12.1", "python_version": "3.12"})

"""Fail unless the release tag (`v0.1.0`) names the version in pyproject.toml and in
`catwalk.__version__`: a tag must never publish files that say another version."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: release_version.py TAG", file=sys.stderr)
        return 2
    tag = argv[0]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    init = (ROOT / "src" / "catwalk" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"$', init, re.MULTILINE)
    package = found.group(1) if found else None
    if tag != f"v{project}" or package != project:
        print(
            f"::error::tag {tag!r} does not match the version: pyproject.toml {project!r}, "
            f"catwalk.__version__ {package!r}",
            file=sys.stderr,
        )
        return 1
    print(f"releasing catwalk-db {project}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

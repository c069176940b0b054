"""Size of the environment pre-commit builds for a catwalk hook (`language: python`).

    python benchmarks/bench_hook_env.py [--source DIR]

pre-commit makes a virtualenv and runs `pip install .` in the hook repository: the core
dependencies only, no extras. This does the same in a temporary directory (from whatever
index pip is configured with) and reports the distributions installed besides pip and
setuptools, and the size on disk of the environment and of its site-packages.
`--source` measures another checkout, e.g. a `git worktree` of an older commit.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TOOLING = {"pip", "setuptools", "wheel"}


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def measure(source: Path) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "env"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = venv / "bin" / "python"
        bare = size(venv)
        env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
        subprocess.run([str(python), "-m", "pip", "install", "-q", str(source)], check=True, env=env, cwd=tmp)
        listing = subprocess.run(
            [str(python), "-m", "pip", "list", "--format", "json"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        names = sorted(d["name"].lower() for d in json.loads(listing))
        packages = [n for n in names if n not in TOOLING]
        site = next(venv.glob("lib/python*/site-packages"))
        tooling = sum(size(p) for p in site.iterdir() if p.name.split("-")[0].lower() in TOOLING)
        return {
            "source": str(source),
            "packages": len(packages),
            "names": packages,
            "env_mb": round(size(venv) / 1e6, 1),
            "added_mb": round((size(venv) - bare) / 1e6, 1),
            "site_packages_without_pip_mb": round((size(site) - tooling) / 1e6, 1),
        }


def main() -> int:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--source", type=Path, default=REPO, help="the checkout to install (default: here)")
    args = parser.parse_args()
    result = measure(args.source.resolve())
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

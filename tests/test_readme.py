"""`.ci/run` runs the README's own two commands, verbatim."""

from __future__ import annotations

import re

from catwalk_testing import REPO


def readme_commands() -> list[str]:
    quick_start = (REPO / "README.md").read_text().split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", quick_start, re.S)]


def ci_commands() -> list[str]:
    lines = (REPO / ".ci" / "run").read_text().splitlines()
    return [
        lines[i + 1].strip() for i, line in enumerate(lines) if line.strip().startswith("# README command")
    ]


def test_ci_runs_the_readme_commands() -> None:
    assert len(readme_commands()) == 2
    assert ci_commands() == readme_commands()

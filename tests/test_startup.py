"""`catwalk check` stays light: none of the heavy libraries load on its path."""

from __future__ import annotations

import subprocess
import sys

from catwalk_testing import REPO

HEAVY = ("pydantic", "httpx", "rich", "jsonschema", "tomli", "difflib", "asyncio")


def test_check_imports_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "from catwalk.cli import main\n"
        f"main(['check', '-q', {str(REPO / 'providers' / 'openai.json')!r}])\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.splitlines()[-1] == "[]"

"""Write the workflow examples of README.md and docs/*.md (```yaml blocks with `jobs:`)
to DIR, one file each, so that zizmor and actionlint audit what users copy.

    python .ci/readme_workflows.py DIR
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"^```ya?ml\n(.*?)^```", re.MULTILINE | re.DOTALL)


def examples() -> dict[str, str]:
    found: dict[str, str] = {}
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        blocks = [b for b in BLOCK.findall(doc.read_text(encoding="utf-8")) if re.search(r"^jobs:", b, re.M)]
        for number, block in enumerate(blocks, 1):
            found[f"{doc.stem}-{number}.yml"] = block
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    written = examples()
    for name, text in written.items():
        (out / name).write_text(text, encoding="utf-8")
    print(f"{len(written)} workflow examples written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Replay the data fixes upstream Catwalk's maintainers made by hand, through `catwalk check`.

    python benchmarks/bench_history.py [--repo DIR] [--until 2025-12-31] [--verbose]

`--repo` is a clone of charmbracelet/catwalk (default: the mirror the tool library
fetches, /work/.mirror/charmbracelet+catwalk/repo). A *data fix* is a commit up to
`--until` that touches `internal/providers/configs/*.json`, whose subject says it fixes,
corrects or adjusts something (not the generators' `auto-update` runs, renames, sorting or
typos), and that changes or removes a value of a model that existed before it. Commits after
`--until` are the held-out set that judges this work: they are never read here.

For each fix, both trees (`C^` and `C`, every provider file, so the cross-provider rules
see the same database the maintainer saw) are checked with `today` set to the commit's
date. Reported:
- *flagged before*: the fix changed a value a finding pointed at in the tree before it
  (same file, same model, same field; a removed model counts when its model was flagged);
- *remaining after*: findings on the values the fix set, by severity. An error there means
  a rule contradicts a maintainer's correction; each one is listed.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

DEFAULT_REPO = Path("/work/.mirror/charmbracelet+catwalk/repo")
CONFIGS = "internal/providers/configs"
FIX = re.compile(r"\b(fix|fixes|fixed|correct|corrects|adjust|wrong|swap)", re.I)
NOT_A_DATA_FIX = re.compile(r"auto-update|generated|rename|sort|typo|casing|\bname\b", re.I)
FIELDS = (
    "cost_per_1m_in", "cost_per_1m_out", "cost_per_1m_in_cached", "cost_per_1m_out_cached",
    "context_window", "default_max_tokens", "can_reason", "reasoning_levels",
    "default_reasoning_effort", "supports_attachments",
)  # fmt: skip


class Change(NamedTuple):
    file: str
    model: str
    field: str | None  # None: the model was removed


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def fixes(repo: Path, until: str) -> Iterator[tuple[str, str, str]]:
    """(commit, date, subject) of the data-fix candidates, oldest first."""
    log = git(repo, "log", "--reverse", "--format=%H %ad %s", "--date=short", "--", CONFIGS)
    for line in log.splitlines():
        commit, date, subject = line.split(" ", 2)
        if date <= until and FIX.search(subject) and not NOT_A_DATA_FIX.search(subject):
            yield commit, date, subject


def tree(repo: Path, commit: str, directory: Path) -> dict[str, Any]:
    """Every provider file of `commit` written under `directory`; their parsed contents."""
    directory.mkdir(parents=True)
    docs: dict[str, Any] = {}
    for name in git(repo, "ls-tree", "--name-only", f"{commit}:{CONFIGS}").split():
        if not name.endswith(".json"):
            continue
        text = git(repo, "show", f"{commit}:{CONFIGS}/{name}")
        (directory / name).write_text(text, encoding="utf-8")
        try:
            docs[name] = json.loads(text)
        except ValueError:
            docs[name] = None
    return docs


def models(doc: Any) -> dict[str, dict[str, Any]]:
    found = doc.get("models") if isinstance(doc, dict) else None
    return {m["id"]: m for m in found or () if isinstance(m, dict) and isinstance(m.get("id"), str)}


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """The values of existing models the commit changed or removed."""
    found = []
    for name, old_doc in before.items():
        if name not in after:
            continue
        old, new = models(old_doc), models(after[name])
        for model_id, old_model in old.items():
            if model_id not in new:
                found.append(Change(name, model_id, None))
                continue
            for field in FIELDS:
                if old_model.get(field) != new[model_id].get(field):
                    found.append(Change(name, model_id, field))
    return found


def check(directory: Path, today: str) -> list[dict[str, Any]]:
    (directory.parent / "pyproject.toml").write_text(
        f'[tool.catwalk]\ndata-dir = "{directory.name}"\n[tool.catwalk.settings]\ntoday = "{today}"\n',
        encoding="utf-8",
    )
    exe = shutil.which("catwalk")
    command = [exe] if exe else [sys.executable, "-m", "catwalk"]
    done = subprocess.run(
        [*command, "check", directory.name, "--format", "json", "--no-baseline"],
        cwd=directory.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"catwalk check failed ({done.returncode}): {done.stderr[-500:]}")
    findings: list[dict[str, Any]] = json.loads(done.stdout)["findings"]
    return findings


def on(finding: dict[str, Any], change: Change) -> bool:
    if Path(finding["file"]).name != change.file or finding["model"] != change.model:
        return False
    return change.field is None or finding["field"] == change.field


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--repo", type=Path, default=DEFAULT_REPO)
    parser.add_argument("--until", default="2025-12-31")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    if not (args.repo / CONFIGS).is_dir() and not args.repo.joinpath("HEAD").exists():
        print(f"no catwalk repository at {args.repo}: fetch charmbracelet/catwalk first", file=sys.stderr)
        return 2
    replayed = flagged = 0
    remaining = {"error": 0, "warning": 0, "info": 0}
    contradicted: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for index, (commit, date, subject) in enumerate(fixes(args.repo, args.until)):
            work = Path(tmp) / str(index)
            before = tree(args.repo, f"{commit}^", work / "before" / "configs")
            after = tree(args.repo, commit, work / "after" / "configs")
            fixed = changes(before, after)
            if not fixed:
                continue
            replayed += 1
            old = check(work / "before" / "configs", date)
            new = check(work / "after" / "configs", date)
            hit = [c for c in fixed if any(on(f, c) for f in old)]
            kept = [c for c in fixed if c.field is not None]
            left = [f for f in new if any(on(f, c) for c in kept)]
            flagged += bool(hit)
            for finding in left:
                remaining[finding["severity"]] += 1
                if finding["severity"] == "error":
                    contradicted.append(
                        f"{commit[:7]} {date} {finding['file']} {finding['model']}: {finding['message']}"
                    )
            if args.verbose:
                mark = "FLAGGED" if hit else "missed "
                counts = f"{len(fixed)} values; {len(left)} findings after"
                print(f"{mark} {commit[:7]} {date} {subject[:70]} ({counts})")
    print(f"data fixes up to {args.until}: {replayed}")
    print(f"flagged before the fix: {flagged} of {replayed}")
    print(
        "findings on the corrected values: "
        + ", ".join(f"{n} {level}{'s' if n != 1 else ''}" for level, n in remaining.items())
    )
    for line in contradicted:
        print(f"  error on a corrected value: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

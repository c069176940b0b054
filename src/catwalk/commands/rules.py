"""`catwalk rules`: list every rule."""

from __future__ import annotations

import argparse

HELP = "list every rule: id, name, default severity, scope and summary"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")


def run(args: argparse.Namespace) -> int:
    import json

    from catwalk.config import load_config
    from catwalk.output import emit
    from catwalk.registry import all_rules

    config = load_config()
    rules = all_rules(config.checks, config.root)
    if args.format == "json":
        emit(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "name": r.name,
                        "severity": r.severity.label,
                        "scope": r.scope,
                        "origin": r.origin,
                        "summary": r.summary,
                        "doc": r.doc,
                    }
                    for r in rules
                ],
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    elif args.format == "markdown":
        parts = ["# Rules\n"]
        parts.append("| id | name | severity | scope | summary |\n|---|---|---|---|---|\n")
        for r in rules:
            summary = r.summary.replace("|", r"\|")
            parts.append(f"| {r.id} | {r.name} | {r.severity.label} | {r.scope} | {summary} |\n")
        for r in rules:
            parts.append(
                f"\n## {r.id} {r.name}\n\nSeverity: {r.severity.label}. Scope: {r.scope}.\n\n{r.doc}\n"
            )
        emit("".join(parts))
    else:
        width = max((len(r.name) for r in rules), default=0)
        emit(
            "".join(
                f"{r.id}  {r.name:<{width}}  {r.severity.label:<7}  {r.scope:<8}  {r.summary}\n"
                for r in rules
            )
        )
    return 0

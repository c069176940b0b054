"""`catwalk sync`: apply live API data to provider files, safely (dry run by default)."""

from __future__ import annotations

import argparse

HELP = (
    "apply what the providers' model-listing APIs say to the provider files: a unified diff "
    "by default, --write to apply. Never deletes a model without --allow-removals; holds back "
    "price moves over 10x and shrinking limits for review; leaves every other byte as it is"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from catwalk.commands.drift import add_live_arguments

    add_live_arguments(parser)
    parser.add_argument("--write", action="store_true", help="write the changes (default: print a diff)")
    parser.add_argument(
        "--allow-removals",
        action="store_true",
        help="delete models the live API no longer lists (never a provider's default model)",
    )


def run(args: argparse.Namespace) -> int:
    import sys

    from catwalk.atomic import ChangedOnDisk, digest, write_text
    from catwalk.commands.drift import gather_live, nothing_checked, rails_from
    from catwalk.linediff import unified_diff
    from catwalk.live.edits import FilePlan
    from catwalk.live.gate import make_checker, plan_provider
    from catwalk.registry import all_rules, select_rules
    from catwalk.secrets import scrub

    gathered, config = gather_live(args, "sync")
    secrets = gathered.secrets

    def say(text: str, stream: object = sys.stderr) -> None:
        print(scrub(text, secrets), file=stream)  # type: ignore[call-overload]

    rules = select_rules(all_rules(config.checks, config.root), config.select, config.ignore)
    checker = make_checker(rules, dict(config.severity), dict(config.settings))

    plans: list[FilePlan] = []
    unknown = suspect = 0
    statuses: list[str] = []
    for view in gathered.views(rails_from(args)):
        target = view.target
        statuses.append(view.status.status)
        if view.status.status != "ok":
            # A suspect listing writes nothing: the rails hold the whole provider.
            unknown += view.status.status == "unknown"
            suspect += view.status.status == "suspect"
            say(f"catwalk sync: {target.provider_id}: {view.status.status}: {view.status.reason}")
            continue
        assert view.comparison is not None
        plan = plan_provider(
            view, view.comparison.drift, allow_removals=args.allow_removals, checker=checker, secrets=secrets
        )
        plans.append(plan)

    changed = 0
    refused = sum(1 for p in plans if p.refused)
    for plan in plans:
        if plan.refused:
            say(f"catwalk sync: {plan.pf.display}: refused: {plan.refused}")
            continue
        if plan.preexisting_errors:
            say(
                f"catwalk sync: {plan.pf.display}: note: the file already has {plan.preexisting_errors} "
                "error(s) in catwalk check; sync adds none"
            )
        if not plan.changed:
            continue
        assert plan.new_text is not None
        if args.write:
            # The file as sync read it, minutes ago: a human edit since then is never lost.
            read = digest((plan.pf.text or "").encode("utf-8"))
            try:
                write_text(plan.pf.path, plan.new_text, expect=read)
            except ChangedOnDisk:
                refused += 1
                say(
                    f"catwalk sync: {plan.pf.display}: refused: the file changed on disk "
                    "while sync ran; run it again"
                )
                continue
            say(f"updated {plan.pf.display} ({len(plan.changes)} change(s))", sys.stdout)
        else:
            diff = unified_diff(plan.pf.text or "", plan.new_text, plan.pf.display)
            sys.stdout.write(scrub(diff, secrets))
        changed += 1
    held = [h for plan in plans for h in plan.held]
    for item in held:
        where = item.model if item.field is None else f"{item.model} {item.field}"
        say(f"held back: {item.provider}: {where}: {item.reason}")
    verb = "updated" if args.write else "would be updated"
    say(
        f"catwalk sync: {changed} file(s) {verb}, {len(held)} item(s) held back for review, "
        f"{refused} refused, {unknown} provider(s) unknown"
        + (f", {suspect} suspect (nothing written)" if suspect else "")
    )
    error = nothing_checked(statuses, args, "sync")
    if error is not None:
        say(error)
        return 2
    if changed or held or refused:
        return 1
    return 3 if unknown or suspect else 0

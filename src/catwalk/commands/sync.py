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
    from catwalk.commands.drift import load_selected, nothing_checked, rails_from
    from catwalk.config import load_config
    from catwalk.live.drift import Gathered, live_view
    from catwalk.live.edits import FilePlan, make_checker, plan_provider, unified_diff
    from catwalk.live.fetch import FetchOptions, fetch_all
    from catwalk.live.progress import progress_for
    from catwalk.live.resolve import resolve
    from catwalk.registry import all_rules, select_rules
    from catwalk.secrets import scrub

    files, overrides, allowed_hosts = load_selected(args)
    targets = resolve(files, overrides=overrides, allowed_hosts=allowed_hosts)
    options = FetchOptions(provider_timeout=args.timeout, run_timeout=args.run_timeout)
    with progress_for("catwalk sync", sum(1 for t in targets if t.ready), quiet=args.quiet) as progress:
        fetched = fetch_all(targets, options, progress)
    gathered = Gathered(targets, fetched)
    secrets = gathered.secrets

    def say(text: str, stream: object = sys.stderr) -> None:
        print(scrub(text, secrets), file=stream)  # type: ignore[call-overload]

    config = load_config()
    rules = select_rules(all_rules(config.checks, config.root), config.select, config.ignore)
    checker = make_checker(rules, dict(config.severity), dict(config.settings))

    plans: list[FilePlan] = []
    unknown = suspect = 0
    rails = rails_from(args)
    statuses: list[str] = []
    for target in targets:
        view = live_view(target, fetched.get(target.provider_id), rails)
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

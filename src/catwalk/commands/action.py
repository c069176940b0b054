"""`catwalk action`: the steps of the catwalk GitHub Action (action.yml at the repository root).

    catwalk action report REPORT.json [--fail-level error|warning|never] [--summary true|false]
    catwalk action default-path

`report` turns the JSON report of `catwalk check --format json` into what a workflow run
shows: annotations at the exact line and column (errors first, capped at GitHub's 10 errors
and 10 warnings per step, with one notice counting the rest), the full findings table in
$GITHUB_STEP_SUMMARY (kept under GitHub's 1 MiB), and the outputs `errors`, `warnings` and
`report` in $GITHUB_OUTPUT. Its exit status follows --fail-level.

`default-path` prints the directory `catwalk check` reads when the action gets no paths,
and fails when there is none: the action must never pass by checking catwalk's own
embedded database instead of the caller's files.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from catwalk.api import Report
from catwalk.findings import Finding, Severity
from catwalk.reporters.github import command as finding_command
from catwalk.reporters.github import escape_data, escape_property
from catwalk.reporters.json import ReportError, read

# GitHub shows at most this many annotations of each level per step (actions/toolkit).
ANNOTATIONS_PER_LEVEL = 10
# $GITHUB_STEP_SUMMARY is rejected above 1 MiB per step.
SUMMARY_LIMIT = 1024 * 1024
# Room kept for the closing lines of the summary.
SUMMARY_FOOTER_RESERVE = 2048
FAIL_LEVELS = ("error", "warning", "never")
TITLE = "catwalk"

_ICON = {Severity.ERROR: "❌ error", Severity.WARNING: "⚠️ warning", Severity.INFO: "ℹ️ info"}
_MARKDOWN_SPECIAL = "\\`*_{}[]<>()#!|~&"


@dataclass
class Annotations:
    lines: list[str]
    shown: dict[Severity, int]
    omitted: dict[Severity, int]

    @property
    def omitted_total(self) -> int:
        return sum(self.omitted.values())


def _by_severity(report: Report) -> dict[Severity, int]:
    s = report.summary
    return {Severity.ERROR: s.errors, Severity.WARNING: s.warnings, Severity.INFO: s.infos}


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then infos; the report's order within each level."""
    return sorted(findings, key=lambda f: -f.severity)


def relative_to_workspace(findings: Iterable[Finding], workspace: Path | None) -> None:
    """Annotations and links need repository-relative paths."""
    if workspace is None:
        return
    root = workspace.resolve()
    for f in findings:
        path = Path(f.file)
        if path.is_absolute():
            with contextlib.suppress(ValueError):  # outside the workspace: left as it is
                f.file = path.resolve().relative_to(root).as_posix()


# --- annotations --------------------------------------------------------------------------


def command(level: str, message: str, **properties: str) -> str:
    """A workflow command such as `::notice title=catwalk::message`, escaped."""
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    head = f"{level} {rendered}" if rendered else level
    return f"::{head}::{escape_data(message)}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def counts(by_severity: dict[Severity, int]) -> str:
    words = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
    parts = [_plural(n, words[s]) for s, n in sorted(by_severity.items(), reverse=True) if n]
    return ", ".join(parts)


def annotate(findings: Sequence[Finding], where_the_rest_is: str) -> Annotations:
    """At most 10 annotations per level; the notice about the rest counts as a notice."""
    total = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    shown = {s: min(n, ANNOTATIONS_PER_LEVEL) for s, n in total.items()}
    if any(total[s] > shown[s] for s in Severity) and shown[Severity.INFO] == ANNOTATIONS_PER_LEVEL:
        shown[Severity.INFO] -= 1  # make room for the counting notice
    omitted = {s: total[s] - shown[s] for s in Severity}
    lines: list[str] = []
    used = dict.fromkeys(Severity, 0)
    for f in ordered(findings):
        if used[f.severity] < shown[f.severity]:
            used[f.severity] += 1
            lines.append(finding_command(f))
    result = Annotations(lines, shown, {s: n for s, n in omitted.items() if n})
    if result.omitted_total:
        lines.append(
            command(
                "notice",
                f"{result.omitted_total} more findings ({counts(result.omitted)}) are not shown as "
                f"annotations: GitHub shows at most {ANNOTATIONS_PER_LEVEL} errors and "
                f"{ANNOTATIONS_PER_LEVEL} warnings per step. {where_the_rest_is}",
                title=TITLE,
            )
        )
    return result


# --- step summary -------------------------------------------------------------------------


def markdown_text(text: str) -> str:
    """Literal text inside a Markdown table cell: no formatting, no HTML, no broken rows."""
    text = " ".join(text.split())
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in text)


def _blob_url(f: Finding) -> str | None:
    server = os.environ.get("GITHUB_SERVER_URL")
    repository = os.environ.get("GITHUB_REPOSITORY")
    sha = os.environ.get("GITHUB_SHA")
    if not (server and repository and sha) or Path(f.file).is_absolute() or f.file.startswith("../"):
        return None
    from urllib.parse import quote

    return f"{server}/{repository}/blob/{sha}/{quote(f.file)}#L{f.line}"


def _row(f: Finding) -> str:
    location = markdown_text(f"{f.file}:{f.line}:{f.column}")
    url = _blob_url(f)
    if url is not None:
        location = f"[{location}]({url})"
    rule = f"`{f.rule}` {markdown_text(f.name)}" if f.name else f"`{f.rule}`"
    return f"| {_ICON[f.severity]} | {rule} | {location} | {markdown_text(f.message)} |\n"


def summary_markdown(report: Report, budget: int = SUMMARY_LIMIT) -> str:
    """The findings table, cut short (with a count) so the whole text fits in `budget` bytes."""
    by_severity = _by_severity(report)
    total = report.summary
    scope = (
        f"{_plural(total.files, 'file')}, {_plural(total.providers, 'provider')}, "
        f"{_plural(total.models, 'model')}, {_plural(total.rules, 'rule')}"
    )
    if not report.findings:
        return f"### catwalk check passed\n\nNo findings in {scope}.\n"
    head = (
        f"### catwalk check: {counts(by_severity)}\n\n"
        f"Checked {scope}. The JSON report (output `report`) has every field of every finding.\n\n"
        "| Severity | Rule | Location | Message |\n|---|---|---|---|\n"
    )
    parts = [head]
    size = len(head.encode())
    limit = budget - SUMMARY_FOOTER_RESERVE
    findings = ordered(report.findings)
    listed = 0
    for f in findings:
        row = _row(f)
        row_size = len(row.encode())
        if size + row_size > limit:
            break
        parts.append(row)
        size += row_size
        listed += 1
    left = len(findings) - listed
    if left:
        rest = {s: sum(1 for f in findings[listed:] if f.severity is s) for s in Severity}
        parts.append(
            f"\n**{left} more findings ({counts(rest)}) are not listed here:** a step summary is "
            "limited to 1 MiB. The JSON report (output `report`) has all of them.\n"
        )
    return "".join(parts)


# --- outputs ------------------------------------------------------------------------------


def write_outputs(path: Path, values: dict[str, str]) -> None:
    """Append to $GITHUB_OUTPUT in the multi-line form, which no value can break out of."""
    with path.open("a", encoding="utf-8", newline="\n") as handle:
        for name, value in values.items():
            delimiter = f"ghadelimiter_{uuid.uuid4()}"
            handle.write(f"{name}<<{delimiter}\n{value}\n{delimiter}\n")


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value) if value else None


def fails(report: Report, fail_level: str) -> bool:
    if fail_level == "never":
        return False
    threshold = Severity.parse(fail_level)
    return any(f.severity >= threshold for f in report.findings)


def run_report(report_path: Path, fail_level: str, summary: bool) -> int:
    report = read(report_path)
    relative_to_workspace(report.findings, _env_path("GITHUB_WORKSPACE"))
    summary_file = _env_path("GITHUB_STEP_SUMMARY") if summary else None
    where = (
        "The job summary lists all findings."
        if summary_file is not None
        else "The JSON report (output `report`) lists all findings."
    )
    annotations = annotate(report.findings, where)
    sys.stdout.write("".join(line + "\n" for line in annotations.lines))

    if summary_file is not None:
        used = summary_file.stat().st_size if summary_file.exists() else 0
        text = summary_markdown(report, budget=max(SUMMARY_LIMIT - used, 0))
        with summary_file.open("a", encoding="utf-8", newline="\n") as handle:
            handle.write(text)

    errors, warnings = report.summary.errors, report.summary.warnings
    output_file = _env_path("GITHUB_OUTPUT")
    if output_file is not None:
        values = {"errors": str(errors), "warnings": str(warnings), "report": str(report_path.resolve())}
        write_outputs(output_file, values)

    found = counts(_by_severity(report)) or "no findings"
    print(f"catwalk: {found} in {_plural(report.summary.files, 'file')} (fail-level: {fail_level}).")
    return 1 if fails(report, fail_level) else 0


# --- default path -------------------------------------------------------------------------


def default_path() -> Path:
    """The data directory of [tool.catwalk], else ./providers; never the embedded database."""
    from catwalk.config import load_config
    from catwalk.errors import UsageError
    from catwalk.paths import local_target

    local = local_target(load_config())
    if local is not None:
        return local
    raise UsageError(
        "no provider files to check: set the action's `paths` input, set [tool.catwalk] data-dir "
        "in pyproject.toml, or keep the files in ./providers"
    )


# --- command line -------------------------------------------------------------------------


HELP = (
    "The steps of the catwalk GitHub Action: `report` turns a JSON report into annotations, a "
    "step summary and outputs; `default-path` prints the directory checked when no paths are given."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="step", metavar="<step>", required=True)
    report = sub.add_parser("report", help="annotations, step summary and outputs from a JSON report")
    report.add_argument("report", type=Path, help="the report of `catwalk check --format json`")
    report.add_argument("--fail-level", choices=FAIL_LEVELS, default="error")
    report.add_argument("--summary", choices=("true", "false"), default="true")
    sub.add_parser("default-path", help="the directory checked when no paths are given")


def run(args: argparse.Namespace) -> int:
    try:
        if args.step == "default-path":
            print(default_path())
            return 0
        return run_report(args.report, args.fail_level, args.summary == "true")
    except Exception as exc:
        # Shown as an error annotation on the run, not as a traceback in the log.
        from catwalk.errors import UsageError
        from catwalk.secrets import redact

        expected = isinstance(exc, (ReportError, UsageError))
        kind = "" if expected else f"internal error: {type(exc).__name__}: "
        print(command("error", f"{kind}{redact(str(exc))}", title=TITLE))
        return 2 if expected else 3

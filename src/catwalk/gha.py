"""GitHub Actions glue for the catwalk action (action.yml at the repository root).

    python -m catwalk.gha report REPORT.json [--fail-level error|warning|never] [--summary true|false]
    python -m catwalk.gha default-path

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
import json
import os
import sys
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from catwalk.findings import Finding, Severity
from catwalk.reporters.github import command as finding_command
from catwalk.reporters.github import escape_data, escape_property

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


class ReportError(Exception):
    """The JSON report is missing or not what `catwalk check --format json` writes."""


@dataclass
class Report:
    path: Path
    findings: list[Finding]
    files: int
    providers: int
    models: int
    rules: int

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)


@dataclass
class Annotations:
    lines: list[str]
    shown: dict[Severity, int]
    omitted: dict[Severity, int]

    @property
    def omitted_total(self) -> int:
        return sum(self.omitted.values())


# --- reading the report -------------------------------------------------------------------


def _int(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ReportError(f"{where} must be an integer")
    return value


def _str(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ReportError(f"{where} must be a string")
    return value


def _finding(raw: object, index: int) -> Finding:
    where = f"findings[{index}]"
    if not isinstance(raw, dict):
        raise ReportError(f"{where} must be an object")
    try:
        severity = Severity.parse(_str(raw.get("severity"), f"{where}.severity"))
    except ValueError as exc:
        raise ReportError(f"{where}.severity: {exc}") from None
    return Finding(
        rule=_str(raw.get("rule"), f"{where}.rule"),
        name=_str(raw.get("name", ""), f"{where}.name"),
        message=_str(raw.get("message"), f"{where}.message"),
        file=_str(raw.get("file"), f"{where}.file"),
        pointer=_str(raw.get("pointer", ""), f"{where}.pointer"),
        severity=severity,
        line=_int(raw.get("line", 1), f"{where}.line"),
        column=_int(raw.get("column", 1), f"{where}.column"),
        end_line=_int(raw.get("end_line", raw.get("line", 1)), f"{where}.end_line"),
        end_column=_int(raw.get("end_column", raw.get("column", 1)), f"{where}.end_column"),
    )


def load_report(path: Path) -> Report:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReportError(f"cannot read {path}: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportError(f"{path} is not a JSON report: {exc}") from None
    if not isinstance(document, dict) or document.get("version") != 1:
        raise ReportError(f"{path} is not a version 1 catwalk JSON report")
    raw_findings = document.get("findings")
    summary = document.get("summary")
    if not isinstance(raw_findings, list) or not isinstance(summary, dict):
        raise ReportError(f"{path} has no findings list or no summary")
    return Report(
        path=path,
        findings=[_finding(raw, i) for i, raw in enumerate(raw_findings)],
        files=_int(summary.get("files", 0), "summary.files"),
        providers=_int(summary.get("providers", 0), "summary.providers"),
        models=_int(summary.get("models", 0), "summary.models"),
        rules=_int(summary.get("rules", 0), "summary.rules"),
    )


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
    by_severity = {s: report.count(s) for s in Severity}
    scope = (
        f"{_plural(report.files, 'file')}, {_plural(report.providers, 'provider')}, "
        f"{_plural(report.models, 'model')}, {_plural(report.rules, 'rule')}"
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
    report = load_report(report_path)
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

    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    output_file = _env_path("GITHUB_OUTPUT")
    if output_file is not None:
        values = {"errors": str(errors), "warnings": str(warnings), "report": str(report_path.resolve())}
        write_outputs(output_file, values)

    found = counts({s: report.count(s) for s in Severity}) or "no findings"
    print(f"catwalk: {found} in {_plural(report.files, 'file')} (fail-level: {fail_level}).")
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m catwalk.gha", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    report = sub.add_parser("report", help="annotations, step summary and outputs from a JSON report")
    report.add_argument("report", type=Path, help="the report of `catwalk check --format json`")
    report.add_argument("--fail-level", choices=FAIL_LEVELS, default="error")
    report.add_argument("--summary", choices=("true", "false"), default="true")
    sub.add_parser("default-path", help="the directory checked when no paths are given")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from catwalk.output import unbreakable_streams

    unbreakable_streams()
    args = build_parser().parse_args(argv)
    try:
        if args.command == "default-path":
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


if __name__ == "__main__":
    sys.exit(main())

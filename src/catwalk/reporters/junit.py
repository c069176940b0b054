"""JUnit XML, as Jenkins' junit step and GitLab's `artifacts:reports:junit` read it: one
test suite per checked file, one failing test case per finding (named by rule and place),
and one passing case for a file without findings, so a clean run shows as passed tests
rather than as no tests at all."""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from catwalk.engine import CheckResult
from catwalk.findings import Finding, Severity

# What XML 1.0 cannot carry at all (control characters other than tab, LF, CR).
_INVALID = {code: f"\\x{code:02x}" for code in range(32) if code not in (9, 10, 13)} | {0xFFFE: "\\ufffe"}


def _text(value: str) -> str:
    # Lone surrogates (from a provider file's `\ud800`) cannot be encoded either.
    return value.translate(_INVALID).encode("utf-8", "backslashreplace").decode("utf-8")


def _case(suite: ET.Element, f: Finding) -> None:
    case = ET.SubElement(
        suite, "testcase", name=_text(f"{f.rule} {f.name} at {f.line}:{f.column}"), classname=_text(f.file)
    )
    kind = "failure" if f.severity is Severity.ERROR else "system-out"
    detail = f"{f.file}:{f.line}:{f.column}: {f.rule} {f.message} [{f.severity.label}]"
    if kind == "failure":
        ET.SubElement(case, "failure", message=_text(f.message), type=f.rule).text = _text(detail)
    else:
        # Warnings and infos do not fail the build (as `catwalk check` exits 0 for them).
        ET.SubElement(case, "system-out").text = _text(detail)


def render(result: CheckResult, color: bool = False) -> str:
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        by_file[f.file].append(f)
    files = [pf.display for pf in result.files] + [name for name in by_file if name not in {
        pf.display for pf in result.files
    }]  # fmt: skip
    root = ET.Element("testsuites", name="catwalk")
    total = failures = 0
    for name in files:
        findings = by_file.get(name, [])
        failed = sum(1 for f in findings if f.severity is Severity.ERROR)
        suite = ET.SubElement(
            root, "testsuite", name=_text(name), tests=str(max(len(findings), 1)),
            failures=str(failed), errors="0", skipped="0",
        )  # fmt: skip
        if findings:
            for f in findings:
                _case(suite, f)
        else:
            ET.SubElement(suite, "testcase", name="catwalk check", classname=_text(name))
        total += max(len(findings), 1)
        failures += failed
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

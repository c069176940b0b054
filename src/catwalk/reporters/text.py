"""`file:line:col: RULE message`, one line per finding, then a summary line."""

from __future__ import annotations

from catwalk.engine import CheckResult
from catwalk.findings import Finding, Severity

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


# One finding, one line: control characters that data can smuggle into a message (a key
# named "a\nb") are shown escaped, never printed.
_CONTROL = {code: f"\\x{code:02x}" for code in range(32)} | {10: "\\n", 13: "\\r", 9: "\\t", 127: "\\x7f"}


def line(f: Finding, color: bool = False) -> str:
    file = f.file if f.file.isprintable() else f.file.translate(_CONTROL)
    message = f.message if f.message.isprintable() else f.message.translate(_CONTROL)
    where = _paint(f"{file}:{f.line}:{f.column}:", "1", color)
    rule = _paint(f.rule, f"1;{_COLORS[f.severity]}", color)
    suffix = "" if f.severity is Severity.ERROR else f" [{f.severity.label}]"
    return f"{where} {rule} {message}{suffix}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(result: CheckResult) -> str:
    s = result.summary
    counts = (("files", "file"), ("providers", "provider"), ("models", "model"))
    scope = ", ".join(_plural(s[key], word) for key, word in counts)
    accepted = s.get("baselined", 0)
    if accepted:
        scope += f"; {accepted} accepted by the baseline"
    if not result.findings:
        return f"All checks passed ({scope}, {_plural(len(result.rules), 'rule')})."
    parts = [_plural(s["errors"], "error"), _plural(s["warnings"], "warning")]
    if s["infos"]:
        parts.append(_plural(s["infos"], "info"))
    return f"Found {', '.join(parts)} ({scope})."


def render(result: CheckResult, color: bool = False) -> str:
    lines = [line(f, color) for f in result.findings]
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"

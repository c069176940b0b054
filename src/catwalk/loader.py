"""Read provider files: bytes in, a `ProviderFile` out, never an exception.

The happy path is one C-backed `json.loads` per file. Everything unusual (encodings,
duplicate keys, NaN, 1e400, 5,000-digit integers, 200,000 nested brackets, syntax errors)
becomes a located finding with its own rule id.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import stat
from pathlib import Path
from typing import Any

from catwalk import pointer as jp
from catwalk.document import ProviderFile
from catwalk.findings import Finding
from catwalk.output import escape_surrogates
from catwalk.sourcemap import SourceMap

# Loader rule ids (documented in checks/json_syntax.py).
INVALID_JSON = "CW001"
INVALID_ENCODING = "CW002"
BOM = "CW003"
DUPLICATE_KEY = "CW004"
NON_FINITE = "CW005"
HUGE_INTEGER = "CW006"
TOO_DEEP = "CW007"
UNREADABLE = "CW008"
LONE_SURROGATE = "CW010"

MAX_DEPTH = 100
# Python refuses int() on longer digit strings; no real count comes near it.
MAX_INT_DIGITS = 4300


class _BadNumber:
    """Stands in for a number that has no finite float/int value."""

    __slots__ = ("kind", "text")

    def __init__(self, kind: str, text: str) -> None:
        self.kind = kind
        self.text = text


class _ParseState:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.duplicates: list[tuple[dict[str, Any], list[str]]] = []
        self.bad_numbers = False

    def pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            seen: set[str] = set()
            dups = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
            self.duplicates.append((result, sorted(set(dups))))
        return result

    def parse_float(self, text: str) -> Any:
        value = float(text)
        if math.isinf(value):
            self.bad_numbers = True
            return _BadNumber("overflow", text)
        return value

    def parse_int(self, text: str) -> Any:
        digits = len(text) - text.startswith("-")
        if digits > MAX_INT_DIGITS:
            self.bad_numbers = True
            return _BadNumber("digits", text)
        return int(text)

    def parse_constant(self, text: str) -> Any:
        self.bad_numbers = True
        return _BadNumber("constant", text)


def display_path(path: Path) -> str:
    """Relative to the working directory when below it, with forward slashes.
    (Plain path arithmetic, no symlink resolution: one stat per path component for every
    file would be a noticeable share of a pre-commit run.)"""
    try:
        cwd = os.getcwd()
    except OSError:
        return path.as_posix()
    absolute = os.path.normpath(os.path.join(cwd, path))
    if absolute == cwd or not absolute.startswith(cwd.rstrip(os.sep) + os.sep):
        return path.as_posix() if path.is_absolute() else Path(absolute).as_posix()
    return Path(os.path.relpath(absolute, cwd)).as_posix()


_NOT_REGULAR = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _require_regular(mode: int) -> None:
    for test, kind in _NOT_REGULAR:
        if test(mode):
            raise OSError(f"it is {kind}; only regular files are read")
    if not stat.S_ISREG(mode):
        raise OSError("it is not a regular file")


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file; OSError for anything else, without blocking on it (a
    FIFO would wait for a writer forever, a device may never end)."""
    _require_regular(os.stat(path).st_mode)  # a socket cannot even be opened: say what it is
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        _require_regular(info.st_mode)  # it may have been swapped since the stat
        chunks = []
        while chunk := os.read(fd, max(info.st_size + 1, 65536)):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def load_path(path: Path, display: str | None = None) -> ProviderFile:
    shown = display if display is not None else display_path(path)
    try:
        raw = read_regular(path)
    except OSError as exc:
        pf = ProviderFile(path=path, display=shown)
        if exc.errno == errno.ELOOP:
            reason = "a symlink loop"
        else:
            reason = exc.strerror or str(exc) or exc.__class__.__name__
        pf.problems.append(_at(pf, UNREADABLE, f"cannot read file: {reason}", 1, 1))
        return pf
    return load_bytes(raw, path, shown)


def _at(pf: ProviderFile, rule: str, message: str, line: int, column: int) -> Finding:
    return Finding(
        rule=rule,
        message=message,
        file=pf.display,
        line=line,
        column=column,
        end_line=line,
        end_column=column + 1,
        located=True,
    )


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", "replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, column


def _text_position(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def load_bytes(raw: bytes, path: Path, display: str) -> ProviderFile:
    pf = ProviderFile(path=path, display=display)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        pf.problems.append(
            _at(pf, INVALID_ENCODING, "file is UTF-16 encoded; provider files must be UTF-8", 1, 1)
        )
        return pf
    if raw.startswith(b"\xef\xbb\xbf"):
        pf.problems.append(
            _at(pf, BOM, "file starts with a UTF-8 byte-order mark; remove it (JSON forbids it)", 1, 1)
        )
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(raw, nul)
        pf.problems.append(
            _at(pf, INVALID_ENCODING, "NUL byte in file; provider files are UTF-8 text", line, column)
        )
        return pf
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(raw, exc.start)
        byte = raw[exc.start : exc.start + 1].hex()
        pf.problems.append(
            _at(
                pf,
                INVALID_ENCODING,
                f"invalid UTF-8 byte 0x{byte} (is the file Latin-1 or another encoding?); save it as UTF-8",
                line,
                column,
            )
        )
        return pf
    pf.text = text
    if not text.strip():
        pf.problems.append(_at(pf, INVALID_JSON, "file is empty; expected a provider object", 1, 1))
        return pf
    state = _ParseState()
    try:
        data = _decode(text, state, parse_ints=False)
    except json.JSONDecodeError as exc:
        pf.problems.append(_syntax_finding(pf, text, exc))
        return pf
    except RecursionError:
        pf.problems.append(_depth_finding(pf, text))
        return pf
    if state.bad_numbers:
        _report_bad_numbers(pf, data)
        return pf
    if "\\u" in text and _report_surrogates(pf, data):
        return pf
    pf.data = data
    pf.parsed = True
    if state.duplicates:
        pf.duplicate_keys = True
        _report_duplicates(pf, state.duplicates)
    return pf


def _decode(text: str, state: _ParseState, *, parse_ints: bool) -> Any:
    """Integers are parsed by C unless one is too long for int(), which raises ValueError:
    then the text is parsed again with a hook that locates it (a Python call per integer
    is too slow for the common case)."""
    decoder = json.JSONDecoder(
        object_pairs_hook=state.pairs,
        parse_float=state.parse_float,
        parse_int=state.parse_int if parse_ints else None,
        parse_constant=state.parse_constant,
    )
    try:
        return decoder.decode(text)
    except json.JSONDecodeError:
        raise
    except ValueError:
        if parse_ints:
            raise
        state.reset()
        return _decode(text, state, parse_ints=True)


def _syntax_finding(pf: ProviderFile, text: str, exc: json.JSONDecodeError) -> Finding:
    message = f"invalid JSON: {exc.msg}"
    before = text[: exc.pos].rstrip()
    if text.startswith(("//", "/*", "#"), exc.pos):
        message += " (JSON has no comments; remove it)"
    elif before.endswith(",") and exc.msg.startswith(("Expecting property name", "Expecting value")):
        message += " (trailing comma before the closing bracket?)"
    elif exc.msg.startswith("Expecting property name") and text.startswith("'", exc.pos):
        message += " (JSON strings use double quotes)"
    elif exc.msg == "Extra data":
        message += " (more than one JSON value in the file)"
    return _at(pf, INVALID_JSON, message, exc.lineno, exc.colno)


def _depth_finding(pf: ProviderFile, text: str) -> Finding:
    depth = 0
    brackets = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)  # only for runaway nesting
    for match in brackets.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line, column = _text_position(text, match.start())
                return _at(pf, TOO_DEEP, f"JSON nested deeper than {MAX_DEPTH} levels", line, column)
        elif token in "]}":
            depth -= 1
    return _at(pf, TOO_DEEP, f"JSON nested deeper than {MAX_DEPTH} levels", 1, 1)


def _find(data: Any, match: Any) -> list[tuple[str, Any]]:
    """Pointers of every value for which match(value) is true; iterative, any depth."""
    found: list[tuple[str, Any]] = []
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        ptr, value = stack.pop()
        if match(value):
            found.append((ptr, value))
        if isinstance(value, dict):
            stack.extend(
                (jp.child(ptr, k), v) for k, v in value.items() if isinstance(v, (dict, list, _BadNumber))
            )
        elif isinstance(value, list):
            stack.extend(
                (jp.child(ptr, i), v) for i, v in enumerate(value) if isinstance(v, (dict, list, _BadNumber))
            )
    return found


def _report_bad_numbers(pf: ProviderFile, data: Any) -> None:
    bad = _find(data, lambda v: isinstance(v, _BadNumber))
    pf.set_sourcemap(SourceMap(pf.text or "", tolerant=True))
    spans = pf.sourcemap.locate(p for p, _ in bad)
    for ptr, value in sorted(bad, key=lambda pv: spans[pv[0]].value_start):
        if value.kind == "digits":
            rule, message = (
                HUGE_INTEGER,
                f"integer with {len(value.text.lstrip('-'))} digits cannot be read by any consumer",
            )
        elif value.kind == "overflow":
            shown = value.text if len(value.text) <= 24 else value.text[:21] + "..."
            rule, message = NON_FINITE, f"number {shown} overflows to infinity; JSON numbers must be finite"
        else:
            rule, message = NON_FINITE, f"{value.text} is not valid JSON; numbers must be finite"
        span = spans[ptr]
        finding = _span_finding(pf, rule, message, span.value_start, span.end)
        finding.pointer = ptr
        pf.problems.append(finding)


def _is_text(value: str) -> bool:
    """False for a string holding a lone UTF-16 surrogate (only a `\\ud800` escape makes
    one: the file itself decoded as UTF-8)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _report_surrogates(pf: ProviderFile, data: Any) -> bool:
    """Findings for every key and string value that is not valid Unicode; True if any."""
    bad: list[tuple[str, str, bool]] = []  # (pointer, string, is a key)
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        ptr, value = stack.pop()
        if isinstance(value, str):
            if not _is_text(value):
                bad.append((ptr, value, False))
        elif isinstance(value, dict):
            for key, item in value.items():
                child = jp.child(ptr, key)
                if not _is_text(key):
                    bad.append((child, key, True))
                stack.append((child, item))
        elif isinstance(value, list):
            stack.extend((jp.child(ptr, i), item) for i, item in enumerate(value))
    if not bad:
        return False
    spans = pf.sourcemap.locate(ptr for ptr, _, _ in bad)
    for ptr, value, is_key in sorted(bad, key=lambda b: spans[b[0]].start):
        span = spans[ptr]
        codes = ", ".join(dict.fromkeys(f"\\u{ord(c):04x}" for c in value if "\ud800" <= c <= "\udfff"))
        what = "key" if is_key else "string"
        message = (
            f"{what} holds a lone UTF-16 surrogate ({codes}), which is not Unicode text: "
            "no UTF-8 consumer can read or write it"
        )
        start = span.start if is_key else span.value_start
        finding = _span_finding(pf, LONE_SURROGATE, message, start, span.end)
        finding.pointer = escape_surrogates(ptr)  # reports hash and print the pointer
        pf.problems.append(finding)
    return True


def _report_duplicates(pf: ProviderFile, duplicates: list[tuple[dict[str, Any], list[str]]]) -> None:
    wanted = {id(obj): keys for obj, keys in duplicates}
    holders = _find(pf.data, lambda v: id(v) in wanted)
    for ptr, obj in holders:
        for key in wanted[id(obj)]:
            spans = pf.sourcemap.key_spans(ptr, key)
            if len(spans) < 2:
                continue
            places = pf.sourcemap.line_col(s.start for s in spans)
            first_line, first_col = places[spans[0].start]
            finding = _span_finding(
                pf,
                DUPLICATE_KEY,
                f"duplicate key `{key}` (first at line {first_line}, column {first_col}); "
                "JSON parsers silently keep only the last one",
                spans[-1].start,
                spans[-1].end,
            )
            finding.pointer = jp.child(ptr, key)
            finding.field = key
            finding.related = [(*places[s.start], "earlier copy") for s in spans[:-1]]
            pf.problems.append(finding)


def _span_finding(pf: ProviderFile, rule: str, message: str, start: int, end: int) -> Finding:
    places = pf.sourcemap.line_col((start, end))
    (line, column), (end_line, end_column) = places[start], places[end]
    finding = _at(pf, rule, message, line, column)
    finding.end_line, finding.end_column = end_line, end_column
    return finding

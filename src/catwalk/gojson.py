"""JSON as Go's `encoding/json` writes it, for values already shaped like Go's (see
`catwalk.wire`): what `json.Marshal` and `json.MarshalIndent(v, "", "  ")` produce.

Where Go differs from Python's `json.dumps`:
- floats: the shortest digits that round-trip, in plain notation for 1e-6 <= |f| < 1e21 and
  in exponent notation outside it (`1e-7`, `1e+21`), never `.0` on a whole number;
- strings: `<`, `>`, `&`, U+2028 and U+2029 are escaped (`\\u003c`...), control characters
  other than the five with short escapes as `\\u00XX`, everything else written as UTF-8;
- empty arrays and objects stay `[]` and `{}` when indented, and nothing follows the last
  byte (no newline).

Objects are lists of (key, value) pairs in the order to write them: Go writes struct fields
in declaration order and map keys sorted, and `catwalk.wire` decides which is which.
"""

from __future__ import annotations

import math
import re
from typing import Any


class Object(list):  # type: ignore[type-arg]
    """An object's (key, value) pairs, in the order Go writes them (a list subclass, so an
    object and an array of pairs cannot be confused)."""


_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_NEEDS_ESCAPE = re.compile('["\\\\<>&\u2028\u2029\x00-\x1f\ud800-\udfff]')


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if "\ud800" <= char <= "\udfff":
        return "\ufffd"  # a lone surrogate: Go decodes it to U+FFFD
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"


def string(text: str) -> str:
    """A JSON string literal as Go writes it (with HTML escaping, Go's default)."""
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def number(value: float) -> str:
    """A float64 as Go's encoder writes it."""
    if not math.isfinite(value):
        raise ValueError(f"Go's JSON encoder refuses {value!r}")
    if value == 0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    text = repr(value)  # Python's repr is also the shortest round-trip digit string
    sign = ""
    if text[0] == "-":
        sign, text = "-", text[1:]
    mantissa, _, exp_text = text.partition("e")
    whole, _, fraction = mantissa.partition(".")
    raw = whole + fraction
    significant = raw.lstrip("0")
    # The value is 0.<digits> x 10**point.
    point = len(whole) + int(exp_text or 0) - (len(raw) - len(significant))
    digits = significant.rstrip("0")
    magnitude = abs(value)
    if magnitude < 1e-6 or magnitude >= 1e21:
        exponent = point - 1
        head = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        # Go writes at least two exponent digits, then trims a negative one back to one.
        exp = f"{abs(exponent):02d}"
        if exponent < 0 and exp.startswith("0"):
            exp = exp[1:]
        return f"{sign}{head}e{'-' if exponent < 0 else '+'}{exp}"
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return sign + digits + "0" * (point - len(digits))
    return f"{sign}{digits[:point]}.{digits[point:]}"


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number(value)
    if isinstance(value, str):
        return string(value)
    raise TypeError(f"cannot encode {type(value).__name__} as Go JSON")


def marshal(value: Any) -> str:
    """`json.Marshal`: compact, no spaces."""
    out: list[str] = []
    _compact(value, out)
    return "".join(out)


def _compact(value: Any, out: list[str]) -> None:
    if isinstance(value, Object):
        out.append("{")
        for index, (key, item) in enumerate(value):
            if index:
                out.append(",")
            out.append(string(key))
            out.append(":")
            _compact(item, out)
        out.append("}")
    elif isinstance(value, (list, tuple)):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _compact(item, out)
        out.append("]")
    else:
        out.append(_scalar(value))


def marshal_indent(value: Any, indent: str = "  ") -> str:
    """`json.MarshalIndent(value, "", indent)`."""
    out: list[str] = []
    _indented(value, out, "\n", indent)
    return "".join(out)


def _indented(value: Any, out: list[str], newline: str, indent: str) -> None:
    inner = newline + indent
    if isinstance(value, Object):
        if not value:
            out.append("{}")
            return
        out.append("{")
        for index, (key, item) in enumerate(value):
            out.append(("," if index else "") + inner + string(key) + ": ")
            _indented(item, out, inner, indent)
        out.append(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        out.append("[")
        for index, item in enumerate(value):
            out.append(("," if index else "") + inner)
            _indented(item, out, inner, indent)
        out.append(newline + "]")
    else:
        out.append(_scalar(value))

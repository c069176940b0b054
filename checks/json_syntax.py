"""Rules reported by the loader while it reads a file (before any other check runs)."""

from catwalk.rules import declare

invalid_json = declare(
    "CW001",
    "invalid-json",
    """The file is not valid JSON.

    A syntax error, an empty file, or more than one value. Nothing else in the file can
    be checked until it parses, and Crush will refuse to load it.

    ## How to fix
    Go to the reported line and column. Common causes: a trailing comma, single quotes,
    a missing comma between members, a comment.

    ## Example
    Bad: `{"id": "openai",}`
    Good: `{"id": "openai"}`
    """,
    always=True,
)

invalid_encoding = declare(
    "CW002",
    "invalid-encoding",
    """The file is not UTF-8 text.

    JSON exchanged between systems must be UTF-8 (RFC 8259). Latin-1, UTF-16 or NUL
    bytes make Go's decoder fail or mangle model names.

    ## How to fix
    Re-save the file as UTF-8 (without BOM).

    ## Example
    Bad: the byte 0xE9 for "é" (Latin-1)
    Good: the bytes 0xC3 0xA9 for "é" (UTF-8)
    """,
    always=True,
)

byte_order_mark = declare(
    "CW003",
    "utf8-bom",
    """The file starts with a UTF-8 byte-order mark.

    RFC 8259 forbids a BOM in JSON text; Go's `encoding/json` rejects the file.

    ## How to fix
    Save the file as "UTF-8" rather than "UTF-8 with BOM".

    ## Example
    Bad: `EF BB BF 7B ...`
    Good: `7B ...` (the file starts with `{`)
    """,
    always=True,
)

duplicate_key = declare(
    "CW004",
    "duplicate-key",
    """An object has the same key twice.

    Parsers silently keep one of the copies (Python and Go the last), so one of the two
    values is lost without a trace; usually a merge or copy-paste accident.

    ## How to fix
    Keep the correct value and delete the other copy; both places are reported.

    ## Example
    Bad: `{"cost_per_1m_in": 3, "cost_per_1m_in": 2.5}`
    Good: `{"cost_per_1m_in": 2.5}`
    """,
    always=True,
)

non_finite_number = declare(
    "CW005",
    "non-finite-number",
    """A number is NaN, Infinity, or so large it overflows to infinity.

    NaN and Infinity are not JSON; `1e400` is JSON but no double can hold it. Prices and
    limits must be finite.

    ## How to fix
    Write the real value.

    ## Example
    Bad: `"cost_per_1m_in": NaN`, `"context_window": 1e400`
    Good: `"cost_per_1m_in": 0.5`, `"context_window": 200000`
    """,
    always=True,
)

huge_integer = declare(
    "CW006",
    "integer-too-large",
    """An integer has more digits than any consumer can read.

    Python refuses integers over 4,300 digits and Go's int64 stops at 19; such a value
    is corruption, not data.

    ## How to fix
    Write the real value.

    ## Example
    Bad: `"context_window": 1000...000` (5,000 digits)
    Good: `"context_window": 1000000`
    """,
    always=True,
)

too_deep = declare(
    "CW007",
    "nesting-too-deep",
    """The JSON is nested deeper than any provider file needs.

    Provider files are a few levels deep; thousands of nested brackets are corruption or
    an attack on parsers, and would exhaust recursive decoders.

    ## How to fix
    Remove the runaway nesting.

    ## Example
    Bad: `[[[[[[[[...]]]]]]]]` (thousands of levels)
    Good: `{"models": [{"id": "m"}]}`
    """,
    always=True,
)

unreadable = declare(
    "CW008",
    "unreadable-file",
    """The file could not be read (permissions, a directory, a broken link, a link loop).

    Only regular files are read: a FIFO would block the run forever and a device could
    be endless, so they are reported without being opened.

    ## How to fix
    Check the path and its permissions; commit provider files as regular files.

    ## Example
    Bad: a path to a file without read permission, or `x.json -> y.json -> x.json`
    Good: a readable provider file
    """,
    always=True,
)

lone_surrogate = declare(
    "CW010",
    "lone-surrogate",
    """A string holds a lone UTF-16 surrogate escape such as `\\ud800`.

    JSON allows the escape, but the result is not Unicode text: Go replaces it with
    U+FFFD, Python cannot encode it to UTF-8, and a model id holding one can match
    nothing. It is corruption or an attack on consumers, never data.

    ## How to fix
    Write the intended character, or a complete surrogate pair (`\\ud83d\\ude00`).

    ## Example
    Bad: `"name": "GPT\\ud800"`
    Good: `"name": "GPT"`
    """,
    always=True,
)

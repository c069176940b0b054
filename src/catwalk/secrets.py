"""Recognise secrets so they can be reported without ever being repeated."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

# Prefixes of real key formats; long enough tails that prose does not match.
_KEY_PATTERN = r"""(?x)
    (?:sk-ant-[A-Za-z0-9_-]{20,}       # Anthropic
     |sk-or-v1-[a-f0-9]{32,}           # OpenRouter
     |sk-(?:proj-)?[A-Za-z0-9_-]{20,}  # OpenAI and many compatible APIs
     |gsk_[A-Za-z0-9]{20,}             # Groq
     |xai-[A-Za-z0-9]{20,}             # xAI
     |hf_[A-Za-z0-9]{20,}              # Hugging Face
     |AIza[0-9A-Za-z_-]{30,}           # Google
     |gh[pousr]_[A-Za-z0-9]{30,}       # GitHub
     |github_pat_[A-Za-z0-9_]{30,}
     |AKIA[0-9A-Z]{16}                 # AWS access key id
    )"""


@functools.cache
def key_pattern() -> re.Pattern[str]:
    # Compiled on first use: compiling it costs about a millisecond of every start-up.
    return re.compile(_KEY_PATTERN)


def env_variable(value: str) -> str | None:
    """`OPENAI_API_KEY` for "$OPENAI_API_KEY" or "${OPENAI_API_KEY}", else None."""
    if not value.startswith("$"):
        return None
    name = value[1:]
    if name.startswith("{") and name.endswith("}"):
        name = name[1:-1]
    valid = name.isascii() and name.replace("_", "a").isalnum() and not name[:1].isdigit()
    return name if name and valid else None


def is_env_reference(value: str) -> bool:
    return env_variable(value) is not None


def looks_like_key(value: str) -> bool:
    return bool(key_pattern().search(value))


# Shorter values are not real keys, and replacing every occurrence of, say, "k" would shred
# the output while protecting nothing.
MIN_SECRET_LENGTH = 6


def _base64_cores(raw: bytes) -> set[str]:
    """Base64 text that any base64 stream holding `raw` contains, whatever its offset
    (`Basic base64(user:key)` puts the key at offset len(user)+1): for each of the three
    alignments, the groups of three bytes that lie wholly inside `raw`."""
    import base64

    cores: set[str] = set()
    for skip in range(3):
        body = raw[skip:]
        body = body[: len(body) - len(body) % 3]
        if len(body) >= MIN_SECRET_LENGTH:
            cores.add(base64.b64encode(body).decode("ascii"))
            cores.add(base64.urlsafe_b64encode(body).decode("ascii"))
    return cores


@functools.lru_cache(maxsize=256)
def variants(secret: str) -> tuple[str, ...]:
    """Every form in which `secret` can show up in text we print, longest first: as is,
    stripped, URL-encoded, JSON- and repr-escaped (the text of an exception about a header
    value shows `b'Bearer sk-...\\n'`), header-quoted, and inside base64 (Basic auth)."""
    import json
    from urllib.parse import quote, quote_plus

    forms = {secret, secret.strip()}
    for value in list(forms):
        encoded = value.encode("utf-8", "surrogatepass")
        forms |= {
            quote(value, safe=""),
            quote_plus(value),
            json.dumps(value)[1:-1],
            json.dumps(value, ensure_ascii=False)[1:-1],
            repr(value)[1:-1],
            repr(encoded)[2:-1],
            value.replace("\\", "\\\\").replace('"', '\\"'),
        }
        forms |= _base64_cores(encoded)
    return tuple(sorted((f for f in forms if len(f) >= MIN_SECRET_LENGTH), key=len, reverse=True))


def scrub(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with every form of every known secret value replaced by `***`."""
    forms = sorted({f for secret in secrets if secret for f in variants(secret)}, key=len, reverse=True)
    for form in forms:
        if form in text:
            text = text.replace(form, "***")
    return text


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Replace known secret values (in every form) and anything shaped like a key."""
    return key_pattern().sub("***", scrub(text, secrets))

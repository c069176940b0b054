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


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Replace known secret values and anything shaped like a key with a placeholder."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return key_pattern().sub("***", text)

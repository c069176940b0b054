"""Recognise secrets so they can be reported without ever being repeated."""

from __future__ import annotations

import re
from collections.abc import Iterable

ENV_REFERENCE = re.compile(r"^\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$")

# Prefixes of real key formats; long enough tails that prose does not match.
KEY_PATTERN = re.compile(
    r"""(?x)
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
)


def is_env_reference(value: str) -> bool:
    return bool(ENV_REFERENCE.match(value))


def looks_like_key(value: str) -> bool:
    return bool(KEY_PATTERN.search(value))


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Replace known secret values and anything shaped like a key with a placeholder."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return KEY_PATTERN.sub("***", text)

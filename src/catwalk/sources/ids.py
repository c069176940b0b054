"""Which model ids name the same underlying model: one grouping rule, used by the
cross-provider checks, the cross-source checks and the snapshot builder alike.

`model_key(id)` maps every spelling of a model to one key:

1. case: `DeepSeek-V3.2` -> `deepseek-v3.2`;
2. namespace prefixes: `hf:`, `@cf/`, `@hf/`, and every path segment but the last
   (`anthropic/`, `deepseek-ai/`, `accounts/fireworks/models/`); a last segment without
   digits after a model name is a variant and stays (`deepseek-v3/community`);
3. platform prefixes glued on with a dash: Databricks' `databricks-` (`databricks-gpt-5`
   is OpenAI's `gpt-5` served by Databricks);
4. Bedrock ids: a region (`us.`, `eu.`, `apac.`, `global.`, ...) and a vendor
   (`anthropic.`, `meta.`, ...) before the name, a version (`-v1:0`, `-v1`) after it;
5. variant and routing suffixes after a colon: `:free`, `:thinking`, `:fireworks-ai`;
6. release dates and aliases: `-20250929`, `-2024-11-20`, `@20250929`, `-001`/`@001`,
   `-latest`, and Chutes' `-TEE` (the same weights in a trusted enclave); short dates
   such as `-0905` or `-2507` name distinct checkpoints and are kept;
7. Fireworks' `p` for a decimal point between digits in `accounts/.../models/` ids:
   `accounts/fireworks/models/kimi-k2p6` -> `kimi-k2.6`;
8. separators: `.`, `_`, spaces and `-` are one separator, and a separator between
   letters and digits is dropped, so `claude-opus-4.5`, `claude-opus-4-5` and
   `claude-opus4-5` are one model while `qwen3-32b` and `qwen3.3-2b` stay apart.

Tiers (`-fast`, `-turbo`, `-preview`, `-thinking`), sizes and quantisations stay in the
key: they are different products with different limits or prices.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Bedrock inference-profile regions and model vendors ("us.anthropic.claude-...").
_REGIONS = frozenset({"us", "eu", "apac", "ap", "global", "jp", "au", "ca", "us-gov", "regional"})
_VENDORS = frozenset(
    {
        "anthropic", "meta", "amazon", "mistral", "cohere", "ai21", "deepseek", "qwen", "openai",
        "google", "moonshotai", "minimax", "writer", "twelvelabs", "nvidia", "zai", "stability", "luma",
    }
)  # fmt: skip
_BEDROCK_VERSION = re.compile(r"-v\d+(?::\d+)?$")
_COLON_VERSION = re.compile(r"-v\d+:\d+$")
# Organisation prefixes some providers glue on with a dash instead of a slash (Venice).
_DASH_VENDORS = (
    "openai-",
    "google-",
    "zai-org-",
    "z-ai-",
    "xiaomi-",
    "meta-llama-",
    "mistralai-",
    "moonshotai-",
)
# Platforms that name the models they serve `<platform>-<model id>`.
_PLATFORM_PREFIXES = ("databricks-",)
_SUFFIX_WINDOW = 12  # "-v1:0" and friends sit in the tail: search only there
_DATE_MARKS = "-_.@"


def _bedrock_prefix(key: str) -> int:
    """Length of a `region.vendor.` or `vendor.` prefix, else 0."""
    head, dot, rest = key.partition(".")
    if not dot:
        return 0
    if head in _REGIONS:
        vendor, dot, _ = rest.partition(".")
        return len(head) + len(vendor) + 2 if dot and vendor in _VENDORS else 0
    return len(head) + 1 if head in _VENDORS else 0


def _date_suffix(key: str) -> int:
    """Length of a release-date or alias suffix, else 0 (plain slicing: no regex)."""
    size = len(key)
    if key.endswith(("-latest", "@latest")):
        return 7
    if key.endswith("-tee"):
        return 4
    if not key[-1:].isdigit():
        return 0
    if size > 9 and key[-8:].isdigit() and key[-8:-6] == "20" and key[-9] in _DATE_MARKS:
        return 9  # -20250929, @20250929
    if (
        size > 11
        and key[-11] in _DATE_MARKS
        and key[-10:-8] == "20"
        and key[-6] == "-"
        and key[-3] == "-"
        and (key[-10:-6] + key[-5:-3] + key[-2:]).isdigit()
    ):
        return 11  # -2024-11-20
    if size > 4 and key[-4] in "-@" and key[-3:-1] == "00":
        return 4  # -001, @001
    return 0


def _fireworks_points(key: str) -> str:
    """`kimi-k2p6` -> `kimi-k2.6`: Fireworks writes decimal points as `p`."""
    at = key.find("p", 1)
    while at != -1:
        if key[at - 1 : at].isdigit() and key[at + 1 : at + 2].isdigit():
            key = key[:at] + "." + key[at + 1 :]
        at = key.find("p", at + 1)
    return key


def model_key(model_id: str) -> str:
    """The grouping key of a model id (see the module docstring). Never raises."""
    return _normalise(model_id)[0]


def dated_key(model_id: str) -> str:
    """The grouping key plus the release date, when the id carries one
    (`claude-sonnet-4-5@20250929` -> `claude-sonnet4-5@20250929`). Retirement is per
    dated snapshot: `gpt-4o-2024-05-13` retiring says nothing about `gpt-4o`."""
    key, date = _normalise(model_id)
    return f"{key}@{date}" if date else key


@lru_cache(maxsize=65536)
def _normalise(model_id: str) -> tuple[str, str]:
    """(key, release date digits or ""). Plain string tests replace regular expressions
    wherever they can: this runs for every model of every `catwalk check`."""
    key = model_id.strip().lower()
    date = ""
    if ":" in key:
        if key.startswith("hf:"):
            key = key[3:]
        version = _COLON_VERSION.search(key, max(0, len(key) - _SUFFIX_WINDOW))
        if version:
            key = key[: version.start()]
        head, _, _ = key.rpartition(":")
        if head and ":" not in head:
            key = head
    if key.startswith(_PLATFORM_PREFIXES):
        key = key.partition("-")[2] or key
    slashed = "/" in key
    fireworks = False
    if slashed:
        fireworks = "accounts/" in key
        head, _, last = key.rstrip("/").rpartition("/")
        if "/" in head and last.isalpha():
            parent = head.rpartition("/")[2]
            if any(c.isdigit() for c in parent):
                last = f"{parent}-{last}"  # Novita's `deepseek/deepseek-v3/community`: a variant
        key = last or key
    prefix = _bedrock_prefix(key) if "." in key else 0
    if prefix:
        key = _BEDROCK_VERSION.sub("", key[prefix:])
    elif not slashed and key.startswith(_DASH_VENDORS):
        rest = key.partition("-")[2]
        if key.startswith(("zai-org-", "meta-llama-", "z-ai-")):
            rest = rest.partition("-")[2]
        key = rest if rest[:1].isalpha() else key
    for _ in range(2):  # "-20250929-v1" and "@20250219" alike
        if not key[-1:].isdigit() and not key.endswith(("latest", "-tee")):
            break
        cut = _date_suffix(key)
        if not cut or cut >= len(key):
            break
        if cut in (9, 11):
            date = key[-cut + 1 :].replace("-", "")
        key = key[:-cut]
        if prefix:
            key = _BEDROCK_VERSION.sub("", key)
    if fireworks:
        key = _fireworks_points(key)
    key = key.replace(".", "-").replace("_", "-").replace(" ", "-").replace("\t", "-")
    while "--" in key:
        key = key.replace("--", "-")
    key = _glue(key.strip("-"))
    return (key or model_id.strip().lower()), date


def _glue(key: str) -> str:
    """Drop each `-` between an ASCII letter and a digit (`qwen-3` -> `qwen3`, `4-b` -> `4b`):
    `re.sub(r"(?<=[a-z])-(?=[0-9])|(?<=[0-9])-(?=[a-z])", "", key)` without the regular
    expression's per-character lookbehinds, the most expensive step of making a key (and
    a key is made for every model of every check)."""
    parts = key.split("-")
    if len(parts) == 1:
        return key
    out = parts[0]
    for part in parts[1:]:
        last, first = out[-1:], part[:1]
        if ("a" <= last <= "z" and "0" <= first <= "9") or ("0" <= last <= "9" and "a" <= first <= "z"):
            out += part
        else:
            out += "-" + part
    return out

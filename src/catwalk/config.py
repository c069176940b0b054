"""`[tool.catwalk]` in the nearest pyproject.toml.

[tool.catwalk]
data-dir = "providers"          # default PATH for `catwalk check`
select = ["CW"]                 # rule ids, prefixes or names; default: all
ignore = ["CW502"]
checks = ["my_checks"]          # local check modules (importable from this directory)
[tool.catwalk.severity]         # per-rule severity overrides
CW301 = "warning"
[tool.catwalk.settings]         # tolerances and other knobs checks read
[tool.catwalk.allowed-hosts]    # hosts besides its home a provider's key may go to (drift, CW504)
openai = ["openai-proxy.example.com"]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from catwalk.errors import UsageError
from catwalk.findings import Severity

_KNOWN_KEYS = {"data-dir", "select", "ignore", "checks", "severity", "settings", "baseline", "allowed-hosts"}


class Config:
    __slots__ = (
        "allowed_hosts", "baseline", "checks", "data_dir", "ignore", "path", "select", "settings", "severity",
    )  # fmt: skip

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.data_dir: Path | None = None
        self.select: list[str] | None = None
        self.ignore: list[str] = []
        self.checks: list[str] = []
        self.severity: dict[str, Severity] = {}
        self.settings: dict[str, Any] = {}
        self.baseline: Path | None = None
        self.allowed_hosts: dict[str, list[str]] = {}

    @property
    def root(self) -> Path | None:
        return self.path.parent if self.path else None


def find_pyproject(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def _str_list(table: dict[str, Any], key: str, where: str) -> list[str]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{where}: `{key}` must be a list of strings")
    return value


def load_config(start: Path | None = None) -> Config:
    path = find_pyproject((start or Path.cwd()).resolve())
    if path is None:
        return Config()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
    # Most pyproject files have no catwalk table: skip the TOML parser (20 ms) for them.
    if b"tool.catwalk" not in raw:
        return Config(path=path)
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    table = document.get("tool", {}).get("catwalk")
    if table is None:
        return Config(path=path)
    where = f"{path} [tool.catwalk]"
    if not isinstance(table, dict):
        raise UsageError(f"{where} must be a table")
    unknown = sorted(set(table) - _KNOWN_KEYS)
    if unknown:
        raise UsageError(
            f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(_KNOWN_KEYS))}"
        )
    config = Config(path=path)
    if "data-dir" in table:
        if not isinstance(table["data-dir"], str):
            raise UsageError(f"{where}: `data-dir` must be a string")
        config.data_dir = path.parent / table["data-dir"]
    if "baseline" in table:
        if not isinstance(table["baseline"], str):
            raise UsageError(f"{where}: `baseline` must be a string")
        config.baseline = path.parent / table["baseline"]
    if "select" in table:
        config.select = _str_list(table, "select", where)
    config.ignore = _str_list(table, "ignore", where)
    config.checks = _str_list(table, "checks", where)
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise UsageError(f'{where}: `severity` must be a table of rule = "error"|"warning"|"info"')
    for rule_id, level in severity.items():
        try:
            config.severity[rule_id] = Severity.parse(str(level))
        except ValueError as exc:
            raise UsageError(f"{where}: severity.{rule_id}: {exc}") from None
    settings = table.get("settings", {})
    if not isinstance(settings, dict):
        raise UsageError(f"{where}: `settings` must be a table")
    config.settings = settings
    if "allowed-hosts" in table:
        config.allowed_hosts = _allowed_hosts(table["allowed-hosts"], where)
        # CW504 reads it where every check reads its knobs.
        config.settings = {**settings, "allowed-hosts": config.allowed_hosts}
    return config


def _allowed_hosts(value: Any, where: str) -> dict[str, list[str]]:
    """{provider id: [host, ...]}: plain host names, no scheme, port, path or wildcard."""
    if not isinstance(value, dict):
        raise UsageError(f"{where}: `allowed-hosts` must be a table of provider id = [host, ...]")
    allowed: dict[str, list[str]] = {}
    for provider_id, hosts in value.items():
        if not isinstance(hosts, list) or not all(isinstance(h, str) for h in hosts):
            raise UsageError(f"{where}: allowed-hosts.{provider_id} must be a list of host names")
        for host in hosts:
            if not host or any(c in host for c in "/:*@ ") or not host.isascii():
                raise UsageError(
                    f"{where}: allowed-hosts.{provider_id}: {host!r} is not a plain host name "
                    "(no scheme, port, path or wildcard)"
                )
        allowed[provider_id] = [h.lower().rstrip(".") for h in hosts]
    return allowed

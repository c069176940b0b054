"""Network guard for hook tests: put this directory on PYTHONPATH and every Python process
started with that environment (the hook's entry, pre-commit, pip) refuses network access.

An audit hook sees socket creation and name resolution even through `_socket` or C
extensions, and it cannot be removed once installed. Each attempt is appended to the file
named by CATWALK_NETGUARD_LOG before it is refused, so an attempt that the code under test
catches and ignores is still caught by the test. CATWALK_NETGUARD_ARMED names a file that
records every process that started with the guard, which proves the guard was loaded.
CATWALK_NETGUARD_PROGRAMS (comma-separated program names, such as `catwalk`) limits the
guard to those programs, so that an installer that only probes for IPv6 is not blamed.
"""

from __future__ import annotations

import os
import socket
import sys
from typing import Any

_INET = (socket.AF_INET, socket.AF_INET6)
_RESOLVERS = frozenset(
    {
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "socket.getnameinfo",
    }
)
_ADDRESSED = frozenset({"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"})


def _is_network(event: str, args: tuple[Any, ...]) -> bool:
    if event in _RESOLVERS:
        return True
    if event == "socket.__new__":
        return len(args) > 1 and args[1] in _INET
    if event in _ADDRESSED:
        # Local (AF_UNIX) sockets are not network; inet addresses are tuples.
        return len(args) > 1 and isinstance(args[1], tuple)
    return False


def _append(path: str, line: str) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def _guard(event: str, args: tuple[Any, ...]) -> None:
    if not event.startswith("socket.") or not _is_network(event, args):
        return
    log = os.environ.get("CATWALK_NETGUARD_LOG")
    if log:
        _append(log, f"{os.getpid()} {sys.argv!r} {event} {args!r}")
    raise PermissionError(f"network access blocked by the test network guard ({event})")


def _in_scope() -> bool:
    programs = os.environ.get("CATWALK_NETGUARD_PROGRAMS")
    if not programs:
        return True
    program = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    return program in {name.strip() for name in programs.split(",")}


if _in_scope():
    sys.addaudithook(_guard)
    _armed = os.environ.get("CATWALK_NETGUARD_ARMED")
    if _armed:
        _append(_armed, f"{os.getpid()} {sys.argv!r}")

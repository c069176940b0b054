"""Control cases for the network guard the hook tests rely on: it must really stop and
record network use, including use that the code under test catches and hides, and it must
reach inside the `catwalk` process that a hook runs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def server() -> Iterator[tuple[int, list[str]]]:
    """A TCP server on 127.0.0.1 that records every connection it accepts."""
    accepted: list[str] = []
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, address = listener.accept()
            except (TimeoutError, OSError):
                continue
            accepted.append(f"{address[0]}:{address[1]}")
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1], accepted
    stop.set()
    thread.join(timeout=5)
    listener.close()


def python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def lines(path: str) -> list[str]:
    return Path(path).read_text(encoding="utf-8").splitlines() if Path(path).exists() else []


CONNECT = "import socket; socket.create_connection(('127.0.0.1', {port}), timeout=5).close()"
SWALLOW = (
    "import socket\n"
    "try:\n"
    "    socket.create_connection(('127.0.0.1', {port}), timeout=5).close()\n"
    "except OSError:\n"
    "    pass\n"
)


def test_without_the_guard_the_connection_succeeds(
    server: tuple[int, list[str]], guard_env: Callable[..., dict[str, str]], tmp_path: Path
) -> None:
    port, accepted = server
    done = python(CONNECT.format(port=port), {})
    assert done.returncode == 0, done.stderr
    assert len(accepted) == 1  # so the refusals below are the guard's doing


def test_the_guard_refuses_and_records_a_connection(
    server: tuple[int, list[str]], guard_env: Callable[..., dict[str, str]], tmp_path: Path
) -> None:
    port, accepted = server
    env = guard_env(tmp_path)
    done = python(CONNECT.format(port=port), env)
    assert done.returncode != 0
    assert "network access blocked" in done.stderr
    assert accepted == []
    assert lines(env["CATWALK_NETGUARD_LOG"])


def test_the_guard_records_attempts_the_code_swallows(
    server: tuple[int, list[str]], guard_env: Callable[..., dict[str, str]], tmp_path: Path
) -> None:
    port, accepted = server
    env = guard_env(tmp_path)
    done = python(SWALLOW.format(port=port), env)
    assert done.returncode == 0  # the exit status alone would miss it...
    assert accepted == []
    assert lines(env["CATWALK_NETGUARD_LOG"])  # ...the log does not


@pytest.mark.parametrize(
    "code",
    [
        "import _socket; _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)",
        "import socket; socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)",
        "import socket; socket.getaddrinfo('localhost', 443)",
        "import socket; socket.gethostbyname('localhost')",
        "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9/', timeout=5)",
    ],
)
def test_the_guard_covers_raw_sockets_and_name_resolution(
    code: str, guard_env: Callable[..., dict[str, str]], tmp_path: Path
) -> None:
    env = guard_env(tmp_path)
    done = python(code, env)
    assert done.returncode != 0
    assert lines(env["CATWALK_NETGUARD_LOG"])


def test_local_sockets_are_not_network(guard_env: Callable[..., dict[str, str]], tmp_path: Path) -> None:
    env = guard_env(tmp_path)
    done = python("import socket; a, b = socket.socketpair(); a.close(); b.close()", env)
    assert done.returncode == 0, done.stderr
    assert lines(env["CATWALK_NETGUARD_LOG"]) == []


def test_program_scope_leaves_other_programs_alone(
    server: tuple[int, list[str]], guard_env: Callable[..., dict[str, str]], tmp_path: Path
) -> None:
    port, accepted = server
    env = guard_env(tmp_path, programs="catwalk")
    done = python(CONNECT.format(port=port), env)
    assert done.returncode == 0, done.stderr
    assert len(accepted) == 1
    assert lines(env["CATWALK_NETGUARD_ARMED"]) == []


PHONE_HOME = '''
import socket

from catwalk.rules import rule


@rule("XN901", "phone-home")
def phone_home(pf):
    """Opens a connection, the way a careless check might.

    ## Why
    To prove that the hook tests notice network use.

    ## How to fix
    Never open sockets in a check.

    ## Example
    Bad: `socket.create_connection(...)`
    Good: nothing
    """
    try:
        socket.create_connection(("127.0.0.1", PORT), timeout=5).close()
    except OSError:
        pass
    return iter(())
'''


def test_the_hook_tests_catch_a_check_that_opens_a_socket(
    *,
    server: tuple[int, list[str]],
    manifest: dict[str, dict[str, Any]],
    tree: Callable[[str], Path],
    run_hook: Callable[..., Any],
    provider_files: Callable[[Path], list[str]],
    tmp_path: Path,
) -> None:
    """The end-to-end control: a local check module that phones home (and hides the
    error) inside the real hook entry is caught by the guard's log."""
    port, accepted = server
    root = tree("good")
    (root / "phone_home.py").write_text(PHONE_HOME.replace("PORT", str(port)), encoding="utf-8")
    (root / "pyproject.toml").write_text('[tool.catwalk]\nchecks = ["phone_home.py"]\n', encoding="utf-8")
    run = run_hook(manifest["catwalk-check"], provider_files(root), root, tmp_path / "guard")
    assert run.returncode == 0, run.output  # the check hid its failure...
    assert accepted == []
    assert run.violations, "the guard did not see the connection"  # ...the guard did not
    assert any("catwalk" in line for line in run.guarded)

    unguarded = run_hook(
        manifest["catwalk-check"], provider_files(root), root, tmp_path / "open", guard=False
    )
    assert unguarded.returncode == 0
    assert len(accepted) == len(provider_files(root))  # it really connects, once per file

"""Run work in a forked child process while the caller does other work.

`catwalk check` runs its per-file rules and its cross-file rules over the same loaded
files; on a machine with a second core (`cores`, asked by `--jobs auto`) they can run at
once, and tasks either process may run are drawn from a `Shared` queue. A forked child
starts with everything already imported and loaded (no start-up, no copying of the
input), so only its result crosses a pipe. Whenever forking is not safe or not possible
(not Linux, other threads running) `start` returns None and the caller does the work
itself; a child that fails in any way yields None too. Nothing is ever lost: the caller
falls back to doing the work in-process.

A result is plain data, what `marshal` writes (None, bools, numbers, strings, and tuples,
lists and dicts of them): marshal is built into the interpreter, where importing pickle
would cost the waiting parent more than the transfer itself.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def cores() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a fork is both possible and safe here. Only Linux: macOS system libraries
    are not fork-safe (CPython's own default there is spawn). Only a single-threaded
    process: a child forked while another thread holds a lock (the import lock, a
    logger's) could wait for it forever."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    threading = sys.modules.get("threading")  # never imported: no Python thread exists
    return threading is None or threading.active_count() == 1


class Pending(Generic[T]):
    """A forked child computing a result; `result()` waits for it."""

    __slots__ = ("_fd", "_pid")

    def __init__(self, pid: int, fd: int) -> None:
        self._pid = pid
        self._fd = fd

    def result(self) -> T | None:
        """The child's result, or None when it failed (crashed, killed, not plain data)."""
        chunks = []
        try:
            while chunk := os.read(self._fd, 1 << 20):  # the child closes its end once written
                chunks.append(chunk)
        finally:
            os.close(self._fd)
        try:
            value: T = marshal.loads(b"".join(chunks))  # cut short (the child died): fails
        except (EOFError, ValueError, TypeError):
            _reap(self._pid, block=True)
            return None
        # Unmapping the child's copy of the heap takes milliseconds: do not wait for it.
        _reap(self._pid, block=False)
        return value

    def cancel(self) -> None:
        """Stop and reap the child (the caller is leaving without its result)."""
        import signal

        with contextlib.suppress(OSError):  # already gone
            os.kill(self._pid, signal.SIGKILL)
        os.close(self._fd)
        _reap(self._pid, block=True)


# Children that had sent their result but not yet exited: reaped at the next fork, or at exit.
_exiting: list[int] = []


def _reap(pid: int, *, block: bool) -> None:
    try:
        done, _ = os.waitpid(pid, 0 if block else os.WNOHANG)
    except ChildProcessError:
        return
    if not done:
        if not _exiting:
            import atexit

            atexit.register(_reap_all, True)
        _exiting.append(pid)


def _reap_all(block: bool = False) -> None:
    for pid in list(_exiting):
        try:
            done, _ = os.waitpid(pid, 0 if block else os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            _exiting.remove(pid)


class Shared:
    """Task numbers that a process and its forked child both draw from, each drawn once:
    a pipe holding one byte per task (a one-byte read from a pipe is atomic, and an empty
    pipe whose writer is closed reads as the end). Made before the fork, so both hold it."""

    __slots__ = ("_fd",)
    LIMIT = 255  # one byte per task number

    def __init__(self, tasks: list[int]) -> None:
        if any(not 0 <= task <= self.LIMIT for task in tasks):
            raise ValueError(f"task numbers must be 0..{self.LIMIT}")
        read_end, write_end = os.pipe()
        try:
            os.write(write_end, bytes(tasks))  # far below a pipe's capacity: never blocks
        finally:
            os.close(write_end)
        self._fd = read_end

    def take(self) -> int | None:
        """The next task nobody has taken, or None when all are taken."""
        got = os.read(self._fd, 1)
        return got[0] if got else None

    def close(self) -> None:
        os.close(self._fd)


def _widen(fd: int) -> None:
    """Let the pipe hold a whole result (Linux pipes hold 64 KiB): a child that had to wait
    for the parent to drain it would be asleep, and slow to wake, when the parent asks."""
    import fcntl

    with contextlib.suppress(AttributeError, OSError):  # older kernels, a lower pipe-max-size
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)


def start(work: Callable[[], T]) -> Pending[T] | None:
    """`work()` in a forked child, or None when this process should not fork."""
    if not can_fork():
        return None
    _reap_all()
    read_end, write_end = os.pipe()
    _widen(write_end)
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: compute, send, leave without running the parent's teardown
        code = 1
        try:
            os.close(read_end)
            result: Any = work()  # plain data, or marshal refuses it (and the parent does the work)
            data = memoryview(marshal.dumps(result))
            while data:
                data = data[os.write(write_end, data) :]
            os.close(write_end)  # the parent reads to the end now, not when this process is gone
            code = 0
        except BaseException:  # any failure means: the parent does the work itself
            pass
        finally:
            os._exit(code)
    os.close(write_end)
    return Pending(pid, read_end)

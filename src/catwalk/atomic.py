"""Write files so that readers see the old content or the new one, never half of it, and
so that no write, however it ends, leaves a temporary file behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import time
from pathlib import Path

# Temporary files are `.{name}.{random}.catwalk-tmp` beside their target.
_TMP_SUFFIX = ".catwalk-tmp"
# A temporary file this old is a leftover of a killed writer (no write takes minutes).
_STALE_SECONDS = 600.0


class ChangedOnDisk(OSError):
    """The file changed after it was read; writing would overwrite someone's edit."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_text(path: Path, text: str, *, errors: str = "strict", expect: str | None = None) -> None:
    """Atomic for regular files: the new content goes into a temporary file beside the
    target, then a rename. `expect`, the `digest` of the bytes the caller read, makes the
    write refuse (ChangedOnDisk) when the file holds anything else by then.

    A symlink is followed (its target is replaced, the link stays). A target that is not a
    regular file (/dev/null, a FIFO, /dev/stdout) is written in place: renaming over it
    would replace the device node with a plain file.

    Where the system allows it (Linux), the data is written to an anonymous file that only
    gets a name once complete, so even a writer killed with SIGKILL leaves nothing behind;
    elsewhere the named temporary file is removed on every exit Python sees, and leftovers
    of killed writers are swept by the next write to the same file.
    """
    write_bytes(path, text.encode("utf-8", errors), expect=expect)


def write_bytes(path: Path, data: bytes, *, expect: str | None = None) -> None:
    """`write_text` for bytes."""
    path = Path(os.path.realpath(path))
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        with path.open("wb") as handle:
            handle.write(data)
        return
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o644
    _sweep(path)
    tmp = path.parent / f".{path.name}.{os.urandom(6).hex()}{_TMP_SUFFIX}"
    try:
        if not _write_anonymous(path.parent, tmp, data, mode):
            _write_named(tmp, data, mode)
        if expect is not None:
            _check_unchanged(path, expect)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _write_anonymous(directory: Path, tmp: Path, data: bytes, mode: int) -> bool:
    """O_TMPFILE: write, then give the finished file its temporary name. False when the
    platform or file system cannot (the caller falls back to a named file)."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None:
        return False
    try:
        fd = os.open(directory, flag | os.O_WRONLY, mode)
    except OSError:
        return False
    try:
        _write_all(fd, data, mode)
        try:
            os.link(f"/proc/self/fd/{fd}", tmp, follow_symlinks=True)
        except OSError:
            return False
    finally:
        os.close(fd)
    return True


def _write_named(tmp: Path, data: bytes, mode: int) -> None:
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        _write_all(fd, data, mode)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes, mode: int) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fchmod(fd, mode)
    os.fsync(fd)


def _check_unchanged(path: Path, expect: str) -> None:
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        current = b""
    if digest(current) != expect:
        raise ChangedOnDisk(f"{path} changed on disk since it was read; not overwriting it")


def _sweep(path: Path) -> None:
    """Remove temporary files of this target that a killed writer left behind."""
    cutoff = time.time() - _STALE_SECONDS
    try:
        leftovers = list(path.parent.glob(f".{_glob_escape(path.name)}.*{_TMP_SUFFIX}"))
    except OSError:
        return
    for leftover in leftovers:
        with contextlib.suppress(OSError):
            if leftover.lstat().st_mtime < cutoff:
                leftover.unlink()


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)

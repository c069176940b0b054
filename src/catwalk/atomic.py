"""Write files so that readers see the old content or the new one, never half of it."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_text(path: Path, text: str) -> None:
    """Atomic for regular files: a temporary file beside the target, then a rename.

    A symlink is followed (its target is replaced, the link stays). A target that is not a
    regular file (/dev/null, a FIFO, /dev/stdout) is written in place: renaming over it
    would replace the device node with a plain file.
    """
    path = Path(os.path.realpath(path))
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        return
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise

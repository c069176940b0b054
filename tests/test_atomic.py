"""Atomic writes: whole files or nothing, permissions kept, special files left special."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from catwalk.atomic import write_text


def test_replaces_content_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "p.json"
    target.write_text("old")
    target.chmod(0o640)
    write_text(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["p.json"]


def test_a_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "p.json"
    target.write_text("old")

    def broken(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_text(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["p.json"]


def test_follows_symlinks(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_text(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_device_files_stay_devices(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_text(fifo, "through the pipe")
        assert os.read(reader, 100) == b"through the pipe"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    write_text(Path(os.devnull), "discarded")
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)


KILLED_WRITER = """
import os, pathlib, sys, time
if sys.argv[2] == "named":
    del os.O_TMPFILE  # the fallback other platforms take
from catwalk.atomic import write_text
real_write = os.write
def slow_write(fd, data):
    print("writing", flush=True)  # the temporary file exists now: kill me
    time.sleep(60)
    return real_write(fd, data)
os.write = slow_write
write_text(pathlib.Path(sys.argv[1]), "new content")
"""


def kill_mid_write(target: Path, mode: str) -> None:
    import signal
    import subprocess
    import sys

    command = [sys.executable, "-c", KILLED_WRITER, str(target), mode]
    with subprocess.Popen(command, stdout=subprocess.PIPE) as writer:
        assert writer.stdout is not None and writer.stdout.readline() == b"writing\n"
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    assert target.read_text() == "old"


def test_a_writer_killed_mid_write_leaves_nothing_behind(tmp_path: Path) -> None:
    """SIGKILL cannot be caught: only an anonymous temporary file (O_TMPFILE, Linux)
    makes this hold; elsewhere the next write sweeps the leftover (below)."""
    if not hasattr(os, "O_TMPFILE"):
        pytest.skip("no O_TMPFILE on this platform")
    target = tmp_path / "p.json"
    target.write_text("old")
    kill_mid_write(target, "anonymous")
    assert [p.name for p in tmp_path.iterdir()] == ["p.json"]


def test_a_named_leftover_of_a_killed_writer_is_swept_once_stale(tmp_path: Path) -> None:
    target = tmp_path / "p.json"
    target.write_text("old")
    kill_mid_write(target, "named" if hasattr(os, "O_TMPFILE") else "anonymous")
    (leftover,) = [p for p in tmp_path.iterdir() if p.name != "p.json"]
    assert leftover.name.startswith(".p.json.") and leftover.name.endswith(".catwalk-tmp")
    write_text(target, "newer")  # still fresh: it may be a writer at work
    assert leftover.exists()
    os.utime(leftover, (0, 0))
    write_text(target, "newest")
    assert [p.name for p in tmp_path.iterdir()] == ["p.json"] and target.read_text() == "newest"


def test_leftovers_of_killed_writers_are_swept(tmp_path: Path) -> None:
    target = tmp_path / "p.json"
    target.write_text("old")
    stale = tmp_path / ".p.json.0123456789ab.catwalk-tmp"
    fresh = tmp_path / ".p.json.ba9876543210.catwalk-tmp"  # a writer still at work
    other = tmp_path / ".q.json.0123456789ab.catwalk-tmp"  # another file's
    for leftover in (stale, fresh, other):
        leftover.write_text("half")
    for old in (stale, other):
        os.utime(old, (0, 0))
    write_text(target, "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["p.json", fresh.name, other.name])


def test_a_write_refuses_a_file_that_changed_since_it_was_read(tmp_path: Path) -> None:
    from catwalk.atomic import ChangedOnDisk, digest

    target = tmp_path / "p.json"
    target.write_text("as read")
    read = digest(b"as read")
    target.write_text("edited by a human")
    with pytest.raises(ChangedOnDisk):
        write_text(target, "new", expect=read)
    assert target.read_text() == "edited by a human"
    assert [p.name for p in tmp_path.iterdir()] == ["p.json"]
    write_text(target, "new", expect=digest(b"edited by a human"))
    assert target.read_text() == "new"

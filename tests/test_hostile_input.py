"""Hostile input never crashes, hangs or loses data: lone surrogates, link loops, FIFOs,
sockets and devices among the provider files, invisible characters in ids, a report
written over a directory. Each through the real CLI, with the exit-code contract
(0 clean, 1 findings, 2 usage, never 3) and a timeout that turns a hang into a failure."""

from __future__ import annotations

import json
import os
import socket
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from catwalk_testing import MINIMAL_PROVIDER

Cli = Callable[..., subprocess.CompletedProcess[str]]
FORMATS = ("text", "json", "github", "sarif", "gitlab", "junit")


def write(path: Path, doc: object | None = None, text: str | None = None) -> Path:
    path.write_text(text if text is not None else json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    return path


def surrogate_doc(where: str) -> str:
    """MINIMAL_PROVIDER as JSON text with a lone surrogate escape in one place."""
    text = json.dumps(MINIMAL_PROVIDER, indent=2)
    if where == "provider id":
        return text.replace('"id": "example"', '"id": "exa\\ud800mple"', 1)
    if where == "model id":
        return text.replace('"id": "model-small"', '"id": "model-\\udfffsmall"', 1)
    if where == "key":
        return text.replace('"name": "Example"', '"na\\ud83dme": "Example"', 1)
    raise AssertionError(where)


@pytest.mark.parametrize("where", ["provider id", "model id", "key"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_lone_surrogate_is_a_located_finding_in_every_format(
    tmp_path: Path, catwalk_cli: Cli, where: str, fmt: str
) -> None:
    path = write(tmp_path / "example.json", text=surrogate_doc(where))
    result = catwalk_cli("check", path, "--format", fmt, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert "CW010" in result.stdout
    if fmt == "json":
        (finding,) = json.loads(result.stdout)["findings"]
        assert finding["rule"] == "CW010" and finding["line"] > 1


def test_a_valid_surrogate_pair_is_text(tmp_path: Path, catwalk_cli: Cli) -> None:
    text = json.dumps(MINIMAL_PROVIDER, indent=2).replace(
        '"name": "Example"', '"name": "Example \\ud83d\\ude00"'
    )
    path = write(tmp_path / "example.json", text=text)
    result = catwalk_cli("check", path, "--select", "CW0", cwd=tmp_path)
    assert result.returncode == 0, result.stdout


def test_fmt_leaves_a_file_with_a_lone_surrogate_untouched(tmp_path: Path, catwalk_cli: Cli) -> None:
    path = write(tmp_path / "example.json", text=surrogate_doc("model id"))
    before = path.read_bytes()
    result = catwalk_cli("fmt", path, cwd=tmp_path)
    assert result.returncode == 1 and "CW010" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


@pytest.fixture
def hostile_dir(tmp_path: Path) -> Iterator[Path]:
    """A data directory with one good file and every kind of non-file a repository can
    hold under a *.json name."""
    data = tmp_path / "providers"
    data.mkdir()
    write(data / "example.json", MINIMAL_PROVIDER)
    (data / "loop-a.json").symlink_to("loop-b.json")
    (data / "loop-b.json").symlink_to("loop-a.json")
    (data / "self.json").symlink_to("self.json")
    (data / "dangling.json").symlink_to("nowhere.json")
    os.mkfifo(data / "fifo.json")
    (data / "zero.json").symlink_to("/dev/zero")
    (data / "folder.json").mkdir()
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(data / "socket.json"))
    try:
        yield data
    finally:
        server.close()


@pytest.mark.parametrize("fmt", FORMATS)
def test_non_files_are_cw008_and_the_rest_is_still_checked(
    hostile_dir: Path, catwalk_cli: Cli, fmt: str
) -> None:
    result = catwalk_cli("check", hostile_dir, "--format", fmt, "--no-baseline", cwd=hostile_dir.parent)
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr
    if fmt != "json":
        return
    report = json.loads(result.stdout)
    unreadable = {Path(f["file"]).name: f["message"] for f in report["findings"] if f["rule"] == "CW008"}
    assert set(unreadable) == {
        "loop-a.json", "loop-b.json", "self.json", "dangling.json",
        "fifo.json", "zero.json", "folder.json", "socket.json",
    }  # fmt: skip
    assert "symlink loop" in unreadable["self.json"]
    assert "FIFO" in unreadable["fifo.json"] and "device" in unreadable["zero.json"]
    assert "socket" in unreadable["socket.json"] and "directory" in unreadable["folder.json"]
    assert report["summary"]["providers"] == 1  # example.json was checked


def test_a_fifo_given_by_name_never_blocks(tmp_path: Path, catwalk_cli: Cli) -> None:
    os.mkfifo(tmp_path / "x.json")
    result = catwalk_cli("check", tmp_path / "x.json", cwd=tmp_path, timeout=20)
    assert result.returncode == 1 and "CW008" in result.stdout


@pytest.mark.parametrize("command", [("check",), ("keys",), ("schema",)])
def test_output_to_a_directory_is_a_usage_error(
    tmp_path: Path, catwalk_cli: Cli, command: tuple[str]
) -> None:
    write(tmp_path / "example.json", MINIMAL_PROVIDER)
    args = [*command, "example.json"] if command == ("check",) else list(command)
    result = catwalk_cli(*args, "--output", tmp_path, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "is a directory" in result.stderr and "Traceback" not in result.stderr


HIDDEN = [
    ("zero-width space in a model id", ("models", 0, "id"), "model-large\u200b", "error"),
    ("bidi override in a model name", ("models", 0, "name"), "Large \u202emodel", "error"),
    ("tab in a provider id", ("id",), "exa\tmple", "error"),
    ("soft hyphen in a default model id", ("default_small_model_id",), "model\u00adsmall", "error"),
    ("Hangul filler in a model id", ("models", 1, "id"), "model-small\u3164", "error"),
    ("emoji joiner in a name", ("models", 1, "name"), "Small \U0001f469\u200d\U0001f4bb", "warning"),
]


@pytest.mark.parametrize("case", HIDDEN, ids=[h[0] for h in HIDDEN])
def test_hidden_characters_in_ids_and_names(
    tmp_path: Path, catwalk_cli: Cli, case: tuple[str, tuple[object, ...], str, str]
) -> None:
    label, where, value, severity = case
    doc = json.loads(json.dumps(MINIMAL_PROVIDER))
    node = doc
    for step in where[:-1]:
        node = node[step]
    node[where[-1]] = value
    path = write(tmp_path / "example.json", doc)
    result = catwalk_cli("check", path, "--select", "CW206", "--format", "json", cwd=tmp_path)
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [("CW206", severity)], label
    assert "U+" in findings[0]["message"]
    # The message never carries the raw character (it would hide itself in a terminal too).
    hidden = [c for c in value if not c.isprintable() or c in "\u200b\u202e\u00ad\u3164\u200d"]
    assert not any(c in findings[0]["message"] for c in hidden)


def test_plain_names_and_non_latin_scripts_are_fine(tmp_path: Path, catwalk_cli: Cli) -> None:
    doc = json.loads(json.dumps(MINIMAL_PROVIDER))
    doc["models"][0]["name"] = "通义千问 Qwen (Plus) – 128k"
    doc["models"][1]["name"] = "Ministral 8B · Größe"
    path = write(tmp_path / "example.json", doc)
    result = catwalk_cli("check", path, "--select", "CW206", cwd=tmp_path)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ('{\n  "id": "x", // the id\n  "name": "y"\n}\n', "no comments"),
        ('{\n  /* block */ "id": "x"\n}\n', "no comments"),
        ('{\n  "id": "x",\n}\n', "trailing comma"),
    ],
)
def test_syntax_hints_say_what_is_wrong(tmp_path: Path, catwalk_cli: Cli, text: str, hint: str) -> None:
    path = write(tmp_path / "x.json", text=text)
    result = catwalk_cli("check", path, cwd=tmp_path)
    assert result.returncode == 1
    assert hint in result.stdout
    assert ("trailing comma" in result.stdout) == (hint == "trailing comma")

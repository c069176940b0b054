"""The cloud platforms, end to end through `catwalk drift` against real HTTP servers on
127.0.0.1 that check what the real services check: Bedrock's fake verifies each request's
AWS SigV4 signature (recomputed here, independently of botocore), Vertex AI's fake issues
an OAuth token from a refresh token and accepts only that token, Azure's fake wants the
resource key in `api-key`. Without credentials each provider is `skipped` with the reason.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import json
import os
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote

import pytest

from catwalk.live.adapters import bedrock, vertex
from catwalk.live.adapters.samples import load_fixture
from catwalk.live.resolve import resolve
from catwalk.loader import load_path
from live.helpers import clean_env, model, provider_doc
from live.server import LocalAPI, Reply, Seen, json_reply

pytest.importorskip("botocore")
pytest.importorskip("google.auth")
pytest.importorskip("cryptography")

ACCESS_KEY = "AKIAEXAMPLE0123456789"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKENvalue0123456789"
AWS = {
    "AWS_ACCESS_KEY_ID": ACCESS_KEY,
    "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
    "AWS_SESSION_TOKEN": SESSION_TOKEN,
}
CLIENT_EMAIL = "catwalk-drift@my-project.iam.gserviceaccount.com"
ACCESS_TOKEN = "ya29.access-token-value-0123456789"
AZURE_KEY = "azure-resource-key-0123456789abcdef"


def run(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The real CLI with exactly this environment (none of the caller's cloud credentials)."""
    return subprocess.run(
        [sys.executable, "-m", "catwalk", *args],
        cwd=cwd,
        env={**clean_env(**env), "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def write_provider(repo: Path, doc: dict[str, Any]) -> Path:
    (repo / "providers").mkdir(exist_ok=True)
    path = repo / "providers" / f"{doc['id']}.json"
    path.write_text(json.dumps(doc, indent=2) + "\n")
    return path


def drift_report(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def statuses(result: subprocess.CompletedProcess[str]) -> dict[str, tuple[str, str | None]]:
    return {p["provider"]: (p["status"], p.get("reason")) for p in drift_report(result)["providers"]}


def drift_items(result: subprocess.CompletedProcess[str]) -> set[tuple[str, str | None, str]]:
    return {(d["model"], d["field"], d["kind"]) for d in drift_report(result)["drift"]}


def never_shown(result: subprocess.CompletedProcess[str], *secrets: str) -> None:
    for secret in secrets:
        assert secret not in result.stdout and secret not in result.stderr


# -- AWS SigV4, recomputed from the AWS specification ----------------------------------------


def _encode(value: str) -> str:
    return quote(value, safe="-_.~")


def sigv4_problem(seen: Seen, secret: str, region: str, token: str | None) -> str | None:
    """Why the request's SigV4 signature is not valid for `secret` (None when it is)."""
    found = re.fullmatch(
        r"AWS4-HMAC-SHA256 Credential=(?P<access>[^/]+)/(?P<day>\d{8})/(?P<region>[^/]+)/(?P<service>[^/]+)"
        r"/aws4_request, SignedHeaders=(?P<signed>[^,]+), Signature=(?P<signature>[0-9a-f]{64})",
        seen.headers.get("authorization", ""),
    )
    if found is None:
        return "no SigV4 Authorization header"
    if (found["region"], found["service"]) != (region, "bedrock"):
        return f"signed for {found['region']}/{found['service']}"
    stamp = seen.headers.get("x-amz-date", "")
    when = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    if abs((datetime.now(timezone.utc) - when).total_seconds()) > 300 or not stamp.startswith(found["day"]):
        return "stale or inconsistent X-Amz-Date"
    names = found["signed"].split(";")
    if "host" not in names or (token is not None and "x-amz-security-token" not in names):
        return f"signed headers {names} leave out host or the session token"
    if token is not None and seen.headers.get("x-amz-security-token") != token:
        return "wrong session token"
    path, _, query = seen.target.partition("?")
    pairs = sorted(
        (_encode(unquote(k)), _encode(unquote(v)))
        for k, _, v in (p.partition("=") for p in query.split("&") if p)
    )
    canonical = "\n".join(
        [
            seen.method,
            quote(path, safe="/-_.~"),
            "&".join(f"{k}={v}" for k, v in pairs),
            "".join(f"{name}:{' '.join(seen.headers.get(name, '').split())}\n" for name in names),
            found["signed"],
            hashlib.sha256(seen.body).hexdigest(),
        ]
    )
    scope = f"{found['day']}/{region}/bedrock/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", stamp, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = ("AWS4" + secret).encode()
    for part in (found["day"], region, "bedrock", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    expected = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    return None if hmac.compare_digest(expected, found["signature"]) else "the signature does not match"


# The first profiles page hands on a token that needs encoding (AWS tokens are base64).
NEXT_TOKEN = "eyJvZmZzZXQiOiA2fQ== a+b/c"


def bedrock_api(local_api: LocalAPI, region: str) -> None:
    first_page = copy.deepcopy(load_fixture("bedrock-page2"))
    first_page["nextToken"] = NEXT_TOKEN
    last_page = {
        "inferenceProfileSummaries": [
            {
                "inferenceProfileId": "us.meta.llama4-maverick-17b-instruct-v1:0",
                "inferenceProfileName": "US Llama 4 Maverick 17B Instruct",
                "models": [
                    {
                        "modelArn": "arn:aws:bedrock:us-east-1::foundation-model/meta.llama4-maverick-17b-instruct-v1:0"
                    }
                ],
                "status": "ACTIVE",
                "type": "SYSTEM_DEFINED",
            }
        ]
    }

    def signed(body: Any) -> Any:
        def handler(seen: Seen) -> Reply:
            problem = sigv4_problem(seen, SECRET_KEY, region, SESSION_TOKEN)
            if problem is not None:
                return json_reply(
                    {"message": f"The request signature we calculated does not match ({problem})"},
                    403,
                    headers={"x-amzn-ErrorType": "InvalidSignatureException"},
                )
            if seen.path.endswith("/inference-profiles") and seen.query.get("nextToken") == NEXT_TOKEN:
                return json_reply(last_page)
            return json_reply(body)

        return handler

    local_api.route("/foundation-models", signed(load_fixture("bedrock")))
    local_api.route("/inference-profiles", signed(first_page))


def bedrock_doc() -> dict[str, Any]:
    ours = [
        model("us.anthropic.claude-sonnet-4-6", supports_attachments=True),
        model("us.anthropic.claude-haiku-4-5-20251001-v1:0"),  # the API says it takes images
        model("us.deepseek.r1-v1:0"),
        model("us.meta.llama4-maverick-17b-instruct-v1:0"),  # on the second profiles page
        model("us.anthropic.claude-opus-4-1-20250805-v1:0"),  # no longer listed
    ]
    return provider_doc("bedrock", ours, provider_type="bedrock", api_key=None, api_endpoint=None)


def test_bedrock_signed_listing_end_to_end(tmp_path: Path, local_api: LocalAPI) -> None:
    bedrock_api(local_api, "us-west-2")
    write_provider(tmp_path, bedrock_doc())
    result = run(
        tmp_path, "drift", "providers", f"--endpoint=bedrock={local_api.url()}", "--format", "json",
        AWS_REGION="us-west-2", **AWS,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert statuses(result) == {"bedrock": ("ok", None)}
    changed = {(m, f, kind) for m, f, kind in drift_items(result) if kind != "added"}
    assert changed == {
        ("us.anthropic.claude-haiku-4-5-20251001-v1:0", "supports_attachments", "changed"),
        ("us.anthropic.claude-opus-4-1-20250805-v1:0", None, "removed"),
    }
    # Both listings, the profiles paged with the token as AWS sent it, every one signed.
    assert len(local_api.requests_to("/foundation-models")) == 1
    pages = local_api.requests_to("/inference-profiles")
    assert [seen.query.get("nextToken") for seen in pages] == [None, NEXT_TOKEN]
    assert all(sigv4_problem(seen, SECRET_KEY, "us-west-2", SESSION_TOKEN) is None for seen in pages)
    never_shown(result, SECRET_KEY, SESSION_TOKEN)


def test_a_bad_signature_is_refused_and_the_provider_unknown(tmp_path: Path, local_api: LocalAPI) -> None:
    bedrock_api(local_api, "us-east-1")
    write_provider(tmp_path, bedrock_doc())
    wrong = {**AWS, "AWS_SECRET_ACCESS_KEY": "not-the-secret-" + SECRET_KEY[15:]}
    result = run(
        tmp_path, "drift", "providers", f"--endpoint=bedrock={local_api.url()}", "--format", "json", **wrong
    )
    assert result.returncode == 2, result.stderr  # nothing could be checked
    status, reason = statuses(result)["bedrock"]
    assert status == "unknown"
    assert "HTTP 403" in (reason or "") and "check the AWS SigV4 credentials" in (reason or "")
    assert drift_report(result)["drift"] == []
    never_shown(result, wrong["AWS_SECRET_ACCESS_KEY"], SESSION_TOKEN)


def test_bedrock_region_follows_the_files_geography() -> None:
    eu = {"models": [{"id": "eu.anthropic.claude-sonnet-4-6"}, {"id": "eu.anthropic.claude-opus-4-6-v1"}]}
    us = {"models": [{"id": "us.anthropic.claude-sonnet-4-6"}]}
    assert bedrock.region_for(eu, {}) == "eu-central-1"
    assert bedrock.region_for(eu, {"AWS_REGION": "eu-west-3"}) == "eu-west-3"
    # A US region cannot list EU profiles: the EU geography's usual region instead.
    assert bedrock.region_for(eu, {"AWS_REGION": "us-west-2"}) == "eu-central-1"
    assert bedrock.region_for(us, {"AWS_DEFAULT_REGION": "us-east-2"}) == "us-east-2"
    assert (
        bedrock.region_for({"models": [{"id": "amazon.nova-pro-v1:0"}]}, {"AWS_REGION": "ap-south-1"})
        == "ap-south-1"
    )
    assert bedrock.region_for({}, {}) == "us-east-1"
    assert bedrock.region_of("https://bedrock.eu-west-1.amazonaws.com/foundation-models") == "eu-west-1"
    # A customer's S3 bucket called "bedrock" is not Bedrock.
    assert bedrock.region_of("https://bedrock.s3.amazonaws.com/foundation-models") is None


def test_credentials_go_only_to_the_platforms_hosts(tmp_path: Path) -> None:
    doc = bedrock_doc()
    doc["api_endpoint"] = "https://collector.example.com"
    path = write_provider(tmp_path, doc)
    (target,) = resolve([load_path(path)], environ=AWS)
    assert not target.ready and target.credentials is None
    assert "collector.example.com is not where bedrock's API lives" in (target.skip_reason or "")
    assert "AWS SigV4 credentials" in (target.skip_reason or "")
    # From the file's geography and the environment, a real regional host.
    (eu,) = resolve(
        [
            load_path(
                write_provider(
                    tmp_path, {**bedrock_doc(), "id": "bedrock-europe", "models": [model("eu.x.y")]}
                )
            )
        ],
        environ={**AWS, "AWS_REGION": "eu-west-1"},
    )
    assert eu.ready and eu.source == "https://bedrock.eu-west-1.amazonaws.com/foundation-models"
    assert eu.credentials is not None and SECRET_KEY in eu.credentials.secrets
    assert SECRET_KEY not in repr(eu)


# -- Vertex AI: an OAuth token from application-default credentials --------------------------


def service_account(folder: Path, token_url: str, key: Any) -> Path:
    """An application-default credentials file of a service account, whose token
    endpoint is the fake's."""
    from cryptography.hazmat.primitives import serialization

    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    path = folder / "adc.json"
    path.write_text(
        json.dumps(
            {
                "type": "service_account",
                "project_id": "my-project",
                "private_key_id": "0123456789abcdef",
                "private_key": pem,
                "client_email": CLIENT_EMAIL,
                "client_id": "123456789012345678901",
                "token_uri": token_url,
            }
        )
    )
    return path


def _unbase64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def assertion_problem(assertion: str, public_key: Any, audience: str) -> str | None:
    """Why a service account's JWT bearer assertion is not valid (None when it is)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    try:
        head, claims, signature = assertion.split(".")
        public_key.verify(
            _unbase64(signature), f"{head}.{claims}".encode(), padding.PKCS1v15(), hashes.SHA256()
        )
    except (ValueError, InvalidSignature):
        return "the assertion is not signed by the service account's key"
    body = json.loads(_unbase64(claims))
    if body.get("iss") != CLIENT_EMAIL or body.get("aud") != audience:
        return f"wrong issuer or audience ({body.get('iss')}, {body.get('aud')} != {audience})"
    if vertex.SCOPE not in body.get("scope", "").split():
        return "the cloud-platform scope is not asked for"
    return None


def vertex_api(local_api: LocalAPI, public_key: Any) -> None:
    def token(seen: Seen) -> Reply:
        form = dict(parse_qsl(seen.body.decode()))
        problem = (
            # Google's token endpoint wants its own URL as the audience, wherever it is posted.
            assertion_problem(form.get("assertion", ""), public_key, "https://oauth2.googleapis.com/token")
            if form.get("grant_type") == "urn:ietf:params:oauth:grant-type:jwt-bearer"
            else "not a JWT bearer grant"
        )
        if problem is not None:
            return json_reply({"error": "invalid_grant", "error_description": problem}, 400)
        return json_reply({"access_token": ACCESS_TOKEN, "expires_in": 3599, "token_type": "Bearer"})

    def listing(body: Any) -> Any:
        def handler(seen: Seen) -> Reply:
            if seen.headers.get("authorization") != "Bearer " + ACCESS_TOKEN:
                return json_reply({"error": {"code": 401, "message": "Request had invalid authentication credentials.", "status": "UNAUTHENTICATED"}}, 401)  # fmt: skip
            if seen.headers.get("x-goog-user-project") != "my-project":
                return json_reply({"error": {"code": 403, "message": "quota project not set", "status": "PERMISSION_DENIED"}}, 403)  # fmt: skip
            return json_reply(body)

        return handler

    local_api.route("/token", token)
    local_api.route("/v1beta1/publishers/google/models", listing(load_fixture("vertex")))
    local_api.route("/v1beta1/publishers/anthropic/models", listing(load_fixture("vertex-page2")))


def new_key() -> Any:
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def vertex_doc() -> dict[str, Any]:
    ours = [
        model("gemini-3.5-flash"),
        model("gemini-2.5-pro"),
        model("claude-sonnet-4-5-20250929"),  # Anthropic's form of the dated version
        model("claude-opus-4-6"),
        model("gemini-2.0-flash-001"),  # no longer listed
    ]
    return provider_doc("vertexai", ours, provider_type="google-vertex", api_key=None, api_endpoint=None)


def test_vertex_token_listing_end_to_end(tmp_path: Path, local_api: LocalAPI) -> None:
    key = new_key()
    vertex_api(local_api, key.public_key())
    write_provider(tmp_path, vertex_doc())
    credentials = service_account(tmp_path, local_api.url() + "/token", key)
    result = run(
        tmp_path, "drift", "providers", f"--endpoint=vertexai={local_api.url()}/v1beta1", "--format", "json",
        GOOGLE_APPLICATION_CREDENTIALS=str(credentials), GOOGLE_CLOUD_PROJECT="my-project",
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert statuses(result) == {"vertexai": ("ok", None)}
    assert {(m, kind) for m, _, kind in drift_items(result) if kind != "added"} == {
        ("gemini-2.0-flash-001", "removed")
    }
    # One token for both publishers' listings.
    assert len(local_api.requests_to("/token")) == 1
    assert len(local_api.requests_to("/v1beta1/publishers/anthropic/models")) == 1
    never_shown(result, ACCESS_TOKEN)


def test_a_refused_token_is_unknown_and_an_echoed_token_is_hidden(
    tmp_path: Path, local_api: LocalAPI
) -> None:
    key = new_key()
    vertex_api(local_api, key.public_key())
    write_provider(tmp_path, vertex_doc())
    env = {"GOOGLE_CLOUD_PROJECT": "my-project"}
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    # A key the token endpoint does not know: Google refuses to issue a token.
    unknown_key = service_account(stranger, local_api.url() + "/token", new_key())
    result = run(
        tmp_path, "drift", "providers", f"--endpoint=vertexai={local_api.url()}/v1beta1", "--format", "json",
        GOOGLE_APPLICATION_CREDENTIALS=str(unknown_key), **env,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr  # nothing could be checked
    status, reason = statuses(result)["vertexai"]
    assert status == "unknown" and "no access token from Google (RefreshError" in (reason or "")
    assert len(local_api.requests_to("/v1beta1/publishers/google/models")) == 0

    # An API that echoes the token it was sent in its error: the token never shows.
    local_api.route(
        "/v1beta1/publishers/google/models",
        lambda seen: json_reply(
            {"error": {"message": "bad request from " + seen.headers["authorization"]}}, 400
        ),
    )
    echoed = run(
        tmp_path, "drift", "providers", f"--endpoint=vertexai={local_api.url()}/v1beta1", "--format", "json",
        GOOGLE_APPLICATION_CREDENTIALS=str(service_account(tmp_path, local_api.url() + "/token", key)), **env,
    )  # fmt: skip
    status, reason = statuses(echoed)["vertexai"]
    assert (
        status == "unknown" and "HTTP 400" in (reason or "") and "bad request from Bearer" in (reason or "")
    )
    never_shown(echoed, ACCESS_TOKEN)


def test_vertex_location_picks_the_regional_host() -> None:
    assert vertex.VertexAdapter().home_base_url({}, {}) == "https://aiplatform.googleapis.com/v1beta1"
    regional = vertex.VertexAdapter().home_base_url({}, {"VERTEXAI_LOCATION": "europe-west4"})
    assert regional == "https://europe-west4-aiplatform.googleapis.com/v1beta1"
    assert "europe-west4-aiplatform.googleapis.com" in vertex.HOSTS


# -- Azure OpenAI: the resource key ----------------------------------------------------------


def test_azure_listing_end_to_end(tmp_path: Path, local_api: LocalAPI) -> None:
    def models(seen: Seen) -> Reply:
        if seen.headers.get("api-key") != AZURE_KEY:
            return json_reply({"error": {"code": "401", "message": "Access denied due to invalid subscription key."}}, 401)  # fmt: skip
        if seen.query.get("api-version") != "2024-10-21":
            return json_reply({"error": {"code": "404", "message": "Resource not found"}}, 404)
        return json_reply(load_fixture("azure"))

    local_api.route("/openai/models", models)
    ours = [model("gpt-5"), model("gpt-5-mini"), model("o4-mini"), model("gpt-4o"), model("gpt-4.5-preview")]
    doc = provider_doc(
        "azure",
        ours,
        provider_type="azure",
        api_key="$AZURE_OPENAI_API_KEY",
        api_endpoint="$AZURE_OPENAI_API_ENDPOINT",
    )
    write_provider(tmp_path, doc)
    result = run(
        tmp_path, "drift", "providers", "--format", "json",
        AZURE_OPENAI_API_KEY=AZURE_KEY, AZURE_OPENAI_API_ENDPOINT=local_api.url(),
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert statuses(result) == {"azure": ("ok", None)}
    assert {(m, kind) for m, _, kind in drift_items(result) if kind != "added"} == {
        ("gpt-4.5-preview", "removed")
    }
    added = {m for m, _, kind in drift_items(result) if kind == "added"}
    # Fine-tunes, embeddings and whisper are not chat models of the database.
    assert "whisper" not in added and "text-embedding-3-large" not in added
    assert not any(".ft-" in m for m in added)
    never_shown(result, AZURE_KEY)


# -- without credentials ---------------------------------------------------------------------


def test_without_credentials_every_cloud_provider_is_skipped_with_the_reason(tmp_path: Path) -> None:
    write_provider(tmp_path, bedrock_doc())
    write_provider(tmp_path, vertex_doc())
    ours = [model("gpt-5")]
    write_provider(
        tmp_path,
        provider_doc("azure", ours, provider_type="azure", api_key="$AZURE_OPENAI_API_KEY", api_endpoint="$AZURE_OPENAI_API_ENDPOINT"),
    )  # fmt: skip
    result = run(tmp_path, "drift", "providers", "--format", "json")
    assert result.returncode == 2, result.stderr  # nothing was checked
    found = statuses(result)
    assert {provider: status for provider, (status, _) in found.items()} == dict.fromkeys(
        ("azure", "bedrock", "vertexai"), "skipped"
    )
    assert "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY" in (found["bedrock"][1] or "")
    assert "set GOOGLE_APPLICATION_CREDENTIALS" in (found["vertexai"][1] or "")
    assert "$AZURE_OPENAI_API_ENDPOINT (api_endpoint) is not set" in (found["azure"][1] or "")
    allowed = run(tmp_path, "drift", "providers", "--allow-unchecked")
    assert allowed.returncode == 0, allowed.stderr


def test_without_the_cloud_extra_the_provider_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec

    def absent(name: str, *args: Any) -> Any:
        return None if name in ("botocore", "google.auth") else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", absent)
    paths = [write_provider(tmp_path, bedrock_doc()), write_provider(tmp_path, vertex_doc())]
    environ = {**AWS, "GOOGLE_APPLICATION_CREDENTIALS": os.devnull}
    for target in resolve([load_path(p) for p in paths], environ=environ):
        assert not target.ready
        assert "needs the cloud extra (pip install 'catwalk-db[cloud]')" in (target.skip_reason or "")

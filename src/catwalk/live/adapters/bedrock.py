"""AWS Bedrock: `ListFoundationModels`, then `ListInferenceProfiles`, signed with SigV4.

1. `GET https://bedrock.{region}.amazonaws.com/foundation-models` (no pagination):
   `{"modelSummaries": [{modelId, modelName, providerName, inputModalities,
   outputModalities, inferenceTypesSupported, modelLifecycle {status}}]}`.
2. `GET .../inference-profiles?typeEquals=SYSTEM_DEFINED&maxResults=1000`, paged by
   `nextToken`: `{"inferenceProfileSummaries": [{inferenceProfileId
   ("us.anthropic.claude-sonnet-4-6"), inferenceProfileName, models [{modelArn}], status,
   type}], "nextToken"?}`.
The database's Bedrock ids are the cross-region profile ids (`us.`, `eu.`, `apac.`,
`global.` ...), which only the second listing has; the facts about the model behind a
profile are in the first, so they are carried from step 1 to step 2 (`Request.carry`).

Records: every active profile, image input = `IMAGE` in the input modalities of the
models it routes to; and every foundation model invocable on demand by its own id
(`amazon.nova-pro-v1:0`). Filtered: profiles and models that cannot produce text
(embeddings, image generators), and profiles that are not `ACTIVE`. A `LEGACY` lifecycle
is shown. No names (the profile's is "US Anthropic Claude ..."), limits or prices.

Region: a base URL the operator names wins (`--endpoint`, `CATWALK_ENDPOINT_<ID>`); else
`$AWS_REGION` (or `$AWS_DEFAULT_REGION`) when it lies in the geography of the file's
profile ids (`eu.` ids are listed by an EU region), else that geography's usual region.
Credentials: the standard AWS environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
`AWS_SESSION_TOKEN`, as `aws-actions/configure-aws-credentials` sets them); botocore
signs each request (the `[cloud]` extra). Requests go only to Bedrock's regional hosts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Generator, Mapping
from typing import Any, ClassVar
from urllib.parse import quote, unquote_plus, urlsplit

import httpx

from catwalk.homes import Home
from catwalk.live.adapters.base import Request
from catwalk.live.adapters.listing import ListingAdapter, advance
from catwalk.live.adapters.values import mapping, strings, text
from catwalk.live.credentials import Credentials, require_module
from catwalk.live.records import LiveModel
from catwalk.live.trust import Refused

# Where Bedrock's control plane answers (botocore's endpoint data for `bedrock`). A region
# added later is reached with `--endpoint ID=https://bedrock.<region>.amazonaws.com`.
REGIONS = (
    "af-south-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
    "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
    "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1",
    "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
    "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1",
    "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
    "us-gov-east-1", "us-gov-west-1",
)  # fmt: skip
HOSTS = tuple(f"bedrock.{region}.amazonaws.com" for region in REGIONS)
# A profile id's geography -> (regions that list it, by prefix; the usual one).
GEOGRAPHIES: dict[str, tuple[tuple[str, ...], str]] = {
    "us": (("us-east-", "us-west-"), "us-east-1"),
    "us-gov": (("us-gov-",), "us-gov-west-1"),
    "eu": (("eu-",), "eu-central-1"),
    "apac": (("ap-",), "ap-northeast-1"),
    "jp": (("ap-northeast-1", "ap-northeast-3"), "ap-northeast-1"),
    "au": (("ap-southeast-2", "ap-southeast-4"), "ap-southeast-2"),
    "ca": (("ca-",), "ca-central-1"),
    "global": (("",), "us-east-1"),
}
DEFAULT_REGION = "us-east-1"
_AWS = ("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_BEARER_TOKEN_BEDROCK")
PROFILES_PATH = "/inference-profiles"
MODELS_PATH = "/foundation-models"


def geography(data: Mapping[str, Any]) -> str | None:
    """The geography most of the file's model ids are profiles of (`us.` -> "us")."""
    models = data.get("models")
    prefixes = Counter(
        prefix
        for model in (models if isinstance(models, list) else [])
        if isinstance(model, dict) and isinstance(model.get("id"), str)
        and (prefix := model["id"].split(".", 1)[0]) in GEOGRAPHIES and "." in model["id"]
    )  # fmt: skip
    return prefixes.most_common(1)[0][0] if prefixes else None


def region_for(data: Mapping[str, Any], environ: Mapping[str, str]) -> str:
    wanted = (environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION") or "").strip().lower()
    where = geography(data)
    if where is None:
        return wanted or DEFAULT_REGION
    prefixes, usual = GEOGRAPHIES[where]
    return wanted if wanted and wanted.startswith(prefixes) else usual


def region_of(url: str) -> str | None:
    """`eu-west-1` for https://bedrock.eu-west-1.amazonaws.com/..."""
    host = (urlsplit(url).hostname or "").lower()
    return host.split(".")[1] if host in HOSTS else None


def canonical_query(query: bytes) -> bytes:
    """The query in SigV4's canonical form (RFC 3986 encoding, sorted): sent as signed,
    so that what AWS recomputes is what botocore signed."""
    pairs = []
    for part in query.decode("ascii").split("&"):
        if part:
            key, _, value = part.partition("=")
            pairs.append((quote(unquote_plus(key), safe="-_.~"), quote(unquote_plus(value), safe="-_.~")))
    return "&".join(f"{key}={value}" for key, value in sorted(pairs)).encode("ascii")


class SigV4(Credentials):
    """Signs each request with AWS Signature Version 4 for Bedrock (botocore)."""

    scheme = "AWS SigV4"
    requires_request_body = True

    def __init__(self, access_key: str, secret_key: str, session_token: str | None, region: str) -> None:
        super().__init__()
        self.keep_secret(secret_key, session_token)
        self._keys = (access_key, secret_key, session_token)
        self.region = region

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials as AWSCredentials

        request.url = request.url.copy_with(query=canonical_query(request.url.query) or None)
        signed = AWSRequest(
            method=request.method,
            url=str(request.url),
            data=request.content or None,
            headers={"host": request.headers["host"]},
        )
        SigV4Auth(AWSCredentials(*self._keys), "bedrock", self.region).add_auth(signed)
        for name in ("Authorization", "X-Amz-Date", "X-Amz-Security-Token"):
            value = signed.headers.get(name)
            if value:
                request.headers[name] = value
        yield request


def _facts(summary: dict[str, Any]) -> dict[str, Any]:
    inputs, outputs = strings(summary.get("inputModalities")), strings(summary.get("outputModalities"))
    return {
        "image": None if inputs is None else "IMAGE" in inputs,
        "text": None if outputs is None else "TEXT" in outputs,
        "on_demand": "ON_DEMAND" in (strings(summary.get("inferenceTypesSupported")) or []),
        "lifecycle": text(mapping(summary.get("modelLifecycle")).get("status")),
    }


class BedrockAdapter(ListingAdapter):
    family: ClassVar[str] = "bedrock"
    homes: ClassVar[dict[str, Home]] = {
        "bedrock": Home(hosts=HOSTS, keys=_AWS),
        "bedrock-europe": Home(hosts=HOSTS, keys=_AWS),
    }
    provider_types: ClassVar[tuple[str, ...]] = ("bedrock",)
    default_base_url: ClassVar[str] = f"https://bedrock.{DEFAULT_REGION}.amazonaws.com"
    path: ClassVar[str] = MODELS_PATH
    requires_key: ClassVar[bool] = False
    # Step 1's answer; step 2's is `inferenceProfileSummaries` / `inferenceProfileId`.
    items_key: ClassVar[str | None] = "modelSummaries"
    id_key: ClassVar[str] = "modelId"
    knows: ClassVar[frozenset[str]] = frozenset({"image_input"})

    def home_base_url(self, data: Mapping[str, Any], environ: Mapping[str, str]) -> str:
        return f"https://bedrock.{region_for(data, environ)}.amazonaws.com"

    def credentials(self, data: Mapping[str, Any], environ: Mapping[str, str], base_url: str) -> Credentials:
        access = environ.get("AWS_ACCESS_KEY_ID", "").strip()
        secret = environ.get("AWS_SECRET_ACCESS_KEY", "").strip()
        if not access or not secret:
            raise Refused(
                "no AWS credentials: Bedrock lists models only with SigV4-signed requests; set "
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for a session)"
            )
        require_module("botocore", "AWS Bedrock")
        region = region_of(base_url) or region_for(data, environ)
        return SigV4(access, secret, environ.get("AWS_SESSION_TOKEN", "").strip() or None, region)

    def first_request(self, base_url: str, api_key: str | None) -> Request:
        return Request(self.url(base_url))  # no key: SigV4 signs each request

    @staticmethod
    def profiles_step(request: Request) -> bool:
        return not request.url.endswith(MODELS_PATH)

    def listing(self, request: Request) -> tuple[str | None, str]:
        if self.profiles_step(request):
            return "inferenceProfileSummaries", "inferenceProfileId"
        return self.items_key, self.id_key

    def item_id(self, item: dict[str, Any]) -> str | None:
        return text(item.get("inferenceProfileId")) or text(item.get("modelId"))

    def page_records(self, item: dict[str, Any], model_id: str, request: Request) -> list[LiveModel]:
        if not self.profiles_step(request):
            known = _facts(item)
            invocable = known["on_demand"] and known["text"] is not False
            return [self.record(model_id, [known])] if invocable else []
        if text(item.get("status")) not in (None, "ACTIVE"):
            return []
        facts: dict[str, dict[str, Any]] = mapping(request.carry.get("models"))
        arns = [text(mapping(each).get("modelArn")) or "" for each in item.get("models") or []]
        behind = [facts[model] for arn in arns if (model := arn.rpartition("foundation-model/")[2]) in facts]
        if behind and all(known["text"] is False for known in behind):
            return []
        name = text(item.get("inferenceProfileName"))
        return [self.record(model_id, behind, {"profile": name} if name else {})]

    def record(
        self, model_id: str, behind: list[dict[str, Any]], extra: dict[str, str] | None = None
    ) -> LiveModel:
        images = [known["image"] for known in behind if known["image"] is not None]
        lifecycle = next(
            (known["lifecycle"] for known in behind if known["lifecycle"] not in (None, "ACTIVE")), None
        )
        return LiveModel(
            id=model_id,
            image_input=any(images) if images else None,
            extra={**(extra or {}), **({"lifecycle": lifecycle} if lifecycle else {})},
        )

    def next_request(self, payload: dict[str, Any], request: Request) -> Request | None:
        if self.profiles_step(request):
            token = text(payload.get("nextToken"))
            return advance(request, nextToken=token) if token else None
        # Step 2 needs what step 1 said about each model: it is carried, not refetched.
        facts = {
            model_id: _facts(item)
            for item in payload.get(self.items_key or "") or []
            if isinstance(item, dict) and (model_id := text(item.get(self.id_key)))
        }
        return Request(
            request.url[: -len(MODELS_PATH)] + PROFILES_PATH,
            params={"typeEquals": "SYSTEM_DEFINED", "maxResults": "1000"},
            headers=request.headers,
            carry={"models": facts},
        )


ADAPTER = BedrockAdapter()

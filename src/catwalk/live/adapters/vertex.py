"""Google Vertex AI publisher models, with a Google OAuth access token.

`GET https://{location}-aiplatform.googleapis.com/v1beta1/publishers/{publisher}/models`
(`aiplatform.googleapis.com` for the `global` location), `listAllVersions=true`, paged by
`pageSize` / `pageToken` -> `nextPageToken`; first Google's models, then Anthropic's (the
two publishers whose models this database lists on Vertex). Shape `{"publisherModels":
[{name "publishers/google/models/gemini-3.5-flash", versionId, launchStage, versionState,
openSourceCategory, ...}], "nextPageToken"}`.

Records: the id after `models/`; a dated version (`versionId` "20250929", Anthropic's) is
also listed as `claude-sonnet-4-5@20250929` (Vertex's request form) and
`claude-sonnet-4-5-20250929` (Anthropic's, which this database uses). The launch stage is
shown. The API tells no limits, prices or capabilities: existence only. Nothing is filtered.

Location: `$GOOGLE_CLOUD_LOCATION` or `$VERTEXAI_LOCATION` (Crush's), else `global`;
a base URL the operator names wins. Credentials: the application-default credentials file
in `$GOOGLE_APPLICATION_CREDENTIALS` (a service account, an authorized user, or workload
identity federation, as `google-github-actions/auth` writes it), read by google-auth (the
`[cloud]` extra), which obtains and refreshes the token; the quota project comes from
`$GOOGLE_CLOUD_PROJECT` or `$VERTEXAI_PROJECT` when set. The token goes only to Vertex
AI's hosts.
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import AsyncGenerator, Generator, Mapping
from typing import Any, ClassVar

import httpx

from catwalk.homes import Home
from catwalk.live.adapters.base import Page, Request
from catwalk.live.adapters.listing import ListingAdapter, advance
from catwalk.live.adapters.values import text
from catwalk.live.credentials import Credentials, CredentialsFailed, require_module
from catwalk.live.records import LiveModel
from catwalk.live.trust import Refused

LOCATIONS = (
    "africa-south1", "asia-east1", "asia-east2", "asia-northeast1", "asia-northeast2",
    "asia-northeast3", "asia-south1", "asia-south2", "asia-southeast1", "asia-southeast2",
    "australia-southeast1", "australia-southeast2", "europe-central2", "europe-north1",
    "europe-southwest1", "europe-west1", "europe-west2", "europe-west3", "europe-west4",
    "europe-west6", "europe-west8", "europe-west9", "europe-west12", "me-central1",
    "me-central2", "me-west1", "northamerica-northeast1", "northamerica-northeast2",
    "southamerica-east1", "southamerica-west1", "us-central1", "us-east1", "us-east4",
    "us-east5", "us-south1", "us-west1", "us-west2", "us-west3", "us-west4",
)  # fmt: skip
GLOBAL_HOST = "aiplatform.googleapis.com"
HOSTS = (GLOBAL_HOST, *(f"{location}-{GLOBAL_HOST}" for location in LOCATIONS))
PUBLISHERS = ("google", "anthropic")
PAGE_SIZE = "100"
FIRST_PAGE = {"pageSize": PAGE_SIZE, "listAllVersions": "true"}
SCOPE = "https://www.googleapis.com/auth/cloud-platform"
_DATE_VERSION = re.compile(r"^\d{8}$")
_PUBLISHER = re.compile(r"/publishers/(?P<publisher>[^/]+)/models$")


def base_for(location: str) -> str:
    host = GLOBAL_HOST if location == "global" else f"{location}-{GLOBAL_HOST}"
    return f"https://{host}/v1beta1"


class GoogleOAuth(Credentials):
    """A bearer token from application-default credentials, refreshed by google-auth
    (in a thread: its transports block) whenever it is missing or expired."""

    scheme = "Google OAuth"

    def __init__(self, path: str, project: str | None) -> None:
        super().__init__()
        self.path = path
        self.project = project
        self._google: Any = None
        self._lock = threading.Lock()

    def token(self) -> str:
        import google.auth
        import google.auth.exceptions
        import google.auth.transport.urllib3
        import urllib3

        with self._lock:
            try:
                if self._google is None:
                    self._google, _ = google.auth.load_credentials_from_file(  # type: ignore[no-untyped-call]
                        self.path, scopes=[SCOPE]
                    )
                if not self._google.valid:
                    pool = urllib3.PoolManager(timeout=urllib3.Timeout(connect=10, read=30))
                    transport = google.auth.transport.urllib3.Request(pool)  # type: ignore[no-untyped-call]
                    self._google.refresh(transport)
            except google.auth.exceptions.DefaultCredentialsError as exc:
                raise CredentialsFailed(f"$GOOGLE_APPLICATION_CREDENTIALS is not usable ({exc})") from None
            except google.auth.exceptions.GoogleAuthError as exc:
                raise CredentialsFailed(
                    f"no access token from Google ({type(exc).__name__}: {exc})"
                ) from None
            token = text(self._google.token)
            if token is None:
                raise CredentialsFailed("google-auth returned no access token")
            self.keep_secret(token)
            return token

    def _sign(self, request: httpx.Request, token: str) -> httpx.Request:
        request.headers["Authorization"] = "Bearer " + token
        if self.project:
            request.headers["x-goog-user-project"] = self.project
        return request

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        yield self._sign(request, self.token())

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        yield self._sign(request, await asyncio.to_thread(self.token))


class VertexAdapter(ListingAdapter):
    family: ClassVar[str] = "vertex"
    homes: ClassVar[dict[str, Home]] = {"vertexai": Home(hosts=HOSTS)}
    provider_types: ClassVar[tuple[str, ...]] = ("google-vertex",)
    default_base_url: ClassVar[str] = base_for("global")
    path: ClassVar[str] = f"/publishers/{PUBLISHERS[0]}/models"
    requires_key: ClassVar[bool] = False
    items_key: ClassVar[str | None] = "publisherModels"
    id_key: ClassVar[str] = "name"
    knows: ClassVar[frozenset[str]] = frozenset()

    def home_base_url(self, data: Mapping[str, Any], environ: Mapping[str, str]) -> str:
        location = environ.get("GOOGLE_CLOUD_LOCATION") or environ.get("VERTEXAI_LOCATION") or "global"
        return base_for(location.strip().lower())

    def credentials(self, data: Mapping[str, Any], environ: Mapping[str, str], base_url: str) -> Credentials:
        path = environ.get("GOOGLE_APPLICATION_CREDENTIALS", "").strip()
        if not path:
            raise Refused(
                "no Google Cloud credentials: Vertex AI lists models only with an OAuth token; set "
                "GOOGLE_APPLICATION_CREDENTIALS to an application-default credentials file"
            )
        require_module("google.auth", "Vertex AI")
        project = (environ.get("GOOGLE_CLOUD_PROJECT") or environ.get("VERTEXAI_PROJECT") or "").strip()
        return GoogleOAuth(path, project or None)

    def first_request(self, base_url: str, api_key: str | None) -> Request:
        return Request(self.url(base_url), params=dict(FIRST_PAGE))

    def item_id(self, item: dict[str, Any]) -> str | None:
        name = text(item.get("name"))
        return text(name.rpartition("/models/")[2]) if name and "/models/" in name else None

    def records(self, item: dict[str, Any], model_id: str) -> list[LiveModel]:
        extra = {"launch stage": stage} if (stage := text(item.get("launchStage"))) else {}
        version = text(item.get("versionId"))
        ids = [model_id]
        if version and _DATE_VERSION.match(version):
            ids += [f"{model_id}@{version}", f"{model_id}-{version}"]
        return [LiveModel(id=each, extra=extra) for each in ids]

    def next_request(self, payload: dict[str, Any], request: Request) -> Request | None:
        token = text(payload.get("nextPageToken"))
        if token:
            return advance(request, pageToken=token)
        found = _PUBLISHER.search(request.url)
        if found is None or found["publisher"] not in PUBLISHERS[:-1]:
            return None
        following = PUBLISHERS[PUBLISHERS.index(found["publisher"]) + 1]
        url = request.url[: found.start()] + f"/publishers/{following}/models"
        return Request(url, params=dict(FIRST_PAGE), headers=request.headers)

    def parse(self, payload: Any, request: Request) -> Page:
        # Google's JSON leaves out an empty list: a later publisher with no models in this
        # location answers `{}`. The first one (Google's own) never has none.
        found = _PUBLISHER.search(request.url)
        later = found is not None and found["publisher"] != PUBLISHERS[0]
        if later and isinstance(payload, dict) and not payload:
            return Page([], self.next_request(payload, request))
        return super().parse(payload, request)


ADAPTER = VertexAdapter()

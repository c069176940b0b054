"""GitHub Copilot: two requests, both built here so the adapter stays pure.

1. Token exchange: `GET https://api.github.com/copilot_internal/v2/token` with
   `Authorization: token <GitHub OAuth token>` (the key; the database names no key
   variable for Copilot, so it comes from `$COPILOT_GITHUB_TOKEN`, see `key_env`).
   The response `{"token", "expires_at", "endpoints": {"api"}}` yields an empty page
   whose `next` is step 2.
2. `GET {api}/models` with `Authorization: Bearer <Copilot token>`.
Both carry `Copilot-Integration-Id: vscode-chat`. Step 2 goes to the exchange's
`endpoints.api` (plans and enterprises have their own hosts): with the default base URL
when it is an https `*.githubcopilot.com` host, else the default; with another base URL
(a proxy or a test server: `{base}/copilot_internal/v2/token`) when it is on that same
host, else `{base}/models` (a proxy never hands the token on to the real service). The
fetch layer then sends the token only to the provider's home (`api.github.com`,
`*.githubcopilot.com`) or to a host the operator allowed. The Copilot token only ever
travels in request headers.

Models (internal API, may change): the OpenAI envelope with `name`, `version`,
`vendor`, `preview`, `capabilities` {`type` ("chat" | "embeddings" | ...), `limits`
{`max_context_window_tokens`, `max_output_tokens`}, `supports` {`vision`,
`reasoning_effort` [levels], `adaptive_thinking`, `max_thinking_budget`, ...}}.

Mapping: name, context window, max output, image input = `supports.vision`, levels =
`supports.reasoning_effort` (a published list), reasoning = true when the model shows
a level list, adaptive thinking or a thinking budget; otherwise unknown (the absence
of those keys is not proof that a model cannot reason). Copilot bills by
subscription: no prices. Duplicate ids: the first wins.
Filtered: `capabilities.type` other than "chat" (embeddings, completion).
"""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import urlsplit

from catwalk.homes import Home
from catwalk.live.adapters.base import Page, PayloadError, Request
from catwalk.live.adapters.listing import describe, error_reason
from catwalk.live.adapters.openai_compat import OpenAICompatAdapter
from catwalk.live.adapters.values import effort_levels, flag, mapping, positive_int, strings, text
from catwalk.live.records import LiveModel

TOKEN_PATH = "/copilot_internal/v2/token"
GITHUB_TOKEN_URL = "https://api.github.com" + TOKEN_PATH
COPILOT_HOST_SUFFIX = ".githubcopilot.com"


def handed_off(value: Any, token_url: str) -> str | None:
    """The exchange's `endpoints.api` if the token may follow it: a Copilot https host
    after GitHub's own exchange, the token request's own host after any other."""
    url = text(value)
    if url is None:
        return None
    try:
        parts, asked = urlsplit(url), urlsplit(token_url)
    except ValueError:
        return None
    host = parts.hostname or ""
    if token_url == GITHUB_TOKEN_URL:
        return url if parts.scheme == "https" and host.endswith(COPILOT_HOST_SUFFIX) else None
    return url if host and host == asked.hostname and parts.scheme == asked.scheme else None


class CopilotAdapter(OpenAICompatAdapter):
    family: ClassVar[str] = "copilot"
    homes: ClassVar[dict[str, Home]] = {
        "copilot": Home(hosts=("api.github.com", "*.githubcopilot.com"), keys=("COPILOT_GITHUB_TOKEN",)),
    }
    default_base_url: ClassVar[str] = "https://api.githubcopilot.com"
    extra_headers: ClassVar[dict[str, str]] = {
        "Copilot-Integration-Id": "vscode-chat",
        "Accept": "application/json",
    }
    key_env: ClassVar[tuple[str, ...]] = ("COPILOT_GITHUB_TOKEN",)
    knows: ClassVar[frozenset[str]] = frozenset(
        {"name", "context_window", "max_output", "image_input", "reasoning", "reasoning_levels"}
    )

    def token_url(self, base_url: str) -> str:
        base = base_url.rstrip("/")
        return GITHUB_TOKEN_URL if base == self.default_base_url else base + TOKEN_PATH

    def first_request(self, base_url: str, api_key: str | None) -> Request:
        headers = dict(self.extra_headers)
        if api_key:
            headers["Authorization"] = "token " + api_key
        return Request(self.token_url(base_url), headers=headers)

    def parse(self, payload: Any, request: Request) -> Page:
        if request.url.endswith(TOKEN_PATH):
            return self.exchange(payload, request)
        return super().parse(payload, request)

    def exchange(self, payload: Any, request: Request) -> Page:
        reason = error_reason(payload)
        if reason:
            raise PayloadError(reason)
        if not isinstance(payload, dict):
            raise PayloadError(f"expected the Copilot token object, got {describe(payload)}")
        token = text(payload.get("token"))
        if token is None:
            raise PayloadError("the Copilot token exchange returned no `token`")
        fallback = (
            self.default_base_url if request.url == GITHUB_TOKEN_URL else request.url[: -len(TOKEN_PATH)]
        )
        base = handed_off(mapping(payload.get("endpoints")).get("api"), request.url) or fallback
        headers = {**self.extra_headers, "Authorization": "Bearer " + token}
        return Page([], Request(self.url(base), headers=headers))

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        capabilities = mapping(item.get("capabilities"))
        kind = text(capabilities.get("type"))
        if kind is not None and kind != "chat":
            return None
        limits = mapping(capabilities.get("limits"))
        supports = mapping(capabilities.get("supports"))
        efforts = strings(supports.get("reasoning_effort"))
        levels = effort_levels(efforts) if efforts is not None else None
        thinks = (
            bool(levels)
            or supports.get("adaptive_thinking") is True
            or positive_int(supports.get("max_thinking_budget")) is not None
        )
        extra = {key: value for key in ("vendor", "version") if (value := text(item.get(key)))}
        if item.get("preview") is True:
            extra["preview"] = "true"
        return LiveModel(
            id=model_id,
            name=text(item.get("name")),
            context_window=positive_int(limits.get("max_context_window_tokens")),
            max_output=positive_int(limits.get("max_output_tokens")),
            image_input=flag(supports.get("vision")),
            reasoning=True if thinks else None,
            reasoning_levels=levels,
            extra=extra,
        )


ADAPTER = CopilotAdapter()

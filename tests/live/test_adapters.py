"""Every adapter against its real-format fixture: exact records, pagination chains,
auth placement, malformed payloads, unknown keys, and the `knows` contract."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from catwalk.live.adapters import samples
from catwalk.live.adapters.base import Adapter, Page, PayloadError, Request
from catwalk.live.adapters.listing import ListingAdapter
from catwalk.live.adapters.registry import adapter_by_family, all_adapters
from catwalk.live.adapters.samples import fixture_names, load_fixture
from catwalk.live.records import FIELDS, LiveModel

KEY = "test-key-0123456789"
ADAPTERS = all_adapters()
FAMILIES = [adapter.family for adapter in ADAPTERS]
# Every response fixture with what it must parse to (fixtures/<name>.expected.json).
RESPONSES = [name for name in fixture_names() if not name.endswith("-token")]


def adapter(family: str) -> Adapter:
    found = adapter_by_family(family)
    assert found is not None, family
    return found


def signed(family: str) -> bool:
    """A cloud platform's family: its requests are signed by credentials, not keyed."""
    return type(adapter(family)).credentials is not Adapter.credentials


def base_url(adapter: Adapter) -> str:
    return samples.base_url(adapter)


def models_request(adapter: Adapter) -> Request:
    """The request whose response is the family's model list (Copilot: after the
    token exchange)."""
    return samples.request_for(adapter.family)


def parse(family: str, fixture: str | None = None, request: Request | None = None) -> Page:
    chosen = adapter(family)
    name = fixture or family
    return chosen.parse(load_fixture(name), request or request_for_fixture(name))


def fixture_pages(family: str) -> list[str]:
    names = set(fixture_names())
    pages = [name for name in (family, f"{family}-page2", f"{family}-old") if name in names]
    assert pages, f"no fixture for {family}"
    return pages


def set_fields(model: LiveModel) -> set[str]:
    return {name for name in FIELDS if getattr(model, name) is not None}


def expected_models(fixture: str) -> list[LiveModel]:
    return [samples.model_from_json(entry) for entry in samples.load_expected(fixture)["models"]]


family_of = samples.family_of
request_for_fixture = samples.request_for


@pytest.mark.parametrize("fixture", fixture_names())
def test_fixture_parses_into_its_expected_output(fixture: str) -> None:
    """The request, the exact records (extras too) and the next request that the
    fixture's expected file states."""
    expected = samples.load_expected(fixture)
    assert samples.output_of(fixture) == expected
    page = samples.parse_fixture(fixture)
    for got, want in zip(page.models, expected_models(fixture), strict=True):
        assert isinstance(got, LiveModel)
        assert (got, got.extra) == (want, want.extra), f"{fixture}: {got.id}"


def test_every_adapter_has_a_fixture_and_every_fixture_an_expected_output() -> None:
    names = set(fixture_names())
    for family in FAMILIES:
        assert family in names, f"{family} has no fixture"
    for name in names:
        assert samples.expected_text(name) is not None, f"{name} has no expected output"
        assert adapter_of_name(name).family == family_of(name)
    assert samples.main([]) == 0  # the maintainer's --check agrees


def adapter_of_name(name: str) -> Adapter:
    return samples.adapter_of(name)


def test_an_expected_output_that_disagrees_is_named(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    real = samples.expected_text
    monkeypatch.setattr(samples, "expected_text", lambda name: "{}" if name == "groq" else real(name))
    assert samples.main([]) == 1
    assert "fixtures/groq.expected.json differs" in capsys.readouterr().out


@pytest.mark.parametrize("family", FAMILIES)
def test_knows_is_exactly_what_the_fixtures_tell(family: str) -> None:
    """`knows` is a subset of FIELDS; every field a record sets is in `knows`; and every
    field in `knows` is told by at least one fixture record (so no family claims a field
    its parser never reads)."""
    chosen = adapter(family)
    assert chosen.knows <= FIELDS
    told: set[str] = set()
    for fixture in fixture_pages(family):
        for model in parse(family, fixture, request_for_fixture(fixture)).models:
            assert set_fields(model) <= chosen.knows, model.id
            told |= set_fields(model)
    assert told == set(chosen.knows)


def test_prices_carry_no_float_noise() -> None:
    """A per-token string times 1e6 picks up binary noise; the adapters remove it."""
    assert float("0.0000001495") * 1e6 == 0.14950000000000002  # the noise is real
    models = {model.id: model for model in parse("openrouter").models}
    thinking = models["qwen/qwen3-235b-a22b-thinking-2507"]
    assert repr(thinking.cost_in) == "0.1495"
    # A repeating fraction keeps 10 significant digits.
    assert repr(models["google/gemini-2.5-flash"].cost_cache_write) == "0.08333333333"


def test_extras_keep_human_context() -> None:
    xai = {model.id: model for model in parse("xai").models}
    assert xai["grok-4.5"].extra == {"api_id": "grok-4.5-0812", "aliases": "grok-4.5, grok-4.5-latest"}
    mistral = {model.id: model for model in parse("mistral").models}
    assert mistral["open-mistral-7b"].extra["replacement"] == "ministral-8b-latest"
    assert mistral["mistral-medium-latest"].extra["alias_of"] == "mistral-medium-2608"
    assert "alias_of" not in mistral["mistral-medium-2608"].extra
    anthropic_page = parse("anthropic")
    assert anthropic_page.models[0].extra == {"lifecycle": "active", "line": "opus"}
    venice = {model.id: model for model in parse("venice").models}
    assert venice["qwen3-vl-235b-a22b"].extra == {"offline": "true", "beta": "true"}
    neuralwatt = {model.id: model for model in parse("neuralwatt").models}
    assert neuralwatt["deepseek-v4-flash-flex"].extra == {"deprecated": "true"}
    hf = {model.id: model for model in parse("huggingface").models}
    assert hf["Qwen/Qwen3-VL-8B-Instruct:novita"].extra == {"tools": "false"}


# -- pagination --------------------------------------------------------------------


def test_anthropic_pages_follow_the_cursor() -> None:
    chosen = adapter("anthropic")
    first_request = chosen.first_request("https://api.anthropic.com", KEY)
    assert first_request.url == "https://api.anthropic.com/v1/models"
    assert first_request.params == {"limit": "1000"}
    first = chosen.parse(load_fixture("anthropic"), first_request)
    assert first.next == Request(
        "https://api.anthropic.com/v1/models",
        params={"limit": "1000", "after_id": "claude-haiku-4-5-20251001"},
        headers=first_request.headers,
    )
    second = chosen.parse(load_fixture("anthropic-page2"), first.next)
    assert second.next is None
    ids = [model.id for page in (first, second) for model in page.models]
    assert ids == [
        "claude-opus-5",
        "claude-haiku-4-5-20251001",
        "claude-3-7-sonnet-20250219",
        "claude-3-5-haiku-20241022",
    ]


def test_anthropic_has_more_without_last_id_is_malformed() -> None:
    payload = load_fixture("anthropic")
    del payload["last_id"]
    with pytest.raises(PayloadError, match="last_id"):
        adapter("anthropic").parse(payload, models_request(adapter("anthropic")))


def test_a_cursor_that_does_not_move_is_malformed() -> None:
    chosen = adapter("anthropic")
    first = chosen.parse(load_fixture("anthropic"), models_request(chosen))
    assert first.next is not None
    # The server answers page 2's request with page 1 again: same last_id, has_more.
    with pytest.raises(PayloadError, match="did not advance"):
        chosen.parse(load_fixture("anthropic"), first.next)


def test_gemini_pages_follow_next_page_token() -> None:
    chosen = adapter("gemini")
    first_request = chosen.first_request(chosen.default_base_url, KEY)
    assert first_request.url == "https://generativelanguage.googleapis.com/v1beta/models"
    first = chosen.parse(load_fixture("gemini"), first_request)
    assert first.next is not None
    assert first.next.params == {"pageSize": "1000", "pageToken": "Cg5nZW1pbmktZW1iZWQ="}
    assert first.next.headers == first_request.headers
    second = chosen.parse(load_fixture("gemini-page2"), first.next)
    assert second.next is None
    assert [model.id for model in first.models + second.models] == [
        "gemini-3.7-flash",
        "gemini-2.0-flash-001",
    ]


def test_gemini_empty_next_page_token_ends() -> None:
    payload = load_fixture("gemini")
    payload["nextPageToken"] = ""
    assert adapter("gemini").parse(payload, models_request(adapter("gemini"))).next is None


def test_cohere_pages_follow_next_page_token() -> None:
    chosen = adapter("cohere")
    first_request = chosen.first_request(chosen.default_base_url, KEY)
    assert first_request.params == {"page_size": "1000", "endpoint": "chat"}
    first = chosen.parse(load_fixture("cohere"), first_request)
    assert first.next is not None
    assert first.next.params == {"page_size": "1000", "endpoint": "chat", "page_token": "Y29tbWFuZC1yN2I="}
    second = chosen.parse(load_fixture("cohere-page2"), first.next)
    assert second.next is None
    assert [model.id for model in first.models + second.models] == [
        "command-a-03-2025",
        "command-a-vision-07-2025",
        "command-r7b-12-2024",
    ]
    assert second.models[0].extra == {"deprecated": "true"}


def test_cohere_lists_on_the_native_api_beside_the_compatibility_base() -> None:
    chosen = adapter("cohere")
    assert chosen.url("https://api.cohere.ai/compatibility/v1") == "https://api.cohere.ai/v1/models"
    assert chosen.url("https://api.cohere.com/v2/") == "https://api.cohere.com/v1/models"
    assert chosen.url("http://127.0.0.1:8123") == "http://127.0.0.1:8123/v1/models"


def test_fireworks_pages_and_catalogue_url() -> None:
    chosen = adapter("fireworks")
    request = chosen.first_request("https://api.fireworks.ai/inference/v1", KEY)
    assert request.url == "https://api.fireworks.ai/v1/accounts/fireworks/models"
    assert request.params == {"pageSize": "200", "filter": "supports_serverless=true"}
    assert chosen.url("http://127.0.0.1:8123") == "http://127.0.0.1:8123/v1/accounts/fireworks/models"
    assert chosen.url("http://127.0.0.1:8123/v1/") == "http://127.0.0.1:8123/v1/accounts/fireworks/models"
    payload = load_fixture("fireworks")
    payload["nextPageToken"] = "page-2-token"
    page = chosen.parse(payload, request)
    assert page.next is not None
    assert page.next.params["pageToken"] == "page-2-token"
    assert chosen.parse(load_fixture("fireworks"), request).next is None


def test_openrouter_follows_links_next_on_the_same_host() -> None:
    chosen = adapter("openrouter")
    request = chosen.first_request("http://127.0.0.1:9999/api/v1", None)
    payload = load_fixture("openrouter")
    payload["links"] = {"next": "/api/v1/models?offset=12&limit=12"}
    payload["total_count"] = 24
    page = chosen.parse(payload, request)
    assert page.next == Request("http://127.0.0.1:9999/api/v1/models", params={"offset": "12", "limit": "12"})
    payload["links"] = {"next": None}
    assert chosen.parse(payload, request).next is None


def test_openrouter_next_link_to_another_host_is_refused() -> None:
    """A response must never send the key to another host."""
    chosen = adapter("openrouter")
    request = chosen.first_request("https://openrouter.ai/api/v1", KEY)
    payload = load_fixture("openrouter")
    payload["links"] = {"next": "https://attacker.example/api/v1/models?offset=12"}
    with pytest.raises(PayloadError, match="another host"):
        chosen.parse(payload, request)


def test_openrouter_next_link_to_itself_is_malformed() -> None:
    chosen = adapter("openrouter")
    request = Request("https://openrouter.ai/api/v1/models", params={"offset": "12", "limit": "12"})
    payload = {"data": [{"id": "a/b"}], "links": {"next": "/api/v1/models?offset=12&limit=12"}}
    with pytest.raises(PayloadError, match="did not advance"):
        chosen.parse(payload, request)


# -- Copilot's two steps --------------------------------------------------------------


def test_copilot_exchanges_the_github_token_first() -> None:
    chosen = adapter("copilot")
    first = chosen.first_request("https://api.githubcopilot.com", "gho_example")
    assert first.url == "https://api.github.com/copilot_internal/v2/token"
    assert first.headers["Authorization"] == "token gho_example"
    assert first.headers["Copilot-Integration-Id"] == "vscode-chat"
    page = chosen.parse(load_fixture("copilot-token"), first)
    assert page.models == []
    assert page.next is not None
    # The enterprise/business API host named by the exchange is used.
    assert page.next.url == "https://api.business.githubcopilot.com/models"
    token = load_fixture("copilot-token")["token"]
    assert page.next.headers["Authorization"] == "Bearer " + token
    assert token not in page.next.url and not page.next.params


def test_copilot_with_an_overridden_base_uses_it_for_both_steps() -> None:
    chosen = adapter("copilot")
    first = chosen.first_request("http://127.0.0.1:8765/", "gho_example")
    assert first.url == "http://127.0.0.1:8765/copilot_internal/v2/token"
    page = chosen.parse(load_fixture("copilot-token"), first)
    assert page.next is not None
    assert page.next.url == "http://127.0.0.1:8765/models"


@pytest.mark.parametrize(
    "api",
    ["https://evil.example", "http://api.githubcopilot.com", "https://githubcopilot.com.evil.example", 7],
)
def test_copilot_never_sends_the_token_to_a_foreign_host(api: Any) -> None:
    chosen = adapter("copilot")
    first = chosen.first_request(chosen.default_base_url, "gho_example")
    payload = {"token": "tid=abc", "endpoints": {"api": api}}
    page = chosen.parse(payload, first)
    assert page.next is not None
    assert page.next.url == "https://api.githubcopilot.com/models"


@pytest.mark.parametrize("payload", [{}, {"token": ""}, {"token": None}, [], "<html>"])
def test_copilot_exchange_without_a_token_is_malformed(payload: Any) -> None:
    chosen = adapter("copilot")
    with pytest.raises(PayloadError):
        chosen.parse(payload, chosen.first_request(chosen.default_base_url, "gho_example"))


# -- requests and auth ----------------------------------------------------------------


def first_fixture(family: str) -> str:
    """The fixture answering the family's first request (Copilot: its token exchange)."""
    names = set(fixture_names())
    return f"{family}-token" if f"{family}-token" in names else family


@pytest.mark.parametrize("family", FAMILIES)
def test_the_key_travels_only_in_headers(family: str) -> None:
    if signed(family):
        pytest.skip("a cloud platform sends no key (tests/live/test_cloud.py)")
    chosen = adapter(family)
    stated = samples.load_expected(first_fixture(family))["request"]
    request = chosen.first_request(base_url(chosen), KEY)
    assert request.method == "GET"
    assert request.headers == {
        name: value.replace(samples.SAMPLE_KEY, KEY) for name, value in stated["headers"].items()
    }
    assert any(KEY in value for value in request.headers.values())
    assert KEY not in request.url
    assert KEY not in json.dumps(request.params)
    without = chosen.first_request(base_url(chosen), None)
    assert KEY not in json.dumps(without.headers)
    assert not any(
        name.lower() in ("authorization", "x-api-key", "x-goog-api-key") for name in without.headers
    )


@pytest.mark.parametrize("family", FAMILIES)
def test_first_request_url_from_the_default_base(family: str) -> None:
    chosen = adapter(family)
    url = samples.load_expected(first_fixture(family))["request"]["url"]
    assert url.startswith("https://")
    assert chosen.first_request(base_url(chosen), KEY).url == url
    # A trailing slash on the base (as users write --endpoint) changes nothing.
    assert chosen.first_request(base_url(chosen) + "/", KEY).url == url


def test_public_listings_need_no_key() -> None:
    public = {chosen.family for chosen in ADAPTERS if not chosen.requires_key}
    assert public == {
        "openrouter",
        "vercel",
        "huggingface",
        "chutes",
        "synthetic",
        "cortecs",
        "aihubmix",
        "avian",
        "ionet",
        "neuralwatt",
        "atlascloud",
        # The cloud platforms sign with credentials instead (tests/live/test_cloud.py).
        "bedrock",
        "vertex",
    }


def test_copilot_names_where_its_key_comes_from() -> None:
    home = adapter("copilot").homes["copilot"]
    assert home.keys == ("COPILOT_GITHUB_TOKEN",)
    # The token exchange is on GitHub's API; the model list on a Copilot host of any plan.
    assert home.hosts == ("api.github.com", "*.githubcopilot.com")


# -- wrong shapes -----------------------------------------------------------------------


HTML = "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body></body></html>"


def listing(chosen: Adapter, request: Request) -> tuple[str | None, str]:
    assert isinstance(chosen, ListingAdapter), chosen.family
    return chosen.listing(request)


def wrong_shapes(chosen: Adapter) -> list[Any]:
    items_key, _ = listing(chosen, models_request(chosen))
    shapes: list[Any] = [None, 42, 1.5, True, "", HTML, "plain text", {"unrelated": 1}]
    if items_key is None:
        shapes += [{"data": []}, {"models": [{"id": "x"}]}, [1, 2, 3], [{"no_id": True}], ["a", "b"]]
    else:
        shapes += [
            [],
            [{"id": "x", "name": "models/x"}],
            {},
            {items_key: "not a list"},
            {items_key: {"id": "x"}},
            {items_key: None},
            {items_key: [1, 2, 3]},
            {items_key: [{"unrelated": True}, None, []]},
        ]
    return shapes


@pytest.mark.parametrize("family", FAMILIES)
def test_wrong_shapes_raise_payload_error(family: str) -> None:
    chosen = adapter(family)
    request = models_request(chosen)
    for payload in wrong_shapes(chosen):
        with pytest.raises(PayloadError) as caught:
            chosen.parse(payload, request)
        assert str(caught.value), f"{family}: empty reason for {payload!r}"


@pytest.mark.parametrize("family", FAMILIES)
def test_html_page_is_named_in_the_reason(family: str) -> None:
    chosen = adapter(family)
    with pytest.raises(PayloadError, match="HTML page"):
        chosen.parse(HTML, models_request(chosen))


@pytest.mark.parametrize(
    "payload",
    [
        {
            "error": {
                "message": "Incorrect API key provided: sk-proj-abcdefghijklmnopqrstuvwxyz123456",
                "code": 401,
            }
        },
        {"type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key"}},
        {"object": "error", "message": "Unauthorized", "type": "invalid_request_error"},
        {"code": "Client specified an invalid argument", "error": "Incorrect API key provided: xai-***"},
    ],
)
def test_error_objects_sent_with_success_status(payload: Any) -> None:
    for chosen in ADAPTERS:
        with pytest.raises(PayloadError, match="the API returned an error") as caught:
            chosen.parse(payload, models_request(chosen))
        assert "sk-proj-abcdefghijklmnopqrstuvwxyz123456" not in str(caught.value)


@pytest.mark.parametrize("family", FAMILIES)
def test_empty_list_is_a_valid_empty_page(family: str) -> None:
    chosen = adapter(family)
    items_key, _ = listing(chosen, models_request(chosen))
    payload: Any = [] if items_key is None else {items_key: []}
    page = chosen.parse(payload, models_request(chosen))
    assert page.models == []


# -- tolerance --------------------------------------------------------------------------


def with_unknown_keys(value: Any) -> Any:
    """The value with an unknown key added to every object, at every depth."""
    if isinstance(value, dict):
        result = {key: with_unknown_keys(item) for key, item in value.items()}
        result["zz_added_in_2027"] = {"nested": [1, "two", None], "flag": True}
        return result
    if isinstance(value, list):
        return [with_unknown_keys(item) for item in value]
    return value


@pytest.mark.parametrize("fixture", RESPONSES)
def test_unknown_keys_are_ignored(fixture: str) -> None:
    family = family_of(fixture)
    chosen = adapter(family)
    payload = with_unknown_keys(load_fixture(fixture))
    page = chosen.parse(payload, request_for_fixture(fixture))
    assert page.models == expected_models(fixture)


@pytest.mark.parametrize("fixture", RESPONSES)
def test_malformed_items_are_skipped_not_fatal(fixture: str) -> None:
    family = family_of(fixture)
    chosen = adapter(family)
    payload = copy.deepcopy(load_fixture(fixture))
    items_key, _ = listing(chosen, request_for_fixture(fixture))
    junk: list[Any] = [None, 7, "text", [], {"id": None}, {"id": ""}, {"name": 5}, {"id": ["x"]}]
    if isinstance(payload, list):
        payload = junk + payload
    else:
        payload[items_key] = junk + payload[items_key]
    assert chosen.parse(payload, request_for_fixture(fixture)).models == expected_models(fixture)


@pytest.mark.parametrize("fixture", RESPONSES)
def test_missing_optional_keys_leave_fields_unknown(fixture: str) -> None:
    """Each item stripped to its id alone parses into a record with nothing but an id
    (never a zero or a False invented for a key the response did not carry)."""
    family = family_of(fixture)
    chosen = adapter(family)
    payload = copy.deepcopy(load_fixture(fixture))
    items_key, id_key = listing(chosen, request_for_fixture(fixture))
    items = payload if isinstance(payload, list) else payload[items_key]
    stripped = [{id_key: item[id_key]} for item in items if isinstance(item, dict) and id_key in item]
    if isinstance(payload, list):
        payload = stripped
    else:
        paging = ("has_more", "nextPageToken", "next_page_token")
        payload = {key: value for key, value in payload.items() if key not in paging}
        payload[items_key] = stripped
    page = chosen.parse(payload, request_for_fixture(fixture))
    if fixture in ("huggingface", "bedrock"):
        # A Hugging Face record exists only per live provider entry, a Bedrock foundation
        # model only when it says it is invocable on demand (else its profiles list it).
        assert page.models == []
        return
    assert page.models, fixture
    for model in page.models:
        assert set_fields(model) == set(), f"{fixture}: {model}"


def test_zero_token_limits_are_unknown() -> None:
    chosen = adapter("anthropic")
    payload = {"data": [{"id": "claude-x", "display_name": "X", "max_input_tokens": 0, "max_tokens": None}]}
    (model,) = chosen.parse(payload, models_request(chosen)).models
    assert model.context_window is None and model.max_output is None


def test_variable_and_negative_prices_are_unknown() -> None:
    chosen = adapter("openrouter")
    payload = {
        "data": [
            {"id": "a/var", "pricing": {"prompt": "-1", "completion": "-1", "input_cache_read": "-0.5"}},
            {"id": "a/bad", "pricing": {"prompt": "n/a", "completion": None, "input_cache_write": "NaN"}},
            {"id": "a/free", "pricing": {"prompt": "0", "completion": "0.0"}},
        ]
    }
    models = {model.id: model for model in chosen.parse(payload, models_request(chosen)).models}
    assert models["a/var"].cost_in is None and models["a/var"].cost_out is None
    assert models["a/var"].cost_cache_read is None
    assert models["a/bad"].cost_in is None and models["a/bad"].cost_cache_write is None
    assert models["a/free"].cost_in == 0.0 and models["a/free"].cost_out == 0.0


def test_duplicate_ids_first_wins() -> None:
    page = parse("copilot")
    (gpt5_mini,) = [model for model in page.models if model.id == "gpt-5-mini"]
    assert gpt5_mini.name == "GPT-5 mini"
    assert gpt5_mini.context_window == 264_000

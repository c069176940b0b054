"""The adapter contract: pure request building and response parsing, no I/O.

The fetch layer calls `first_request`, sends it, hands the decoded JSON to `parse`, and
follows `Page.next` until it is None. Secrets travel only in `Request.headers`, which the
fetch layer never logs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, ClassVar

from catwalk.homes import Home
from catwalk.live.records import FIELDS, LiveModel

if TYPE_CHECKING:
    from catwalk.live.credentials import Credentials


class PayloadError(ValueError):
    """The response is JSON but not the shape this API family returns (the provider is
    then "unknown", never "drifted")."""


@dataclass(frozen=True)
class Request:
    url: str
    params: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    method: str = "GET"
    # What earlier answers told the adapter, for an API whose facts span two listings
    # (Bedrock's models and its inference profiles); never sent, never recorded.
    carry: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Page:
    models: list[LiveModel]
    next: Request | None = None


class Adapter:
    """Subclass per API family; override `parse` (and `first_request` when the family
    does not use `GET {base}{path}` with a bearer key)."""

    family: ClassVar[str]
    # The providers this family serves, by id, with where each one's API and key live
    # (catwalk.homes): the fetch layer sends a key to no other host. `provider_ids` is
    # derived from it; a provider of an unlisted id is found by its type.
    homes: ClassVar[dict[str, Home]] = {}
    provider_ids: ClassVar[tuple[str, ...]] = ()
    provider_types: ClassVar[tuple[str, ...]] = ()
    # Used when the provider file's api_endpoint is an environment reference or absent.
    default_base_url: ClassVar[str]
    path: ClassVar[str] = "/models"
    # The LiveModel fields this API can tell (subset of records.FIELDS).
    knows: ClassVar[frozenset[str]] = frozenset()
    requires_key: ClassVar[bool] = True
    key_header: ClassVar[str] = "Authorization"
    key_prefix: ClassVar[str] = "Bearer "
    extra_headers: ClassVar[dict[str, str]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Homes are never inherited: a subclass serves only the providers it names.
        if "homes" not in cls.__dict__:
            cls.homes = {}
        cls.provider_ids = tuple(cls.homes)

    def url(self, base_url: str) -> str:
        return base_url.rstrip("/") + self.path

    def auth_headers(self, api_key: str | None) -> dict[str, str]:
        headers = dict(self.extra_headers)
        if api_key:
            headers[self.key_header] = self.key_prefix + api_key
        return headers

    def first_request(self, base_url: str, api_key: str | None) -> Request:
        return Request(self.url(base_url), headers=self.auth_headers(api_key))

    def home_base_url(self, data: Mapping[str, Any], environ: Mapping[str, str]) -> str:
        """The base URL when neither the operator nor the file names one: a cloud
        platform's is regional (the region from the environment or the file)."""
        return str(getattr(self, "default_base_url", "") or "")

    def credentials(
        self, data: Mapping[str, Any], environ: Mapping[str, str], base_url: str
    ) -> Credentials | None:
        """A cloud platform's request signer (AWS SigV4, Google OAuth), built from the
        operator's environment, in place of an API key; None for a keyed family.
        Raises `catwalk.live.trust.Refused` saying what is missing (the provider is
        then skipped with that reason)."""
        return None

    def parse(self, payload: Any, request: Request) -> Page:
        raise NotImplementedError

    def keep_known(self, model: LiveModel) -> LiveModel:
        """The record with every field outside `knows` cleared, so a subclass that
        narrows `knows` can never leak a field its API does not carry."""
        unknown: dict[str, Any] = {
            name: None for name in FIELDS - self.knows if getattr(model, name) is not None
        }
        return replace(model, **unknown) if unknown else model

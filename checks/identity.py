"""Provider identity: the id matches the file name and is unique across the database."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from catwalk.document import Database, ProviderFile
from catwalk.rules import Hit, rule


@rule("CW201", "provider-id-mismatch")
def provider_id_mismatch(pf: ProviderFile) -> Iterator[Hit]:
    """The provider `id` differs from the file name.

    One file per provider, named after its id, is how contributors find a provider and
    how reviewers spot two files claiming the same id.

    ## How to fix
    Rename the file to `<id>.json`, or correct the id.

    ## Example
    Bad: `kimi.json` containing `"id": "kimi-coding"`
    Good: `kimi-coding.json` containing `"id": "kimi-coding"`
    """
    provider_id = pf.provider_id
    if provider_id and pf.path.suffix == ".json" and provider_id != pf.stem:
        yield Hit(
            "/id",
            f"provider id {provider_id!r} does not match the file name {pf.path.name!r}; "
            f"rename the file to {provider_id}.json",
        )


@rule("CW202", "duplicate-provider-id", scope="database")
def duplicate_provider_id(db: Database) -> Iterator[Hit]:
    """Two provider files declare the same `id`.

    Crush keys providers by id; one of the two would silently replace the other.

    ## How to fix
    Give each provider its own id, or merge the files.

    ## Example
    Bad: `bedrock.json` and `bedrock-united-states.json` both with `"id": "bedrock"`
    Good: `"id": "bedrock"` in `bedrock.json` only
    """
    holders: dict[str, list[ProviderFile]] = defaultdict(list)
    for pf in db.files:
        if pf.provider_id:
            holders[pf.provider_id].append(pf)
    for provider_id, files in holders.items():
        if len(files) > 1:
            for pf in files:
                others = ", ".join(o.display for o in files if o is not pf)
                yield Hit("/id", f"provider id {provider_id!r} is also declared in {others}", file=pf)

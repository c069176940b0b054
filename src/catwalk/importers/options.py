"""The options every catalogue importer shares, and turning them into provider files.

Two ways to choose what to produce:
- from the metadata table (`catwalk.importers.metadata`): every provider whose primary
  source is this catalogue, or the ones named with `--only ID`;
- ad hoc: `--provider KEY` plus `--id`, `--name`, `--type`, `--endpoint`, `--api-key`,
  `--large`, `--small` describe a provider the table does not know.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import re
import sys
from pathlib import Path

from catwalk.errors import UsageError
from catwalk.importers import SOURCES, Imported
from catwalk.importers.build import ProviderSpec, SourceRef, build
from catwalk.importers.records import Catalogue
from catwalk.secrets import is_env_reference

AD_HOC = ("id", "name", "type", "endpoint", "api_key", "large", "small")


def add_arguments(parser: argparse.ArgumentParser, source: str) -> None:
    parser.add_argument(
        "file",
        nargs="?",
        type=Path,
        metavar="FILE",
        help=f"the {source} file (default: the one in the reference directory)",
    )
    parser.add_argument(
        "--reference",
        type=Path,
        metavar="DIR",
        help="reference directory holding litellm/, genai-prices/ and openrouter/ "
        "(default: $CATWALK_REFERENCE, else ../shared/reference)",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="ID[,ID]",
        help="produce only these providers of the metadata table",
    )
    parser.add_argument(
        "--no-merge", action="store_true", help="use this catalogue alone, ignore the secondary sources"
    )
    parser.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="import date: models retired on or before it are left out (default: today, UTC)",
    )
    parser.add_argument(
        "--list", action="store_true", help="list the catalogue's provider keys and chat model counts"
    )
    adhoc = parser.add_argument_group("a provider the metadata table does not know")
    adhoc.add_argument("--provider", metavar="KEY", help=f"the {source} provider key to import")
    adhoc.add_argument("--id", metavar="ID", help="Catwalk provider id (also the file name)")
    adhoc.add_argument("--name", metavar="NAME", help="display name (default: the id)")
    adhoc.add_argument("--type", metavar="TYPE", help="provider type (default: openai-compat)")
    adhoc.add_argument("--endpoint", metavar="URL", help="API base URL (https://...) or $ENV reference")
    adhoc.add_argument("--api-key", metavar="$ENV", help="environment reference holding the key")
    adhoc.add_argument("--large", metavar="MODEL", help="default large model id")
    adhoc.add_argument("--small", metavar="MODEL", help="default small model id")
    adhoc.add_argument(
        "--include", action="append", default=[], metavar="REGEX", help="keep only matching model ids"
    )
    adhoc.add_argument(
        "--exclude", action="append", default=[], metavar="REGEX", help="leave out matching model ids"
    )
    adhoc.add_argument(
        "--merge",
        action="append",
        default=[],
        metavar="SOURCE:KEY",
        help="also fill gaps from this catalogue key, e.g. openrouter:mistralai",
    )
    adhoc.add_argument("--free", action="store_true", help="the provider really serves models at price 0")


def _as_of(value: str | None) -> str:
    if value is None:
        return datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"--as-of: not a YYYY-MM-DD date: {value!r}") from None


def _source_ref(text: str) -> SourceRef:
    source, sep, key = text.partition(":")
    if not sep or not key or source not in SOURCES or source == "catwalk":
        known = ", ".join(s for s in SOURCES if s != "catwalk")
        raise UsageError(f"--merge: expected SOURCE:KEY with SOURCE one of {known}, got {text!r}")
    return SourceRef(source, key)


def ad_hoc_spec(source: str, args: argparse.Namespace) -> ProviderSpec:
    from catwalk.model import ProviderType

    missing = [f"--{n.replace('_', '-')}" for n in ("id", "large", "small") if not getattr(args, n)]
    if missing:
        raise UsageError(f"--provider needs {', '.join(missing)}")
    kind = args.type or ProviderType.OPENAI_COMPAT.value
    if kind not in {t.value for t in ProviderType}:
        raise UsageError(f"--type: unknown provider type {kind!r}")
    if not re.match(r"^[a-z0-9][a-z0-9._-]*$", args.id):
        raise UsageError(f"--id: {args.id!r} is not a provider id (lowercase letters, digits, . _ -)")
    if args.api_key and not is_env_reference(args.api_key):
        # Never echo the value: it may be a real key.
        raise UsageError("--api-key must be an environment reference such as '$MISTRAL_API_KEY'")
    endpoint = args.endpoint or ""
    if endpoint and not (endpoint.startswith("https://") or is_env_reference(endpoint)):
        raise UsageError(f"--endpoint must be an https:// URL or an environment reference, got {endpoint!r}")
    return ProviderSpec(
        id=args.id,
        name=args.name or args.id,
        type=kind,
        api_endpoint=endpoint,
        api_key=args.api_key or "",
        default_large=args.large,
        default_small=args.small,
        sources=(SourceRef(source, args.provider), *(_source_ref(m) for m in args.merge)),
        include=tuple(args.include),
        exclude=tuple(args.exclude),
        free=args.free,
        exclude_reason="--exclude",
    )


def table_specs(source: str, args: argparse.Namespace) -> list[ProviderSpec]:
    from catwalk.importers.metadata import PROVIDERS

    stray = [f"--{n.replace('_', '-')}" for n in AD_HOC if getattr(args, n)]
    if stray or args.include or args.exclude or args.merge or args.free:
        given = ", ".join(stray) or "--include/--exclude/--merge/--free"
        raise UsageError(f"{given}: options for a provider outside the metadata table; add --provider KEY")
    by_id = {spec.id: spec for spec in PROVIDERS}
    wanted = [i.strip() for chunk in args.only for i in chunk.split(",") if i.strip()]
    unknown = [i for i in wanted if i not in by_id]
    if unknown:
        raise UsageError(f"--only: not in the metadata table: {', '.join(unknown)}")
    for provider_id in wanted:
        owner = by_id[provider_id].primary.source
        if owner != source:
            raise UsageError(f"--only: {provider_id} is produced by `catwalk import {owner}`")
    return [s for s in PROVIDERS if s.primary.source == source and (not wanted or s.id in wanted)]


def load_catalogue(source: str, path: Path) -> Catalogue:
    module = importlib.import_module(SOURCES[source])
    catalogue: Catalogue = module.load(path)
    return catalogue


def convert(source: str, args: argparse.Namespace) -> list[Imported]:
    from catwalk.importers import reference

    as_of = _as_of(args.as_of)
    directory = args.reference or reference.default_directory()
    path = args.file or reference.source_file(directory, source)
    catalogues = {source: load_catalogue(source, path)}
    if args.list:
        for key, count in catalogues[source].keys().items():
            print(f"{key}\t{count} chat models")
        return []
    specs = [ad_hoc_spec(source, args)] if args.provider else table_specs(source, args)
    if not args.no_merge:
        for ref in {ref.source for spec in specs for ref in spec.sources} - set(catalogues):
            catalogues[ref] = load_catalogue(ref, reference.source_file(directory, ref))
    if not specs:
        print(f"no provider in the metadata table is imported from {source}", file=sys.stderr)
    return [build(spec, catalogues, as_of, merge_sources=not args.no_merge) for spec in specs]

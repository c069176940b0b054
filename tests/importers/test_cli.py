"""`catwalk import litellm|genai-prices|openrouter` end to end, on the fixture excerpts."""

from __future__ import annotations

import json
from pathlib import Path

from catwalk import canonical
from catwalk_testing import run_catwalk

from .conftest import AS_OF, FIXTURE_REFERENCE

REF = ["--reference", str(FIXTURE_REFERENCE), "--as-of", AS_OF]


def imported(tmp_path: Path, *args: str) -> dict[str, dict]:
    result = run_catwalk("import", *args, *REF, "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return {p.stem: json.loads(p.read_text("utf-8")) for p in sorted(tmp_path.glob("*.json"))}


def assert_canonical_and_clean(directory: Path) -> None:
    for path in directory.glob("*.json"):
        text = path.read_text("utf-8")
        assert text == canonical.dumps(json.loads(text)), f"{path.name} is not in canonical form"
    check = run_catwalk("check", directory, "--format", "json")
    report = json.loads(check.stdout)
    assert report["summary"]["findings"]["error"] == 0, report["findings"]
    assert check.returncode == 0


def test_litellm_import_from_the_metadata_table(tmp_path: Path) -> None:
    files = imported(tmp_path, "litellm", "--only", "mistral,databricks")
    assert set(files) == {"mistral", "databricks"}
    mistral = files["mistral"]
    assert mistral["api_endpoint"] == "https://api.mistral.ai/v1"
    assert mistral["api_key"] == "$MISTRAL_API_KEY"
    models = {m["id"]: m for m in mistral["models"]}
    # gone: embedding (not chat), zero prices (unknown), retired 2026-10-31, deprecated per genai-prices
    assert set(models) == {"codestral-2508", "devstral-latest", "mistral-medium-3", "mistral-small-latest"}
    codestral = models["codestral-2508"]
    assert (codestral["cost_per_1m_in"], codestral["cost_per_1m_out"]) == (0.3, 0.9)
    assert (codestral["cost_per_1m_in_cached"], codestral["cost_per_1m_out_cached"]) == (0, 0.03)
    assert codestral["name"] == "Codestral 2508"  # from OpenRouter; LiteLLM has no names
    assert codestral["default_max_tokens"] == 12800  # no real output limit: a tenth of 128000
    # LiteLLM's 1.5/7.5 is contradicted by OpenRouter and genai-prices, which agree on 0.4/2
    assert (models["mistral-medium-3"]["cost_per_1m_in"], models["mistral-medium-3"]["cost_per_1m_out"]) == (
        0.4,
        2,
    )
    assert models["devstral-latest"]["reasoning_levels"] == ["none", "high"]
    haiku = next(m for m in files["databricks"]["models"] if m["id"] == "databricks-claude-haiku-4-5")
    # 1.24999 and 0.10003 in LiteLLM: DBU conversion noise, snapped to the eighth of a cent
    assert (haiku["cost_per_1m_in_cached"], haiku["cost_per_1m_out_cached"]) == (1.25, 0.1)
    assert files["databricks"]["api_endpoint"] == "$DATABRICKS_API_BASE"
    assert_canonical_and_clean(tmp_path)


def test_genai_prices_import_merges_litellm_capabilities(tmp_path: Path) -> None:
    ovh = imported(tmp_path, "genai-prices")["ovhcloud"]
    models = {m["id"]: m for m in ovh["models"]}
    assert not any(i.startswith("bge-") for i in models)  # embeddings: no output price
    big = models["gpt-oss-120b"]
    assert (big["cost_per_1m_in"], big["cost_per_1m_out"]) == (0.09, 0.47)  # genai-prices wins
    assert big["context_window"] == 131072
    assert big["can_reason"] is True  # only LiteLLM says so
    assert_canonical_and_clean(tmp_path)


def test_openrouter_import_of_a_vendor(tmp_path: Path) -> None:
    perplexity = imported(tmp_path, "openrouter")["perplexity"]
    ids = [m["id"] for m in perplexity["models"]]
    assert ids == ["sonar", "sonar-deep-research", "sonar-pro", "sonar-reasoning-pro"]  # no sonar-pro-search
    sonar_pro = perplexity["models"][2]
    assert (sonar_pro["name"], sonar_pro["cost_per_1m_in"], sonar_pro["cost_per_1m_out"]) == (
        "Sonar Pro",
        3,
        15,
    )
    assert sonar_pro["default_max_tokens"] == 4000  # half its 8000-token output limit
    assert_canonical_and_clean(tmp_path)


def test_ad_hoc_router_import(tmp_path: Path) -> None:
    files = imported(
        tmp_path,
        "openrouter",
        "--provider",
        "*",
        "--id",
        "router",
        "--name",
        "Router",
        "--type",
        "openrouter",
        "--endpoint",
        "https://openrouter.ai/api/v1",
        "--api-key",
        "$OPENROUTER_API_KEY",
        "--large",
        "anthropic/claude-sonnet-4.6",
        "--small",
        "anthropic/claude-haiku-4.5",
    )
    router = files["router"]
    ids = {m["id"] for m in router["models"]}
    assert "anthropic/claude-sonnet-4.6" in ids and "perplexity/sonar" in ids
    assert "openrouter/auto" not in ids  # price "-1"
    assert "deepseek/deepseek-v4-flash:free" not in ids  # 0/0 is not a known price
    sonnet = next(m for m in router["models"] if m["id"] == "anthropic/claude-sonnet-4.6")
    assert (sonnet["cost_per_1m_in_cached"], sonnet["cost_per_1m_out_cached"]) == (3.75, 0.3)
    assert_canonical_and_clean(tmp_path)


def test_reimport_is_unchanged_and_dry_run_writes_nothing(tmp_path: Path) -> None:
    imported(tmp_path, "openrouter")
    again = run_catwalk("import", "openrouter", *REF, "-o", tmp_path)
    assert again.returncode == 0 and again.stdout.startswith(f"unchanged {tmp_path / 'perplexity.json'}")
    fresh = tmp_path / "fresh"
    dry = run_catwalk("import", "openrouter", *REF, "-o", fresh, "--dry-run")
    assert dry.returncode == 0 and "would write" in dry.stdout
    assert not fresh.exists()


def test_the_change_log_names_skipped_models_and_why(tmp_path: Path) -> None:
    result = run_catwalk("import", "litellm", "--only", "mistral", *REF, "-o", tmp_path)
    assert "`zai-glm-5-2` skipped: litellm retires it on 2026-10-31" in result.stdout
    assert "`mistral-tiny` skipped: genai-prices marks it deprecated" in result.stdout


def test_list_shows_provider_keys(tmp_path: Path) -> None:
    result = run_catwalk("import", "litellm", "--list", *REF, "-o", tmp_path)
    assert result.returncode == 0
    assert "mistral\t7 chat models" in result.stdout.splitlines()
    assert not tmp_path.joinpath("mistral.json").exists()


def usage_error(*args: str | Path) -> str:
    result = run_catwalk("import", *args)
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    return result.stderr


def test_a_literal_api_key_is_refused_and_never_echoed(tmp_path: Path) -> None:
    secret = "sk-live-0123456789abcdef0123456789abcdef"
    err = usage_error(
        "litellm",
        *REF,
        "--provider",
        "mistral",
        "--id",
        "m",
        "--large",
        "a",
        "--small",
        "b",
        "--api-key",
        secret,
    )
    assert "--api-key must be an environment reference" in err
    assert secret not in err


def test_usage_errors_are_located(tmp_path: Path) -> None:
    assert "perplexity is produced by `catwalk import openrouter`" in usage_error(
        "litellm", *REF, "--only", "perplexity"
    )
    assert "not in the metadata table: nope" in usage_error("litellm", *REF, "--only", "nope")
    assert "litellm has no provider 'nope'" in usage_error(
        "litellm", *REF, "--provider", "nope", "--id", "x", "--large", "a", "--small", "b"
    )
    assert "--provider needs --id, --large, --small" in usage_error("litellm", *REF, "--provider", "mistral")
    assert "add --provider KEY" in usage_error("litellm", *REF, "--large", "x")
    missing = usage_error("genai-prices", "--reference", tmp_path)
    assert f"no genai-prices file at {tmp_path / 'genai-prices' / 'data.json'}" in missing
    broken = tmp_path / "broken.json"
    broken.write_text('{"a": 1,\n  oops}', "utf-8")
    assert f"{broken}:2:3: invalid JSON" in usage_error("litellm", broken, *REF)
    wrong_shape = tmp_path / "list.json"
    wrong_shape.write_text("[]", "utf-8")
    assert "not a LiteLLM price map" in usage_error("litellm", wrong_shape, *REF)
    assert "not a YYYY-MM-DD date" in usage_error(
        "litellm", "--as-of", "yesterday", "--reference", str(FIXTURE_REFERENCE)
    )
    assert "--merge: expected SOURCE:KEY" in usage_error(
        "litellm",
        *REF,
        "--provider",
        "mistral",
        "--id",
        "x",
        "--large",
        "a",
        "--small",
        "b",
        "--merge",
        "nowhere",
    )

"""`catwalk coverage`: which sources verify which facts, per provider."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from catwalk.paths import provider_files
from catwalk_testing import MINIMAL_PROVIDER, REPO
from deep.snapshots import litellm_entry, modelsdev_model, write_snapshots

Cli = Callable[..., subprocess.CompletedProcess[str]]


def test_every_provider_of_the_database_is_listed_with_each_group(catwalk_cli: Cli) -> None:
    result = catwalk_cli("coverage", "--format", "json", cwd=REPO)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    ids = {json.loads(p.read_text("utf-8"))["id"] for p in provider_files(REPO / "providers")}
    assert {item["provider"] for item in report["providers"]} == ids
    groups = {"ids", "prices", "cache prices", "limits", "image input", "reasoning", "levels"}
    assert all(set(item["groups"]) == groups for item in report["providers"])
    assert {s["source"] for s in report["snapshots"]} == {
        "litellm",
        "genai-prices",
        "openrouter",
        "models.dev",
    }
    by_id = {item["provider"]: item for item in report["providers"]}
    # OpenRouter's listing API tells prices; Bedrock's tells ids and image input, and its
    # prices are verified by the catalogues alone.
    assert by_id["openrouter"]["groups"]["prices"]["live"] == "openrouter"
    assert by_id["bedrock"]["live"] == "bedrock"
    assert by_id["bedrock"]["groups"]["image input"]["live"] == "bedrock"
    assert by_id["bedrock"]["groups"]["prices"]["live"] is None
    assert by_id["bedrock"]["groups"]["prices"]["verified"]
    assert by_id["perplexity"]["live"].startswith("none: Perplexity publishes no model-listing endpoint")


def test_a_provider_nothing_verifies_is_named(tmp_path: Path, catwalk_cli: Cli) -> None:
    snapshots = write_snapshots(
        tmp_path / "snapshots",
        litellm={"model-large": litellm_entry("example", input_cost_per_token=1, output_cost_per_token=2)},
    )
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.catwalk.settings]\nsnapshot-dir = "{snapshots}"\n', encoding="utf-8"
    )
    data = tmp_path / "providers"
    data.mkdir()
    (data / "example.json").write_text(json.dumps(MINIMAL_PROVIDER), encoding="utf-8")
    unknown = {**MINIMAL_PROVIDER, "id": "unknown-one"}
    (data / "unknown-one.json").write_text(json.dumps(unknown), encoding="utf-8")
    report = json.loads(catwalk_cli("coverage", "providers", "--format", "json", cwd=tmp_path).stdout)
    assert report["prices_unverified"] == ["unknown-one"]
    example = next(p for p in report["providers"] if p["provider"] == "example")
    assert example["groups"]["prices"]["catalogues"] == [
        {"source": "litellm", "date": "2026-08-21", "models": 1}
    ]
    assert example["groups"]["prices"]["live"] is None  # the generic listing tells no prices
    assert example["groups"]["ids"]["live"] == "openai-compat"
    text = catwalk_cli("coverage", "providers", cwd=tmp_path).stdout
    assert "prices verified for 1; by nothing: unknown-one" in text


def test_a_flat_rate_plan_verifies_the_prices_of_every_model_of_its_provider(
    tmp_path: Path, catwalk_cli: Cli
) -> None:
    free = {"input": 0, "output": 0}
    snapshots = write_snapshots(
        tmp_path / "snapshots",
        modelsdev={
            "kimi-for-coding": [modelsdev_model("k2p6", cost=free), modelsdev_model("k2p7", cost=free)]
        },
    )
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.catwalk.settings]\nsnapshot-dir = "{snapshots}"\n', encoding="utf-8"
    )
    data = tmp_path / "providers"
    data.mkdir()
    plan = {**MINIMAL_PROVIDER, "id": "kimi-coding"}  # models models.dev does not list
    (data / "kimi-coding.json").write_text(json.dumps(plan), encoding="utf-8")
    report = json.loads(catwalk_cli("coverage", "providers", "--format", "json", cwd=tmp_path).stdout)
    assert report["prices_unverified"] == []
    [item] = report["providers"]
    for group in ("prices", "cache prices"):
        count = len(plan["models"])
        assert item["groups"][group]["catalogues"] == [
            {"source": "models.dev", "date": "2026-08-21", "models": count, "flat_rate": True}
        ]
    assert item["groups"]["limits"]["catalogues"] == []  # a plan's price says nothing of limits
    text = catwalk_cli("coverage", "providers", cwd=tmp_path).stdout
    assert f"prices        models.dev {count}/{count} (flat-rate plan)" in text


def test_the_shipped_database_leaves_only_providers_no_catalogue_prices_unverified(catwalk_cli: Cli) -> None:
    report = json.loads(catwalk_cli("coverage", "--format", "json", cwd=REPO).stdout)
    # Alibaba's US region and Qiniu: no catalogue or listing API publishes their prices
    # (providers/CHANGES.md); every other provider's prices have a source.
    assert set(report["prices_unverified"]) <= {"alibaba-us", "qiniucloud", "bedrock", "vertexai", "azure"}


def test_the_readme_table_is_the_commands_output(catwalk_cli: Cli) -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    table = readme.split("<!-- coverage:start -->\n", 1)[1].split("<!-- coverage:end -->", 1)[0]
    result = catwalk_cli("coverage", "--format", "markdown", cwd=REPO)
    assert table == result.stdout, "regenerate the README table: catwalk coverage --format markdown"

"""`--format gitlab` (GitLab Code Quality) and `--format junit` (Jenkins, GitLab test
reports), validated against the formats' schemas (tests/reporters/schemas/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import jsonschema
import pytest
import xmlschema

from catwalk_testing import run_catwalk

SCHEMAS = Path(__file__).resolve().parent / "schemas"
GITLAB = json.loads((SCHEMAS / "gitlab-code-quality.schema.json").read_text("utf-8"))
JUNIT = xmlschema.XMLSchema(str(SCHEMAS / "junit.xsd"))


@pytest.fixture
def tree(tmp_path: Path, provider: dict[str, Any]) -> Path:
    provider["models"][0]["default_max_tokens"] = 999_999  # CW301 error
    provider["models"][0]["temperature"] = 1  # CW101 error
    provider["models"][1]["name"] = "bad \x01 name <&>"  # control character and markup
    (tmp_path / "example.json").write_text(json.dumps(provider, indent=2))
    (tmp_path / "broken.json").write_text("{")
    clean = dict(provider, id="clean", models=[dict(m) for m in provider["models"]])
    for model in clean["models"]:
        model.pop("temperature", None)
        model["default_max_tokens"] = 1000
        model["name"] = "fine"
    (tmp_path / "clean.json").write_text(json.dumps(clean, indent=2))
    return tmp_path


def test_gitlab_report_is_valid_and_located(tree: Path) -> None:
    done = run_catwalk("check", ".", "--format", "gitlab", cwd=tree)
    assert done.returncode == 1
    issues = json.loads(done.stdout)
    jsonschema.validate(issues, GITLAB)
    by_rule = {i["check_name"]: i for i in issues}
    assert by_rule["CW001"]["location"] == {"path": "broken.json", "lines": {"begin": 1, "end": 1}}
    assert by_rule["CW301"]["severity"] == "major"
    assert by_rule["CW301"]["description"].startswith("CW301 default_max_tokens 999999 exceeds")
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprints_survive_a_moved_line(tree: Path, provider: dict[str, Any]) -> None:
    before = json.loads(run_catwalk("check", "example.json", "--format", "gitlab", cwd=tree).stdout)
    text = (tree / "example.json").read_text()
    (tree / "example.json").write_text("\n\n" + text)  # every line moves down
    after = json.loads(run_catwalk("check", "example.json", "--format", "gitlab", cwd=tree).stdout)
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert [i["location"]["lines"]["begin"] for i in after] == [
        i["location"]["lines"]["begin"] + 2 for i in before
    ]


def test_gitlab_schema_rejects_what_gitlab_would(tree: Path) -> None:
    """Control: the schema is not a rubber stamp."""
    issue = json.loads(run_catwalk("check", ".", "--format", "gitlab", cwd=tree).stdout)[0]
    for broken in ({**issue, "severity": "error"}, {k: v for k, v in issue.items() if k != "fingerprint"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([broken], GITLAB)


def test_junit_report_is_valid_with_one_suite_per_file(tree: Path) -> None:
    done = run_catwalk("check", ".", "--format", "junit", cwd=tree)
    assert done.returncode == 1
    JUNIT.validate(done.stdout)
    root = ET.fromstring(done.stdout)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"broken.json", "clean.json", "example.json"}
    assert suites["clean.json"].get("failures") == "0"
    assert [c.get("name") for c in suites["clean.json"].iter("testcase")] == ["catwalk check"]
    failures = [f.get("type") for f in suites["example.json"].iter("failure")]
    assert {"CW101", "CW301"} <= set(failures)
    assert root.get("failures") == str(sum(int(s.get("failures") or 0) for s in suites.values()))
    assert "\x01" not in done.stdout


def test_junit_warnings_do_not_fail(tree: Path) -> None:
    done = run_catwalk("check", ".", "--format", "junit", "--select", "CW001,CW9", cwd=tree)
    JUNIT.validate(done.stdout)


def test_junit_schema_rejects_a_broken_report() -> None:
    """Control: a test case without a name is not JUnit."""
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        JUNIT.validate('<testsuites><testsuite name="x" tests="1"><testcase/></testsuite></testsuites>')


def test_the_command_offers_every_format() -> None:
    from catwalk.commands.check import FORMATS as OFFERED
    from catwalk.reporters import FORMATS, renderer

    assert OFFERED == FORMATS
    assert all(callable(renderer(name)) for name in FORMATS)

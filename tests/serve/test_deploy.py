"""The Dockerfile: non-root, the embedded database, and a healthcheck that really checks
(its command is run here against the real server)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

from serve.serving import running

DOCKERFILE = Path(__file__).parents[2] / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    text = DOCKERFILE.read_text("utf-8").replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def final_stage() -> list[tuple[str, str]]:
    steps = instructions()
    last = max(i for i, (op, _) in enumerate(steps) if op == "FROM")
    return steps[last:]


def test_runs_as_a_numbered_non_root_user() -> None:
    users = [arg for op, arg in final_stage() if op == "USER"]
    assert users and users[-1] not in ("root", "0") and users[-1].isdigit()


def test_serves_the_embedded_database_with_the_serve_extra() -> None:
    stage = final_stage()
    assert ("ENTRYPOINT", '["catwalk", "serve"]') in stage  # no PATH: the database in the wheel
    assert any(op == "RUN" and "[serve]" in arg for op, arg in stage)
    assert not any(op == "COPY" and "providers" in arg for op, arg in stage)


def test_the_healthcheck_passes_on_a_healthy_server_and_fails_without_one() -> None:
    [check] = [arg for op, arg in final_stage() if op == "HEALTHCHECK"]
    assert "/healthz" in check
    command = json.loads(re.sub(r"^.*?CMD\s+", "", check))
    with running(None, workers=1, port_flag=False) as server:  # the embedded database
        env = {**os.environ, "CATWALK_PORT": str(server.port)}
        assert subprocess.run(command, env=env, timeout=30, check=False).returncode == 0
    down = subprocess.run(command, env=env, timeout=30, check=False, capture_output=True)
    assert down.returncode != 0

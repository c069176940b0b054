"""Run action.yml the way the GitHub runner runs a composite action, without GitHub.

Each `run:` step's script is executed in order with `bash --noprofile --norc -eo pipefail`
(the runner's bash template) in the workspace, with a fresh GITHUB_OUTPUT and
GITHUB_STEP_SUMMARY per step. `${{ }}` is substituted only in `env:` values, `with:` values
and the composite outputs, and only for the contexts the action documents using:
`inputs.*`, `github.action_path` and `steps.<id>.outputs.*`. Anything else (an `if:`, a
`${{ }}` inside `run:`, an unknown context or action) fails the simulation loudly, so the
action cannot grow a feature this harness silently ignores. The one `uses:` step,
actions/setup-python, is replaced by its documented outputs for this interpreter.
Loaded by path from conftest.py (tests run with --import-mode=importlib).
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
STEP_KEYS = {"name", "id", "shell", "env", "run", "uses", "with"}
SETUP_PYTHON = re.compile(r"^actions/setup-python@[0-9a-f]{40}$")
BASH = ["bash", "--noprofile", "--norc", "-eo", "pipefail"]


class SimulationError(AssertionError):
    """action.yml uses something this simulator (and so the tests) does not cover."""


@dataclass
class Command:
    """A parsed workflow command such as `::error file=a.json,line=3::message`."""

    level: str
    properties: dict[str, str]
    message: str
    raw: str


def unescape_data(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def unescape_property(text: str) -> str:
    return unescape_data(text.replace("%3A", ":").replace("%2C", ","))


COMMAND = re.compile(r"^::(?P<level>[a-z-]+)(?: (?P<props>[^:]*))?::(?P<message>.*)$")


def parse_commands(text: str) -> list[Command]:
    commands = []
    for line in text.splitlines():
        match = COMMAND.match(line)
        if match is None:
            continue
        props: dict[str, str] = {}
        for part in filter(None, (match["props"] or "").split(",")):
            key, _, value = part.partition("=")
            props[key] = unescape_property(value)
        commands.append(Command(match["level"], props, unescape_data(match["message"]), line))
    return commands


def parse_output_file(text: str) -> dict[str, str]:
    """`name=value` lines and `name<<DELIMITER ... DELIMITER` blocks, as the runner reads them."""
    values: dict[str, str] = {}
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, i + 1)
            values[name] = "\n".join(lines[i + 1 : end])
            i = end + 1
            continue
        if "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
        elif line:
            raise SimulationError(f"malformed output line {line!r}")
        i += 1
    return values


@dataclass
class StepResult:
    id: str
    name: str
    returncode: int
    stdout: str = ""
    stderr: str = ""
    outputs: dict[str, str] = field(default_factory=dict)
    summary: str = ""


@dataclass
class ActionRun:
    steps: list[StepResult]
    outputs: dict[str, str]

    @property
    def failed(self) -> bool:
        return any(step.returncode != 0 for step in self.steps)

    def step(self, step_id: str) -> StepResult:
        return next(step for step in self.steps if step.id == step_id)

    @property
    def commands(self) -> list[Command]:
        return [c for step in self.steps for c in parse_commands(step.stdout + "\n" + step.stderr)]

    def annotations(self, *levels: str) -> list[Command]:
        wanted = levels or ("error", "warning", "notice")
        return [c for c in self.commands if c.level in wanted]

    @property
    def summary(self) -> str:
        return "".join(step.summary for step in self.steps)

    @property
    def log(self) -> str:
        return "\n".join(f"--- {s.name} ({s.returncode})\n{s.stdout}\n{s.stderr}" for s in self.steps)


class Simulator:
    def __init__(self, action_yml: Path, action_path: Path, runner_temp: Path, extra_env: dict[str, str]):
        self.spec: dict[str, Any] = yaml.safe_load(action_yml.read_text(encoding="utf-8"))
        self.action_path = action_path
        self.runner_temp = runner_temp
        self.extra_env = extra_env

    def _base_env(self, workspace: Path) -> dict[str, str]:
        # The caller's virtual environment is not on PATH: the action must bring its own catwalk.
        here = str(Path(sys.executable).parent)
        path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if p != here)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_", "RUNNER_"))}
        for name in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "CATWALK_DEBUG", "FORCE_COLOR"):
            env.pop(name, None)
        env.update(
            PATH=path,
            CI="true",
            GITHUB_ACTIONS="true",
            GITHUB_WORKSPACE=str(workspace),
            GITHUB_ACTION_PATH=str(self.action_path),
            GITHUB_SERVER_URL="https://github.com",
            GITHUB_REPOSITORY="example/provider-list",
            GITHUB_SHA="0123456789abcdef0123456789abcdef01234567",
            RUNNER_OS="Linux",
            RUNNER_TEMP=str(self.runner_temp),
        )
        env.update(self.extra_env)
        return env

    def _evaluate(self, text: Any, contexts: dict[str, Any]) -> str:
        if isinstance(text, bool):
            return "true" if text else "false"
        text = str(text)

        def value(match: re.Match[str]) -> str:
            expression = match.group(1)
            parts = expression.split(".")
            if parts[0] == "inputs" and len(parts) == 2:
                if parts[1] not in contexts["inputs"]:
                    raise SimulationError(f"undeclared input in ${{{{ {expression} }}}}")
                return str(contexts["inputs"][parts[1]])
            if expression == "github.action_path":
                return str(self.action_path)
            if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
                return str(contexts["steps"].get(parts[1], {}).get(parts[3], ""))
            raise SimulationError(f"unsupported expression ${{{{ {expression} }}}}")

        return EXPRESSION.sub(value, text)

    def _setup_python(self, step: dict[str, Any], contexts: dict[str, Any]) -> StepResult:
        with_ = {k: self._evaluate(v, contexts) for k, v in step.get("with", {}).items()}
        if with_.get("update-environment") != "false":
            raise SimulationError("setup-python must not change the caller's environment")
        if not with_.get("python-version"):
            raise SimulationError("setup-python got no python-version")
        outputs = {"python-path": sys.executable, "python-version": platform.python_version()}
        return StepResult(step.get("id", ""), step.get("name", ""), 0, outputs=outputs)

    def _run_script(
        self,
        step: dict[str, Any],
        *,
        contexts: dict[str, Any],
        env: dict[str, str],
        workspace: Path,
        files: Path,
        index: int,
    ) -> StepResult:
        script = step["run"]
        if "${{" in script:
            raise SimulationError(f"step {step.get('name')!r} expands an expression inside run:")
        if step.get("shell") != "bash":
            raise SimulationError("every run: step must say `shell: bash`")
        step_env = dict(env)
        step_env.update({k: self._evaluate(v, contexts) for k, v in step.get("env", {}).items()})
        output_file, summary_file, script_file = (files / f"{index}.{n}" for n in ("output", "summary", "sh"))
        output_file.touch()
        script_file.write_text(script, encoding="utf-8")
        step_env.update(GITHUB_OUTPUT=str(output_file), GITHUB_STEP_SUMMARY=str(summary_file))
        done = subprocess.run(
            [*BASH, str(script_file)],
            cwd=workspace,
            env=step_env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        return StepResult(
            step.get("id", ""),
            step.get("name", ""),
            done.returncode,
            done.stdout,
            done.stderr,
            parse_output_file(output_file.read_text(encoding="utf-8")),
            summary_file.read_text(encoding="utf-8") if summary_file.exists() else "",
        )

    def run(self, workspace: Path, inputs: dict[str, str] | None = None) -> ActionRun:
        inputs = inputs or {}
        declared: dict[str, Any] = self.spec["inputs"]
        unknown = set(inputs) - set(declared)
        if unknown:
            raise SimulationError(f"action.yml declares no input {sorted(unknown)}")
        values = {name: inputs.get(name, str(meta.get("default", ""))) for name, meta in declared.items()}
        contexts: dict[str, Any] = {"inputs": values, "steps": {}}
        env = self._base_env(workspace)
        files = Path(self.runner_temp) / "simulator"
        files.mkdir(parents=True, exist_ok=True)
        files = Path(subprocess.check_output(["mktemp", "-d", str(files / "run.XXXXXX")], text=True).strip())
        steps: list[StepResult] = []
        spec_runs = self.spec["runs"]
        if spec_runs.get("using") != "composite":
            raise SimulationError("only composite actions are simulated")
        for index, step in enumerate(spec_runs["steps"]):
            extra = set(step) - STEP_KEYS
            if extra:
                raise SimulationError(f"step keys {sorted(extra)} are not simulated")
            if "uses" in step:
                if not SETUP_PYTHON.match(step["uses"]):
                    raise SimulationError(f"unknown action {step['uses']}")
                result = self._setup_python(step, contexts)
            else:
                result = self._run_script(
                    step, contexts=contexts, env=env, workspace=workspace, files=files, index=index
                )
            steps.append(result)
            if result.id:
                contexts["steps"][result.id] = result.outputs
            if result.returncode != 0:
                break  # the runner skips the remaining steps of a failed composite
        outputs = {
            name: self._evaluate(meta["value"], contexts)
            for name, meta in self.spec.get("outputs", {}).items()
        }
        return ActionRun(steps, outputs)

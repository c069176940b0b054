"""`catwalk check --jobs 2`: the per-file rules in a forked child, the same findings.

A pytest-xdist worker runs threads, where `catwalk.parallel` rightly refuses to fork; the
forking tests therefore run their code in a fresh single-threaded interpreter.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from catwalk import parallel
from catwalk_testing import REPO, run_catwalk

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks only on Linux")


def python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=REPO,
    )


@linux_only
def test_a_child_result_crosses_the_pipe_and_failures_give_none() -> None:
    done = python(
        """
        import os
        from catwalk import parallel

        def fail():
            raise RuntimeError("boom")

        big = list(range(300_000))  # more than a pipe buffer: the child must not block
        print(parallel.start(lambda: big).result() == big)
        print(parallel.start(fail).result())
        print(parallel.start(lambda: os._exit(7)).result())  # died before writing
        print(parallel.start(lambda: object()).result())  # not plain data
        import time
        began = time.monotonic()
        pending = parallel.start(lambda: time.sleep(60))
        pending.cancel()  # killed and reaped at once, not after a minute
        print(time.monotonic() - began < 30)
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "None", "None", "None", "True"]


def test_no_fork_beside_another_thread_or_off_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert not parallel.can_fork()
        assert parallel.start(lambda: 1) is None
    finally:
        stop.set()
        worker.join()
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not parallel.can_fork()


ENGINE_BOTH_WAYS = """
    import json, os, sys
    from pathlib import Path
    from catwalk import engine, parallel
    from catwalk.loader import load_path
    from catwalk.paths import expand
    from catwalk.registry import all_rules

    forked = []
    start = parallel.start
    def counting(work):
        pending = start(work)
        forked.append(pending is not None)
        return pending
    parallel.start = counting
    {patch}
    files = [load_path(p) for p in expand([Path(sys.argv[1])])]
    rules = all_rules()
    def findings(jobs):
        result = engine.run(files, rules, jobs=jobs)
        return [f.to_dict() | {{"evidence": list(f.evidence)}} for f in result.findings]
    serial, two = findings(1), findings(2)
    print(json.dumps({{"same": serial == two, "forked": forked, "count": len(serial),
                      "scopes": sorted({{f["rule"][:3] for f in serial}})}}))
"""


def both_ways(target: Path, patch: str = "") -> dict[str, object]:
    code = textwrap.dedent(ENGINE_BOTH_WAYS).format(patch=patch)
    done = subprocess.run(
        [sys.executable, "-c", code, str(target)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@linux_only
def test_the_database_gives_the_same_findings_in_two_processes() -> None:
    report = both_ways(REPO / "providers")
    assert report["forked"] == [True]
    assert report["same"] is True
    # Both halves had something to say: per-file (CW6xx) and cross-file (CW7xx, CW8xx).
    assert {"CW6", "CW7", "CW8"} <= set(report["scopes"])  # type: ignore[arg-type]


@linux_only
def test_a_child_that_dies_costs_nothing_but_time() -> None:
    # The child exits before sending anything: this process runs the per-file rules itself.
    report = both_ways(REPO / "providers", patch="engine._in_child = lambda found, files: os._exit(9)")
    assert report["forked"] == [True]
    assert report["same"] is True


@linux_only
def test_a_child_that_dies_holding_drawn_work_loses_none_of_it() -> None:
    # It takes an independent family from the shared queue, then dies: this process runs
    # the family (and the per-file rules) itself.
    patch = "engine._in_child = lambda units, queue, files: (queue.take(), os._exit(9))"
    report = both_ways(REPO / "providers", patch=patch)
    assert report["forked"] == [True]
    assert report["same"] is True
    assert {"CW4", "CW9"} <= set(report["scopes"])  # type: ignore[arg-type]


QUIET_RULES = '''
from catwalk.rules import rule as declare
def quiet(db):
    """Says nothing."""
    return iter(())
extra = [declare(f"XY{i:03d}", f"quiet-{i}", scope="database")(quiet) for i in range(300)]
base = all_rules
all_rules = lambda: [*base(), *extra]
'''


@linux_only
def test_more_units_than_a_queue_numbers_still_share_the_per_file_rules() -> None:
    # 300 database rules push the families' unit numbers past one byte: no queue, the
    # child takes the per-file rules only, and the report is still the same.
    report = both_ways(REPO / "providers", patch=QUIET_RULES)
    assert report["forked"] == [True]
    assert report["same"] is True


@linux_only
def test_shared_work_is_drawn_once_by_two_processes() -> None:
    done = python(
        """
        import time
        from catwalk import parallel

        queue = parallel.Shared(list(range(200)))
        def drain():
            mine = []
            while (task := queue.take()) is not None:
                mine.append(task)
                time.sleep(0.0005)
            return mine
        pending = parallel.start(drain)
        here = drain()
        there = pending.result()
        queue.close()
        print(len(here) > 0, len(there) > 0, sorted(here + there) == list(range(200)))
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True"]


def test_shared_task_numbers_fit_a_byte() -> None:
    with pytest.raises(ValueError, match=r"0\.\.255"):
        parallel.Shared([256])


@linux_only
def test_the_command_line_reports_the_same_in_both_modes() -> None:
    outputs = []
    for jobs in ("1", "2", "auto"):
        done = run_catwalk("check", "--no-baseline", "--format", "json", "--jobs", jobs, REPO / "providers")
        assert done.returncode == 0, done.stderr
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0]["summary"]["findings"]["warning"] > 0


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "argument --jobs/-j: must be at least 1, got 0"),
        ("two", "argument --jobs/-j: expected a whole number, got 'two'"),
    ],
)
def test_bad_jobs_are_usage_errors(value: str, message: str) -> None:
    done = run_catwalk("check", "--jobs", value, REPO / "providers" / "groq.json")
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_one_scope_never_forks(monkeypatch: pytest.MonkeyPatch) -> None:
    # Nothing to run beside the per-file rules: no child, whatever --jobs says.
    from catwalk import engine
    from catwalk.loader import load_path
    from catwalk.registry import all_rules, choose

    started: list[object] = []
    monkeypatch.setattr(parallel, "start", started.append)  # returns None: no child
    files = [load_path(REPO / "providers" / "groq.json")]
    engine.run(files, choose(all_rules(), None, [], "file"), jobs=2)
    assert started == []
    engine.run(files, all_rules(), jobs=2)
    assert len(started) == 1  # both scopes: it asks (and, here, runs everything itself)


def test_a_finding_crosses_as_plain_data_and_comes_back_equal() -> None:
    import marshal

    from catwalk.findings import Finding, Severity

    finding = Finding(
        "CW801",
        "cost_per_1m_in 3 disagrees with litellm (2026-08-21): 2.5",
        "providers/x.json",
        pointer="/models/0/cost_per_1m_in",
        severity=Severity.WARNING,
        name="price-disagrees-with-sources",
        provider="x",
        model="m",
        field="cost_per_1m_in",
        line=7,
        column=3,
        located=True,
        related=[(2, 5, "first here")],
        evidence=({"source": "litellm", "date": "2026-08-21", "entry": None, "values": [2.5]},),
    )
    back = Finding.from_row(marshal.loads(marshal.dumps(finding.to_row())))
    assert back == finding
    assert back.severity is Severity.WARNING

"""Progress output: a rich bar on a terminal, plain lines in CI, nothing when quiet."""

from __future__ import annotations

import io

from catwalk.live.fetch import FetchResult
from catwalk.live.progress import PlainProgress, progress_for
from catwalk.live.records import LiveModel


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


OK = FetchResult("alpha", "ok", models=[LiveModel(id="m")], elapsed=0.25)
DOWN = FetchResult("beta", "unknown", reason="HTTP 503 Service Unavailable", elapsed=1.5)


def test_plain_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    with progress_for("catwalk drift", 2, stream=stream) as progress:
        assert isinstance(progress, PlainProgress)
        progress.started("alpha")
        progress.finished(OK)
        progress.finished(DOWN)
    assert stream.getvalue() == (
        "catwalk drift: alpha: ok, 1 model in 0.2 s\n"
        "catwalk drift: beta: unknown after 1.5 s: HTTP 503 Service Unavailable\n"
    )


def test_rich_bar_on_a_terminal_reports_failures() -> None:
    stream = FakeTerminal()
    with progress_for("catwalk drift", 2, stream=stream) as progress:
        assert not isinstance(progress, PlainProgress)
        progress.started("alpha")
        progress.finished(OK)
        progress.finished(DOWN)
    output = stream.getvalue()
    assert "catwalk drift: beta: unknown after 1.5 s: HTTP 503 Service Unavailable" in output
    assert "catwalk drift: alpha" not in output  # successes only advance the bar


def test_quiet_prints_nothing() -> None:
    stream = FakeTerminal()
    with progress_for("catwalk drift", 2, quiet=True, stream=stream) as progress:
        progress.finished(DOWN)
    assert stream.getvalue() == ""

"""Progress while providers answer: a rich bar on a terminal, plain lines elsewhere (CI)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from catwalk.live.fetch import FetchResult, Progress


def describe(result: FetchResult) -> str:
    if result.ok:
        count = len(result.models)
        return f"ok, {count} model{'' if count == 1 else 's'} in {result.elapsed:.1f} s"
    return f"unknown after {result.elapsed:.1f} s: {result.reason}"


class PlainProgress:
    """One line per finished provider: readable in CI logs, no control characters."""

    def __init__(self, command: str, stream: TextIO) -> None:
        self.command = command
        self.stream = stream

    def started(self, provider_id: str) -> None:
        pass

    def finished(self, result: FetchResult) -> None:
        print(f"{self.command}: {result.provider_id}: {describe(result)}", file=self.stream, flush=True)


class _Silent:
    def started(self, provider_id: str) -> None:
        pass

    def finished(self, result: FetchResult) -> None:
        pass


@contextmanager
def progress_for(
    command: str, total: int, *, quiet: bool = False, stream: TextIO | None = None
) -> Iterator[Progress]:
    out = stream or sys.stderr
    if quiet or total == 0:
        yield _Silent()
        return
    if not (hasattr(out, "isatty") and out.isatty()):
        yield PlainProgress(command, out)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    bar = Bar(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[last]}"),
        console=Console(file=out),
        transient=True,
    )
    task = bar.add_task("asking providers", total=total, last="")

    class RichProgress:
        def started(self, provider_id: str) -> None:
            pass

        def finished(self, result: FetchResult) -> None:
            bar.update(task, advance=1, last=f"{result.provider_id}: {result.status}")
            if not result.ok:
                bar.console.print(
                    f"{command}: {result.provider_id}: {describe(result)}", markup=False, highlight=False
                )

    with bar:
        yield RichProgress()

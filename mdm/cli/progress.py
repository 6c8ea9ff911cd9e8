"""Progress bars (rich) for long commands — ingest, match, dry run, sync — drawn on standard
error, and only when it is a terminal: scripts and logs see the same lines as before."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.progress import Progress as RichProgress

from mdm.domain.progress import Progress, unwatched


class _Bar:
    """One rich task whose description follows the stage and whose bar follows the rows."""

    def __init__(self, bars: RichProgress, label: str) -> None:
        self.bars = bars
        self.label = label
        self.task: TaskID = bars.add_task(label, total=None)

    def __call__(self, stage: str, done: int | None = None, total: int | None = None) -> None:
        self.bars.update(
            self.task, description=f"{self.label}: {stage}", completed=done or 0, total=total
        )
        self.bars.refresh()  # a stage is worth seeing even when it lasts less than a tick


@contextmanager
def progress_bar(label: str, stream: IO[str] | None = None) -> Iterator[Progress]:
    """A :class:`Progress` drawn as a bar on ``stream`` (standard error) when it is a terminal,
    else one that shows nothing."""
    out = stream if stream is not None else sys.stderr
    if not out.isatty():
        yield unwatched
        return
    console = Console(file=out, force_terminal=True)
    columns = (
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
        MofNCompleteColumn(), TimeElapsedColumn(),
    )  # fmt: skip
    with RichProgress(*columns, console=console, transient=True) as bars:
        yield _Bar(bars, label)

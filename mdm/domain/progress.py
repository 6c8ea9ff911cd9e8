"""How long work tells whoever watches how far it has got: a stage, and rows done of a total
when it knows them. The command line draws it as a progress bar on a terminal; everything else
passes :func:`unwatched`."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def __call__(self, stage: str, done: int | None = None, total: int | None = None) -> None:
        """``stage`` started or advanced; ``done`` of ``total`` units (rows) when known."""


def unwatched(stage: str, done: int | None = None, total: int | None = None) -> None:
    """Nobody is watching: nothing to tell."""

"""The feed relay: numbers committed outbox events into the pull feed's order.

A writer's events get no feed position in its transaction; once it has committed, the relay
gives them the next positions, oldest transaction first. Readers follow positions, so they see
every committed event in the order it was placed, and nothing running elsewhere on the server
holds them back: an open transaction in another database, or a long bulk match, delays only
its own events, which appear once it commits. One relay works at a time (an advisory lock), in
chunks that each commit, so a bulk match's many events reach readers chunk by chunk.
"""

from __future__ import annotations

from mdm.unit_of_work import UnitsOfWork

CHUNK = 5_000  # events placed per committed step


def place_committed(units: UnitsOfWork, chunk: int = CHUNK) -> int:
    """Place every event committed so far, chunk by chunk; returns how many. Returns at once
    (0) when another relay is at work: it will place them."""
    placed = 0
    while True:
        with units() as uow:
            if not uow.events.take_relay():
                return placed
            step = uow.events.place_committed(chunk)
        placed += step
        if step < chunk:
            return placed

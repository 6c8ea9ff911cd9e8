"""How a command ends when it is stopped from outside: a signal, a closed pipe, a lost server.

SIGTERM is turned into the same exception as Ctrl+C (SIGINT), so every command unwinds the
same way: the unit of work rolls back, the checking workers are shut down, the connections
close, and the exit status is 128 + the signal's number, as a shell reports it.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

EXIT_TEMPFAIL = 75  # sysexits EX_TEMPFAIL: the database or broker went away; run it again
EXIT_PIPE = 128 + signal.SIGPIPE


class Stopped(KeyboardInterrupt):
    """The command was asked to stop by ``signum``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise_stopped(signum: int, frame: FrameType | None) -> None:
    raise Stopped(signum)


def stop_on_signals() -> None:
    """SIGTERM and SIGINT raise :class:`Stopped` in the main thread."""
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _raise_stopped)


def exit_status(stop: KeyboardInterrupt) -> int:
    return 128 + (stop.signum if isinstance(stop, Stopped) else signal.SIGINT)


def quiet_stdout() -> int:
    """The reader of standard output went away (``mdm export ... | head``): point stdout at
    /dev/null so the interpreter's last flush does not complain, and end as SIGPIPE would."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())
    os.close(null)
    return EXIT_PIPE

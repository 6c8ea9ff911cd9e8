"""Servers the tests start (Tryton, a webhook receiver, `mdm serve`) die with the test process
that started them: a test run that is killed (a CI timeout, ^C twice, kill -9) leaves none of
them running, holding ports and databases. The kernel sends the child SIGKILL when its parent
ends (Linux), as the ingest's forked workers ask for."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable

from mdm.ingest.forked import die_with_parent


def dying_with_this_process() -> Callable[[], None]:
    """A ``preexec_fn`` for :class:`subprocess.Popen`: the child dies when this process does."""
    return functools.partial(die_with_parent, os.getpid())

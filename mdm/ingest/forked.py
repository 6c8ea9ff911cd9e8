"""What a forked checking worker does before its first row: tie its life to its parent's and
let go of everything it inherited that talks to the outside.

A worker forked by ``mdm ingest`` inherits the parent's open database connection (a socket
inside a transaction holding row locks). If the parent is killed, a worker that outlived it
would keep that socket open, and with it the transaction, "idle in transaction", blocking the
next load of the same source. So each worker

- asks the kernel to kill it when its parent dies (``PR_SET_PDEATHSIG``, Linux), and exits at
  once if the parent is already gone;
- points every inherited socket at ``/dev/null``: the worker never uses them, and the server
  sees the connection close as soon as the parent's copy closes (a plain ``close`` would do
  too, but a stray use of the old descriptor number could then reach a new file);
- leaves Ctrl+C to its parent;
- runs at a lower priority than the parent and the database server, which write the parts
  already checked.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent_pid: int) -> None:
    """Have the kernel send SIGKILL to this process when ``parent_pid`` ends (Linux only)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(1)


def inherited_sockets() -> list[int]:
    """This process's open descriptors that are sockets (Linux: read from /proc)."""
    found: list[int] = []
    try:
        names = os.listdir("/proc/self/fd")
    except FileNotFoundError:
        return found
    for name in names:
        try:
            if os.readlink(f"/proc/self/fd/{name}").startswith("socket:"):
                found.append(int(name))
        except OSError:
            continue  # the descriptor listdir itself used, closed since
    return found


def drop_sockets() -> None:
    """Point every socket descriptor at /dev/null (see the module's docstring)."""
    null = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in inherited_sockets():
            if fd != null:
                os.dup2(null, fd)
    finally:
        os.close(null)


STOPPING = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while forking: a handler that raises in the middle of a
    fork's bookkeeping is ignored there, and the command would not stop. They are delivered
    when the block ends."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def start_worker(parent_pid: int) -> None:
    """The initializer of a checking worker."""
    die_with_parent(parent_pid)
    # Ctrl+C reaches the whole process group: the parent decides what stops, and it stops
    # the workers; SIGTERM ends a worker at once, whatever handler it inherited
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING)
    drop_sockets()
    os.nice(10)

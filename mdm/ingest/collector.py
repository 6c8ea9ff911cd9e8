"""Python's cycle collector, paused while an extract is read and loaded.

Reading and loading an extract allocate hundreds of thousands of long-lived objects and no
cycles, so the collector's full passes over them only cost time (about half of reading).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

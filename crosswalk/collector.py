"""Pause Python's cyclic garbage collector around work that builds large, acyclic structures.

Loading records, checking the rules, indexing the links, making triples and writing the graph
allocate millions of objects and free almost none. Each full collection on the way walks every
live object again, so these stages grew faster than the data (half their time at 30 times the
bundled corpus). Memory is still freed by reference counting while the collector waits; only
the search for reference cycles is put off, and loading makes none (gc.collect() finds
nothing after loading a corpus).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Within this block the collector does not run; afterwards it is as it was before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

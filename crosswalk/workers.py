"""How many forked workers to share a job among (the site build asks)."""

from __future__ import annotations

import multiprocessing
import os

MAX_WORKERS = 4


def count(asked: int | None, size: int, small: int) -> int:
    """The number asked for; otherwise one per CPU (at most MAX_WORKERS), or one when the
    work is smaller than `small` (starting workers would cost more than it saves) or the
    platform cannot fork (the workers share the loaded data by being forked)."""
    if asked is not None:
        return max(1, asked)
    if "fork" not in multiprocessing.get_all_start_methods() or size < small:
        return 1
    return max(1, min(cpus(), MAX_WORKERS))


def cpus() -> int:
    """The CPUs this process may run on: those it is pinned to where the system says
    (Linux), else every CPU of the machine (macOS has no such call), else one."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1

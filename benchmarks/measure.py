"""Run a command and measure its wall time and memory, workers included.

`crosswalk build` forks workers, so the peak of one process understates what the build
needs. Besides the largest single process (ru_maxrss from wait4), this samples the resident
memory of the whole process tree from /proc every 20 ms and keeps the peak of the sum. The
sum counts pages that forked workers still share with their parent once per process, so it
is an upper bound.
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") / 1024


@dataclass(frozen=True)
class Measured:
    wall: float  # seconds
    largest_mib: float  # the largest single process
    tree_mib: float  # the peak of the whole process tree's resident memory
    out: str
    err: str


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _tree_rss_kib(root: int) -> float:
    total = 0.0
    stack = [root]
    while stack:
        pid = stack.pop()
        try:
            fields = Path(f"/proc/{pid}/statm").read_text().split()
        except OSError:
            continue
        total += int(fields[1]) * PAGE_KIB
        stack += _children(pid)
    return total


def run(command: list[str], cwd: Path | None = None) -> Measured:
    """Run to the end; raise SystemExit with its error output if it fails."""
    started = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.02):
            peak = max(peak, _tree_rss_kib(child.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = child.communicate()
    done.set()
    sampler.join()
    elapsed = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err[-2000:]}")
    return Measured(elapsed, _largest_child_mib(), peak / 1024, out, err)


def _largest_child_mib() -> float:
    # The largest resident set of any descendant this process has waited for, so far: run
    # the largest case last, as scale.py does.
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

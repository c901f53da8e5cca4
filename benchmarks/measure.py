"""Run a command and measure its wall time and memory, workers included.

`crosswalk build` forks workers, so the peak of one process understates what the build
needs, and adding up resident sizes overstates it (forked workers share the parent's pages
until they write to them). Besides the largest single process (ru_maxrss), this samples the
proportional set size of the whole process tree from /proc/PID/smaps_rollup every 50 ms (a
shared page counts once, split among the processes sharing it) and keeps the peak of the
sum: the memory the build really occupies.
"""

from __future__ import annotations

import resource
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measured:
    wall: float  # seconds
    largest_mib: float  # the largest single process
    tree_mib: float  # the peak of the whole process tree's proportional set size
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


def _tree_pss_kib(root: int) -> float:
    total = 0.0
    stack = [root]
    while stack:
        pid = stack.pop()
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1])
                break
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
        while not done.wait(0.05):
            peak = max(peak, _tree_pss_kib(child.pid))

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

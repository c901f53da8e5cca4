"""Run a command and measure its wall time and memory, workers included.

`crosswalk build` forks workers, so the peak of one process understates what the build
needs, and adding up resident sizes overstates it (forked workers share the parent's pages
until they write to them). Besides the largest single process (ru_maxrss from wait4), this
samples the proportional set size of the whole process tree from /proc/PID/smaps_rollup
every 50 ms (a shared page counts once, split among the processes sharing it) and keeps the
peak of the sum: the memory the build really occupies.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
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


class Peak:
    """The peak proportional set size of a process tree while a block runs, in MiB.

    with Peak() as peak:
        work()
    print(peak.mib)
    """

    def __init__(self, pid: int | None = None) -> None:
        self.pid = pid if pid is not None else os.getpid()
        self.mib = 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while True:
            self.mib = max(self.mib, _tree_pss_kib(self.pid) / 1024)
            if self._done.wait(0.05):
                return

    def __enter__(self) -> Peak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()
        self.mib = max(self.mib, _tree_pss_kib(self.pid) / 1024)


def run(command: list[str], cwd: Path | None = None) -> Measured:
    """Run to the end; raise SystemExit with its error output if it fails."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, text=True)
        peak = 0.0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(0.05):
                peak = max(peak, _tree_pss_kib(child.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4 gives this command's own usage: the largest resident set of it and of the
        # workers it waited for, not of anything else this process ran before.
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        elapsed = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        out_text, err_text = out.read(), err.read()
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err_text[-2000:]}")
    return Measured(elapsed, usage.ru_maxrss / 1024, peak / 1024, out_text, err_text)

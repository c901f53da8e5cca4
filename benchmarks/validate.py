"""Time and peak memory of `crosswalk validate` (SHACL included) on the bundled data.

Each run is a fresh process, so imports are counted, as a user would feel them. Prints the
median wall time of several runs and the largest peak resident memory: the whole check
(`--no-cache`, so no run reads back what an earlier one kept), without the shapes, and a run
with the cache warm and nothing changed (the cache in a temporary folder of its own).

    .venv/bin/python benchmarks/validate.py [--runs N] [--data DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process, read from its own rusage."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {child.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    exe = str(Path(sys.executable).parent / "crosswalk")
    cached = [exe, "validate", "--strict"]
    if args.data:
        cached += ["--data", str(args.data)]
    command = [*cached, "--no-cache"]
    skip_shacl = [*command, "--no-shacl"]
    rows = []
    commands = (
        ("validate --strict --no-cache", command),
        ("validate --strict --no-cache --no-shacl", skip_shacl),
        ("validate --strict, cache warm", cached),
    )
    with tempfile.TemporaryDirectory() as cache:
        os.environ["CROSSWALK_CACHE"] = cache
        measure(cached)  # fills the cache
        for label, cmd in commands:
            times, peaks = zip(*(measure(cmd) for _ in range(args.runs)), strict=True)
            rows.append((label, statistics.median(times), max(peaks)))
    print(f"{'command':40} {'median wall s':>14} {'peak RSS MiB':>13}   ({args.runs} runs each)")
    for label, wall, peak in rows:
        print(f"{label:40} {wall:14.2f} {peak:13.0f}")
    print(f"SHACL share of validate: {1 - rows[1][1] / rows[0][1]:.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Build time and page count of the website for the bundled data.

    .venv/bin/python benchmarks/site.py [--runs N] [--data DIR]

Runs `crosswalk build` in fresh processes (imports included, as a user would feel it) into a
temporary folder and prints the median wall time, the peak memory, the page and file counts,
and the time without the Pagefind index.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(command: list[str]) -> tuple[float, float, str]:
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = child.stdout.read() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return elapsed, usage.ru_maxrss / 1024, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    exe = str(Path(sys.executable).parent / "crosswalk")
    with tempfile.TemporaryDirectory() as folder:
        command = [exe, "build", "--out", str(Path(folder) / "site")]
        if args.data:
            command += ["--data", str(args.data)]
        results = {}
        for label, cmd in (
            ("crosswalk build", command),
            ("crosswalk build --no-search", [*command, "--no-search"]),
        ):
            runs = [run(cmd) for _ in range(args.runs)]
            results[label] = (
                statistics.median(r[0] for r in runs),
                max(r[1] for r in runs),
                runs[-1][2],
            )
    match = re.search(r"built (\d+) pages \((\d+) files\)", results["crosswalk build"][2])
    pages, files = match.groups() if match else ("?", "?")
    print(f"{'command':30} {'median wall s':>14} {'peak RSS MiB':>13}   ({args.runs} runs each)")
    for label, (wall, peak, _) in results.items():
        print(f"{label:30} {wall:14.2f} {peak:13.0f}")
    print(f"pages: {pages}, files: {files}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

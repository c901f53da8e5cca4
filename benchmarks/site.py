"""Build time and page count of the website for the bundled data.

    .venv/bin/python benchmarks/site.py [--runs N] [--data DIR]

Runs `crosswalk build` in fresh processes (imports included, as a user would feel it) into a
temporary folder and prints the median wall time, the peak memory, the page and file counts,
and the time without the Pagefind index. Peak memory is that of the whole process tree
(the build forks workers): see measure.py.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import measure


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
            runs = [measure.run(cmd) for _ in range(args.runs)]
            results[label] = (
                statistics.median(r.wall for r in runs),
                max(r.tree_mib for r in runs),
                runs[-1].out,
            )
    match = re.search(r"built (\d+) pages \((\d+) files\)", results["crosswalk build"][2])
    pages, files = match.groups() if match else ("?", "?")
    print(f"{'command':30} {'median wall s':>14} {'peak MiB':>9}   ({args.runs} runs each)")
    for label, (wall, peak, _) in results.items():
        print(f"{label:30} {wall:14.2f} {peak:9.0f}")
    print(f"pages: {pages}, files: {files}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

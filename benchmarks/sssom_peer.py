"""sssom-py reading and checking SSSOM/TSV files: the peer of `crosswalk validate` in peers.py.

    .venv/bin/python benchmarks/sssom_peer.py FOLDER

For each *.sssom.tsv in FOLDER (as `crosswalk export --format sssom --out FOLDER` writes
them), sssom.parsers.parse_sssom_table then sssom.validators.validate with its default checks,
stopping at the first file it finds a problem in. Prints the number of files and mappings.
Time it as a whole process: `/usr/bin/time -v .venv/bin/python benchmarks/sssom_peer.py DIR`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sssom.parsers import parse_sssom_table
from sssom.validators import validate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    files = sorted(args.folder.glob("*.sssom.tsv"))
    if not files:
        print(f"{args.folder}: no *.sssom.tsv files", file=sys.stderr)
        return 1
    mappings = 0
    for path in files:
        mapping_set = parse_sssom_table(path)
        reports = validate(mapping_set, fail_on_error=True)
        problems = [r for report in reports.values() for r in report.results]
        if problems:
            print(f"{path}: sssom-py found a problem: {problems[0]}", file=sys.stderr)
            return 1
        mappings += len(mapping_set.df)
    print(f"read and validated {len(files)} files, {mappings} mappings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

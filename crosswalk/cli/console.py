"""What a command gives back: its exit code, its text on standard output or in --out, and
problems on standard error."""

from __future__ import annotations

import sys
from pathlib import Path

from crosswalk import outputs, resources
from crosswalk.problems import Problem

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


def emit(text: str, out: Path | None) -> int:
    """Print a command's text, or write it to --out and say so; the exit code of success."""
    if out is None:
        sys.stdout.write(text)
    else:
        # (The commands that read a data folder check --out against it before any work.)
        outputs.check_file(out, [resources.BUNDLED_DATA])
        outputs.write_atomically(out, text)
        print(f"wrote {out}", file=sys.stderr)
    return EXIT_OK


def print_problems(problems: list[Problem], strict: bool = False) -> None:
    for problem in problems:
        print(problem.render(strict), file=sys.stderr)

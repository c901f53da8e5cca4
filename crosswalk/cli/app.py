"""The `crosswalk` command: the parser built from every family's commands, and main(), which
runs one and turns the library's exceptions into messages and exit codes."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Sequence

from crosswalk import collector
from crosswalk.cli import answers, data, exports, site
from crosswalk.cli.console import EXIT_BUG, EXIT_DATA, EXIT_OK, EXIT_USAGE, print_problems
from crosswalk.cli.registry import Command, Run
from crosswalk.cli.registry import build_parser as _build_parser
from crosswalk.problems import CrosswalkError, DataError, UsageError

DESCRIPTION = (
    "Link positive-culture models in social care, through common principles, "
    "to regulators' inspection criteria."
)
COMMANDS: tuple[Command, ...] = (
    *data.COMMANDS,
    *exports.COMMANDS,
    *site.COMMANDS,
    *answers.COMMANDS,
)


def build_parser() -> argparse.ArgumentParser:
    return _build_parser(DESCRIPTION, COMMANDS)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Run = args.func
    try:
        return func(args)
    except DataError as exc:
        print_problems(exc.problems, getattr(args, "strict", False))
        print(
            f"stopped: {len(exc.problems)} problem(s) in the data; run 'crosswalk validate' "
            "for the full report",
            file=sys.stderr,
        )
        return EXIT_DATA
    except UsageError as exc:
        print(f"crosswalk: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except CrosswalkError as exc:
        print(f"crosswalk: error: {exc}", file=sys.stderr)
        return EXIT_DATA
    except BrokenPipeError:
        # The reader went away (`crosswalk stats | head`): stop quietly, as other tools do.
        # Point stdout at nothing so the interpreter's final flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except (OSError, MemoryError) as exc:
        print(f"crosswalk: error: {exc}", file=sys.stderr)
        return EXIT_DATA
    except Exception as exc:  # a bug: say so plainly, keep the traceback for those who ask
        if os.environ.get("CROSSWALK_DEBUG"):
            raise
        print(
            f"crosswalk: internal error ({type(exc).__name__}: {exc}); this is a bug, please "
            "report it with the command you ran (set CROSSWALK_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return EXIT_BUG


def run() -> None:
    """The `crosswalk` command: main(), its output flushed, then leave at once.

    Python would otherwise take apart everything still loaded, object by object, before it
    exits: 2 s after a build at 100 times the bundled data, for memory the operating system
    frees at once anyway. (In-process callers, like the tests, call main().)

    The process's settings are made here, once, and nowhere in the library: the garbage
    collector's policy (crosswalk/collector.py) and where the library's log goes (standard
    error, as plain lines).
    """
    collector.for_command()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("crosswalk")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    code = main()
    for stream in (sys.stdout, sys.stderr):
        # OSError: the reader went away; ValueError: the stream was closed.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)

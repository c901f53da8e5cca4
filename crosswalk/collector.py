"""The garbage-collector policy of a `crosswalk` command, set once where the command starts.

A command loads a corpus, checks it, indexes its links, makes triples, writes the graph and
renders pages: millions of objects allocated and almost none freed before the process ends.
Python's cyclic collector, left on, walks every live object again at each full collection,
so these stages grew faster than the data (half their time at 30 times the bundled corpus),
and in the site's forked workers its walks write to memory they share with the parent.
Memory is still freed by reference counting without it; only the search for reference cycles
stops, and the work makes few (gc.collect() finds nothing after loading a corpus).

So the command (`crosswalk.cli.run`) turns the collector off for its whole run (`for_command`),
and the one that runs until stopped, `serve`, collects once after each rebuild
(`after_run`). Library code never touches the collector: called in-process (the tests), it
runs with whatever the caller chose. Benchmarks that time the stages in-process apply the
same policy around them (`paused`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def for_command() -> None:
    """The policy for a process that runs one command: no cyclic collection at all."""
    gc.disable()


def after_run() -> None:
    """In a process that runs one piece of work after another (`serve`'s rebuilds): free the
    cycles the last one left, whatever the policy, so they do not pile up."""
    gc.collect()


@contextmanager
def paused() -> Iterator[None]:
    """The command's policy within a block, for in-process callers that measure what a
    command does (benchmarks/scale.py); afterwards the collector is as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

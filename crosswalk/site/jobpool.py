"""Share numbered jobs among forked worker processes, each taking the next as it finishes one.

The workers are forked, so they have the jobs (and the loaded data) already: a job is sent as
its number, and the function that does it is inherited, never pickled. The first failure
stops the pool: a flag every worker checks before a job, then the pool is shut down with the
jobs not yet started cancelled, and the failure is raised in the caller as itself (or, when it
cannot cross processes, as the caller's error type). One worker, or none asked for: every job
in this process.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.synchronize import Event

Do = Callable[[int], None]


@dataclass(frozen=True)
class _Shared:
    """What every worker of one pool starts with, inherited by fork (never pickled)."""

    do: Do
    stop: Event
    error: type[Exception]


_shared: _Shared | None = None  # in a worker: what it was started with


def run(count: int, do: Do, workers: int, error: type[Exception]) -> None:
    """do(0) ... do(count - 1), shared among `workers` forked processes."""
    if workers <= 1:
        for number in range(count):
            do(number)
        return
    fork = multiprocessing.get_context("fork")
    shared = _Shared(do, fork.Event(), error)
    pool = ProcessPoolExecutor(workers, fork, initializer=_start_worker, initargs=(shared,))
    try:
        futures = [pool.submit(_run_job, number) for number in range(count)]
        done, _ = wait(futures, return_when=FIRST_EXCEPTION)
        failed = [f for f in futures if f in done and f.exception() is not None]
        if failed:
            raise _failure(failed[0], error)
    finally:
        shared.stop.set()  # after a failure, or Ctrl-C here: no worker takes another job
        pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(shared: _Shared) -> None:
    """The pool's initializer, run once in each worker as it starts."""
    global _shared
    _shared = shared


def _run_job(number: int) -> None:
    """Do one job in a worker, unless a job failed already."""
    assert _shared is not None, "a job runs only in a worker started by run()"
    if _shared.stop.is_set():
        return
    try:
        _shared.do(number)
    except BaseException as exc:  # KeyboardInterrupt too: sent to the parent, raised there
        _shared.stop.set()  # the others finish the job in hand and take no more
        if _survives_pickling(exc):
            raise
        raise _shared.error(f"{type(exc).__name__}: {exc}") from None


def _survives_pickling(exc: BaseException) -> bool:
    """Whether an exception reaches the parent as itself (some cannot be made again from
    their arguments, and would break the pool on the way)."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return False
    return True


def _failure(future: Future[None], error: type[Exception]) -> BaseException:
    failure = future.exception()
    assert failure is not None
    if isinstance(failure, BrokenProcessPool):
        return error(f"a build worker stopped ({failure})")
    return failure

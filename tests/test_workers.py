"""The site build's workers: how many (pinned CPUs where the system tells them, every CPU
where it cannot: macOS has no os.sched_getaffinity), and how they share the jobs."""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from crosswalk import workers
from crosswalk.site import build

BIG = 10_000  # jobs: more than enough to start workers


def test_without_affinity_the_cpu_count_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    assert workers.cpus() == 3
    assert workers.count(None, BIG, 1) == 3
    monkeypatch.setattr(os, "cpu_count", lambda: None)  # "cannot be determined"
    assert workers.count(None, BIG, 1) == 1


def test_affinity_is_preferred_to_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {5, 7}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert workers.count(None, BIG, 1) == 2
    assert workers.count(None, 10, 400) == 1  # too little work to share
    assert workers.count(3, 10, 400) == 3  # as asked


# Sharing the site's jobs among forked workers (crosswalk/site/build.py, run_jobs) ---------

WORKERS = 3


def _jobs(fail_at: int, failure: Callable[[], None]) -> list[build.Job]:
    """Numbered jobs that each write a file; the one at `fail_at` fails instead."""

    def make(number: int) -> str:
        time.sleep(0.005)  # long enough that every worker has a job in hand
        if number == fail_at:
            failure()
        return f"{number}\n"

    return [(f"jobs/{n:04d}.txt", functools.partial(make, n)) for n in range(200)]


def test_after_a_failure_no_worker_takes_another_job(tmp_path: Path) -> None:
    def fail() -> None:
        raise ValueError("job 20 failed (simulated)")

    with pytest.raises(ValueError, match="job 20 failed"):
        build.run_jobs(_jobs(20, fail), tmp_path, WORKERS)
    done = sorted(int(p.stem) for p in (tmp_path / "jobs").iterdir())
    # The jobs before it, and at most the one each other worker had in hand.
    assert 20 not in done
    assert max(done) < 20 + 2 * WORKERS, done
    assert len(done) < 20 + 2 * WORKERS, done


def test_a_worker_that_dies_stops_the_build(tmp_path: Path) -> None:
    with pytest.raises(build.BuildError, match="a build worker stopped"):
        build.run_jobs(_jobs(5, lambda: os._exit(3)), tmp_path, WORKERS)


def test_workers_write_what_one_process_writes(tmp_path: Path) -> None:
    def never() -> None:
        raise AssertionError("no job fails here")

    jobs = _jobs(-1, never)
    build.run_jobs(jobs, tmp_path / "one", 1)
    build.run_jobs(jobs, tmp_path / "pool", WORKERS)
    one = {p.name: p.read_bytes() for p in (tmp_path / "one" / "jobs").iterdir()}
    pool = {p.name: p.read_bytes() for p in (tmp_path / "pool" / "jobs").iterdir()}
    assert len(one) == len(jobs)
    assert pool == one

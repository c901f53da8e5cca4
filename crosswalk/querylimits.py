"""Holding a query to its `Limits`, the same for any engine: the work runs in a child process
that is killed at the deadline and cannot grow past a memory budget, and reports its rows
or its error through a pipe. (Without fork, on Windows, it runs in this process and only
the clock between rows holds.)
"""

from __future__ import annotations

import faulthandler
import json
import os
import select
import signal
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosswalk.problems import UsageError

Table = tuple[list[str], list[list[str]]]


@dataclass(frozen=True)
class Limits:
    """How far one query may go: wall-clock seconds, rows returned, memory it may add."""

    seconds: float = 30.0
    rows: int = 100_000
    memory: int = 2 * 1024**3  # bytes of address space beyond what the process holds


def timed_out(limits: Limits) -> UsageError:
    """The error of a query stopped because it ran longer than the limits allow."""
    return UsageError(
        f"the query ran for more than {limits.seconds:g} s and was stopped (narrow it, add "
        "LIMIT, or allow longer with --timeout)"
    )


def _too_big(limits: Limits) -> UsageError:
    return UsageError(
        f"the query ran out of memory (it may add {limits.memory // 1024**2:,} MiB at most) "
        "and was stopped (narrow it, or add LIMIT)"
    )


def bounded(work: Callable[[float], Table], limits: Limits) -> Table:
    """work(deadline), in a child process killed at the deadline where processes can fork."""
    deadline = time.monotonic() + limits.seconds
    if not hasattr(os, "fork"):
        return _in_process(work, limits, deadline)
    reader, writer = os.pipe()
    with tempfile.TemporaryFile() as said:  # the child's stderr, read if it dies unanswered
        pid = os.fork()
        if pid == 0:  # the child: answer, write the outcome to the pipe, leave at once
            try:
                os.close(reader)
                _quiet(said.fileno())
                _cap_memory(limits.memory)
                payload = _outcome(work, limits, deadline)
                with os.fdopen(writer, "wb") as pipe:
                    pipe.write(payload)
            finally:
                os._exit(0)
        os.close(writer)
        body = None
        try:
            body = _read_until(reader, deadline)
        finally:
            os.close(reader)
            if body is None:  # the deadline passed, or the parent was interrupted
                os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
        said.seek(0)
        last_words = said.read(4096)
    if body is None:
        raise timed_out(limits)
    if not body and _RUST_OUT_OF_MEMORY in last_words:
        raise _too_big(limits)
    if not body:
        raise UsageError(
            f"the query stopped without an answer ({_how_it_ended(status)}; narrow it, or "
            "add LIMIT)"
        )
    outcome = json.loads(body)
    if "error" in outcome:
        raise UsageError(outcome["error"])
    if "bug" in outcome:
        raise RuntimeError(outcome["bug"])
    return outcome["names"], outcome["rows"]


def _outcome(work: Callable[[float], Table], limits: Limits, deadline: float) -> bytes:
    """The child's answer or error, as JSON for the parent."""
    outcome: dict[str, Any]
    try:
        names, rows = work(deadline)
        return json.dumps({"names": names, "rows": rows}).encode("utf-8")
    except UsageError as exc:
        outcome = {"error": str(exc)}
    except MemoryError:
        outcome = {"error": str(_too_big(limits))}
    except Exception as exc:  # a bug: the parent reports it as one
        outcome = {"bug": f"{type(exc).__name__}: {exc}"}
    return json.dumps(outcome).encode("utf-8")


def _read_until(fd: int, deadline: float) -> bytes | None:
    """Everything written to the pipe until it closes, or None if the deadline comes first."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], min(left, 60.0))
        if ready:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


def _how_it_ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


# What native code (Oxigraph) writes to stderr before it aborts when memory runs out: it
# never raises MemoryError.
_RUST_OUT_OF_MEMORY = b"memory allocation of "


def _quiet(stderr: int) -> None:
    """The child says everything through the pipe: nothing it prints reaches the user, and
    what it writes to stderr goes to a file the parent reads only if the child dies."""
    os.dup2(stderr, 2)
    faulthandler.disable()  # pytest's, say, which would report an abort on the terminal


def _cap_memory(budget: int) -> None:
    """Let this process's address space grow by at most `budget` bytes (Linux: /proc)."""
    import resource

    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return  # no /proc: the deadline still holds
    ceiling = pages * resource.getpagesize() + budget
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft != resource.RLIM_INFINITY:
        ceiling = min(ceiling, soft)
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))


def _in_process(work: Callable[[float], Table], limits: Limits, deadline: float) -> Table:
    """Without fork (Windows): the clock is checked between rows only."""
    try:
        return work(deadline)
    except MemoryError:
        raise _too_big(limits) from None

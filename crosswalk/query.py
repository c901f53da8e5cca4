"""SPARQL over the graph, within limits, and the formats its results print in.

A local query goes through `answer`. The engine is Oxigraph (pyoxigraph), an in-memory store
loaded from the N-Triples the exporter writes; rdflib reads the query first, to refuse what a
query over one local graph must not or cannot do (call out with SERVICE, read other graphs
with FROM, match named graphs with GRAPH), and Oxigraph yields rows. `answer` holds it to
`Limits`:
it stops collecting at the row cap, checks the clock between rows, and runs the whole query
in a child process that is killed at the deadline and cannot grow past a memory budget, so a
runaway query (a cartesian product, an ORDER BY over one) stops, whatever the engine is doing.
(Without fork, on Windows, only the clock between rows holds.) Every problem with a query
is a UsageError with a message that says what to do.
"""

from __future__ import annotations

import faulthandler
import json
import os
import select
import signal
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyoxigraph import QueryBoolean, QueryTriples, RdfFormat, Store

from crosswalk.export import csvtext
from crosswalk.export.rdfformats import Triple, ntriples_lines
from crosswalk.namespaces import PREFIXES
from crosswalk.problems import UsageError

Table = tuple[list[str], list[list[str]]]

QUERY_FILE_SUFFIXES = {".rq", ".sparql"}
MAX_QUERY_BYTES = 1_000_000


@dataclass(frozen=True)
class Limits:
    """How far one query may go: wall-clock seconds, rows returned, memory it may add."""

    seconds: float = 30.0
    rows: int = 100_000
    memory: int = 2 * 1024**3  # bytes of address space beyond what the process holds


@dataclass
class Found:
    """What an engine hands back: column names and rows, produced as they are asked for."""

    names: list[str]
    rows: Iterator[list[str]]
    # A graph's triples, or the rows of a query without ORDER BY, come in the engine's own
    # order (Oxigraph's GROUP BY differs from run to run): sorted once collected, so the
    # same data gives the same output.
    unordered: bool = False


def read_query(given: str) -> str:
    """The query text: `given` itself, or the contents of the .rq/.sparql file it names."""
    candidate = Path(given)
    if len(given) < 4096 and "\n" not in given and candidate.suffix in QUERY_FILE_SUFFIXES:
        if not candidate.is_file():
            raise UsageError(f"{given}: no such query file")
        try:
            with candidate.open("rb") as stream:
                data = stream.read(MAX_QUERY_BYTES + 1)
        except OSError as exc:
            raise UsageError(f"{given}: cannot read the query file ({exc.strerror})") from None
        if len(data) > MAX_QUERY_BYTES:
            raise UsageError(
                f"{given}: the query file is larger than {MAX_QUERY_BYTES:,} bytes "
                "(is this the right file?)"
            )
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise UsageError(
                f"{given}:{line}: the query file is not UTF-8 text (save it as UTF-8)"
            ) from None
    try:
        given.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError("the query is not UTF-8 text (check the terminal's encoding)") from None
    return given


# The engine: Oxigraph runs the query, rdflib reads it first. Another engine replaces
# `store` and `engine_rows` and keeps the rest.
#
# The refusals need the parsed query. pyoxigraph runs a query without showing its parsed
# form, and would call a SERVICE or read FROM and GRAPH from its store; so rdflib's parser
# finds them, before Oxigraph sees the query.

_PREFIXES = {prefix: str(iri) for prefix, iri in PREFIXES.items()}

_REFUSED = {
    "ServiceGraphPattern": "SERVICE calls another server, which a local query does not do "
    "(run the query at that server, or drop SERVICE)",
    "Graph": "the local graph has no named graphs, so GRAPH cannot match (drop GRAPH, or "
    "query a SPARQL server with --endpoint)",
    "GraphGraphPattern": "the local graph has no named graphs, so GRAPH cannot match (drop "
    "GRAPH, or query a SPARQL server with --endpoint)",
    "DatasetClause": "FROM and FROM NAMED read other graphs; a local query reads the "
    "crosswalk graph only (drop them, or query a SPARQL server with --endpoint)",
}


def _refusal(algebra: Any) -> str | None:
    """Why the query cannot run locally, found in its parsed form (not its text), or None."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack, seen = [algebra], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, CompValue) and node.name in _REFUSED:
            return _REFUSED[node.name]
        if isinstance(node, dict):  # a CompValue is a dict of its parts
            stack.extend(node.values())
        elif isinstance(node, list | tuple):
            stack.extend(node)
    return None


def check_query(text: str) -> bool:
    """Whether the query orders its answer (ORDER BY at its top level, not in a subquery).
    A UsageError if the query cannot be read, or must not run over the local graph."""
    from rdflib.plugins.sparql import prepareQuery  # imported here: its grammar is slow to build

    try:
        prepared = prepareQuery(text, initNs=_PREFIXES)
    except Exception as exc:  # rdflib raises pyparsing and assorted errors for bad queries
        raise _unreadable(exc) from None
    why = _refusal(prepared.algebra)
    if why:
        raise UsageError(f"the SPARQL query cannot run here: {why}")
    node = prepared.algebra.get("p")
    while getattr(node, "name", None) in _ABOVE_ORDER:  # LIMIT, DISTINCT, the projection
        node = node.get("p")
    return getattr(node, "name", None) == "OrderBy"


_ABOVE_ORDER = {"Slice", "Distinct", "Reduced", "Project"}


def _unreadable(exc: BaseException) -> UsageError:
    return UsageError(
        f"the SPARQL query could not be read: {_first_line(exc)} (check its syntax; "
        "SELECT, ASK, CONSTRUCT and DESCRIBE run here, updates do not)"
    )


def store(triples: Iterable[Triple]) -> Store:
    """An in-memory Oxigraph store of the triples, read from the N-Triples the exporter
    writes (`export --format ntriples`): it holds exactly what that download holds."""
    found = Store()
    found.load("".join(ntriples_lines(triples)), RdfFormat.N_TRIPLES)
    return found


def _cell(term: Any) -> str:
    """A term's text, as rdflib gave it: an IRI, a literal's lexical form, a blank node's id."""
    if term is None:
        return ""
    value = getattr(term, "value", None)
    return value if isinstance(value, str) else str(term)


def engine_rows(found: Store, text: str) -> Found:
    """Check a query and start it over the store; rows come as they are asked for."""
    ordered = check_query(text)
    try:
        result = found.query(text, prefixes=_PREFIXES)
    except SyntaxError as exc:
        raise _unreadable(exc) from None
    except MemoryError:
        raise
    except Exception as exc:  # an OSError from the store, or an error evaluating the query
        raise UsageError(f"the SPARQL query could not run: {_first_line(exc)}") from None
    if isinstance(result, QueryBoolean):
        return Found(["ask"], iter([[str(bool(result)).lower()]]))
    if isinstance(result, QueryTriples):
        rows = ([_cell(t.subject), _cell(t.predicate), _cell(t.object)] for t in result)
        return Found(["subject", "predicate", "object"], _guarded(rows), unordered=True)
    names = [v.value for v in result.variables]
    rows = ([_cell(term) for term in row] for row in result)
    return Found(names, _guarded(rows), unordered=not ordered)


def _guarded(rows: Iterator[list[str]]) -> Iterator[list[str]]:
    """The rows, with an error raised while the engine makes them turned into a UsageError."""
    try:
        yield from rows
    except MemoryError:
        raise
    except Exception as exc:
        raise UsageError(f"the SPARQL query could not run: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    """The error's first line, short, with control characters (from the query) escaped."""
    text = str(exc).strip().splitlines()
    message = text[0] if text else type(exc).__name__
    message = "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)
    return message if len(message) <= 300 else message[:299] + "…"


# Limits: the same for any engine.


def _too_long(limits: Limits) -> UsageError:
    return UsageError(
        f"the query ran for more than {limits.seconds:g} s and was stopped (narrow it, add "
        "LIMIT, or allow longer with --timeout)"
    )


def _too_big(limits: Limits) -> UsageError:
    return UsageError(
        f"the query ran out of memory (it may add {limits.memory // 1024**2:,} MiB at most) "
        "and was stopped (narrow it, or add LIMIT)"
    )


def collect(found: Found, limits: Limits, deadline: float) -> Table:
    """The rows, up to the cap, checking the clock between rows."""
    data: list[list[str]] = []
    for row in found.rows:
        if len(data) == limits.rows:
            raise UsageError(
                f"the query returned more than {limits.rows:,} rows and was stopped (add "
                "LIMIT to the query, or allow more with --limit)"
            )
        if time.monotonic() > deadline:
            raise _too_long(limits)
        data.append(row)
    return found.names, sorted(data) if found.unordered else data


def answer(triples: Iterable[Triple], text: str, limits: Limits | None = None) -> Table:
    """Run a query over the triples within `limits`; every failure is a UsageError. The
    store is filled before the clock starts: the time limit is the query's own."""
    limits = limits or Limits()
    found = store(triples)
    return bounded(lambda deadline: collect(engine_rows(found, text), limits, deadline), limits)


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
        raise _too_long(limits)
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


def as_table(names: list[str], data: list[list[str]]) -> str:
    widths = [max([len(n), *(len(r[i]) for r in data)]) for i, n in enumerate(names)]
    lines = [
        "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in data]
    return "\n".join(lines) + "\n"


def as_csv(names: list[str], data: list[list[str]]) -> str:
    """CSV written as every CSV table is: cells that would start a formula made text."""
    return csvtext.dumps(names, data)


def as_json(names: list[str], data: list[list[str]]) -> str:
    return (
        json.dumps([dict(zip(names, r, strict=True)) for r in data], indent=2, ensure_ascii=False)
        + "\n"
    )


FORMATS: dict[str, Callable[[list[str], list[list[str]]], str]] = {
    "table": as_table,
    "csv": as_csv,
    "json": as_json,
}

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

The child process and the limits are in querylimits.py.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyoxigraph import QueryBoolean, QueryTriples, RdfFormat, Store

from crosswalk import csvtext
from crosswalk.export.rdfformats import Triple, ntriples_lines
from crosswalk.namespaces import PREFIXES
from crosswalk.problems import UsageError
from crosswalk.querylimits import Limits, Table, bounded, timed_out
from crosswalk.texttable import text_table

QUERY_FILE_SUFFIXES = {".rq", ".sparql"}
MAX_QUERY_BYTES = 1_000_000


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
            raise timed_out(limits)
        data.append(row)
    return found.names, sorted(data) if found.unordered else data


def answer(triples: Iterable[Triple], text: str, limits: Limits | None = None) -> Table:
    """Run a query over the triples within `limits`; every failure is a UsageError. The
    store is filled before the clock starts: the time limit is the query's own."""
    limits = limits or Limits()
    found = store(triples)
    return bounded(lambda deadline: collect(engine_rows(found, text), limits, deadline), limits)


def as_table(names: list[str], data: list[list[str]]) -> str:
    """The rows as the answers' text table, no column cut: a query's values are read whole."""
    return text_table(names, data, last_flexible=False)


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

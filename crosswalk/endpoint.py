"""A real SPARQL server: publish the graph with the Graph Store Protocol, query over HTTP.

Works with any SPARQL 1.1 server (Oxigraph, Fuseki, GraphDB): `publish` PUTs the graph as
N-Triples into a named graph of the server's graph store endpoint, replacing what that graph
held; `query` POSTs a query to the server's query endpoint and reads the standard results,
within the same time and row limits as a local query.
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rdflib import Graph

from crosswalk.export.rdfformats import Triple, ntriples
from crosswalk.problems import CrosswalkError, UsageError
from crosswalk.querylimits import Limits, Table

TIMEOUT = 60  # seconds each step of a publish may wait
ANSWER_BYTES_PER_ROW = 1024  # an answer may be this large per row the limits allow


class EndpointError(CrosswalkError):
    """The server could not be reached, or refused the request."""


@dataclass(frozen=True)
class Published:
    graph: str
    triples: int
    status: int


def release_graph(graph: Iterable[Triple], base: str) -> str:
    """The default named graph of a release: the same data always gets the same graph."""
    digest = hashlib.sha256(ntriples(graph).encode("utf-8")).hexdigest()[:12]
    return f"{base.rstrip('/')}/graph/release-{digest}"


def _send(request: urllib.request.Request, limits: Limits | None = None) -> tuple[int, str, bytes]:
    """Send a request; with `limits` (a query), the answer must come within its time and size."""
    seconds = limits.seconds if limits else TIMEOUT
    deadline = time.monotonic() + seconds if limits else None
    try:
        with urllib.request.urlopen(request, timeout=seconds) as response:
            body = _read(response, request.full_url, deadline, limits)
            return response.status, response.headers.get("Content-Type", ""), body
    except urllib.error.HTTPError as exc:
        said = exc.read(4096).decode("utf-8", errors="replace").strip()
        raise EndpointError(
            f"{request.full_url} answered {exc.code} {exc.reason}: {said[:300]}"
        ) from None
    except TimeoutError:
        if limits:
            raise _too_long(request.full_url, seconds) from None
        raise EndpointError(
            f"{request.full_url} did not answer within {seconds} s (is the server busy?)"
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EndpointError(
            f"cannot reach {request.full_url} ({reason}); is the server "
            "running, and is this its address?"
        ) from None


def _too_long(url: str, seconds: float) -> UsageError:
    return UsageError(
        f"the query at {url} ran for more than {seconds:g} s and was stopped (narrow it, add "
        "LIMIT, or allow longer with --timeout)"
    )


def _read(response: Any, url: str, deadline: float | None, limits: Limits | None) -> bytes:
    """The response body, read in pieces so a query's answer stays within its limits."""
    if limits is None or deadline is None:
        data: bytes = response.read()
        return data
    most = max(limits.rows, 1000) * ANSWER_BYTES_PER_ROW
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(1 << 16):
        size += len(chunk)
        if size > most:
            raise UsageError(
                f"the answer from {url} is larger than {most // 1024**2:,} MiB and was not "
                "read (add LIMIT to the query, or allow more rows with --limit)"
            )
        if time.monotonic() > deadline:
            raise _too_long(url, limits.seconds)
        chunks.append(chunk)
    return b"".join(chunks)


def _check_url(url: str) -> None:
    if urllib.parse.urlsplit(url).scheme not in {"http", "https"}:
        raise EndpointError(f"'{url}' is not an http(s) address")


def publish(graph: Iterable[Triple], store: str, graph_iri: str) -> Published:
    """Replace the named graph `graph_iri` at a Graph Store Protocol endpoint with `graph`."""
    _check_url(store)
    separator = "&" if "?" in store else "?"
    url = f"{store}{separator}{urllib.parse.urlencode({'graph': graph_iri})}"
    body = ntriples(graph).encode("utf-8")
    request = urllib.request.Request(
        url, data=body, method="PUT", headers={"Content-Type": "application/n-triples"}
    )
    status, _, _ = _send(request)
    return Published(graph_iri, body.count(b"\n"), status)


def query(endpoint: str, text: str, limits: Limits | None = None) -> Table:
    """Run a query at a SPARQL endpoint; rows as the local `crosswalk sparql` gives them."""
    limits = limits or Limits()
    _check_url(endpoint)
    request = urllib.request.Request(
        endpoint,
        data=text.encode("utf-8"),
        method="POST",
        headers={
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
        },
    )
    _, content_type, body = _send(request, limits)
    try:
        names, rows = _results(content_type, body)
    except Exception as exc:  # JSON, N-Triples and shape errors alike: not an answer
        raise EndpointError(
            f"{endpoint} answered with something other than SPARQL results "
            f"({type(exc).__name__}: {str(exc)[:200]}); is this the query endpoint?"
        ) from None
    if len(rows) > limits.rows:
        raise UsageError(
            f"the query at {endpoint} returned more than {limits.rows:,} rows (add LIMIT to "
            "the query, or allow more with --limit)"
        )
    return names, rows


def _results(content_type: str, body: bytes) -> Table:
    """Rows from SPARQL results JSON or N-Triples (for CONSTRUCT and DESCRIBE)."""
    if content_type.startswith("application/n-triples"):
        triples = Graph().parse(data=body.decode("utf-8"), format="nt")
        return ["subject", "predicate", "object"], sorted(
            [[str(s), str(p), str(o)] for s, p, o in triples]
        )
    results = json.loads(body)
    if "boolean" in results:
        return ["ask"], [[str(results["boolean"]).lower()]]
    names = [str(name) for name in results["head"]["vars"]]
    rows = [
        [str(binding.get(name, {}).get("value", "")) for name in names]
        for binding in results["results"]["bindings"]
    ]
    return names, rows

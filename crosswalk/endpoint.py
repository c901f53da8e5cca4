"""A real SPARQL server: publish the graph with the Graph Store Protocol, query over HTTP.

Works with any SPARQL 1.1 server (Oxigraph, Fuseki, GraphDB): `publish` PUTs the graph as
N-Triples into a named graph of the server's graph store endpoint, replacing what that graph
held; `query` POSTs a query to the server's query endpoint and reads the standard results.
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph

from crosswalk.export.rdfformats import Triple, ntriples
from crosswalk.problems import CrosswalkError

TIMEOUT = 60


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


def _send(request: urllib.request.Request) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        body = exc.read().decode("utf-8", errors="replace").strip()
        raise EndpointError(
            f"{request.full_url} answered {exc.code} {exc.reason}: {body[:300]}"
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EndpointError(
            f"cannot reach {request.full_url} ({reason}); is the server "
            "running, and is this its address?"
        ) from None


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


def query(endpoint: str, text: str) -> tuple[list[str], list[list[str]]]:
    """Run a query at a SPARQL endpoint; rows as the local `crosswalk sparql` gives them."""
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
    _, content_type, body = _send(request)
    if content_type.startswith("application/n-triples"):
        triples = Graph().parse(data=body.decode("utf-8"), format="nt")
        return ["subject", "predicate", "object"], sorted(
            [[str(s), str(p), str(o)] for s, p, o in triples]
        )
    results = json.loads(body)
    if "boolean" in results:
        return ["ask"], [[str(results["boolean"]).lower()]]
    names = results["head"]["vars"]
    rows = [
        [binding.get(name, {}).get("value", "") for name in names]
        for binding in results["results"]["bindings"]
    ]
    return names, rows

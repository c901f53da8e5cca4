"""Publish to a real Oxigraph server started on localhost, query it back, compare."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import bundled
from rdflib import Graph
from rdflib.compare import isomorphic

from crosswalk import endpoint, query

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(location: Path) -> tuple[subprocess.Popen[bytes], str] | None:
    """An Oxigraph server on a free port, once it answers; None if it stopped first (another
    process, such as a parallel test worker, took the port between our look and its bind)."""
    port = _free_port()
    process = subprocess.Popen(
        [str(OXIGRAPH), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2).read()
            return process, base
        except OSError:
            if process.poll() is not None:
                return None
            if time.monotonic() > deadline:
                process.kill()
                stderr = process.stderr.read() if process.stderr else b""
                raise AssertionError(f"oxigraph did not answer: {stderr!r}") from None
            time.sleep(0.2)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    assert OXIGRAPH.is_file(), "the oxigraph server is installed by `make setup` (pip: oxigraph)"
    for _ in range(3):
        started = _start(tmp_path_factory.mktemp("oxigraph"))
        if started is not None:
            break
    else:
        raise AssertionError("oxigraph stopped at start three times: is the port range full?")
    process, base = started
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_publish_and_read_back_is_isomorphic(server: str, run) -> None:
    checked = bundled()
    assert checked.graph is not None
    graph_iri = endpoint.release_graph(checked.graph, "https://w3id.org/crosswalk/")
    result = run("publish", "--endpoint", f"{server}/store")
    assert result.code == 0, result.err
    assert f"<{graph_iri}>" in result.out
    names, rows = endpoint.query(
        f"{server}/query",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}",
    )
    assert names == ["subject", "predicate", "object"] and rows
    with urllib.request.urlopen(
        urllib.request.Request(
            f"{server}/store?graph={graph_iri}", headers={"Accept": "application/n-triples"}
        ),
        timeout=30,
    ) as response:
        back = Graph().parse(data=response.read().decode("utf-8"), format="nt")
    assert isomorphic(back, checked.graph)
    # Publishing again replaces the graph rather than doubling it.
    assert run("publish", "--endpoint", f"{server}/store").code == 0
    count_query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}"
    count = endpoint.query(f"{server}/query", count_query)
    assert count == (["n"], [[str(len(checked.graph))]])


def test_remote_query_matches_local_query(server: str, run) -> None:
    graph_iri = "https://example.org/graph/test"
    assert run("publish", "--endpoint", f"{server}/store", "--graph", graph_iri).code == 0
    text = (
        "SELECT ?id ?title WHERE { GRAPH <%s> { ?c a cw:Criterion ; dcterms:identifier ?id ;"
        " skos:prefLabel ?title ; skos:inScheme ?f . ?f dcterms:identifier 'cqc-asc-2017' } }"
        " ORDER BY ?id"
    )
    prefixes = "".join(
        f"PREFIX {p}: <{iri}>\n"
        for p, iri in (
            ("cw", "https://w3id.org/crosswalk/vocab#"),
            ("dcterms", "http://purl.org/dc/terms/"),
            ("skos", "http://www.w3.org/2004/02/skos/core#"),
        )
    )
    remote = run(
        "sparql", "--endpoint", f"{server}/query", prefixes + text % graph_iri, "--format", "csv"
    )
    local_triples = bundled().triples
    assert local_triples is not None
    local_text = text.replace("GRAPH <%s> { ", "").replace(" } } ORDER", " } ORDER")
    local = query.as_csv(*query.answer(local_triples, local_text))
    assert remote.code == 0 and remote.out == local
    # a header, then one row per criterion of the framework
    assert remote.out.count("\n") == 1 + len(bundled().corpus.criteria_of("cqc-asc-2017"))


def test_unreachable_server_is_a_clear_error(run) -> None:
    result = run("sparql", "--endpoint", f"http://127.0.0.1:{_free_port()}/query", "ASK {}")
    assert result.code == 1 and "cannot reach" in result.err and "Traceback" not in result.err

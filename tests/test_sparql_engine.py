"""Local SPARQL runs on Oxigraph, loaded from the exported N-Triples: it answers as rdflib's
own SPARQL over the rdflib graph did, its unordered answers are the same in every run, and
running out of memory in native code is said as such.

The queries are the ones the tests and the README run, and a few that touch every triple,
every kind of literal and an unbound variable. Where a query orders its rows, the rows come
in the same order; where it does not, the same rows come sorted (Oxigraph's own order, after
a GROUP BY, changes from run to run).
"""

from __future__ import annotations

import os
import subprocess
import sys
from functools import cache

import pytest
from conftest import PROJECT, REPO

from crosswalk import pipeline, query
from crosswalk.namespaces import PREFIXES
from crosswalk.problems import UsageError

QUERIES = {
    "coverage.rq": (REPO / "queries" / "coverage.rq").read_text(encoding="utf-8"),
    "framework ids": "SELECT ?id WHERE { ?f a cw:Framework ; dcterms:identifier ?id }",
    "framework ids, ordered": "SELECT ?id WHERE { ?f a cw:Framework ; dcterms:identifier ?id }"
    " ORDER BY ?id",
    "framework ids, ordered down": "SELECT DISTINCT ?id WHERE { ?f a cw:Framework ;"
    " dcterms:identifier ?id } ORDER BY DESC(?id) LIMIT 10",
    "framework ids, ordered in a subquery only": "SELECT ?id WHERE { { SELECT ?id WHERE {"
    " ?f a cw:Framework ; dcterms:identifier ?id } ORDER BY DESC(?id) } }",
    "criteria, ordered": "SELECT ?id ?title WHERE { ?c a cw:Criterion ; dcterms:identifier ?id ;"
    " skos:prefLabel ?title ; skos:inScheme ?f . ?f dcterms:identifier 'reg' }"
    " ORDER BY ?id",
    "evidence, ordered": "SELECT ?element ?strength WHERE { ?l owl:annotatedSource ?e ;"
    ' owl:annotatedTarget ?c ; cw:relation "supplies_evidence_for" ; cw:strength ?strength .'
    " ?e dcterms:identifier ?element } ORDER BY ?element ?strength",
    "ask, true": "ASK { ?l a cw:Link }",
    "ask, false": "ASK { ?l a cw:NoSuchClass }",
    "every triple": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
    "every typed literal, ordered": "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER (isLiteral(?o)"
    " && datatype(?o) != xsd:string && datatype(?o) != rdf:langString) } ORDER BY ?s ?p ?o",
    "counts, ordered": "SELECT ?class (COUNT(*) AS ?n) WHERE { ?s a ?class } GROUP BY ?class"
    " ORDER BY ?class",
    "unbound, ordered": "SELECT ?f ?x WHERE { ?f a cw:Framework OPTIONAL { ?f cw:none ?x } }"
    " ORDER BY ?f",
    "construct": "CONSTRUCT WHERE { ?s a cw:Framework ; ?p ?o }",
}


@cache
def _checked() -> pipeline.Checked:
    return pipeline.load_clean(PROJECT)


def _by_rdflib(text: str) -> query.Table:
    """The answer rdflib's SPARQL gives over the rdflib graph, cell by cell as text."""
    graph = _checked().graph
    assert graph is not None
    result = graph.query(text, initNs={k: str(v) for k, v in PREFIXES.items()})
    if result.type == "ASK":
        return ["ask"], [[str(bool(result.askAnswer)).lower()]]
    if result.type == "CONSTRUCT":
        assert result.graph is not None
        return ["subject", "predicate", "object"], sorted(
            [str(s), str(p), str(o)] for s, p, o in result.graph
        )
    names = [str(v) for v in result.vars or []]
    rows = [["" if c is None else str(c) for c in row] for row in result]  # type: ignore[union-attr]
    return names, rows


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_oxigraph_answers_as_rdflib_did(name: str) -> None:
    text = QUERIES[name]
    triples = _checked().triples
    assert triples is not None
    names, rows = query.answer(triples, text)
    expected_names, expected_rows = _by_rdflib(text)
    assert names == expected_names
    assert rows, "every query here has an answer on the fixture project"
    ordered = name.endswith(("ordered", "ordered down")) or name.startswith("ask")
    assert rows == (expected_rows if ordered else sorted(expected_rows))


def test_an_unordered_answer_is_the_same_in_every_run() -> None:
    """Oxigraph's order is its own, but not chance: the same data gives the same order,
    whatever Python's hash seed."""
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "crosswalk.cli", "sparql", "--data", str(PROJECT),
             str(REPO / "queries" / "coverage.rq"), "--format", "csv"],
            capture_output=True, text=True, timeout=120, env=env, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0].count("\n") > 2 and outputs[0] == outputs[1]


def test_native_code_running_out_of_memory_is_said_so() -> None:
    """Oxigraph does not raise MemoryError: it aborts, which the parent reads as memory
    running out, not as a child that died for no reason."""
    triples = _checked().triples
    assert triples is not None
    text = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?i"
    limits = query.Limits(seconds=120, memory=256 * 1024**2)
    with pytest.raises(UsageError, match="the query ran out of memory") as caught:
        query.answer(triples, text, limits)
    assert "256 MiB at most" in str(caught.value)

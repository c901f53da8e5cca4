"""The RDF graph: golden file, SHACL shapes, vocabulary agreement, determinism."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BUNDLED, GOLDEN, PROJECT, REGENERATE, bundled
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import OWL, RDF, RDFS

from crosswalk import pipeline, rdf, shacl
from crosswalk.export import rdfformats
from crosswalk.namespaces import CW, VOCAB_IRI, Iris

pytestmark = pytest.mark.heavy  # scheduled first: see tests/conftest.py

GOLDEN_TTL = GOLDEN / "project.ttl"


def _graph(root: Path = PROJECT) -> Graph:
    checked = pipeline.load_clean(root, "data")
    assert checked.graph is not None
    return checked.graph


def _dump(graph: Graph) -> str:
    return "\n".join(sorted(line for line in graph.serialize(format="nt").splitlines() if line))


def test_project_graph_matches_golden_file() -> None:
    graph = _graph()
    if REGENERATE:
        GOLDEN_TTL.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    golden = Graph().parse(GOLDEN_TTL, format="turtle")
    if not isomorphic(graph, golden):
        _, only_built, only_golden = graph_diff(to_isomorphic(graph), to_isomorphic(golden))
        pytest.fail(
            f"built graph differs from {GOLDEN_TTL.name}\nonly in built:\n{_dump(only_built)}"
            f"\nonly in golden:\n{_dump(only_golden)}\n(regenerate with "
            "CROSSWALK_REGENERATE=1 if the change is intended)"
        )


def test_links_are_reified_with_sssom_properties() -> None:
    graph = _graph()
    link = Iris().link("w-2")
    element = Iris().element("warm:meetings")
    criterion = Iris().criterion("reg:Q1.2")
    assert graph.value(link, OWL.annotatedSource) == element
    assert graph.value(link, OWL.annotatedProperty) == CW.suppliesEvidenceFor
    assert graph.value(link, OWL.annotatedTarget) == criterion
    assert (element, CW.suppliesEvidenceFor, criterion) in graph
    # A rejected link is kept for review but asserts nothing.
    rejected = Iris().link("x-1")
    assert graph.value(rejected, CW.status) == Literal("rejected")
    assert (
        Iris().criterion("reg:Q1"),
        graph.value(rejected, OWL.annotatedProperty),
        Iris().criterion("other:T1"),
    ) not in graph


@pytest.mark.parametrize("root", [PROJECT, BUNDLED], ids=["fixture", "bundled"])
def test_graph_conforms_to_shapes(root: Path) -> None:
    checked = pipeline.check(root, "data")
    assert [p for p in checked.problems if p.code == "E401"] == []
    assert checked.graph is not None


@pytest.mark.parametrize("engine", ["shacl", "pyshacl"])
def test_shapes_catch_a_broken_graph_and_point_at_the_yaml_line(engine: str) -> None:
    checked = pipeline.load_clean(PROJECT, "data")
    graph = checked.graph
    assert graph is not None
    link = Iris().link("w-1")
    graph.remove((link, CW.strength, None))
    # An element -> criterion relation on a link that points at a principle.
    graph.set((link, CW.relation, Literal("supplies_evidence_for")))
    problems = shacl.check(graph, checked.corpus, engine_name=engine)
    assert {p.code for p in problems} == {"E401"}
    assert {(p.location.path, p.location.line) for p in problems} == {("data/links/warm.yaml", 6)}
    assert len(problems) == 2


@pytest.mark.parametrize(
    "change",
    ["no kind", "two kinds", "kind of other ends", "relation of another kind"],
)
def test_shapes_check_each_link_is_one_kind_with_its_ends(change: str) -> None:
    """w-1 joins an element to a principle (embodies): typed cw:ElementPrincipleLink."""
    checked = pipeline.load_clean(PROJECT, "data")
    graph = checked.graph
    assert graph is not None
    link = Iris().link("w-1")
    assert (link, RDF.type, CW.ElementPrincipleLink) in graph
    if change == "no kind":
        graph.remove((link, RDF.type, CW.ElementPrincipleLink))
    elif change == "two kinds":
        graph.add((link, RDF.type, CW.ElementCriterionLink))
    elif change == "kind of other ends":  # its target is a principle, not a criterion
        graph.remove((link, RDF.type, CW.ElementPrincipleLink))
        graph.add((link, RDF.type, CW.ElementCriterionLink))
        graph.set((link, CW.relation, Literal("supplies_evidence_for")))
    else:
        graph.set((link, CW.relation, Literal("assessed_by")))
    problems = shacl.check(graph, checked.corpus)
    assert problems, change
    assert {p.code for p in problems} == {"E401"}
    assert {(p.location.path, p.location.line) for p in problems} == {("data/links/warm.yaml", 6)}


def test_python_terms_and_ontology_agree() -> None:
    onto = Graph().parse(shacl.VOCABULARY, format="turtle")
    declared = {
        str(s)
        for s in onto.subjects(RDF.type, None)
        if str(s).startswith(VOCAB_IRI) and (s, RDFS.label, None) in onto
    }
    in_python = {str(CW[name]) for name in CW.__annotations__}
    assert declared == in_python


def test_every_vocabulary_term_used_in_shapes_is_declared() -> None:
    shapes = Graph().parse(shacl.SHAPES, format="turtle")
    used = {
        str(t)
        for triple in shapes
        for t in triple
        if isinstance(t, URIRef) and str(t).startswith(VOCAB_IRI) and not str(t).endswith("Shape")
    }
    assert used <= {str(CW[name]) for name in CW.__annotations__}


def test_base_iri_is_configurable() -> None:
    checked = pipeline.load_clean(PROJECT, "data", base="https://example.org/cw/")
    assert checked.graph is not None
    subjects = {str(s) for s in checked.graph.subjects() if isinstance(s, URIRef)}
    assert any(s.startswith("https://example.org/cw/link/") for s in subjects)
    assert not any(s.startswith("https://w3id.org/crosswalk/link/") for s in subjects)


@pytest.mark.parametrize("fmt", sorted(rdfformats.FORMATS))
def test_exports_of_the_bundled_data_read_back_as_its_graph(fmt: str) -> None:
    """Our writers on the real data. (That they write the same bytes in processes with other
    hash seeds, locales and time zones: tests/test_determinism.py.)"""
    checked = bundled()
    assert checked.triples is not None
    text = rdfformats.FORMATS[fmt](checked.triples)
    parsed = Graph().parse(data=text, format={"jsonld": "json-ld", "ntriples": "nt"}.get(fmt, fmt))
    assert isomorphic(parsed, rdf.build(checked.corpus))

"""The shapes engine against pyshacl on a catalogue of broken graphs (tests/shapes/*.ru), and
each result located at its record's YAML line through `crosswalk validate`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from conftest import PROJECT, TESTS
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from crosswalk import pipeline, rdf, resources, shacl, shapecache
from crosswalk.baseiri import DEFAULT_BASE
from crosswalk.export import rdfformats
from crosswalk.namespaces import Iris

pytestmark = pytest.mark.heavy  # scheduled first: see tests/conftest.py

CASES = sorted((TESTS / "shapes").glob("*.ru"))
PREFIXES = f"""BASE <{DEFAULT_BASE}>
PREFIX cw: <https://w3id.org/crosswalk/vocab#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sssom: <https://w3id.org/sssom/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
Key = tuple[str, str | None, str]  # focus node, path, constraint component


@cache
def clean() -> pipeline.Checked:
    return pipeline.load_clean(PROJECT, "data")


def broken(case: Path) -> Graph:
    triples = clean().triples
    assert triples is not None
    graph = triples.graph()
    before = set(graph)
    graph.update(PREFIXES + case.read_text(encoding="utf-8"))
    assert set(graph) != before, "the update changed nothing"
    return graph


def expected_places(case: Path) -> set[tuple[str, int]]:
    """The (file, line) of each `# at: FILE|LINE` of a case, the line found by its text."""
    places = set()
    for comment in case.read_text(encoding="utf-8").splitlines():
        if comment.startswith("# at: "):
            name, wanted = comment.removeprefix("# at: ").split("|", 1)
            lines = (PROJECT / name).read_text(encoding="utf-8").splitlines()
            found = [i for i, line in enumerate(lines, 1) if line.strip() == wanted]
            assert len(found) == 1, (name, wanted, found)
            places.add((f"data/{name}", found[0]))
    assert places, f"{case.name} names no # at: line"
    return places


def keys(findings: list[shacl.Finding]) -> set[Key]:
    return {(f.focus, f.path, f.component) for f in findings}


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_the_engine_finds_what_pyshacl_finds(case: Path) -> None:
    text = rdfformats.ntriples(broken(case))
    ours = keys(shacl.engine("shacl").validate(text))
    reference = keys(shacl.engine("pyshacl").validate(text))
    assert ours, "the broken graph conforms: the case tests nothing"
    assert ours == reference


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_file_by_file_finds_what_the_whole_graph_gives(case: Path) -> None:
    graph = broken(case)
    engine = shacl.engine("shacl")
    whole = set(engine.validate(rdfformats.ntriples(graph)))
    records = shacl.record_locations(clean().corpus, Iris())
    by_file = shapecache.validate(graph, records, engine, shacl.SHAPES.read_bytes(), local=True)
    assert whole and set(by_file) == whole


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_validate_reports_each_at_its_record_line(
    case: Path, monkeypatch: pytest.MonkeyPatch, run
) -> None:
    graph = broken(case)

    def mutated(corpus, add, base=DEFAULT_BASE, files=None):  # type: ignore[no-untyped-def]
        for triple in graph:
            add(triple)

    monkeypatch.setattr(rdf, "emit", mutated)
    result = run("validate", "--data", str(PROJECT), "--no-cache")
    assert result.code == 1
    reported = [line for line in result.err.splitlines() if " E401 error: SHACL: " in line]
    places = {(line.split(":")[0], int(line.split(":")[1])) for line in reported}
    root = str(PROJECT)
    assert {(path.replace("data", root, 1), line) for path, line in expected_places(case)} == (
        places
    )


def test_the_catalogue_breaks_every_shape() -> None:
    shapes = shacl.load_shapes()
    named = {str(s) for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    engine = shacl.engine("shacl")
    broken_shapes = {
        finding.shape
        for case in CASES
        for finding in engine.validate(rdfformats.ntriples(broken(case)))
    }
    assert named - broken_shapes == set()


def test_the_fixture_and_bundled_data_conform_on_both_engines() -> None:
    for root in (PROJECT, resources.BUNDLED_DATA):
        triples = pipeline.load_clean(root, "data").triples
        assert triples is not None
        text = rdfformats.ntriples(triples)
        assert shacl.engine("shacl").validate(text) == []
        if root == PROJECT:  # pyshacl takes seconds on the bundled data
            assert shacl.engine("pyshacl").validate(text) == []


def test_messages_are_ours_and_the_same_from_either_engine() -> None:
    graph = broken(TESTS / "shapes" / "link-of-two-kinds.ru")
    said = {
        name: [p.message for p in shacl.check(graph, clean().corpus, engine_name=name)]
        for name in shacl.ENGINES
    }
    assert said["shacl"] == said["pyshacl"]
    assert "SHACL: link/w-1 at type: allows at most 3 value(s)" in said["shacl"]

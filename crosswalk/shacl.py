"""Run the SHACL shapes in ontology/shapes.ttl on a built graph, with pyshacl."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from crosswalk.corpus import Corpus
from crosswalk.namespaces import DEFAULT_BASE, Iris
from crosswalk.problems import Location, Problem
from crosswalk.workers import count as how_many_workers

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
SHAPES = ONTOLOGY_DIR / "shapes.ttl"
VOCABULARY = ONTOLOGY_DIR / "crosswalk.ttl"


def load_shapes(path: Path = SHAPES) -> Graph:
    return Graph().parse(path, format="turtle")


def _locations(corpus: Corpus, iris: Iris) -> dict[str, Location]:
    """The file location of every record's IRI, to point SHACL results at YAML lines."""
    found: dict[str, Location] = {}
    tables = (
        (corpus.sources, iris.source),
        (corpus.frameworks, iris.framework),
        (corpus.criteria, iris.criterion),
        (corpus.principle_sets, iris.principle_set),
        (corpus.principles, iris.principle),
        (corpus.models, iris.model),
        (corpus.elements, iris.element),
        (corpus.link_sets, iris.link_set),
        (corpus.links, iris.link),
    )
    for table, mint in tables:
        for key, record in table.items():
            found[str(mint(key))] = corpus.where(record)
    return found


def check(
    graph: Graph,
    corpus: Corpus,
    base: str = DEFAULT_BASE,
    shapes: Graph | None = None,
    workers: int | None = None,
) -> list[Problem]:
    """SHACL violations as located problems (code E401).

    On a large graph the shapes are shared among forked workers (one per CPU, at most four),
    each validating whole shapes against the shared graph, the costliest first: pyshacl works
    one focus node at a time in Python, and its time grows with the data.
    """
    shapes_graph = shapes if shapes is not None else load_shapes()
    count = how_many_workers(workers, len(graph), SMALL_GRAPH)
    if count <= 1 or not _all_named(shapes_graph):
        return sorted(set(_validate(graph, shapes_graph, corpus, base, None)))
    global _SHARED
    _SHARED = (graph, shapes_graph, corpus, base)
    try:
        order = _costliest_first(graph, shapes_graph)
        with multiprocessing.get_context("fork").Pool(count) as pool:
            found = [p for part in pool.imap_unordered(_validate_shape, order) for p in part]
    finally:
        _SHARED = None
    return sorted(set(found))


# What forked workers validate against: set just before the pool starts, read in the workers.
_SHARED: tuple[Graph, Graph, Corpus, str] | None = None
SMALL_GRAPH = 50_000  # triples below which starting workers costs more than it saves


def _costliest_first(graph: Graph, shapes: Graph) -> list[URIRef]:
    """Node shapes by a rough cost: the nodes they target times the constraints they hold
    (each alternative of an sh:or counted in full)."""

    def cost(shape: URIRef) -> int:
        targets = sum(
            1
            for cls in shapes.objects(shape, SH.targetClass)
            for _ in graph.subjects(RDF.type, cls)
        )
        constraints = 1 + sum(1 for _ in shapes.objects(shape, SH.property))
        for alternatives in shapes.objects(shape, SH["or"]):
            for member in shapes.items(alternatives):
                constraints += 1 + sum(1 for _ in shapes.objects(member, SH.property))
        return targets * constraints

    named = [s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)]
    return sorted(named, key=lambda s: (-cost(s), str(s)))


def _all_named(shapes: Graph) -> bool:
    """Whether every node shape has an IRI: workers are handed shapes by name."""
    return all(isinstance(s, URIRef) for s in shapes.subjects(RDF.type, SH.NodeShape))


def _validate_shape(shape: URIRef) -> list[Problem]:
    assert _SHARED is not None, "only called in workers forked by check()"
    graph, shapes, corpus, base = _SHARED
    return _validate(graph, shapes, corpus, base, [shape])


def _validate(
    graph: Graph, shapes: Graph, corpus: Corpus, base: str, use: list[str | URIRef] | None
) -> list[Problem]:
    from pyshacl import validate as pyshacl_validate  # slow to import; only validate needs it

    # Core SHACL only (the shapes use no SHACL-AF), no inference, and no defensive copy of
    # the data graph: pyshacl only reads it when there is nothing to infer. Together a
    # third faster on a large graph.
    conforms, results, _ = pyshacl_validate(
        graph,
        shacl_graph=shapes,
        inference="none",
        advanced=False,
        inplace=True,
        allow_warnings=True,
        use_shapes=use,
    )
    if conforms:
        return []
    locations = _locations(corpus, Iris(base))
    problems = []
    for result in results.subjects(SH.resultSeverity, None):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        focus_text = str(focus)
        location = locations.get(focus_text.split("#", 1)[0], Location("<graph>"))
        path_text = f" at {_short(path)}" if isinstance(path, URIRef) else ""
        problems.append(
            Problem(
                location,
                "E401",
                f"SHACL: {_short(focus)}{path_text}: {message}",
                "fix the record, or report a bug if the YAML looks right",
            )
        )
    return problems


def _short(node: object) -> str:
    text = str(node)
    for cut in ("#", "/"):
        if cut in text:
            text = text.rsplit(cut, 1)[-1] if cut == "#" else text
    return text

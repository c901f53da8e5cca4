"""Run the SHACL shapes in ontology/shapes.ttl on a built graph, with pyshacl."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from crosswalk.loader import Corpus, where
from crosswalk.namespaces import DEFAULT_BASE, Iris
from crosswalk.problems import Location, Problem

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
            found[str(mint(key))] = where(record)
    return found


def check(
    graph: Graph, corpus: Corpus, base: str = DEFAULT_BASE, shapes: Graph | None = None
) -> list[Problem]:
    """SHACL violations as located problems (code E401)."""
    from pyshacl import validate as pyshacl_validate  # slow to import; only validate needs it

    # Core SHACL only (the shapes use no SHACL-AF), no inference, and no defensive copy of
    # the data graph: pyshacl only reads it when there is nothing to infer. Together a
    # third faster on a large graph.
    conforms, results, _ = pyshacl_validate(
        graph,
        shacl_graph=shapes if shapes is not None else load_shapes(),
        inference="none",
        advanced=False,
        inplace=True,
        allow_warnings=True,
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
    return sorted(set(problems))


def _short(node: object) -> str:
    text = str(node)
    for cut in ("#", "/"):
        if cut in text:
            text = text.rsplit(cut, 1)[-1] if cut == "#" else text
    return text

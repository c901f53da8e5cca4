"""Every IRI and prefix crosswalk uses, in one place.

Our own vocabulary is a DefinedNamespace, so a misspelt term fails loudly; a test checks it
against `ontology/crosswalk.ttl`. Data IRIs hang off a base IRI that users can change.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING
from urllib.parse import quote

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD, DefinedNamespace

from crosswalk.baseiri import DEFAULT_BASE

if TYPE_CHECKING:
    import curies

VOCAB_IRI = "https://w3id.org/crosswalk/vocab#"


class CW(DefinedNamespace):
    """The crosswalk vocabulary (ontology/crosswalk.ttl)."""

    _fail = True
    _NS = Namespace(VOCAB_IRI)

    # classes
    Framework: URIRef
    Criterion: URIRef
    Model: URIRef
    Element: URIRef
    PrincipleSet: URIRef
    Principle: URIRef
    Link: URIRef
    ElementPrincipleLink: URIRef
    PrincipleCriterionLink: URIRef
    ElementCriterionLink: URIRef
    CriterionCriterionLink: URIRef
    LinkSet: URIRef
    EvidenceItem: URIRef
    Citation: URIRef
    Source: URIRef
    RatingLevel: URIRef
    RatingScale: URIRef
    # relations a link asserts
    embodies: URIRef
    assessedBy: URIRef
    suppliesEvidenceFor: URIRef
    # properties
    series: URIRef
    jurisdiction: URIRef
    ratingLevel: URIRef
    ratingScale: URIRef
    rank: URIRef
    rating: URIRef
    topic: URIRef
    stage: URIRef
    consultationCloses: URIRef
    inForceFrom: URIRef
    supersededFrom: URIRef
    lifecycleNote: URIRef
    level: URIRef
    publishedText: URIRef
    summary: URIRef
    verification: URIRef
    developer: URIRef
    setting: URIRef
    settingsNote: URIRef
    population: URIRef
    impactEvidence: URIRef
    inWales: URIRef
    walesNote: URIRef
    elementKind: URIRef
    relation: URIRef
    strength: URIRef
    status: URIRef
    rationale: URIRef
    evidence: URIRef
    evidenceKind: URIRef
    citation: URIRef
    locator: URIRef
    reviewedOn: URIRef
    linkSet: URIRef
    seedFile: URIRef


SSSOM = Namespace("https://w3id.org/sssom/")
SEMAPV = Namespace("https://w3id.org/semapv/vocab/")

PREFIXES: dict[str, str] = {
    prefix: str(namespace)
    for prefix, namespace in (
        ("cw", VOCAB_IRI),
        ("skos", SKOS),
        ("dcterms", DCTERMS),
        ("prov", PROV),
        ("owl", OWL),
        ("rdf", RDF),
        ("rdfs", RDFS),
        ("xsd", XSD),
        ("sh", SH),
        ("sssom", SSSOM),
        ("semapv", SEMAPV),
    )
}


def converter(prefixes: dict[str, str]) -> curies.Converter:
    """The one CURIE converter: compress an IRI with the most specific of these prefixes
    (None when none fits), expand a CURIE. The RDF writers and the SSSOM export both use it.
    (curies is imported here: a tenth of a second that only the exports need.)"""
    import curies

    return curies.Converter.from_prefix_map(prefixes)


@functools.cache
def standard() -> curies.Converter:
    """The converter of the standard prefixes alone."""
    return converter(PREFIXES)


def bind_prefixes(graph: Graph, base: str = DEFAULT_BASE) -> Graph:
    """Bind our prefixes (and the data prefixes under the base) on a graph."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, Namespace(iri), override=True, replace=True)
    for prefix, path in DATA_PATHS.items():
        graph.bind(prefix, Namespace(base + path), override=True, replace=True)
    return graph


# Data IRIs: base + path + id. The prefixes let Turtle output stay readable.
DATA_PATHS = {
    "framework": "framework/",
    "criterion": "criterion/",
    "model": "model/",
    "element": "element/",
    "pset": "principle-set/",
    "principle": "principle/",
    "link": "link/",
    "linkset": "link-set/",
    "source": "source/",
}


# A framework, model or principle set id is the prefix of its records' CURIEs (`reg:Q1`) in
# the SSSOM curie_map, beside the standard prefixes and the data prefixes above: an id equal to
# one of them (a model `owl`) would redefine it. The loader refuses these ids in any letter
# case; `linkml` is the one SSSOM's own schema brings besides ours.
RESERVED_PREFIXES = frozenset({*PREFIXES, *DATA_PATHS, "linkml"})


class Iris:
    """Mints the IRIs of data records under one base IRI."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        if not base.endswith(("/", "#")):
            base += "/"
        self.base = base

    def _iri(self, kind: str, *parts: str) -> URIRef:
        return URIRef(self.base + DATA_PATHS[kind] + "/".join(quote(p, safe="-._~") for p in parts))

    def framework(self, fid: str) -> URIRef:
        return self._iri("framework", fid)

    def rating_scale(self, fid: str) -> URIRef:
        """A framework's rating scale, beneath the framework's IRI."""
        return self._iri("framework", fid, "rating-scale")

    def rating_level(self, fid: str, level: str) -> URIRef:
        """A level of a framework's rating scale, by its id."""
        return self._iri("framework", fid, "rating", level)

    def criterion(self, ref: str) -> URIRef:
        return self._iri("criterion", *ref.split(":", 1))

    def model(self, mid: str) -> URIRef:
        return self._iri("model", mid)

    def element(self, ref: str) -> URIRef:
        return self._iri("element", *ref.split(":", 1))

    def principle_set(self, sid: str) -> URIRef:
        return self._iri("pset", sid)

    def principle(self, ref: str) -> URIRef:
        return self._iri("principle", *ref.split(":", 1))

    def link(self, lid: str) -> URIRef:
        return self._iri("link", lid)

    def link_set(self, sid: str) -> URIRef:
        return self._iri("linkset", sid)

    def source(self, sid: str) -> URIRef:
        return self._iri("source", sid)

"""The RDF terms a corpus's triples are made of, each looked up once, and what a link becomes
in RDF: the predicate of each relation, the class of each kind of link and the SSSOM
confidence of each strength.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib import namespace as vocabularies

from crosswalk import namespaces
from crosswalk.enums import Kind, Relation, Strength


class _Terms:
    """A namespace whose terms are each looked up once.

    rdflib works a term out again at every access (a plain Namespace even makes a new node
    each time), and the graph of a corpus asks for the same few dozen terms a hundred
    thousand times: that took half the time of making it.
    """

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term: URIRef = getattr(self._namespace, name)
        setattr(self, name, term)  # found as a plain attribute from now on
        return term


CW, SEMAPV, SSSOM = (_Terms(ns) for ns in (namespaces.CW, namespaces.SEMAPV, namespaces.SSSOM))
DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD = (
    _Terms(ns)
    for ns in (
        vocabularies.DCTERMS,
        vocabularies.OWL,
        vocabularies.PROV,
        vocabularies.RDF,
        vocabularies.RDFS,
        vocabularies.SKOS,
        vocabularies.XSD,
    )
)
# The predicate each relation asserts (SKOS mapping properties for set-theory relations).
PREDICATES: dict[Relation, URIRef] = {
    Relation.embodies: CW.embodies,
    Relation.assessed_by: CW.assessedBy,
    Relation.supplies_evidence_for: CW.suppliesEvidenceFor,
    Relation.equal: SKOS.exactMatch,
    Relation.subset_of: SKOS.broadMatch,  # the subject is narrower: its broader match is the object
    Relation.superset_of: SKOS.narrowMatch,
    Relation.intersects_with: SKOS.relatedMatch,
}
# Each link is also typed by the kinds of record it joins (what its relation allows), so the
# SHACL shapes can check its ends by class instead of trying every relation on every link.
LINK_CLASSES: dict[tuple[Kind, Kind], URIRef] = {
    (Kind.element, Kind.principle): CW.ElementPrincipleLink,
    (Kind.principle, Kind.criterion): CW.PrincipleCriterionLink,
    (Kind.element, Kind.criterion): CW.ElementCriterionLink,
    (Kind.criterion, Kind.criterion): CW.CriterionCriterionLink,
}
# Confidence that SSSOM consumers read, from the curated strength.
CONFIDENCE: dict[Strength, str] = {
    Strength.strong: "0.9",
    Strength.partial: "0.6",
    Strength.weak: "0.3",
}

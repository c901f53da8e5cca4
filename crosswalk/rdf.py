"""The RDF face of a corpus: one rdflib graph, aligned with SKOS, SSSOM, PROV and Dublin Core."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from crosswalk.loader import Corpus
from crosswalk.model import Citation, Relation, Status, Strength
from crosswalk.namespaces import CW, DEFAULT_BASE, SEMAPV, SSSOM, Iris, bind_prefixes

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
# Confidence that SSSOM consumers read, from the curated strength.
CONFIDENCE: dict[Strength, str] = {
    Strength.strong: "0.9",
    Strength.partial: "0.6",
    Strength.weak: "0.3",
}


def _text(value: str) -> Literal:
    return Literal(value, lang="en")


Triple = tuple[Node, Node, Node]


class Triples:
    """The triples of a corpus in a plain list: building an rdflib Graph costs far more, and
    only SPARQL and SHACL need one."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.items: dict[Triple, None] = {}  # a set that keeps insertion order

    def add(self, triple: Triple) -> None:
        self.items[triple] = None

    def __iter__(self) -> Iterator[Triple]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def graph(self) -> Graph:
        g = bind_prefixes(Graph(), self.base)
        for triple in self.items:
            g.add(triple)
        return g


def build(corpus: Corpus, base: str = DEFAULT_BASE) -> Graph:
    """The rdflib graph of a corpus."""
    return triples(corpus, base).graph()


def triples(corpus: Corpus, base: str = DEFAULT_BASE) -> Triples:
    """Every triple of a corpus. Pure: the same corpus always gives the same triples."""
    iris = Iris(base)
    g = Triples(iris.base)
    _sources(g, corpus, iris)
    _frameworks(g, corpus, iris)
    _principles(g, corpus, iris)
    _models(g, corpus, iris)
    _links(g, corpus, iris)
    return g


def record_iri(corpus: Corpus, iris: Iris, ref: str) -> URIRef:
    """The IRI of a criterion, element or principle reference."""
    if ref in corpus.criteria:
        return iris.criterion(ref)
    if ref in corpus.elements:
        return iris.element(ref)
    return iris.principle(ref)


def _cite(g: Triples, owner: URIRef, citations: list[Citation], iris: Iris) -> None:
    for i, citation in enumerate(citations, start=1):
        node = URIRef(f"{owner}#citation-{i}")
        g.add((owner, CW.citation, node))
        g.add((node, RDF.type, CW.Citation))
        g.add((node, DCTERMS.source, iris.source(citation.source)))
        g.add((node, CW.locator, Literal(citation.locator)))
        g.add((owner, PROV.wasDerivedFrom, iris.source(citation.source)))


def _sources(g: Triples, corpus: Corpus, iris: Iris) -> None:
    for sid, src in sorted(corpus.sources.items()):
        node = iris.source(sid)
        g.add((node, RDF.type, CW.Source))
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, DCTERMS.identifier, Literal(sid)))
        g.add((node, DCTERMS.title, _text(src.title)))
        g.add((node, DCTERMS.publisher, Literal(src.publisher)))
        if src.year is not None:
            g.add((node, DCTERMS.issued, Literal(str(src.year), datatype=XSD.gYear)))
        if src.url:
            g.add((node, RDFS.seeAlso, URIRef(src.url)))
        if src.file:
            g.add((node, CW.seedFile, Literal(src.file)))
        if src.description:
            g.add((node, DCTERMS.description, _text(src.description)))


def _frameworks(g: Triples, corpus: Corpus, iris: Iris) -> None:
    for fid, fw in sorted(corpus.frameworks.items()):
        node = iris.framework(fid)
        g.add((node, RDF.type, CW.Framework))
        g.add((node, RDF.type, SKOS.ConceptScheme))
        g.add((node, DCTERMS.identifier, Literal(fid)))
        g.add((node, DCTERMS.title, _text(fw.title)))
        g.add((node, SKOS.prefLabel, _text(fw.short_title or fw.title)))
        g.add((node, CW.series, Literal(fw.series)))
        g.add((node, OWL.versionInfo, Literal(fw.version)))
        g.add((node, DCTERMS.publisher, Literal(fw.publisher)))
        g.add((node, CW.jurisdiction, Literal(str(fw.jurisdiction))))
        if fw.issued:
            g.add((node, DCTERMS.issued, Literal(fw.issued, datatype=XSD.date)))
        if fw.url:
            g.add((node, RDFS.seeAlso, URIRef(fw.url)))
        if fw.description:
            g.add((node, DCTERMS.description, _text(fw.description)))
        if fw.notes:
            g.add((node, SKOS.editorialNote, _text(fw.notes)))
        for rank, level in enumerate(fw.rating_scale, start=1):
            rnode = URIRef(f"{node}#rating-{rank}")
            g.add((node, CW.ratingLevel, rnode))
            g.add((rnode, RDF.type, CW.RatingLevel))
            g.add((rnode, RDFS.label, _text(level)))
            g.add((rnode, CW.rank, Literal(rank)))
    for ref, crit in sorted(corpus.criteria.items()):
        fid = corpus.scheme_of(ref)
        node, scheme = iris.criterion(ref), iris.framework(fid)
        g.add((node, RDF.type, CW.Criterion))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, scheme))
        g.add((node, DCTERMS.identifier, Literal(crit.id)))
        g.add((node, SKOS.notation, Literal(crit.notation or crit.id)))
        g.add((node, SKOS.prefLabel, _text(crit.title)))
        g.add((node, CW.level, Literal(str(crit.level))))
        g.add((node, CW.verification, Literal(str(crit.verification))))
        if crit.parent:
            g.add((node, SKOS.broader, iris.criterion(f"{fid}:{crit.parent}")))
        else:
            g.add((node, SKOS.topConceptOf, scheme))
            g.add((scheme, SKOS.hasTopConcept, node))
        if crit.text:
            g.add((node, CW.publishedText, _text(crit.text)))
        if crit.summary:
            g.add((node, CW.summary, _text(crit.summary)))
        if crit.notes:
            g.add((node, SKOS.editorialNote, _text(crit.notes)))
        for url in crit.urls:
            g.add((node, RDFS.seeAlso, URIRef(url)))


def _principles(g: Triples, corpus: Corpus, iris: Iris) -> None:
    for sid, ps in sorted(corpus.principle_sets.items()):
        node = iris.principle_set(sid)
        g.add((node, RDF.type, CW.PrincipleSet))
        g.add((node, RDF.type, SKOS.ConceptScheme))
        g.add((node, DCTERMS.identifier, Literal(sid)))
        g.add((node, DCTERMS.title, _text(ps.title)))
        g.add((node, SKOS.prefLabel, _text(ps.title)))
        g.add((node, OWL.versionInfo, Literal(ps.version)))
        g.add((node, CW.status, Literal(str(ps.status))))
        if ps.description:
            g.add((node, DCTERMS.description, _text(ps.description)))
    for ref, pr in sorted(corpus.principles.items()):
        node, scheme = iris.principle(ref), iris.principle_set(corpus.scheme_of(ref))
        g.add((node, RDF.type, CW.Principle))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, scheme))
        g.add((node, SKOS.topConceptOf, scheme))
        g.add((scheme, SKOS.hasTopConcept, node))
        g.add((node, DCTERMS.identifier, Literal(pr.id)))
        g.add((node, SKOS.prefLabel, _text(pr.title)))
        g.add((node, SKOS.definition, _text(pr.definition)))
        _cite(g, node, pr.sources, iris)


def _models(g: Triples, corpus: Corpus, iris: Iris) -> None:
    for mid, m in sorted(corpus.models.items()):
        node = iris.model(mid)
        g.add((node, RDF.type, CW.Model))
        g.add((node, RDF.type, SKOS.ConceptScheme))
        g.add((node, DCTERMS.identifier, Literal(mid)))
        g.add((node, DCTERMS.title, _text(m.title)))
        g.add((node, SKOS.prefLabel, _text(m.title)))
        g.add((node, CW.developer, Literal(m.developer)))
        g.add((node, DCTERMS.description, _text(m.description)))
        g.add((node, CW.impactEvidence, Literal(str(m.impact_evidence))))
        g.add((node, CW.inWales, Literal(m.in_wales)))
        if m.year is not None:
            g.add((node, DCTERMS.created, Literal(str(m.year), datatype=XSD.gYear)))
        if m.url:
            g.add((node, RDFS.seeAlso, URIRef(m.url)))
        for setting in m.settings:
            g.add((node, CW.setting, Literal(str(setting))))
        for population in m.populations:
            g.add((node, CW.population, Literal(str(population))))
        if m.settings_notes:
            g.add((node, CW.settingsNote, _text(m.settings_notes)))
        if m.wales_notes:
            g.add((node, CW.walesNote, _text(m.wales_notes)))
        _cite(g, node, m.sources, iris)
    for ref, el in sorted(corpus.elements.items()):
        mid = corpus.scheme_of(ref)
        node, scheme = iris.element(ref), iris.model(mid)
        g.add((node, RDF.type, CW.Element))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, scheme))
        g.add((node, DCTERMS.identifier, Literal(el.id)))
        g.add((node, SKOS.prefLabel, _text(el.title)))
        g.add((node, CW.elementKind, Literal(str(el.kind))))
        if el.parent:
            g.add((node, SKOS.broader, iris.element(f"{mid}:{el.parent}")))
        else:
            g.add((node, SKOS.topConceptOf, scheme))
            g.add((scheme, SKOS.hasTopConcept, node))
        if el.description:
            g.add((node, SKOS.definition, _text(el.description)))
        _cite(g, node, el.sources, iris)


def _links(g: Triples, corpus: Corpus, iris: Iris) -> None:
    for sid, ls in sorted(corpus.link_sets.items()):
        node = iris.link_set(sid)
        g.add((node, RDF.type, CW.LinkSet))
        g.add((node, DCTERMS.identifier, Literal(sid)))
        g.add((node, DCTERMS.title, _text(ls.title)))
        if ls.description:
            g.add((node, DCTERMS.description, _text(ls.description)))
    for lid, link in sorted(corpus.links.items()):
        node = iris.link(lid)
        subject = record_iri(corpus, iris, link.subject)
        obj = record_iri(corpus, iris, link.object)
        predicate = PREDICATES[link.relation]
        g.add((node, RDF.type, CW.Link))
        g.add((node, RDF.type, OWL.Axiom))
        g.add((node, DCTERMS.identifier, Literal(lid)))
        g.add((node, CW.linkSet, iris.link_set(corpus.link_set_of[lid])))
        g.add((node, OWL.annotatedSource, subject))
        g.add((node, OWL.annotatedProperty, predicate))
        g.add((node, OWL.annotatedTarget, obj))
        g.add((node, CW.relation, Literal(str(link.relation))))
        g.add((node, CW.strength, Literal(str(link.strength))))
        g.add((node, SSSOM.confidence, Literal(CONFIDENCE[link.strength], datatype=XSD.double)))
        g.add((node, SSSOM.mapping_justification, SEMAPV.ManualMappingCuration))
        g.add((node, CW.rationale, _text(link.rationale)))
        g.add((node, CW.status, Literal(str(link.status))))
        g.add((node, SSSOM.author_label, Literal(link.author)))
        g.add((node, SSSOM.mapping_date, Literal(link.created, datatype=XSD.date)))
        if link.reviewer:
            g.add((node, SSSOM.reviewer_label, Literal(link.reviewer)))
        if link.reviewed:
            g.add((node, CW.reviewedOn, Literal(link.reviewed, datatype=XSD.date)))
        if link.comment:
            g.add((node, SSSOM.comment, _text(link.comment)))
        for i, item in enumerate(link.evidence, start=1):
            enode = URIRef(f"{node}#evidence-{i}")
            g.add((node, CW.evidence, enode))
            g.add((enode, RDF.type, CW.EvidenceItem))
            g.add((enode, RDFS.label, _text(item.item)))
            for kind in item.kinds:
                g.add((enode, CW.evidenceKind, Literal(str(kind))))
        _cite(g, node, link.sources, iris)
        if link.status is not Status.rejected:
            g.add((subject, predicate, obj))

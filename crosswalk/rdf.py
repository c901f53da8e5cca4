"""The RDF face of a corpus: one rdflib graph, aligned with SKOS, SSSOM, PROV and Dublin Core.

The terms it is made of, and what each link becomes, are in rdfterms.py.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from typing import TypeVar

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from crosswalk.baseiri import DEFAULT_BASE
from crosswalk.corpus import Corpus
from crosswalk.enums import RELATION_KINDS, Kind, Status
from crosswalk.model import Citation, Framework, Lifecycle, Record
from crosswalk.namespaces import Iris, bind_prefixes
from crosswalk.rdfterms import (
    CONFIDENCE,
    CW,
    DCTERMS,
    LINK_CLASSES,
    OWL,
    PREDICATES,
    PROV,
    RDF,
    RDFS,
    SEMAPV,
    SKOS,
    SSSOM,
    XSD,
)

Triple = tuple[Node, Node, Node]
R = TypeVar("R", bound=Record)


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


class _OnceIris(Iris):
    """Mints each IRI once (see _Builder)."""

    def __init__(self, base: str) -> None:
        super().__init__(base)
        self.minted: dict[tuple[str, ...], URIRef] = {}

    def _iri(self, kind: str, *parts: str) -> URIRef:
        key = (kind, *parts)
        found = self.minted.get(key)
        if found is None:
            found = self.minted[key] = super()._iri(kind, *parts)
        return found


class _Builder:
    """Adds the triples of a corpus, making each literal and data IRI once.

    rdflib takes microseconds to make a node (a Literal works out its Python value, a URIRef
    checks its characters), and a corpus says "accepted" or names the same framework many
    times over. Equal nodes made once are also one object, so every later dict lookup of them
    (the exports group and spell nodes by dict) is an identity check.
    """

    def __init__(self, base: str, add: Callable[[Triple], None]) -> None:
        self.iris = _OnceIris(base)
        self.add = add
        self.literals: dict[tuple[type, object, str | None, URIRef | None], Literal] = {}
        self.files: frozenset[str] | None = None  # the files whose records are made, or all

    def literal(
        self, value: object, datatype: URIRef | None = None, lang: str | None = None
    ) -> Literal:
        # Keyed by the value's type too: Literal(1) and Literal(True) differ, though 1 == True.
        key = (type(value), value, lang, datatype)
        found = self.literals.get(key)
        if found is None:
            found = self.literals[key] = Literal(value, lang=lang, datatype=datatype)
        return found

    def text(self, value: str) -> Literal:
        return self.literal(value, lang="en")


def build(corpus: Corpus, base: str = DEFAULT_BASE) -> Graph:
    """The rdflib graph of a corpus."""
    return triples(corpus, base).graph()


def triples(
    corpus: Corpus, base: str = DEFAULT_BASE, files: Collection[str] | None = None
) -> Triples:
    """Every triple of a corpus. Pure: the same corpus always gives the same triples.

    With `files` (shown paths), only the triples its records in those files make: those of
    every file, put together, are the corpus's.
    """
    found = Triples(Iris(base).base)
    emit(corpus, found.add, base, files)
    return found


def emit(
    corpus: Corpus,
    add: Callable[[Triple], None],
    base: str = DEFAULT_BASE,
    files: Collection[str] | None = None,
) -> None:
    """Hand every triple of `triples(corpus, base, files)` to `add`, one at a time, keeping
    none: for a reader that spells them and drops them (the shapes' validation), holding a
    large corpus's two million triples costs more than making them. A triple may come more
    than once; equal nodes are mostly one object, and a node's object is alive while `add`
    holds it, so `add` may remember a node's spelling by the object."""
    g = _Builder(base, add)
    if files is not None:
        g.files = frozenset(files)
    _sources(g, corpus, g.iris)
    _frameworks(g, corpus, g.iris)
    _principles(g, corpus, g.iris)
    _models(g, corpus, g.iris)
    _links(g, corpus, g.iris)


def _made(g: _Builder, corpus: Corpus, table: Mapping[str, R]) -> list[tuple[str, R]]:
    """The records of a table whose triples are made, by key."""
    if g.files is None:
        return sorted(table.items())
    return sorted((k, r) for k, r in table.items() if corpus.shown_file(r) in g.files)


def record_iri(corpus: Corpus, iris: Iris, ref: str) -> URIRef:
    """The IRI of a criterion, element or principle reference."""
    kind = corpus.kind_of(ref)
    if kind is Kind.criterion:
        return iris.criterion(ref)
    if kind is Kind.element:
        return iris.element(ref)
    return iris.principle(ref)


def _cite(g: _Builder, owner: URIRef, citations: list[Citation], iris: Iris) -> None:
    for i, citation in enumerate(citations, start=1):
        node = URIRef(f"{owner}#citation-{i}")
        g.add((owner, CW.citation, node))
        g.add((node, RDF.type, CW.Citation))
        g.add((node, DCTERMS.source, iris.source(citation.source)))
        g.add((node, CW.locator, g.literal(citation.locator)))
        g.add((owner, PROV.wasDerivedFrom, iris.source(citation.source)))


def _sources(g: _Builder, corpus: Corpus, iris: Iris) -> None:
    for sid, src in _made(g, corpus, corpus.sources):
        node = iris.source(sid)
        g.add((node, RDF.type, CW.Source))
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, DCTERMS.identifier, g.literal(sid)))
        g.add((node, DCTERMS.title, g.text(src.title)))
        g.add((node, DCTERMS.publisher, g.literal(src.publisher)))
        if src.year is not None:
            g.add((node, DCTERMS.issued, g.literal(str(src.year), datatype=XSD.gYear)))
        if src.url:
            g.add((node, RDFS.seeAlso, URIRef(src.url)))
        if src.file:
            g.add((node, CW.seedFile, g.literal(src.file)))
        if src.description:
            g.add((node, DCTERMS.description, g.text(src.description)))


def _frameworks(g: _Builder, corpus: Corpus, iris: Iris) -> None:
    for fid, fw in _made(g, corpus, corpus.frameworks):
        node = iris.framework(fid)
        g.add((node, RDF.type, CW.Framework))
        g.add((node, RDF.type, SKOS.ConceptScheme))
        g.add((node, DCTERMS.identifier, g.literal(fid)))
        g.add((node, DCTERMS.title, g.text(fw.title)))
        g.add((node, SKOS.prefLabel, g.text(fw.short_title or fw.title)))
        g.add((node, CW.series, g.literal(fw.series)))
        g.add((node, OWL.versionInfo, g.literal(fw.version)))
        g.add((node, DCTERMS.publisher, g.literal(fw.publisher)))
        g.add((node, CW.jurisdiction, g.literal(str(fw.jurisdiction))))
        if fw.url:
            g.add((node, RDFS.seeAlso, URIRef(fw.url)))
        if fw.description:
            g.add((node, DCTERMS.description, g.text(fw.description)))
        if fw.notes:
            g.add((node, SKOS.editorialNote, g.text(fw.notes)))
        _lifecycle(g, node, fw.lifecycle, iris)
        _rating_scale(g, fid, fw, iris)
    for ref, crit in _made(g, corpus, corpus.criteria):
        fid = corpus.scheme_of(ref)
        node, scheme = iris.criterion(ref), iris.framework(fid)
        g.add((node, RDF.type, CW.Criterion))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, scheme))
        g.add((node, DCTERMS.identifier, g.literal(crit.id)))
        g.add((node, SKOS.notation, g.literal(crit.notation or crit.id)))
        g.add((node, SKOS.prefLabel, g.text(crit.title)))
        if crit.title_cy:
            g.add((node, SKOS.prefLabel, g.literal(crit.title_cy, lang="cy")))
        g.add((node, CW.level, g.literal(str(crit.level))))
        if crit.rating:
            g.add((node, CW.rating, iris.rating_level(fid, crit.rating)))
        for topic in crit.topics:
            g.add((node, CW.topic, g.text(topic)))
        g.add((node, CW.verification, g.literal(str(crit.verification))))
        if crit.parent:
            g.add((node, SKOS.broader, iris.criterion(f"{fid}:{crit.parent}")))
        else:
            g.add((node, SKOS.topConceptOf, scheme))
            g.add((scheme, SKOS.hasTopConcept, node))
        if crit.text:
            g.add((node, CW.publishedText, g.text(crit.text)))
        if crit.summary:
            g.add((node, CW.summary, g.text(crit.summary)))
        if crit.notes:
            g.add((node, SKOS.editorialNote, g.text(crit.notes)))
        for url in crit.urls:
            g.add((node, RDFS.seeAlso, URIRef(url)))


def _lifecycle(g: _Builder, node: URIRef, life: Lifecycle, iris: Iris) -> None:
    g.add((node, CW.stage, g.literal(str(life.stage))))
    if life.published:
        g.add((node, DCTERMS.issued, g.literal(life.published, datatype=XSD.date)))
    if life.consultation_closes:
        g.add((node, CW.consultationCloses, g.literal(life.consultation_closes, datatype=XSD.date)))
    if life.in_force_from:
        g.add((node, CW.inForceFrom, g.literal(life.in_force_from, datatype=XSD.date)))
    if life.superseded_by:
        successor = iris.framework(life.superseded_by)
        g.add((node, DCTERMS.isReplacedBy, successor))
        g.add((successor, DCTERMS.replaces, node))
    if life.superseded_from:
        g.add((node, CW.supersededFrom, g.literal(life.superseded_from, datatype=XSD.date)))
    if life.notes:
        g.add((node, CW.lifecycleNote, g.text(life.notes)))
    _cite(g, node, life.sources, iris)


def _rating_scale(g: _Builder, fid: str, fw: Framework, iris: Iris) -> None:
    """The scale as a SKOS concept scheme of its own, its levels ranked best first."""
    if not fw.rating_scale:
        return
    node, scale = iris.framework(fid), iris.rating_scale(fid)
    g.add((node, CW.ratingScale, scale))
    g.add((scale, RDF.type, CW.RatingScale))
    g.add((scale, RDF.type, SKOS.ConceptScheme))
    g.add((scale, SKOS.prefLabel, g.text(f"Rating scale: {fw.short_title or fw.title}")))
    for rank, level in enumerate(fw.rating_scale, start=1):
        rnode = iris.rating_level(fid, level.id)
        g.add((node, CW.ratingLevel, rnode))
        g.add((rnode, RDF.type, CW.RatingLevel))
        g.add((rnode, RDF.type, SKOS.Concept))
        g.add((rnode, SKOS.inScheme, scale))
        g.add((rnode, SKOS.topConceptOf, scale))
        g.add((scale, SKOS.hasTopConcept, rnode))
        g.add((rnode, DCTERMS.identifier, g.literal(level.id)))
        g.add((rnode, SKOS.notation, g.literal(level.id)))
        g.add((rnode, SKOS.prefLabel, g.text(level.title)))
        if level.title_cy:
            g.add((rnode, SKOS.prefLabel, g.literal(level.title_cy, lang="cy")))
        g.add((rnode, CW.rank, g.literal(rank)))


def _principles(g: _Builder, corpus: Corpus, iris: Iris) -> None:
    for sid, ps in _made(g, corpus, corpus.principle_sets):
        node = iris.principle_set(sid)
        g.add((node, RDF.type, CW.PrincipleSet))
        g.add((node, RDF.type, SKOS.ConceptScheme))
        g.add((node, DCTERMS.identifier, g.literal(sid)))
        g.add((node, DCTERMS.title, g.text(ps.title)))
        g.add((node, SKOS.prefLabel, g.text(ps.title)))
        g.add((node, OWL.versionInfo, g.literal(ps.version)))
        g.add((node, CW.status, g.literal(str(ps.status))))
        if ps.description:
            g.add((node, DCTERMS.description, g.text(ps.description)))
    for ref, pr in _made(g, corpus, corpus.principles):
        node, scheme = iris.principle(ref), iris.principle_set(corpus.scheme_of(ref))
        g.add((node, RDF.type, CW.Principle))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, scheme))
        g.add((node, SKOS.topConceptOf, scheme))
        g.add((scheme, SKOS.hasTopConcept, node))
        g.add((node, DCTERMS.identifier, g.literal(pr.id)))
        g.add((node, SKOS.prefLabel, g.text(pr.title)))
        g.add((node, SKOS.definition, g.text(pr.definition)))
        _cite(g, node, pr.sources, iris)


def _models(g: _Builder, corpus: Corpus, iris: Iris) -> None:
    for mid, m in _made(g, corpus, corpus.models):
        node = iris.model(mid)
        g.add((node, RDF.type, CW.Model))
        g.add((node, RDF.type, SKOS.ConceptScheme))
        g.add((node, DCTERMS.identifier, g.literal(mid)))
        g.add((node, DCTERMS.title, g.text(m.title)))
        g.add((node, SKOS.prefLabel, g.text(m.title)))
        g.add((node, CW.developer, g.literal(m.developer)))
        g.add((node, DCTERMS.description, g.text(m.description)))
        g.add((node, CW.impactEvidence, g.literal(str(m.impact_evidence))))
        g.add((node, CW.inWales, g.literal(m.in_wales)))
        if m.year is not None:
            g.add((node, DCTERMS.created, g.literal(str(m.year), datatype=XSD.gYear)))
        if m.url:
            g.add((node, RDFS.seeAlso, URIRef(m.url)))
        for setting in m.settings:
            g.add((node, CW.setting, g.literal(str(setting))))
        for population in m.populations:
            g.add((node, CW.population, g.literal(str(population))))
        if m.settings_notes:
            g.add((node, CW.settingsNote, g.text(m.settings_notes)))
        if m.wales_notes:
            g.add((node, CW.walesNote, g.text(m.wales_notes)))
        _cite(g, node, m.sources, iris)
    for ref, el in _made(g, corpus, corpus.elements):
        mid = corpus.scheme_of(ref)
        node, scheme = iris.element(ref), iris.model(mid)
        g.add((node, RDF.type, CW.Element))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, scheme))
        g.add((node, DCTERMS.identifier, g.literal(el.id)))
        g.add((node, SKOS.prefLabel, g.text(el.title)))
        g.add((node, CW.elementKind, g.literal(str(el.kind))))
        if el.parent:
            g.add((node, SKOS.broader, iris.element(f"{mid}:{el.parent}")))
        else:
            g.add((node, SKOS.topConceptOf, scheme))
            g.add((scheme, SKOS.hasTopConcept, node))
        if el.description:
            g.add((node, SKOS.definition, g.text(el.description)))
        _cite(g, node, el.sources, iris)


def _links(g: _Builder, corpus: Corpus, iris: Iris) -> None:
    for sid, ls in _made(g, corpus, corpus.link_sets):
        node = iris.link_set(sid)
        g.add((node, RDF.type, CW.LinkSet))
        g.add((node, DCTERMS.identifier, g.literal(sid)))
        g.add((node, DCTERMS.title, g.text(ls.title)))
        if ls.description:
            g.add((node, DCTERMS.description, g.text(ls.description)))
    for lid, link in _made(g, corpus, corpus.links):
        node = iris.link(lid)
        subject = record_iri(corpus, iris, link.subject)
        obj = record_iri(corpus, iris, link.object)
        predicate = PREDICATES[link.relation]
        g.add((node, RDF.type, CW.Link))
        g.add((node, RDF.type, LINK_CLASSES[RELATION_KINDS[link.relation]]))
        g.add((node, RDF.type, OWL.Axiom))
        g.add((node, DCTERMS.identifier, g.literal(lid)))
        g.add((node, CW.linkSet, iris.link_set(corpus.link_set_of[lid])))
        g.add((node, OWL.annotatedSource, subject))
        g.add((node, OWL.annotatedProperty, predicate))
        g.add((node, OWL.annotatedTarget, obj))
        g.add((node, CW.relation, g.literal(str(link.relation))))
        g.add((node, CW.strength, g.literal(str(link.strength))))
        g.add((node, SSSOM.confidence, g.literal(CONFIDENCE[link.strength], datatype=XSD.double)))
        g.add((node, SSSOM.mapping_justification, SEMAPV.ManualMappingCuration))
        g.add((node, CW.rationale, g.text(link.rationale)))
        g.add((node, CW.status, g.literal(str(link.status))))
        g.add((node, SSSOM.author_label, g.literal(link.author)))
        g.add((node, SSSOM.mapping_date, g.literal(link.created, datatype=XSD.date)))
        if link.reviewer:
            g.add((node, SSSOM.reviewer_label, g.literal(link.reviewer)))
        if link.reviewed:
            g.add((node, CW.reviewedOn, g.literal(link.reviewed, datatype=XSD.date)))
        if link.comment:
            g.add((node, SSSOM.comment, g.text(link.comment)))
        for i, item in enumerate(link.evidence, start=1):
            enode = URIRef(f"{node}#evidence-{i}")
            g.add((node, CW.evidence, enode))
            g.add((enode, RDF.type, CW.EvidenceItem))
            g.add((enode, RDFS.label, g.text(item.item)))
            for kind in item.kinds:
                g.add((enode, CW.evidenceKind, g.literal(str(kind))))
        _cite(g, node, link.sources, iris)
        if link.status is not Status.rejected:
            g.add((subject, predicate, obj))

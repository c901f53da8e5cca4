"""A networkx view of the corpus, for path queries (element -> principle -> criterion).

Nodes are references (`SCHEME:ID`) with a `kind` attribute; every non-rejected link is an
edge keyed by its link id and carrying the link itself, so an answer can show which links,
and so which sources, a path went through.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from crosswalk.corpus import Corpus
from crosswalk.enums import Kind, Relation, Status
from crosswalk.model import Link


def build(corpus: Corpus, include_rejected: bool = False) -> nx.MultiDiGraph:
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    for table, kind in (
        (corpus.criteria, Kind.criterion),
        (corpus.elements, Kind.element),
        (corpus.principles, Kind.principle),
    ):
        for ref in sorted(table):
            g.add_node(ref, kind=kind, scheme=corpus.scheme_of(ref))
    for criterion_ref, criterion in sorted(corpus.criteria.items()):
        if criterion.parent:
            parent = f"{corpus.scheme_of(criterion_ref)}:{criterion.parent}"
            g.nodes[criterion_ref]["parent"] = parent
    for lid, link in sorted(corpus.links.items()):
        if link.status is Status.rejected and not include_rejected:
            continue
        if link.subject in g and link.object in g:
            g.add_edge(link.subject, link.object, key=lid, link=link, relation=link.relation)
    return g


def links_from(g: nx.MultiDiGraph, ref: str, relation: Relation) -> Iterator[Link]:
    """The links leaving a node with the given relation, in link-id order."""
    for _, _, _, data in sorted(g.out_edges(ref, keys=True, data=True), key=lambda e: e[2]):
        if data["relation"] is relation:
            yield data["link"]


def paths(g: nx.MultiDiGraph, element: str, criterion: str) -> list[tuple[Link, Link]]:
    """Every element -> principle -> criterion path, as (embodies link, assessed_by link) pairs.

    No early exit and no shortest-path shortcut: every principle the element embodies that
    is assessed by the criterion gives a path, and parallel links give separate paths.
    """
    found = []
    for first in links_from(g, element, Relation.embodies):
        for second in links_from(g, first.object, Relation.assessed_by):
            if second.object == criterion:
                found.append((first, second))
    return found

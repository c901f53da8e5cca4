"""The networkx view: nodes, edges and every element -> principle -> criterion path."""

from __future__ import annotations

from conftest import PROJECT

from crosswalk import graph, pipeline
from crosswalk.enums import Kind


def test_nodes_edges_and_paths() -> None:
    corpus = pipeline.load_clean(PROJECT).corpus
    g = graph.build(corpus)
    assert g.nodes["warm:welcome"]["kind"] is Kind.element
    assert g.nodes["reg:Q1.1"]["parent"] == "reg:Q1"
    # The rejected criterion link is left out unless asked for.
    assert not g.has_edge("reg:Q1", "other:T1")
    assert graph.build(corpus, include_rejected=True).has_edge("reg:Q1", "other:T1")
    found = graph.paths(g, "warm:welcome", "reg:Q1.1")
    assert [(a.id, b.id) for a, b in found] == [("w-1", "h-1")]
    assert graph.paths(g, "warm:meetings", "reg:Q1.1") == []
    assert [(a.id, b.id) for a, b in graph.paths(g, "warm:meetings", "other:T1")] == [
        ("w-3", "h-2")
    ]

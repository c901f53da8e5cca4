"""Counts of what a corpus holds: per record type, per link status, strength and relation."""

from __future__ import annotations

from collections import Counter

from crosswalk.corpus import Corpus
from crosswalk.enums import Relation, Status, Strength, Verification


def counts(corpus: Corpus) -> dict[str, dict[str, int]]:
    """Ordered tables of counts; every controlled value appears, zeros included."""
    records = {
        "sources": len(corpus.sources),
        "frameworks": len(corpus.frameworks),
        "criteria": len(corpus.criteria),
        "principle sets": len(corpus.principle_sets),
        "principles": len(corpus.principles),
        "models": len(corpus.models),
        "elements": len(corpus.elements),
        "link sets": len(corpus.link_sets),
        "links": len(corpus.links),
    }
    links = list(corpus.links.values())
    status = Counter(link.status for link in links)
    strength = Counter(link.strength for link in links)
    relation = Counter(link.relation for link in links)
    verification = Counter(c.verification for c in corpus.criteria.values())
    per_framework = {fid: len(corpus.criteria_of(fid)) for fid in sorted(corpus.frameworks)}
    per_model = {mid: len(corpus.elements_of(mid)) for mid in sorted(corpus.models)}
    return {
        "records": records,
        "criteria per framework": per_framework,
        "elements per model": per_model,
        "criteria by verification": {str(v): verification[v] for v in Verification},
        "links by status": {str(s): status[s] for s in Status},
        "links by strength": {str(s): strength[s] for s in Strength},
        "links by relation": {str(r): relation[r] for r in Relation},
    }

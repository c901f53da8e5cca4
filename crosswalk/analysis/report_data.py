"""The answers as data: the stable, JSON-ready shape of each report.

Every report is first turned into this plain data; the text formats (report_text.py) are
laid out from it, so all four formats always say the same thing.
"""

from __future__ import annotations

from typing import Any

from crosswalk.analysis.checklist import CriterionChecklist
from crosswalk.analysis.compare import Related
from crosswalk.analysis.coverage import Coverage, CriterionCoverage
from crosswalk.analysis.lifecycle import stage_data
from crosswalk.analysis.recommend import Recommendation
from crosswalk.corpus import Corpus
from crosswalk.enums import Role
from crosswalk.model import Citation, Link

Data = dict[str, Any]


def _sources(citations: list[Citation]) -> list[Data]:
    return [{"source": c.source, "locator": c.locator} for c in citations]


def _link(link: Link) -> Data:
    return {
        "id": link.id,
        "relation": str(link.relation),
        "strength": str(link.strength),
        "status": str(link.status),
        "sources": _sources(link.sources),
    }


def local_id(ref: str) -> str:
    """A reference's id inside its scheme: `W3.5` of `cqc-asc-2017:W3.5`."""
    return ref.split(":", 1)[1]


def _summary(counts: dict[str, int]) -> Data:
    total = sum(counts.values())
    percent = {k: round(100 * v / total, 1) if total else 0.0 for k, v in counts.items()}
    return {"total": total, "counts": counts, "percent": percent}


def criterion_data(corpus: Corpus, cov: Coverage, item: CriterionCoverage) -> Data:
    crit = corpus.criteria[item.ref]
    inferred = item.inferred_strength  # worked out afresh each time it is read
    return {
        "id": crit.id,
        "ref": item.ref,
        "notation": crit.notation or crit.id,
        "title": crit.title,
        "level": str(crit.level),
        "role": str(crit.role),
        "rating": crit.rating,
        "parent": crit.parent,
        # a grouping criterion is not assessed: it has its children's counts, no status
        "status": None if crit.role is Role.grouping else item.status,
        "gap_reason": item.gap_reason,
        "inferred_strength": str(inferred) if inferred else None,
        "children": cov.child_counts(item.ref) or None,
        "characteristics": cov.characteristics.get(item.ref) or None,
        "direct": [
            {
                "element": d.element,
                "element_title": corpus.elements[d.element].title,
                "link": d.link.id,
                "strength": str(d.link.strength),
                "status": str(d.link.status),
                "rationale": d.link.rationale,
                "evidence": [
                    {"item": e.item, "kinds": [str(k) for k in e.kinds]} for e in d.link.evidence
                ],
                "sources": _sources(d.link.sources),
            }
            for d in item.direct
        ],
        "paths": [
            {
                "element": p.element,
                "principle": p.principle,
                "strength": str(p.strength),
                "links": [_link(p.embodies), _link(p.assessed_by)],
            }
            for p in item.paths
        ],
    }


def stage(corpus: Corpus, framework: str) -> Data:
    titles = {fid: f.short_title or f.title for fid, f in corpus.frameworks.items()}
    return stage_data(corpus.frameworks[framework], titles)


def coverage_data(corpus: Corpus, cov: Coverage, warnings: list[str] | None = None) -> Data:
    return {
        "framework": cov.framework,
        "stage": stage(corpus, cov.framework),
        "rating": cov.rating,
        "rating_scale": [level.id for level in corpus.frameworks[cov.framework].rating_scale],
        "models": cov.models,
        "warnings": warnings or [],
        "summary": _summary(cov.counts()),
        "criteria": [criterion_data(corpus, cov, c) for c in cov.criteria.values()],
    }


def gaps_data(corpus: Corpus, cov: Coverage, warnings: list[str] | None = None) -> Data:
    data = coverage_data(corpus, cov, warnings)
    data["criteria"] = [c for c in data["criteria"] if c["gap_reason"]]
    return data


def recommend_data(corpus: Corpus, rec: Recommendation, warnings: list[str] | None = None) -> Data:
    gaps = gaps_data(corpus, rec.coverage, warnings)
    for crit in gaps["criteria"]:
        crit["closed_by"] = [
            {"model": c.model, "element": c.element, "link": c.link, "strength": str(c.strength)}
            for c in rec.closers[crit["ref"]]
        ]
    return {
        "framework": rec.coverage.framework,
        "stage": gaps["stage"],
        "rating": rec.coverage.rating,
        "models": rec.coverage.models,
        "warnings": gaps["warnings"],
        "gaps": gaps["criteria"],
        "steps": [
            {
                "model": s.model,
                "gain": len(s.closes),
                "closes": list(s.closes),
                "remaining": s.remaining,
            }
            for s in rec.steps
        ],
        "uncloseable": rec.uncloseable,
    }


def compare_data(corpus: Corpus, framework_a: str, framework_b: str, rows: list[Related]) -> Data:
    return {
        "from": framework_a,
        "to": framework_b,
        "stages": {f: stage(corpus, f) for f in (framework_a, framework_b)},
        "criteria": [
            {
                "id": local_id(r.ref),
                "ref": r.ref,
                "title": corpus.criteria[r.ref].title,
                "related": r.targets(),
                "explicit": [
                    {"target": e.target, "relation": str(e.relation), "link": _link(e.link)}
                    for e in r.explicit
                ],
                "shared_principles": [
                    {
                        "target": s.target,
                        "principle": s.principle,
                        "links": [_link(s.from_a), _link(s.from_b)],
                    }
                    for s in r.shared
                ],
            }
            for r in rows
        ],
    }


def checklist_data(
    corpus: Corpus,
    framework: str,
    models: list[str],
    rows: list[CriterionChecklist],
    rating: str | None = None,
) -> Data:
    return {
        "framework": framework,
        "stage": stage(corpus, framework),
        "rating": rating,
        "models": models,
        "criteria": [
            {
                "id": local_id(r.ref),
                "ref": r.ref,
                "title": corpus.criteria[r.ref].title,
                "kinds": {
                    kind: [
                        {"item": i.text, "elements": i.elements, "links": i.links} for i in items
                    ]
                    for kind, items in r.by_kind().items()
                },
            }
            for r in rows
        ],
    }

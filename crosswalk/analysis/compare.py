"""Framework crosswalk: for each criterion of framework A, the related criteria of B.

Two kinds of relation, each with its explanation:

* explicit criterion links (equal / subset of / superset of / intersects with), read in either
  direction (a link from B to A is turned round: subset becomes superset);
* shared principles: a principle assessed by both criteria, with both links as the path.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crosswalk.analysis.coverage import Index
from crosswalk.model import Link, Relation, Status
from crosswalk.problems import UsageError

CRITERION_RELATIONS = frozenset(
    {Relation.equal, Relation.subset_of, Relation.superset_of, Relation.intersects_with}
)
INVERSE = {
    Relation.equal: Relation.equal,
    Relation.subset_of: Relation.superset_of,
    Relation.superset_of: Relation.subset_of,
    Relation.intersects_with: Relation.intersects_with,
}


@dataclass(frozen=True)
class Explicit:
    target: str
    relation: Relation  # read from the A criterion to the B criterion
    link: Link


@dataclass(frozen=True)
class Shared:
    target: str
    principle: str
    from_a: Link  # principle assessed_by the A criterion
    from_b: Link  # principle assessed_by the B criterion


@dataclass
class Related:
    ref: str
    explicit: list[Explicit] = field(default_factory=list)
    shared: list[Shared] = field(default_factory=list)

    def targets(self) -> list[str]:
        return sorted({e.target for e in self.explicit} | {s.target for s in self.shared})


def compare(
    index: Index, framework_a: str, framework_b: str, models: list[str] | None = None
) -> list[Related]:
    """Related criteria; with models given, only principles those models embody are shared."""
    corpus = index.corpus
    embodied: set[str] | None = None
    if models is not None:
        wanted = set(models)
        embodied = {
            p
            for p, links in index.embodying.items()
            if any(index.model_of[link.subject] in wanted for link in links)
        }
    for fid in (framework_a, framework_b):
        index.check_ids(fid, [])
    if framework_a == framework_b:
        raise UsageError("compare needs two different frameworks")
    in_b = set(corpus.criteria_of(framework_b))
    answer = []
    for ref in corpus.criteria_of(framework_a):
        related = Related(ref)
        for _, link in sorted(corpus.links.items()):
            if link.status is Status.rejected or link.relation not in CRITERION_RELATIONS:
                continue
            if link.subject == ref and link.object in in_b:
                related.explicit.append(Explicit(link.object, link.relation, link))
            elif link.object == ref and link.subject in in_b:
                related.explicit.append(Explicit(link.subject, INVERSE[link.relation], link))
        for from_a in index.assessing.get(ref, []):
            if embodied is not None and from_a.subject not in embodied:
                continue
            for target in sorted(in_b):
                for from_b in index.assessing.get(target, []):
                    if from_b.subject == from_a.subject:
                        related.shared.append(Shared(target, from_a.subject, from_a, from_b))
        related.shared.sort(key=lambda s: (s.target, s.principle))
        answer.append(related)
    return answer

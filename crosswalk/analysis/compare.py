"""Framework crosswalk: for each criterion of framework A, the related criteria of B.

Two kinds of relation, each with its explanation:

* explicit criterion links (equal / subset of / superset of / intersects with), read in either
  direction (a link from B to A is turned round: subset becomes superset);
* shared principles: a principle assessed by both criteria, with both links as the path.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crosswalk.analysis.coverage import Index
from crosswalk.enums import Relation
from crosswalk.model import Link
from crosswalk.problems import UsageError


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
    prefix_b = framework_b + ":"
    answer = []
    for ref in corpus.criteria_of(framework_a):
        related = Related(ref)
        for target, relation, link in index.criterion_links.get(ref, []):
            if target.startswith(prefix_b):
                related.explicit.append(Explicit(target, relation, link))
        for from_a in index.assessing.get(ref, []):
            if embodied is not None and from_a.subject not in embodied:
                continue
            for from_b in index.assessed_by_principle.get(from_a.subject, []):
                if from_b.object.startswith(prefix_b):
                    related.shared.append(Shared(from_b.object, from_a.subject, from_a, from_b))
        related.explicit.sort(key=lambda e: e.link.id)
        related.shared.sort(key=lambda s: (s.target, s.principle, s.from_a.id, s.from_b.id))
        answer.append(related)
    return answer

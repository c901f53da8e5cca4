"""Which other models would close a model set's gaps: per gap, and as a greedy set cover.

A gap (status `weak`, `inferred` or `none`: crosswalk/vocab.py) is *closed* by a model when
one of its elements has a direct `strong` or `partial` link to the criterion, that is when the
model's own status for it is strong or partial. The greedy cover repeatedly picks
the model that closes the most remaining gaps (ties broken by model id, so the answer is
deterministic) and records each step's gain, until no model closes anything more.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crosswalk.analysis.coverage import Coverage, Index
from crosswalk.enums import STRENGTH_RANK, Strength

CLOSING = STRENGTH_RANK[Strength.partial]


@dataclass(frozen=True)
class Closer:
    """An element of another model that would close a gap, and how strongly."""

    model: str
    element: str
    link: str
    strength: Strength


@dataclass(frozen=True)
class Step:
    model: str
    closes: tuple[str, ...]  # criterion refs newly closed by this pick
    remaining: int  # gaps still open after it


@dataclass
class Recommendation:
    coverage: Coverage
    closers: dict[str, list[Closer]] = field(default_factory=dict)  # gap ref -> closers
    steps: list[Step] = field(default_factory=list)
    uncloseable: list[str] = field(default_factory=list)


def recommend(index: Index, framework: str, models: list[str]) -> Recommendation:
    return recommend_for(index, index.coverage(framework, models))


def recommend_for(index: Index, cov: Coverage) -> Recommendation:
    """What would close the gaps of a coverage already worked out."""
    chosen = set(cov.models)
    gaps = [c.ref for c in cov.gaps()]
    result = Recommendation(cov)
    closes: dict[str, set[str]] = {}
    for ref in gaps:
        closers = []
        for link in index.direct_to.get(ref, []):
            model = index.model_of[link.subject]
            if model not in chosen and STRENGTH_RANK[link.strength] >= CLOSING:
                closers.append(Closer(model, link.subject, link.id, link.strength))
                closes.setdefault(model, set()).add(ref)
        closers.sort(key=lambda c: (-STRENGTH_RANK[c.strength], c.model, c.element, c.link))
        result.closers[ref] = closers
    open_gaps = set(gaps)
    while True:
        gains = {m: covered & open_gaps for m, covered in closes.items()}
        best = max(sorted(gains), key=lambda m: len(gains[m]), default=None)
        if best is None or not gains[best]:
            break
        open_gaps -= gains[best]
        order = [r for r in gaps if r in gains[best]]
        result.steps.append(Step(best, tuple(order), len(open_gaps)))
        del closes[best]
    result.uncloseable = [r for r in gaps if r in open_gaps]
    return result

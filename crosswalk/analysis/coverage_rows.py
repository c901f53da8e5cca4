"""The coverage table's rows: each model against each framework it reaches at all, one row per
criterion and one per rating characteristic (answered at its own level).

Plain values, so the exports lay them out without importing the analysis back
(`export/tables.coverage` writes them as CSV; `crosswalk/opendata.py` puts the two together).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from crosswalk.analysis.coverage import Index
from crosswalk.enums import Role, Strength


class CoverageRow(NamedTuple):
    """One criterion of one framework as one model covers it; the field names are the
    table's column names."""

    framework: str
    model: str
    criterion: str
    rating: str | None  # a rating characteristic's level, answered at that level
    role: Role
    status: str | None  # None for a grouping: it has its children's counts (as in the JSON)
    gap_reason: str | None
    direct_links: tuple[str, ...]  # the ids of the links that give direct evidence
    paths: int  # how many paths through a principle
    inferred_strength: Strength | None


COLUMNS: tuple[str, ...] = CoverageRow._fields


def coverage_rows(index: Index) -> Iterator[CoverageRow]:
    """Every row, by framework, then model, then the answer's order (the whole framework,
    then each rating level, best first). A model that reaches a framework nowhere has no rows
    for it, so the table grows with the links, not with models times frameworks."""
    corpus = index.corpus
    rated: dict[str, set[str]] = {}
    for ref, crit in corpus.criteria.items():
        if crit.rating:
            rated.setdefault(corpus.scheme_of(ref), set()).add(str(crit.rating))
    for fid in sorted(corpus.frameworks):
        scale = [level.id for level in corpus.frameworks[fid].rating_scale]
        levels = sorted(rated.get(fid, set()), key=scale.index)
        for mid in sorted(corpus.models):
            if fid not in index.frameworks_reached(mid):
                continue
            answers = [index.coverage(fid, [mid])]
            answers += [index.coverage(fid, [mid], level) for level in levels]
            for answer in answers:
                for item in answer.criteria.values():
                    yield CoverageRow(
                        framework=fid,
                        model=mid,
                        criterion=item.ref,
                        rating=item.rating,
                        role=item.role,
                        status=None if item.role is Role.grouping else item.status,
                        gap_reason=item.gap_reason,
                        direct_links=tuple(d.link.id for d in item.direct),
                        paths=len(item.paths),
                        inferred_strength=item.inferred_strength,
                    )

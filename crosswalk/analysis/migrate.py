"""What carries over when a framework gives way to another, for a provider's models.

The evidence items the chosen models' elements supply for the old framework's criteria
(their direct links, as in the checklist) are carried to the new framework's criteria through
explicit, typed criterion alignments only (`equal`, `subset_of`, `superset_of`,
`intersects_with`, read from the old criterion's side), never through shared principles. Each
carried item says how safely it carries, by the alignment's relation. The answer also lists
the new criteria no old criterion is aligned to (new to the provider) and the old criteria
aligned to nothing new (their evidence has no successor).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crosswalk.analysis.checklist import Item, checklist_for
from crosswalk.analysis.coverage import Index
from crosswalk.enums import CriterionLevel, Relation, Role
from crosswalk.model import Link

# How evidence for the old criterion serves the new one, by the relation old -> new.
CARRIES = {
    Relation.equal: "carries over",
    Relation.subset_of: "carries over: the old criterion is part of the new one",
    Relation.superset_of: "carries over where it concerns the new criterion's narrower ask",
    Relation.intersects_with: "may carry over: check it fits the new wording",
}


@dataclass(frozen=True)
class Alignment:
    """An explicit alignment read from the old criterion to the new one."""

    old: str
    new: str
    relation: Relation
    link: Link


@dataclass
class Carried:
    """One evidence item of the old framework, arriving at a new criterion."""

    item: Item
    old: str
    alignment: Alignment


@dataclass
class Migration:
    old: str
    new: str
    models: list[str]
    alignments: dict[str, list[Alignment]] = field(default_factory=dict)  # old ref -> ...
    carried: dict[str, list[Carried]] = field(default_factory=dict)  # new ref -> ...
    no_predecessor: list[str] = field(default_factory=list)  # new criteria, KLOEs first
    no_successor: list[str] = field(default_factory=list)  # old criteria
    stranded: list[str] = field(default_factory=list)  # old criteria with evidence, no successor


def _assessed(index: Index, framework: str) -> list[str]:
    """A framework's criteria that are assessed (not headings or legal context)."""
    return [
        ref
        for ref in index.tree_order(framework)
        if index.corpus.criteria[ref].role is Role.criterion
    ]


def migrate(index: Index, old: str, new: str, models: list[str]) -> Migration:
    chosen = sorted(set(models))
    index.check_ids(old, chosen)
    index.check_ids(new, chosen)
    result = Migration(old, new, chosen)
    new_refs = _assessed(index, new)
    new_set = set(new_refs)
    reached: set[str] = set()
    for ref in _assessed(index, old):
        aligned = [
            Alignment(ref, target, relation, link)
            for target, relation, link in index.criterion_links.get(ref, [])
            if target in new_set
        ]
        aligned.sort(key=lambda a: (new_refs.index(a.new), a.link.id))
        if aligned:
            result.alignments[ref] = aligned
            reached.update(a.new for a in aligned)
        elif not index.is_characteristic(ref):
            result.no_successor.append(ref)
    for row in checklist_for(index.coverage(old, chosen)):
        if row.ref not in result.alignments:
            if row.ref in set(result.no_successor):
                result.stranded.append(row.ref)
            continue
        for alignment in result.alignments[row.ref]:
            result.carried.setdefault(alignment.new, []).extend(
                Carried(item, row.ref, alignment) for item in row.items
            )
    result.carried = {ref: result.carried[ref] for ref in new_refs if ref in result.carried}

    def kloes_first(ref: str) -> tuple[bool, int]:
        level = index.corpus.criteria[ref].level
        return (level is CriterionLevel.rating_characteristic, new_refs.index(ref))

    result.no_predecessor = sorted((r for r in new_refs if r not in reached), key=kloes_first)
    return result

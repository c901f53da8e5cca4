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


@dataclass(frozen=True)
class Succession:
    """The half of a migration that is the same for every model: how the old framework's
    criteria align to the new one's. Work it out once to migrate many models one by one."""

    old: str
    new: str
    order: dict[str, int]  # each assessed new criterion -> its place in the framework
    alignments: dict[str, list[Alignment]]  # old ref -> its alignments, in the new order
    no_predecessor: list[str]  # new criteria no old one is aligned to, KLOEs first
    no_successor: list[str]  # old criteria aligned to nothing new


def succession(index: Index, old: str, new: str) -> Succession:
    index.check_ids(old, [])
    index.check_ids(new, [])
    order = {ref: place for place, ref in enumerate(_assessed(index, new))}
    alignments: dict[str, list[Alignment]] = {}
    no_successor: list[str] = []
    reached: set[str] = set()
    for ref in _assessed(index, old):
        aligned = [
            Alignment(ref, target, relation, link)
            for target, relation, link in index.criterion_links.get(ref, [])
            if target in order
        ]
        aligned.sort(key=lambda a: (order[a.new], a.link.id))
        if aligned:
            alignments[ref] = aligned
            reached.update(a.new for a in aligned)
        elif not index.is_characteristic(ref):
            no_successor.append(ref)

    def kloes_first(ref: str) -> tuple[bool, int]:
        level = index.corpus.criteria[ref].level
        return (level is CriterionLevel.rating_characteristic, order[ref])

    no_predecessor = sorted((r for r in order if r not in reached), key=kloes_first)
    return Succession(old, new, order, alignments, no_predecessor, no_successor)


def migrate(
    index: Index, old: str, new: str, models: list[str], known: Succession | None = None
) -> Migration:
    """What carries over from `old` to `new` for these models; `known` is the pair's
    succession if it was already worked out."""
    chosen = sorted(set(models))
    index.check_ids(old, chosen)
    index.check_ids(new, chosen)
    found = known if known is not None else succession(index, old, new)
    result = Migration(old, new, chosen)
    result.alignments = dict(found.alignments)
    result.no_successor = list(found.no_successor)
    result.no_predecessor = list(found.no_predecessor)
    without_successor = set(found.no_successor)
    carried: dict[str, list[Carried]] = {}
    for row in checklist_for(index.coverage(old, chosen)):
        if row.ref not in found.alignments:
            if row.ref in without_successor:
                result.stranded.append(row.ref)
            continue
        for alignment in found.alignments[row.ref]:
            carried.setdefault(alignment.new, []).extend(
                Carried(item, row.ref, alignment) for item in row.items
            )
    result.carried = {ref: carried[ref] for ref in sorted(carried, key=found.order.__getitem__)}
    return result

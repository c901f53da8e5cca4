"""The evidence checklist: what to gather for a model set and a framework.

Every evidence item on the chosen elements' direct links to the framework's criteria,
grouped by criterion and then by evidence kind, with identical items (same words, same
criterion) listed once together with every element that supplies them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crosswalk.analysis.coverage import Coverage, Index
from crosswalk.enums import EvidenceKind


def item_key(text: str) -> str:
    """What makes two evidence items the same item: their words, ignoring case and spacing.
    (The explorer is given these keys; it never makes its own.)"""
    return " ".join(text.split()).casefold()


@dataclass
class Item:
    text: str
    kinds: tuple[EvidenceKind, ...]
    elements: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


@dataclass
class CriterionChecklist:
    ref: str
    items: list[Item] = field(default_factory=list)

    def by_kind(self) -> dict[str, list[Item]]:
        grouped: dict[str, list[Item]] = {}
        for kind in EvidenceKind:
            hits = [i for i in self.items if kind in i.kinds]
            if hits:
                grouped[str(kind)] = hits
        return grouped


def checklist(
    index: Index, framework: str, models: list[str], rating: str | None = None
) -> list[CriterionChecklist]:
    return checklist_for(index.coverage(framework, models, rating))


def checklist_for(cov: Coverage) -> list[CriterionChecklist]:
    """The evidence checklist of a coverage already worked out."""
    answer = []
    for ref, crit in cov.criteria.items():
        items: dict[str, Item] = {}
        for direct in sorted(crit.direct, key=lambda d: d.link.id):
            for evidence in direct.link.evidence:
                key = item_key(evidence.item)
                item = items.setdefault(key, Item(evidence.item, tuple(evidence.kinds)))
                item.kinds = tuple(
                    k for k in EvidenceKind if k in set(item.kinds) | set(evidence.kinds)
                )
                if direct.element not in item.elements:
                    item.elements.append(direct.element)
                item.links.append(direct.link.id)
        if items:
            answer.append(
                CriterionChecklist(ref, sorted(items.values(), key=lambda i: i.text.casefold()))
            )
    return answer

"""The view-models of the review pages: links by status with the changelog, and a link set
(pages/link_review.py)."""

from __future__ import annotations

from dataclasses import dataclass

from crosswalk.model import LinkSet
from crosswalk.site.viewmodels import LinkView, Ref


@dataclass(frozen=True, slots=True)
class SetCounts:
    """A link set's links counted by review status, in the order of `statuses`."""

    ref: Ref
    counts: list[int]
    total: int


@dataclass(frozen=True, slots=True)
class RowChanges:
    id: str
    fields: list[tuple[str, str, str]]  # (field, old, new), each shortened


@dataclass(frozen=True, slots=True)
class TableChanges:
    """What changed in one table of records since the previous release."""

    name: str
    added: list[str]
    removed: list[str]
    changed: list[RowChanges]


@dataclass(frozen=True, slots=True)
class ReviewPage:
    statuses: list[str]
    totals: list[int]
    sets: list[SetCounts]
    total: int
    changelog: list[TableChanges] | None  # none without a previous release
    previous: str | None
    workbook: str


@dataclass(frozen=True, slots=True)
class ReviewSetPage:
    link_set: LinkSet
    links: list[LinkView]
    counts: list[tuple[str, int]]  # (status, links)
    strengths: list[str]
    objects: list[Ref]  # what the links point to, to narrow the list by
    workbook: str

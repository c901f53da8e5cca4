"""The view-models of the framework pages: the frameworks list, a framework with its key lines
of enquiry by rating level, its matrix and its criteria (pages/frameworks.py)."""

from __future__ import annotations

from dataclasses import dataclass

from crosswalk.model import Criterion, Framework
from crosswalk.site.viewmodels import Counts, LevelView, LinkView, ModelSupport, Ref, StageView


@dataclass(frozen=True, slots=True)
class FrameworkRow:
    ref: Ref
    publisher: str
    jurisdiction: str
    version: str
    criteria: int
    matrix: str
    stage: StageView


@dataclass(frozen=True, slots=True)
class FrameworksPage:
    rows: list[FrameworkRow]


@dataclass(frozen=True, slots=True)
class TreeNode:
    """A criterion in its framework's tree: its best status (none for a grouping), the
    criteria under it, and how many rating characteristics it has (shown by level, at
    `anchor` on the framework's page, not as children)."""

    ref: Ref
    status: str | None
    children: list[TreeNode]
    characteristics: int
    anchor: str


@dataclass(frozen=True, slots=True)
class KloeItem:
    """A rating characteristic at a level: its status and the models that supply direct
    evidence for it (no status for a level below Good)."""

    ref: Ref
    status: str | None
    direct: list[str]


@dataclass(frozen=True, slots=True)
class KloeLevel:
    """A key line of enquiry's characteristics at one rating level, in the tab `panel`, with
    how many have each status."""

    level: LevelView
    panel: str
    items: list[KloeItem]
    counts: list[tuple[str, int]]


@dataclass(frozen=True, slots=True)
class Kloe:
    """A criterion with its question, scope topics and characteristics by rating level."""

    ref: Ref
    anchor: str
    question: str | None
    topics: list[str]
    levels: list[KloeLevel]


@dataclass(frozen=True, slots=True)
class FrameworkPage:
    fw: Framework
    stage: StageView
    levels: list[LevelView]
    kloes: list[Kloe]
    tree: list[TreeNode]
    direct_models: dict[str, list[str]]  # criterion's page: models with direct evidence
    counts: Counts
    matrix: str
    verification: list[tuple[str, int]]  # (label, criteria worded so)


@dataclass(frozen=True, slots=True)
class MatrixColumn:
    ref: Ref
    short: str  # the heading: the model's title, or a short form of it (see `key`)


@dataclass(frozen=True, slots=True)
class MatrixRow:
    ref: Ref
    indent: int
    cells: list[str | None]  # each model's status; none for a grouping


@dataclass(frozen=True, slots=True)
class MatrixModel:
    """On a phone, one model's column as a list: its counts, then the criteria it supports
    by status."""

    ref: Ref
    report: str
    counts: Counts
    supported: list[tuple[str, list[Ref]]]


@dataclass(frozen=True, slots=True)
class MatrixPage:
    columns: list[MatrixColumn]
    rows: list[MatrixRow]
    per_model: list[MatrixModel]
    key: list[MatrixColumn]  # the columns headed by a short form
    stage: StageView
    others: int  # models that reach no criterion of the framework


@dataclass(frozen=True, slots=True)
class RelatedCriterion:
    """A criterion of another framework: linked to this one (`via` the link), or assessing
    the same `principle`."""

    framework: Ref
    target: Ref
    how: str
    via: LinkView | None
    principle: Ref | None = None


@dataclass(frozen=True, slots=True)
class CriterionPage:
    crit: Criterion
    framework: Ref
    parent: Ref | None
    children: list[Ref]
    stage: StageView
    level: LevelView | None  # a rating characteristic's level
    kloe: Kloe | None  # a key line of enquiry with rating characteristics
    verification: str
    summary: str
    number: str
    supported: list[ModelSupport]
    matrix: str
    unsupported: int
    principles: list[LinkView]
    related: list[RelatedCriterion]

"""The view-models of the model pages: the models list, a model with what changes for it under a
draft framework, its elements and its reports (pages/models.py)."""

from __future__ import annotations

from dataclasses import dataclass

from crosswalk.model import Element, Model
from crosswalk.site.viewmodels import CitationView, Counts, LinkView, Ref, StageView


@dataclass(frozen=True, slots=True)
class ReportLink:
    """A model's report on a framework, with its counts."""

    ref: Ref
    report: str
    counts: Counts


@dataclass(frozen=True, slots=True)
class ModelRow:
    ref: Ref
    developer: str
    settings: list[str]  # filter values
    setting_labels: list[str]
    impact: str
    in_wales: bool
    elements: int
    coverage: list[ReportLink]


@dataclass(frozen=True, slots=True)
class ModelsPage:
    rows: list[ModelRow]
    settings: list[tuple[str, str]]  # (filter value, label)
    impacts: list[str]
    matrices: list[tuple[Ref, str]]  # (framework, its matrix)


@dataclass(frozen=True, slots=True)
class GapRow:
    ref: Ref
    status: str
    reason: str | None


@dataclass(frozen=True, slots=True)
class ModelFramework:
    """A model's coverage of a framework it reaches, on the model's page."""

    ref: Ref
    fid: str
    counts: Counts
    summary: str
    gaps_line: str
    report: str
    stage: StageView
    gaps: list[GapRow]


@dataclass(frozen=True, slots=True)
class ElementRow:
    ref: Ref
    kind: str


@dataclass(frozen=True, slots=True)
class CarriedItem:
    """An evidence item that carries over from a criterion of the framework in force (`origin`)
    to a draft's criterion, by an alignment."""

    text: str
    kinds: list[str]
    origin: Ref
    carries: str
    alignment: LinkView


@dataclass(frozen=True, slots=True)
class CarriedCriterion:
    ref: Ref
    items: list[CarriedItem]


@dataclass(frozen=True, slots=True)
class DraftChanges:
    """What changes for a model when a draft framework replaces the one in force: the
    migration answer (`crosswalk migrate`), laid out for the model's page."""

    old: Ref
    new: Ref
    stage: StageView
    items: int  # evidence items carried over
    carried: list[CarriedCriterion]
    new_kloes: list[Ref]
    new_characteristics: list[tuple[str, int]]  # (level, characteristics)
    no_successor: list[Ref]
    stranded: list[Ref]


@dataclass(frozen=True, slots=True)
class ModelPage:
    model: Model
    elements: list[ElementRow]
    frameworks: list[ModelFramework]
    unreached: list[Ref]  # the first frameworks it reaches nothing of
    unreached_count: int
    settings: list[str]
    sources: list[CitationView]
    changes: list[DraftChanges]


@dataclass(frozen=True, slots=True)
class ReachRow:
    ref: Ref
    status: str  # the best direct strength, or "inferred"
    principles: list[str]


@dataclass(frozen=True, slots=True)
class Reach:
    """The criteria of one framework an element reaches."""

    ref: Ref
    rows: list[ReachRow]
    unreached: int


@dataclass(frozen=True, slots=True)
class ElementPage:
    el: Element
    model: Ref
    parent: Ref | None
    sources: list[CitationView]
    outgoing: list[LinkView]
    reach: list[Reach]
    frameworks_unreached: int


@dataclass(frozen=True, slots=True)
class ReportRow:
    """A criterion in a model's report: a grouping (a key question) has no status and shows
    its children's counts (`rollup`); `reason` only for a gap."""

    ref: Ref
    indent: int
    role: str
    status: str | None
    rollup: str | None
    direct: int
    paths: int
    reason: str | None


@dataclass(frozen=True, slots=True)
class Step:
    """A step of the recommendation: the model to add and the gaps it closes."""

    model: Ref
    gain: int
    closes: list[Ref]
    remaining: int
    line: str


@dataclass(frozen=True, slots=True)
class ChecklistEntry:
    """A criterion's evidence items by kind: (kind, [(item, elements that supply it)])."""

    ref: Ref
    kinds: list[tuple[str, list[tuple[str, list[Ref]]]]]


@dataclass(frozen=True, slots=True)
class ReportPage:
    model: Ref
    framework: Ref
    stage: StageView
    rows: list[ReportRow]
    counts: Counts
    summary: str
    steps: list[Step]
    checklist: list[ChecklistEntry]
    uncloseable: list[Ref]
    json: str  # the same answer as JSON, beside the page

"""The view-models of the principle pages (pages/principles.py)."""

from __future__ import annotations

from dataclasses import dataclass

from crosswalk.model import Principle, PrincipleSet
from crosswalk.site.viewmodels import CitationView, LinkView, Ref


@dataclass(frozen=True, slots=True)
class PrincipleRow:
    ref: Ref
    definition: str
    elements: int
    criteria: int


@dataclass(frozen=True, slots=True)
class PrinciplesPage:
    rows: list[PrincipleRow]
    sets: list[PrincipleSet]


@dataclass(frozen=True, slots=True)
class PrinciplePage:
    pr: Principle
    sources: list[CitationView]
    embodied: list[LinkView]
    assessed: list[LinkView]

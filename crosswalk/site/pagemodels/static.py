"""The view-models of the fixed pages: home, downloads and methodology (pages/static.py)."""

from __future__ import annotations

from dataclasses import dataclass

from crosswalk.model import PrincipleSet, Source
from crosswalk.site.rubric import Rubric
from crosswalk.site.viewmodels import Ref


@dataclass(frozen=True, slots=True)
class Figures:
    """How much the data holds, in the home page's opening sentence."""

    frameworks: int
    criteria: int
    models: int
    principles: int
    links: int


@dataclass(frozen=True, slots=True)
class HomePage:
    figures: Figures
    frameworks: list[Ref]
    matrices: list[tuple[Ref, str]]  # (framework, its matrix)


@dataclass(frozen=True, slots=True)
class DownloadsPage:
    coverage: list[tuple[Ref, list[tuple[Ref, str]]]]  # (model, [(framework, its JSON)])
    workbook: str


@dataclass(frozen=True, slots=True)
class MethodologyPage:
    sources: list[Source]
    sets: list[PrincipleSet]
    verification: dict[str, str]  # value: label
    rubric: Rubric
    ogl: Ref

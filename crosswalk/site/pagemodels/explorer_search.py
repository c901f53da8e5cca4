"""The view-models of the gap explorer and the search page (pages/explorer_search.py)."""

from __future__ import annotations

from dataclasses import dataclass

from crosswalk.site.viewmodels import Ref


@dataclass(frozen=True, slots=True)
class ModelReports:
    """A model and its reports, one for each framework it reaches."""

    model: Ref
    reports: list[Ref]


@dataclass(frozen=True, slots=True)
class ExplorerPage:
    models: list[tuple[str, str]]  # (id, title)
    countries: list[tuple[str, str, list[tuple[str, str, str]]]]  # (code, name, frameworks)
    reports: list[ModelReports]


@dataclass(frozen=True, slots=True)
class SearchPage:
    kinds: tuple[tuple[str, str], ...]  # (start of a result's description, label)

"""What a SHACL engine gives back, and what an engine is: the interface between the per-file
validation and cache (this package) and the engine crosswalk runs (crosswalk/shacl.py).

Declared here, below both, so the cache can read findings back without importing the engine.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol


class Finding(NamedTuple):
    """One SHACL result, as any engine reports it: IRIs as plain text."""

    focus: str  # the focus node's IRI
    path: str | None  # the predicate, when the result is about one (a property shape)
    component: str  # the constraint component's IRI
    shape: str | None  # the nearest named shape that holds the constraint
    value: str | None  # the offending value: a literal's text or an IRI


class Engine(Protocol):
    """A SHACL validator: compiled once from the shapes, then run on N-Triples."""

    name: str  # package and version: part of every cache key

    def validate(self, ntriples: str) -> list[Finding]: ...

"""The corpus: every record of a data folder, keyed by the ids people use, and where each was
read.

The loader (crosswalk/loader.py) fills it; everything after loading reads it. Records are
the typed models of crosswalk/model.py, unchanged after validation: their locations are kept
beside them, in `Corpus.locations`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswalk.enums import Kind
from crosswalk.model import (
    Criterion,
    Element,
    Framework,
    Link,
    LinkSet,
    Model,
    Principle,
    PrincipleSet,
    Record,
    Source,
)
from crosswalk.problems import Location, Problem
from crosswalk.yamlevents import Located, PathKey


@dataclass(frozen=True)
class Where:
    """Where a record was read: its file and its path inside the file's data."""

    located: Located
    path: PathKey

    def at(self, *field_path: str | int) -> Location:
        return self.located.location((*self.path, *field_path))


@dataclass(frozen=True)
class Refusal:
    """A record refused because of a problem: what it is (e.g. "model 'warm'"), and the
    problem that refused it."""

    what: str
    cause: Problem


@dataclass
class Corpus:
    """Everything in a data folder, keyed by the ids people use to refer to it."""

    root: Path
    sources: dict[str, Source] = field(default_factory=dict)
    frameworks: dict[str, Framework] = field(default_factory=dict)
    criteria: dict[str, Criterion] = field(default_factory=dict)  # "framework:criterion"
    principle_sets: dict[str, PrincipleSet] = field(default_factory=dict)
    principles: dict[str, Principle] = field(default_factory=dict)  # "set:principle"
    models: dict[str, Model] = field(default_factory=dict)
    elements: dict[str, Element] = field(default_factory=dict)  # "model:element"
    link_sets: dict[str, LinkSet] = field(default_factory=dict)
    links: dict[str, Link] = field(default_factory=dict)
    link_set_of: dict[str, str] = field(default_factory=dict)  # link id -> link set id
    files: list[str] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)  # shown path -> file on disk
    # Records declared but refused because of a problem in them, so that what refers to them
    # is reported as waiting on that problem, not as undeclared. Keyed by ("source", id),
    # ("scheme", framework, model or principle set id), ("ref", SCHEME:ID) or ("linked",
    # SCHEME:ID) for an end of a refused link.
    refused: dict[tuple[str, str], Refusal] = field(default_factory=dict)
    # Where each record was read, by the record's identity: the records themselves stay as
    # validated (nothing is added to them). The record is kept with its place, so that its
    # identity cannot pass to another object while the corpus lives.
    locations: dict[int, tuple[Record, Where]] = field(default_factory=dict, repr=False)
    _groups: dict[tuple[int, int], dict[str, list[str]]] = field(default_factory=dict, repr=False)

    def where(self, record: Record, *field_path: str | int) -> Location:
        """The location of a record, or of one of its fields."""
        found = self.locations.get(id(record))
        if found is None:
            return Location("<unknown>")
        return found[1].at(*field_path)

    def locate(self, record: Record, place: Where) -> None:
        """Remember where a record was read."""
        self.locations[id(record)] = (record, place)

    def file_of(self, record: Record) -> Path:
        """The file a record was read from."""
        return self.paths[self.where(record).path]

    def shown_file(self, record: Record) -> str:
        """The shown path of a record's file ("<unknown>" if it was not read from one),
        without working out its line."""
        found = self.locations.get(id(record))
        return found[1].located.path if found is not None else "<unknown>"

    def scheme_of(self, ref: str) -> str:
        return ref.split(":", 1)[0]

    def kind_of(self, ref: str) -> Kind | None:
        """What a SCHEME:ID reference names: a criterion, an element, a principle, or nothing
        in the corpus. (The one place that tells them apart.)"""
        if ref in self.criteria:
            return Kind.criterion
        if ref in self.elements:
            return Kind.element
        if ref in self.principles:
            return Kind.principle
        return None

    def refusal(self, kind: str, key: str) -> Refusal | None:
        """Why a source (kind "source") or a SCHEME:ID reference ("ref") that is not in the
        corpus was refused: its record's own problem, or its framework's, model's or set's."""
        found = self.refused.get((kind, key))
        if found is None and kind == "ref":
            found = self.refused.get(("scheme", self.scheme_of(key)))
        return found

    def criteria_of(self, framework_id: str) -> list[str]:
        """A framework's criteria references, in file order."""
        return list(self._members(self.criteria).get(framework_id, ()))

    def elements_of(self, model_id: str) -> list[str]:
        """A model's element references, in file order."""
        return list(self._members(self.elements).get(model_id, ()))

    def _members(self, table: dict[str, Any]) -> dict[str, list[str]]:
        # Grouped once per table and size; a table that grows (tests build corpora) regroups.
        key = (id(table), len(table))
        cached = self._groups.get(key)
        if cached is None:
            cached = {}
            for ref in table:
                cached.setdefault(self.scheme_of(ref), []).append(ref)
            self._groups = {k: v for k, v in self._groups.items() if k[0] != id(table)}
            self._groups[key] = cached
        return cached

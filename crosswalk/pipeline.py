"""The named stages from a data folder to a checked corpus and its graph.

load -> check rules -> build the graph -> check shapes. Reading files happens in `load`;
nothing here writes anything.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from crosswalk import loader, rdf, rules, shacl
from crosswalk.loader import Corpus
from crosswalk.namespaces import DEFAULT_BASE
from crosswalk.problems import DataError, Problem, is_failure

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "mappings"


@dataclass
class Checked:
    """A loaded corpus, its triples (when they could be made) and every problem found.

    The rdflib graph is built from the triples on first use: SPARQL and SHACL need it, the
    site and the exports do not, and filling a Graph is the costly part.
    """

    corpus: Corpus
    triples: rdf.Triples | None
    problems: list[Problem] = field(default_factory=list)
    _graph: Graph | None = field(default=None, repr=False)

    @property
    def graph(self) -> Graph | None:
        if self._graph is None and self.triples is not None:
            self._graph = self.triples.graph()
        return self._graph

    def failures(self, strict: bool = False) -> list[Problem]:
        return [p for p in self.problems if is_failure(p, strict)]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while large, acyclic structures are built.

    Loading records and making triples allocate millions of objects and free almost none;
    every full collection on the way walks all of them again, which made these stages grow
    faster than the data (half their time at 30 times the bundled corpus). Memory is still
    freed by reference counting; only the search for reference cycles waits.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check(
    root: Path, label: str | None = None, base: str = DEFAULT_BASE, run_shacl: bool = True
) -> Checked:
    """Load and check a data folder; collect every problem, never raise for bad data."""
    with collector_paused():
        corpus, problems = loader.load(root, label)
        problems += rules.check(corpus)
        checked = Checked(corpus, None)
        if not any(is_failure(p, strict=False) for p in problems):
            checked.triples = rdf.triples(corpus, base)
    if checked.triples is not None and run_shacl:
        with collector_paused():
            graph = checked.graph
        assert graph is not None
        problems += shacl.check(graph, corpus, base)
    checked.problems = sorted(set(problems))
    return checked


def load_clean(
    root: Path,
    label: str | None = None,
    base: str = DEFAULT_BASE,
    strict: bool = False,
    run_shacl: bool = False,
) -> Checked:
    """Check a data folder and raise DataError unless it is clean enough to work on."""
    checked = check(root, label, base, run_shacl=run_shacl)
    failures = checked.failures(strict)
    if failures or checked.triples is None:
        raise DataError(failures or checked.problems)
    return checked

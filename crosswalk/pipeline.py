"""The named stages from a data folder to a checked corpus and its graph.

load -> check rules -> build the graph -> check shapes. Reading files happens in `load`;
nothing here writes anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from crosswalk import loadcache, loader, rdf, rules, shacl, shapecache
from crosswalk.baseiri import DEFAULT_BASE
from crosswalk.corpus import Corpus
from crosswalk.problems import DataError, Problem, in_report_order, is_failure


@dataclass
class Checked:
    """A loaded corpus, every problem found, and its triples and graph on first use.

    The triples and the rdflib graph are made only when asked for, and only for data without
    errors (`usable`): the RDF exports and SPARQL need them (SHACL makes its own one at a
    time and holds none, `shacl.check_corpus`); the site needs them only
    for its RDF downloads, which a build worker makes on its own, so the process that holds
    the corpus for every page never holds a million triples too.
    """

    corpus: Corpus
    problems: list[Problem] = field(default_factory=list)
    base: str = DEFAULT_BASE
    usable: bool = True
    _triples: rdf.Triples | None = field(default=None, repr=False)
    _graph: Graph | None = field(default=None, repr=False)

    @property
    def triples(self) -> rdf.Triples | None:
        if self._triples is None and self.usable:
            self._triples = rdf.triples(self.corpus, self.base)
        return self._triples

    @property
    def graph(self) -> Graph | None:
        if self._graph is None and self.triples is not None:
            self._graph = self.triples.graph()
        return self._graph

    def failures(self, strict: bool = False) -> list[Problem]:
        return [p for p in self.problems if is_failure(p, strict)]


@dataclass
class Cache:
    """What `check` keeps between runs of one data folder: each file's loaded records and
    each file's SHACL findings (see crosswalk.loadcache and crosswalk.shapecache)."""

    records: loadcache.Records
    shapes: shapecache.Store

    @classmethod
    def for_data(cls, root: Path, where: Path | None = None) -> Cache:
        records = loadcache.Records.for_data(root, where)
        return cls(records, shapecache.Store.for_data(root, where))


def check(
    root: Path,
    label: str | None = None,
    base: str = DEFAULT_BASE,
    run_shacl: bool = True,
    shape_store: shapecache.Store | None = None,
    cache: Cache | None = None,
) -> Checked:
    """Load and check a data folder; collect every problem, never raise for bad data.

    `shape_store` keeps the SHACL findings of each file's triples between runs, so only the
    files whose triples changed are validated again. `cache` goes further: files whose bytes
    are unchanged are not parsed again, and only the triples of the files near a changed one
    are made (`shape_store` is then not used). Either way the problems are those of a run
    without them.
    """
    corpus, problems = loader.load(root, label, cache.records if cache else None)
    problems += rules.check(corpus)
    usable = not any(is_failure(p, strict=False) for p in problems)
    checked = Checked(corpus, [], base, usable)
    if usable and run_shacl and cache is not None:
        problems += shacl.check_files(corpus, cache.records.keys, base, store=cache.shapes)
    elif usable and run_shacl:  # the triples are made one at a time and dropped
        problems += shacl.check_corpus(corpus, base, store=shape_store)
    checked.problems = in_report_order(problems)
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
    if failures or not checked.usable:
        raise DataError(failures or checked.problems)
    return checked

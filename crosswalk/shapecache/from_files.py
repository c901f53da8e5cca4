"""Validate file by file without the whole graph: fragment keys made from the data files.

A fragment's key in from_graph.py is the hash of its lines, so every run makes every triple.
The keys here come from the data files instead. A file's fragment is made of (1) the triples
its own records make, which depend on its bytes and on the kind of each record it refers to
(a link end's IRI says whether it is a criterion, an element or a principle); (2) the
triples other files make about its records (a link's direct `subject predicate object`
triple about its subject, a framework's `dcterms:replaces` about the one that superseded
it), which depend on those files' bytes and the kinds of what they refer to; and (3) the
context (`rdf:type`, `skos:inScheme`) of the nodes these point at, which a record makes from
its kind and id alone. So a file's key is the hash of its bytes and of the kind, id and file
of every record it refers to, and the same of every file that makes triples about its
records; a fragment is made again from the triples of those files and of the files they
refer to, never the whole corpus.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crosswalk.namespaces import Iris
from crosswalk.problems import Location
from crosswalk.shapecache.from_graph import GRAPH, Cut, Fragment, run
from crosswalk.shapecache.store import FORMAT, Store

if TYPE_CHECKING:
    from crosswalk.shapecache.findings import Engine, Finding

# The code that makes the triples and their lines: a change in it changes every fragment.
_TRIPLE_CODE = (
    "rdf.py",
    "rdfterms.py",
    "namespaces.py",
    "export/rdfformats.py",
    "shapecache/__init__.py",
    "shapecache/store.py",
    "shapecache/from_graph.py",
    "shapecache/from_files.py",
)

RecordKey = tuple[str, str]  # the kind of a record (an Iris method) and its key


@dataclass
class Files:
    """Which file holds each record, and which records each file refers to in others."""

    records: dict[str, list[tuple[str, str, Any]]] = field(default_factory=dict)
    home: dict[RecordKey, str] = field(default_factory=dict)
    refers: dict[str, set[RecordKey]] = field(default_factory=dict)
    # The files that make triples about a file's records (a link about its subject, a
    # framework about the one that superseded it): file -> those files.
    made_by: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, corpus: Any) -> Files:
        """The files of a corpus (a `crosswalk.corpus.Corpus`), indexed."""
        found = cls()
        records, home, shown_file = found.records, found.home, corpus.shown_file
        for kind, name in _TABLES:
            for key, record in getattr(corpus, name).items():
                path = shown_file(record)
                held = records.get(path)
                if held is None:
                    held = records[path] = []
                held.append((kind, key, record))
                home[(kind, key)] = path
        criteria, elements = corpus.criteria, corpus.elements
        for path, held in records.items():
            refers: set[RecordKey] = set()
            about: set[RecordKey] = set()  # the records this file makes triples about
            for kind, _, record in held:
                if kind == "link":
                    subject, other = record.subject, record.object
                    end = _end(subject, criteria, elements)
                    refers.add((end, subject))
                    about.add((end, subject))
                    refers.add((_end(other, criteria, elements), other))
                elif kind == "framework":
                    life = record.lifecycle
                    refers.update([("source", c.source) for c in life.sources])
                    if life.superseded_by:
                        about.add(("framework", life.superseded_by))
                if kind in _CITING:
                    refers.update([("source", c.source) for c in record.sources])
            refers |= about
            found.refers[path] = refers
            for ref in about:
                maker = home.get(ref)
                if maker is not None and maker != path:
                    found.made_by.setdefault(maker, set()).add(path)
        return found

    def near(self, paths: Iterable[str]) -> set[str]:
        """The files whose triples make the fragments of these files (`Index.near`)."""
        return self.index.near(paths)

    def homes_of(self, path: str) -> set[str]:
        return self.index.homes_of(path)

    def keys(self, salt: bytes, keys: Mapping[str, str]) -> dict[str, str]:
        """Each file's fragment key (`Index.keys`)."""
        return self.index.keys(salt, keys)

    @cached_property
    def index(self) -> Index:
        """What the keys and `near` read of these files, small enough to keep between runs."""
        refers, homes = {}, {}
        for path in self.records:
            digest = hashlib.sha256()
            held = set()
            for kind, ref in sorted(self.refers.get(path, ())):
                home = self.home.get((kind, ref))
                digest.update(f"{kind} {ref} {home}\n".encode("utf-8", "surrogateescape"))
                if home is not None:
                    held.add(home)
            refers[path] = digest.digest()
            homes[path] = held
        return Index(refers, self.made_by, homes)


@dataclass
class Index:
    """Of each file (by shown path): a hash of what it refers to and of the file holding
    each (`refers`), the files that make triples about its records (`made_by`), and the
    files holding what it refers to (`homes`). A file's fragment key is made from these and
    the hash of its bytes; none of them changes while no record is declared, dropped or
    moved and no reference changes (see `crosswalk.editcheck`), so they are kept between
    runs instead of indexing every record again."""

    refers: dict[str, bytes]
    made_by: dict[str, set[str]]
    homes: dict[str, set[str]]

    def near(self, paths: Iterable[str]) -> set[str]:
        """The files whose triples make the fragments of these files: themselves, the files
        that make triples about their records, and every file those refer to."""
        makers = set(paths)
        for path in list(makers):
            makers |= self.made_by.get(path, set())
        return makers | {h for p in makers for h in self.homes_of(p)}

    def homes_of(self, path: str) -> set[str]:
        return self.homes.get(path, set())

    def keys(self, salt: bytes, keys: Mapping[str, str]) -> dict[str, str]:
        """Each file's fragment key, from `keys`, a hash of each file's bytes: the hash of
        its path, bytes and what it refers to, and the same of each file that makes triples
        about its records."""
        own = {
            path: hashlib.sha256(
                f"{path}\n{keys[path]}\n".encode("utf-8", "surrogateescape") + refers
            ).digest()
            for path, refers in self.refers.items()
        }
        found = {}
        for path in sorted(self.refers):
            digest = hashlib.sha256(salt)
            digest.update(own[path])
            for other in sorted(self.made_by.get(path, ())):
                digest.update(own[other])
            found[path] = digest.hexdigest()
        return found


# The corpus's tables, by the kind of their records (an Iris method), in the order indexed.
_TABLES = (
    ("source", "sources"),
    ("framework", "frameworks"),
    ("criterion", "criteria"),
    ("principle_set", "principle_sets"),
    ("principle", "principles"),
    ("model", "models"),
    ("element", "elements"),
    ("link_set", "link_sets"),
    ("link", "links"),
)
# The kinds of record that cite sources (a `sources` list of citations).
_CITING = frozenset({"principle", "model", "element", "link"})


def _end(ref: str, criteria: Mapping[str, Any], elements: Mapping[str, Any]) -> str:
    """The kind of record a link's end names (as the triples make its IRI)."""
    return "criterion" if ref in criteria else "element" if ref in elements else "principle"


def _triple_salt(engine: Engine, shapes: bytes, base: str) -> bytes:
    import rdflib

    head = f"files {FORMAT}\n{engine.name}\n{rdflib.__version__}\n{base}\n"
    digest = hashlib.sha256(head.encode())
    digest.update(hashlib.sha256(shapes).digest())
    here = Path(__file__).resolve().parent.parent  # crosswalk/
    for name in _TRIPLE_CODE:
        digest.update((here / name).read_bytes())
    return digest.digest()


def validate_files(
    index: Index,
    near: Callable[[set[str]], tuple[Any, Files]],
    base: str,
    engine: Engine,
    shapes: bytes,
    keys: Mapping[str, str],
    store: Store | None = None,
) -> dict[str, list[Finding]] | None:
    """The findings of the shapes on each data file's fragment (by shown path), validating
    only the files the store lacks. `index` indexes every file of the folder, `keys` holds a
    hash of each file's bytes, and `near(paths)` gives a corpus (a `crosswalk.corpus.Corpus`)
    holding at least those files, and its `Files`: the whole corpus, or only the files near
    an edit (`crosswalk.editcheck`). The shapes must be `one_hop`. None when the corpus's
    triples are not all about its records' nodes (then the graph must be validated whole).
    The store is told which files were validated again (`Store.redone`) and the index."""
    from crosswalk import rdf

    if any(path not in keys for path in index.refers):
        return None
    salt = _triple_salt(engine, shapes, base)
    file_keys = index.keys(salt, keys)
    cached = store.entries if store is not None else {}
    kept = {key: cached[key] for key in file_keys.values() if key in cached}
    missing = [path for path, key in file_keys.items() if key not in kept]
    found: dict[str, list[Finding]] = {}
    if missing:
        makers = index.near(missing)
        needed = makers | {h for p in makers for h in index.homes_of(p)}
        corpus, files = near(needed)
        iris = Iris(base)
        homes = {
            str(getattr(iris, kind)(key)): Location(path)
            for path in needed
            for kind, key, _ in files.records.get(path, ())
        }
        cut = Cut(homes, local=True)
        rdf.emit(corpus, cut.add, base, makers)
        if cut.own.get(GRAPH):
            return None  # a triple about no record's node: validate the graph whole
        wanted = set(missing)

        def batch() -> Iterator[Fragment]:
            for fragment in cut.fragments(None):
                if fragment.home in wanted:
                    fragment.key = file_keys[fragment.home]
                    yield fragment

        kept.update(run(engine, batch(), homes, True))
        for path in missing:
            kept.setdefault(file_keys[path], [])
    if store is not None:
        store.validated = len(missing)
        store.reused = len(file_keys) - len(missing)
        store.redone = sorted(missing)
        store.index = index
        store.save(kept)
    for path, key in file_keys.items():
        found[path] = kept[key]
    return found

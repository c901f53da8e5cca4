"""Validate a corpus's triples file by file, and keep what each file's triples gave.

What is validated together, and so what is cached: the *fragment* of a data file, which is
every triple whose subject is one of the file's records (or a node under a record's IRI, such
as `link/x#citation-1`), plus, for every node those triples point at elsewhere, its
`rdf:type` and `skos:inScheme` triples (its *context*), plus any `rdfs:subClassOf` triple of
the data. When every shape reads only its focus node's own triples and the type or scheme of
the nodes they point at (`one_hop` checks this of the shapes), the results of a file's focus
nodes on its fragment are exactly their results on the whole graph.

A fragment's findings are kept under the SHA-256 of the engine, the shapes and the fragment's
own N-Triples: not of the YAML file. So a link in an unchanged file is validated again when
the record it points at changes kind or goes (its context changed), and a file edited only in
its comments or layout is not. Findings hold IRIs, never lines: they are located afresh on
every run.

The cache lives outside the data folder (`$CROSSWALK_CACHE`, else
`$XDG_CACHE_HOME/crosswalk`, else `~/.cache/crosswalk`), one file per data folder, holding
only the fragments of the last run. A cache that cannot be read, or is not exactly the shape
written here, is ignored; one that cannot be written is left as it was. Neither is an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS
from rdflib.term import Node

from crosswalk.export.rdfformats import ntriples_lines
from crosswalk.namespaces import Iris
from crosswalk.problems import Location

if TYPE_CHECKING:
    from crosswalk.shacl import Engine, Finding

Triple = tuple[Node, Node, Node]
FORMAT = 1  # of the cache file; part of every key
GRAPH = "<graph>"  # the home of triples about no record
CONTEXT = frozenset({RDF.type, SKOS.inScheme})  # what a shape may read of a node pointed at
BATCH_LINES = 200_000  # N-Triples lines handed to the engine at once (bounds memory)


def folder(environ: Mapping[str, str] = os.environ) -> Path:
    """Where the cache is kept: never inside a data folder."""
    if environ.get("CROSSWALK_CACHE"):
        return Path(environ["CROSSWALK_CACHE"])
    if environ.get("XDG_CACHE_HOME"):
        return Path(environ["XDG_CACHE_HOME"]) / "crosswalk"
    return Path.home() / ".cache" / "crosswalk"


@dataclass
class Store:
    """The saved findings of one data folder's fragments, and what this run did with them."""

    path: Path
    entries: dict[str, list[Finding]] = field(default_factory=dict)
    reused: int = 0  # fragments whose findings came from the cache this run
    validated: int = 0  # fragments the engine validated this run

    @classmethod
    def for_data(cls, root: Path, where: Path | None = None, name: str = "shapes") -> Store:
        """The store of a data folder; `name` tells apart stores keyed in different ways."""
        digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]
        store = cls((where or folder()) / f"{name}-{digest}.json")
        store.entries = _read(store.path)
        return store

    def save(self, entries: dict[str, list[Finding]]) -> None:
        """Keep exactly these entries (the last run's): written whole, then renamed into
        place, with the mode the umask gives."""
        if entries == self.entries:
            return
        text = json.dumps(
            {"format": FORMAT, "entries": {k: [list(f) for f in v] for k, v in entries.items()}},
            sort_keys=True,
            separators=(",", ":"),
        )
        part = self.path.with_name(f".{self.path.name}.{os.getpid()}.part")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            part.write_text(text, encoding="utf-8")
            os.replace(part, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                part.unlink(missing_ok=True)
            return
        self.entries = entries


def _read(path: Path) -> dict[str, list[Finding]]:
    from crosswalk.shacl import Finding

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    entries = data.get("entries")
    if not isinstance(entries, dict):
        return {}
    found: dict[str, list[Finding]] = {}
    for key, rows in entries.items():
        if not isinstance(rows, list) or not all(_row_ok(row) for row in rows):
            return {}  # one bad entry and none is trusted
        found[key] = [Finding(*row) for row in rows]
    return found


def _row_ok(row: Any) -> bool:
    return (
        isinstance(row, list)
        and len(row) == 5
        and isinstance(row[0], str)
        and isinstance(row[2], str)
        and all(item is None or isinstance(item, str) for item in row)
    )


def one_hop(shapes: Graph) -> bool:
    """Whether every shape reads only its focus nodes' own triples and the CONTEXT triples of
    the nodes they point at: then a file's fragment holds all its shapes read."""
    allowed = {SH[name] for name in _LOCAL_PARAMETERS}
    for _, p, o in shapes:
        if str(p).startswith(str(SH)) and p not in allowed:
            return False
        if p == SH.path and not _short_path(shapes, o):
            return False
    return True


# Parameters whose constraints read the focus node's own values (or, for class, the type of
# each value), and the nesting ones that apply shapes to the same focus node.
_LOCAL_PARAMETERS = [
    "targetClass",
    "targetNode",
    "targetSubjectsOf",
    "property",
    "path",
    "message",
    "severity",
    "name",
    "description",
    "order",
    "group",
    "deactivated",
    "minCount",
    "maxCount",
    "datatype",
    "in",
    "class",
    "hasValue",
    "nodeKind",
    "minInclusive",
    "maxInclusive",
    "minExclusive",
    "maxExclusive",
    "minLength",
    "maxLength",
    "pattern",
    "flags",
    "uniqueLang",
    "languageIn",
    "equals",
    "disjoint",
    "lessThan",
    "lessThanOrEquals",
    "or",
    "and",
    "not",
    "xone",
    "closed",
    "ignoredProperties",
]


def _short_path(shapes: Graph, path: Node) -> bool:
    """A predicate, or a predicate then one CONTEXT predicate."""
    if isinstance(path, URIRef):
        return True
    steps = list(shapes.items(path))
    return len(steps) == 2 and isinstance(steps[0], URIRef) and steps[1] in CONTEXT


@dataclass
class Fragment:
    home: str  # the shown path of its file, or GRAPH
    lines: list[str]  # sorted N-Triples
    key: str


def fragments(
    data: Iterable[Triple], homes: Mapping[str, Location], salt: bytes, local: bool
) -> list[Fragment]:
    """The data cut into one fragment per file (see the module's docstring); a single
    fragment of everything when the shapes are not `local`.

    Worked on N-Triples lines, each node spelled once: sorted, a subject's lines are together.
    """
    lines = ntriples_lines(data)
    if not local:
        return [Fragment(GRAPH, lines, _key(salt, lines))]
    home_of = Homes(homes)
    own: dict[str, list[str]] = {}
    pointed: dict[str, set[str]] = {}  # the nodes outside its file a fragment points at
    context: dict[str, list[str]] = {}
    everywhere: list[str] = []
    subject, home, mine = "", GRAPH, own.setdefault(GRAPH, [])
    for line in lines:
        s, p, o = line[:-3].split(" ", 2)
        if s != subject:
            subject, home = s, home_of(s)
            mine = own.setdefault(home, [])
        mine.append(line)
        if p in _CONTEXT_TEXT:
            context.setdefault(s, []).append(line)
        elif p == _SUBCLASS_TEXT:
            everywhere.append(line)
        if o[0] in "<_" and home_of(o) != home:
            pointed.setdefault(home, set()).add(o)
    found = []
    for home, mine in sorted(own.items()):
        if not mine:
            continue
        extra = sorted({c for o in pointed.get(home, ()) for c in context.get(o, ())})
        fragment = [*mine, *extra, *everywhere]
        found.append(Fragment(home, fragment, _key(salt, fragment)))
    return found


_CONTEXT_TEXT = frozenset(f"<{p}>" for p in CONTEXT)
_SUBCLASS_TEXT = f"<{RDFS.subClassOf}>"


class Homes:
    """The record a node belongs to, and so its file: the record whose IRI it is or lies
    under (`framework/x/rating/good` is framework x's)."""

    def __init__(self, records: Mapping[str, Location]) -> None:
        self.records = records
        self.known: dict[str, str] = {}

    def __call__(self, term: str) -> str:
        """The shown path of the file of a node written in N-Triples (`<iri>` or `_:b`),
        or GRAPH."""
        found = self.known.get(term)
        if found is None:
            location = self.location(term[1:-1]) if term[0] == "<" else None
            found = self.known[term] = location.path if location else GRAPH
        return found

    def location(self, iri: str) -> Location | None:
        iri = iri.split("#", 1)[0]
        while True:
            location = self.records.get(iri)
            if location is not None or iri.count("/") <= 3:  # none above the host
                return location
            iri = iri.rsplit("/", 1)[0]


def _key(salt: bytes, lines: list[str]) -> str:
    digest = hashlib.sha256(salt)
    for line in lines:
        digest.update(line.encode())
    return digest.hexdigest()


def validate(
    data: Iterable[Triple],
    homes: Mapping[str, Location],
    engine: Engine,
    shapes: bytes,
    local: bool,
    store: Store | None = None,
) -> list[Finding]:
    """Every finding of the shapes (their Turtle, from which the engine was compiled) on the
    data, validating only the fragments the store lacks. `local`: see `one_hop`."""
    salt = f"{FORMAT}\n{engine.name}\n".encode() + hashlib.sha256(shapes).digest()
    cached = store.entries if store is not None else {}
    kept: dict[str, list[Finding]] = {}
    batch: list[Fragment] = []
    size = 0
    for fragment in fragments(data, homes, salt, local):
        if fragment.key in cached:
            kept[fragment.key] = cached[fragment.key]
            continue
        batch.append(fragment)
        size += len(fragment.lines)
        if size >= BATCH_LINES:
            kept.update(_run(engine, batch, homes, local))
            batch, size = [], 0
    kept.update(_run(engine, batch, homes, local))
    if store is not None:
        store.validated = sum(1 for key in kept if key not in cached)
        store.reused = len(kept) - store.validated
        store.save(kept)
    return [finding for findings in kept.values() for finding in findings]


def _run(
    engine: Engine, batch: list[Fragment], homes: Mapping[str, Location], local: bool
) -> dict[str, list[Finding]]:
    """Validate fragments together; give each the findings on its own focus nodes (a node
    that is only context in this batch is some other fragment's to report)."""
    if not batch:
        return {}
    text = "".join(line for fragment in batch for line in fragment.lines)
    found: dict[str, list[Finding]] = {fragment.home: [] for fragment in batch}
    home_of = Homes(homes)
    for finding in sorted(set(engine.validate(text)), key=_order):
        focus = finding.focus if finding.focus.startswith("_:") else f"<{finding.focus}>"
        home = home_of(focus) if local else GRAPH
        if home in found:
            found[home].append(finding)
    return {fragment.key: found[fragment.home] for fragment in batch}


def _order(finding: Finding) -> tuple[str, ...]:
    return tuple(part or "" for part in finding)


# File by file without the whole graph -------------------------------------------------------
#
# A fragment's key above is the hash of its lines, so every run makes every triple. The keys
# below come from the data files instead. A file's fragment is made of (1) the triples its own
# records make, which depend on its bytes and on the kind of each record it refers to (a link
# end's IRI says whether it is a criterion, an element or a principle); (2) the triples other
# files make about its records (a link's direct `subject predicate object` triple about its
# subject, a framework's `dcterms:replaces` about the one that superseded it), which depend on
# those files' bytes and the kinds of what they refer to; and (3) the context (`rdf:type`,
# `skos:inScheme`) of the nodes these point at, which a record makes from its kind and id
# alone. So a file's key is the hash of its bytes and of the kind, id and file of every record
# it refers to, and the same of every file that makes triples about its records; a fragment is
# made again from the triples of those files and of the files they refer to, never the whole
# corpus.

# The code that makes the triples and their lines: a change in it changes every fragment.
_TRIPLE_CODE = ("rdf.py", "namespaces.py", "export/rdfformats.py", "shapecache.py")

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
        tables = (
            ("source", corpus.sources),
            ("framework", corpus.frameworks),
            ("criterion", corpus.criteria),
            ("principle_set", corpus.principle_sets),
            ("principle", corpus.principles),
            ("model", corpus.models),
            ("element", corpus.elements),
            ("link_set", corpus.link_sets),
            ("link", corpus.links),
        )
        for kind, table in tables:
            for key, record in table.items():
                path = corpus.shown_file(record)
                found.records.setdefault(path, []).append((kind, key, record))
                found.home[(kind, key)] = path
        for path, held in found.records.items():
            refers = found.refers.setdefault(path, set())
            about: set[RecordKey] = set()  # the records this file makes triples about
            for kind, _, record in held:
                for citation in getattr(record, "sources", ()):
                    refers.add(("source", citation.source))
                if kind == "framework":
                    life = record.lifecycle
                    refers.update(("source", c.source) for c in life.sources)
                    if life.superseded_by:
                        about.add(("framework", life.superseded_by))
                elif kind == "link":
                    for ref in (record.subject, record.object):
                        end = (
                            "criterion"
                            if ref in corpus.criteria
                            else "element"
                            if ref in corpus.elements
                            else "principle"
                        )
                        refers.add((end, ref))
                        if ref == record.subject:
                            about.add((end, ref))
            refers |= about
            for ref in about:
                home = found.home.get(ref)
                if home is not None and home != path:
                    found.made_by.setdefault(home, set()).add(path)
        return found

    def near(self, paths: Iterable[str]) -> set[str]:
        """The files whose triples make the fragments of these files: themselves, the files
        that make triples about their records, and every file those refer to."""
        makers = set(paths)
        for path in list(makers):
            makers |= self.made_by.get(path, set())
        return makers | {h for p in makers for h in self.homes_of(p)}

    def homes_of(self, path: str) -> set[str]:
        return {h for r in self.refers.get(path, ()) if (h := self.home.get(r)) is not None}

    def keys(self, salt: bytes, keys: Mapping[str, str]) -> dict[str, str]:
        """Each file's fragment key, from `keys`, a hash of each file's bytes."""
        own = {path: self._own(path, keys[path]) for path in self.records}
        found = {}
        for path in sorted(self.records):
            digest = hashlib.sha256(salt)
            digest.update(own[path])
            for other in sorted(self.made_by.get(path, ())):
                digest.update(own[other])
            found[path] = digest.hexdigest()
        return found

    def _own(self, path: str, key: str) -> bytes:
        """A file's path, bytes (by their hash) and what it refers to, hashed."""
        digest = hashlib.sha256(f"{path}\n{key}\n".encode("utf-8", "surrogateescape"))
        for kind, ref in sorted(self.refers.get(path, ())):
            line = f"{kind} {ref} {self.home.get((kind, ref))}\n"
            digest.update(line.encode("utf-8", "surrogateescape"))
        return digest.digest()


def _triple_salt(engine: Engine, shapes: bytes, base: str) -> bytes:
    import rdflib

    head = f"files {FORMAT}\n{engine.name}\n{rdflib.__version__}\n{base}\n"
    digest = hashlib.sha256(head.encode())
    digest.update(hashlib.sha256(shapes).digest())
    here = Path(__file__).resolve().parent
    for name in _TRIPLE_CODE:
        digest.update((here / name).read_bytes())
    return digest.digest()


def validate_files(
    corpus: Any,
    files: Files,
    base: str,
    engine: Engine,
    shapes: bytes,
    keys: Mapping[str, str],
    store: Store | None = None,
) -> dict[str, list[Finding]] | None:
    """The findings of the shapes on each data file's fragment (by shown path), validating
    only the files the store lacks; `files` indexes the corpus (`Files.of`) and `keys` holds
    a hash of each file's bytes. The shapes must
    be `one_hop`. None when the corpus's triples are not all about its records' nodes (then
    the graph must be validated whole)."""
    from crosswalk import rdf

    if any(path not in keys for path in files.records):
        return None
    salt = _triple_salt(engine, shapes, base)
    file_keys = files.keys(salt, keys)
    cached = store.entries if store is not None else {}
    kept = {key: cached[key] for key in file_keys.values() if key in cached}
    missing = [path for path, key in file_keys.items() if key not in kept]
    found: dict[str, list[Finding]] = {}
    if missing:
        makers = files.near(missing)
        data = rdf.triples(corpus, base, makers)
        iris = Iris(base)
        homes = {
            str(getattr(iris, kind)(key)): Location(path)
            for path in makers | {h for p in makers for h in files.homes_of(p)}
            for kind, key, _ in files.records.get(path, ())
        }
        wanted = set(missing)
        batch = []
        for fragment in fragments(data, homes, salt, local=True):
            if fragment.home == GRAPH:
                return None  # a triple about no record's node: validate the graph whole
            if fragment.home in wanted:
                fragment.key = file_keys[fragment.home]
                batch.append(fragment)
        kept.update(_run_batches(engine, batch, homes))
        for path in missing:
            kept.setdefault(file_keys[path], [])
    if store is not None:
        store.validated = len(missing)
        store.reused = len(file_keys) - len(missing)
        store.save(kept)
    for path, key in file_keys.items():
        found[path] = kept[key]
    return found


def _run_batches(
    engine: Engine, fragments: list[Fragment], homes: Mapping[str, Location]
) -> dict[str, list[Finding]]:
    found: dict[str, list[Finding]] = {}
    batch: list[Fragment] = []
    size = 0
    for fragment in fragments:
        batch.append(fragment)
        size += len(fragment.lines)
        if size >= BATCH_LINES:
            found.update(_run(engine, batch, homes, True))
            batch, size = [], 0
    found.update(_run(engine, batch, homes, True))
    return found

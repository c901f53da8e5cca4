"""Validate a graph's triples fragment by fragment (one per data file), keyed by the hash of
each fragment's own N-Triples, and tell whether the shapes allow it (`one_hop`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS
from rdflib.term import Node

from crosswalk.export.rdfformats import ntriples_term
from crosswalk.problems import Location
from crosswalk.shapecache.store import FORMAT, Store

if TYPE_CHECKING:
    from crosswalk.shapecache.findings import Engine, Finding

Triple = tuple[Node, Node, Node]
Spelled = tuple[str, str, str]  # a triple's nodes in N-Triples
GRAPH = "<graph>"  # the home of triples about no record
CONTEXT = frozenset({RDF.type, SKOS.inScheme})  # what a shape may read of a node pointed at
BATCH_LINES = 200_000  # N-Triples lines handed to the engine at once (bounds memory)


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
    key: str  # the hash of its lines (see `Cut.fragments`), or its home when not keyed


def fragments(
    data: Iterable[Triple], homes: Mapping[str, Location], salt: bytes | None, local: bool
) -> list[Fragment]:
    """The data cut into one fragment per file (see the module's docstring); a single
    fragment of everything when the shapes are not `local`. Keyed by the hash of their lines
    under `salt`, or by their homes without one."""
    cut = Cut(homes, local)
    for triple in data:
        cut.add(triple)
    return list(cut.fragments(salt))


class Cut:
    """Triples cut into fragments as they come, one at a time (`add`): each is spelled in
    N-Triples, each node spelled once, and put with its subject's file, so neither the
    triples nor a list of every line is ever held (a triple is kept as its three spelled
    nodes, which the lines share); the fragments are made at the end (`fragments`), each
    dropped from here as it is handed out.

    A node's spelling is remembered by the node object itself (`rdf.emit` makes each node
    once): by its id, with the node kept alive beside it so that the id is not reused."""

    def __init__(self, homes: Mapping[str, Location], local: bool) -> None:
        self.home_of = Homes(homes)
        self.local = local
        self.own: dict[str, list[Spelled]] = {}
        self.pointed: dict[str, set[str]] = {}  # the nodes outside its file a file points at
        self.context: dict[str, list[Spelled]] = {}  # the CONTEXT triples of each node
        self.everywhere: list[Spelled] = []
        self._spelled: dict[int, tuple[Node, str]] = {}
        self._subject: Node | None = None
        self._subject_text = ""
        self._home = GRAPH
        self._mine = self.own.setdefault(GRAPH, [])

    def _spell(self, node: Node) -> str:
        found = self._spelled[id(node)] = (node, ntriples_term(node))
        return found[1]

    def add(self, triple: Triple) -> None:
        s, p, o = triple
        if s is not self._subject:  # a subject's triples mostly come together
            self._subject = s
            found = self._spelled.get(id(s))
            self._subject_text = found[1] if found is not None else self._spell(s)
            self._home = self.home_of(self._subject_text) if self.local else GRAPH
            self._mine = self.own.setdefault(self._home, [])
        found = self._spelled.get(id(p))
        predicate = found[1] if found is not None else self._spell(p)
        found = self._spelled.get(id(o))
        value = found[1] if found is not None else self._spell(o)
        spelled = (self._subject_text, predicate, value)
        self._mine.append(spelled)
        if not self.local:
            return
        if predicate in _CONTEXT_TEXT:
            self.context.setdefault(self._subject_text, []).append(spelled)
        elif predicate == _SUBCLASS_TEXT:
            self.everywhere.append(spelled)
        if value[0] in "<_":
            home = self.home_of.known.get(value) or self.home_of(value)
            if home != self._home:
                self.pointed.setdefault(self._home, set()).add(value)

    def fragments(self, salt: bytes | None) -> Iterator[Fragment]:
        """Each file's fragment, in the order of the files' paths: its own lines, sorted, each
        once; then the CONTEXT lines of the nodes it points at elsewhere, sorted; then the
        `rdfs:subClassOf` lines of the data. Keyed by the hash of their lines under `salt`
        (None: by their homes).

        Spelled triples sort as their lines do: a line is its nodes joined by spaces, and no
        node continues another with a character below the space."""
        self._spelled.clear()  # no more triples: their nodes' spellings are held below
        everywhere = sorted(set(self.everywhere))
        for home in sorted(self.own):
            mine = sorted(set(self.own.pop(home)))
            if not mine:
                continue
            found = {c for o in self.pointed.pop(home, ()) for c in self.context.get(o, ())}
            lines = [f"{s} {p} {o} .\n" for s, p, o in (*mine, *sorted(found), *everywhere)]
            yield Fragment(home, lines, home if salt is None else _key(salt, lines))


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
    cut = Cut(homes, local)
    for triple in data:
        cut.add(triple)
    return validate_cut(cut, engine, shapes, store)


def validate_cut(
    cut: Cut, engine: Engine, shapes: bytes, store: Store | None = None
) -> list[Finding]:
    """`validate` of the triples already handed to `cut`, which is emptied on the way."""
    salt = f"{FORMAT}\n{engine.name}\n".encode() + hashlib.sha256(shapes).digest()
    cached = store.entries if store is not None else {}
    reused: dict[str, list[Finding]] = {}

    def missing() -> Iterator[Fragment]:
        for fragment in cut.fragments(salt if store is not None else None):
            if fragment.key in cached:
                reused[fragment.key] = cached[fragment.key]
            else:
                yield fragment

    kept = run(engine, missing(), cut.home_of.records, cut.local)
    if store is not None:
        store.validated = len(kept)
        store.reused = len(reused)
        store.save(reused | kept)
    return [finding for findings in (reused | kept).values() for finding in findings]


def run(
    engine: Engine, fragments: Iterable[Fragment], homes: Mapping[str, Location], local: bool
) -> dict[str, list[Finding]]:
    """Validate fragments in batches of about BATCH_LINES lines; give each fragment (by its
    key) the findings on its own focus nodes (a node that is only context in a batch is some
    other fragment's to report).

    The engine runs on a thread of its own, one batch at a time, while this one makes the
    next batch's text: the `shacl` engine lets go of the GIL, so on two CPUs the two overlap.
    At most two batches' text are held at once."""
    found: dict[str, list[Finding]] = {}
    with ThreadPoolExecutor(1, thread_name_prefix="shacl") as pool:
        running: tuple[Future[list[Finding]], list[Fragment]] | None = None
        for batch in _batches(fragments):
            text = "".join(line for fragment in batch for line in fragment.lines)
            for fragment in batch:
                fragment.lines = []  # the text holds them now
            submitted = (pool.submit(engine.validate, text), batch)
            del text
            if running is not None:
                found.update(_assigned(running[0].result(), running[1], homes, local))
            running = submitted
        if running is not None:
            found.update(_assigned(running[0].result(), running[1], homes, local))
    return found


def _batches(fragments: Iterable[Fragment]) -> Iterator[list[Fragment]]:
    batch: list[Fragment] = []
    size = 0
    for fragment in fragments:
        batch.append(fragment)
        size += len(fragment.lines)
        if size >= BATCH_LINES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _assigned(
    findings: list[Finding], batch: list[Fragment], homes: Mapping[str, Location], local: bool
) -> dict[str, list[Finding]]:
    """A batch's findings, each given to the fragment of its focus node."""
    found: dict[str, list[Finding]] = {fragment.home: [] for fragment in batch}
    home_of = Homes(homes)
    for finding in sorted(set(findings), key=_order):
        focus = finding.focus if finding.focus.startswith("_:") else f"<{finding.focus}>"
        home = home_of(focus) if local else GRAPH
        if home in found:
            found[home].append(finding)
    return {fragment.key: found[fragment.home] for fragment in batch}


def _order(finding: Finding) -> tuple[str, ...]:
    return tuple(part or "" for part in finding)

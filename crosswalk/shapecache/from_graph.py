"""Validate a graph's triples fragment by fragment (one per data file), keyed by the hash of
each fragment's own N-Triples, and tell whether the shapes allow it (`one_hop`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS
from rdflib.term import Node

from crosswalk.export.rdfformats import ntriples_lines
from crosswalk.problems import Location
from crosswalk.shapecache.store import FORMAT, Store

if TYPE_CHECKING:
    from crosswalk.shacl import Engine, Finding

Triple = tuple[Node, Node, Node]
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

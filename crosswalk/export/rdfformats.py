"""Turtle, JSON-LD and N-Triples, written from the triples directly and byte-for-byte stable.

rdflib's serialisers need a Graph (slow to fill at scale) and order some output by hash, so
these writers take any iterable of triples (a Graph is one) and sort everything: subjects,
then predicates (rdf:type first), then objects. N-Triples lines are rdflib's own encoding of
each triple; Turtle abbreviates IRIs under our prefixes where the local part is a plain name;
JSON-LD uses our prefixes as its context.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.plugins.serializers.nt import _nt_row
from rdflib.term import Node

from crosswalk.namespaces import DATA_PATHS, DEFAULT_BASE, PREFIXES

Triple = tuple[Node, Node, Node]
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*$")


def _prefixes(base: str) -> dict[str, str]:
    found = dict(PREFIXES)
    for prefix, path in DATA_PATHS.items():
        found[prefix] = base + path
    return dict(sorted(found.items()))


def _base_of(triples: Iterable[Triple]) -> str:
    return str(getattr(triples, "base", DEFAULT_BASE))


def ntriples(triples: Iterable[Triple]) -> str:
    return "".join(sorted(_nt_row(t) for t in triples))


class _Names:
    """Prefixed names for IRIs where Turtle allows them."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        # Longest namespace first, so the most specific prefix wins.
        self.namespaces = sorted(prefixes.items(), key=lambda item: -len(item[1]))
        self.cache: dict[str, str] = {}

    def name(self, iri: str) -> str:
        found = self.cache.get(iri)
        if found is None:
            found = f"<{iri}>"
            for prefix, namespace in self.namespaces:
                if iri.startswith(namespace) and _LOCAL.match(iri[len(namespace) :]):
                    found = f"{prefix}:{iri[len(namespace) :]}"
                    break
            self.cache[iri] = found
        return found


def _grouped(triples: Iterable[Triple]) -> dict[Node, dict[Node, list[Node]]]:
    subjects: dict[Node, dict[Node, list[Node]]] = {}
    for s, p, o in triples:
        subjects.setdefault(s, {}).setdefault(p, []).append(o)
    return subjects


def turtle(triples: Iterable[Triple]) -> str:
    prefixes = _prefixes(_base_of(triples))
    names = _Names(prefixes)

    def term(node: Node) -> str:
        if isinstance(node, URIRef):
            return names.name(str(node))
        if isinstance(node, Literal) and node.datatype is not None:
            return f"{Literal(str(node)).n3()}^^{names.name(str(node.datatype))}"
        return node.n3()

    lines = [f"@prefix {p}: <{iri}> ." for p, iri in prefixes.items()]
    lines.append("")
    subjects = _grouped(triples)
    for subject in sorted(subjects, key=str):
        predicates = subjects[subject]
        order = sorted(predicates, key=lambda p: (p != RDF.type, names.name(str(p))))
        parts = []
        for predicate in order:
            objects = sorted({term(o) for o in predicates[predicate]})
            verb = "a" if predicate == RDF.type else names.name(str(predicate))
            parts.append(f"{verb} {', '.join(objects)}")
        lines.append(f"{term(subject)} " + " ;\n    ".join(parts) + " .\n")
    return "\n".join(lines)


def jsonld(triples: Iterable[Triple]) -> str:
    prefixes = _prefixes(_base_of(triples))
    names = _Names(prefixes)

    def curie(iri: str) -> str:
        name = names.name(iri)
        return iri if name.startswith("<") else name

    def value(node: Node) -> Any:
        if isinstance(node, URIRef):
            return {"@id": str(node)}
        assert isinstance(node, Literal)
        if node.language:
            return {"@value": str(node), "@language": node.language}
        if node.datatype is not None and node.datatype != XSD.string:
            return {"@value": str(node), "@type": curie(str(node.datatype))}
        return str(node)

    nodes = []
    subjects = _grouped(triples)
    for subject in sorted(subjects, key=str):
        node: dict[str, Any] = {"@id": str(subject)}
        for predicate, objects in subjects[subject].items():
            if predicate == RDF.type:
                node["@type"] = sorted(curie(str(o)) for o in objects)
            else:
                values = [value(o) for o in objects]
                node[curie(str(predicate))] = sorted(
                    values, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False)
                )
        nodes.append(node)
    document = {"@context": prefixes, "@graph": nodes}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def context(base: str = DEFAULT_BASE) -> str:
    """The JSON-LD context on its own, for publishing beside the data."""
    return json.dumps({"@context": _prefixes(base)}, indent=2, sort_keys=True) + "\n"


FORMATS: dict[str, Callable[[Iterable[Triple]], str]] = {
    "turtle": turtle,
    "jsonld": jsonld,
    "ntriples": ntriples,
}

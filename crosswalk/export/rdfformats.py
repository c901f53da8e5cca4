"""Turtle, JSON-LD and N-Triples, written from the triples directly and byte-for-byte stable.

rdflib's serialisers need a Graph (slow to fill at scale) and order some output by hash, so
these writers take any iterable of triples (a Graph is one) and sort everything: subjects,
then predicates (rdf:type first), then objects. N-Triples lines are rdflib's own encoding of
each triple; Turtle abbreviates IRIs under our prefixes where the local part is a plain name;
JSON-LD uses our prefixes as its context.

A graph names the same nodes and the same few dozen predicates over and over, so each writer
spells a node once and remembers it (`_Spelled`). Language-tagged literals are the exception,
spelled every time: rdflib counts "x"@en and "x"@EN equal, but they are written apart.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from json.encoder import encode_basestring
from operator import itemgetter
from typing import TypeVar

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from crosswalk.baseiri import DEFAULT_BASE
from crosswalk.export import jsontext
from crosswalk.namespaces import DATA_PATHS, PREFIXES, converter

Triple = tuple[Node, Node, Node]
T = TypeVar("T")
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*$")
_TYPE = RDF.type
_STRING = XSD.string
_FIRST = itemgetter(0)


def _prefixes(base: str) -> dict[str, str]:
    found = dict(PREFIXES)
    for prefix, path in DATA_PATHS.items():
        found[prefix] = base + path
    return dict(sorted(found.items()))


def _base_of(triples: Iterable[Triple]) -> str:
    return str(getattr(triples, "base", DEFAULT_BASE))


class _Spelled(dict[Node, T]):
    """Each node's text, made by `spell` the first time it is looked up: `spelled[node]`.
    A language-tagged literal's is never kept (see the module's docstring)."""

    def __init__(self, spell: Callable[[Node], T]) -> None:
        super().__init__()
        self.spell = spell

    def __missing__(self, node: Node) -> T:
        found = self.spell(node)
        if not (isinstance(node, Literal) and node.language is not None):
            self[node] = found
        return found


# N-Triples escapes in a string literal (the W3C grammar's ECHAR): backslash first.
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def ntriples_term(node: Node) -> str:
    """A term as N-Triples writes it: a literal quoted and escaped, with its language tag or
    datatype; anything else as rdflib spells it."""
    if not isinstance(node, Literal):
        return node.n3()
    text = f'"{str(node).translate(_ESCAPES)}"'
    if node.language:
        return f"{text}@{node.language}"
    if node.datatype:
        return f"{text}^^<{node.datatype}>"
    return text


def ntriples(triples: Iterable[Triple]) -> str:
    return "".join(ntriples_lines(triples))


def ntriples_lines(triples: Iterable[Triple]) -> list[str]:
    """The N-Triples lines in order, for writing one after another: the largest download,
    and joining it into one text first would hold it twice."""
    # Each line is rdflib's own (its N-Triples serialiser's _nt_row).
    n3 = _Spelled(lambda node: node.n3())
    quoted = _Spelled(ntriples_term)
    rows = [f"{n3[s]} {n3[p]} {quoted[o]} .\n" for s, p, o in triples]
    rows.sort()
    return rows


class _Names:
    """Prefixed names for IRIs where Turtle allows them: the CURIE converter of
    crosswalk.namespaces (the most specific prefix wins), each IRI worked out once."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.converter = converter(prefixes)
        self.cache: dict[str, str] = {}

    def name(self, iri: str) -> str:
        found = self.cache.get(iri)
        if found is None:
            found = self.cache[iri] = self._name(iri)
        return found

    def _name(self, iri: str) -> str:
        curie = self.converter.compress(iri)
        if curie is not None and _LOCAL.match(curie.split(":", 1)[1]):
            return curie
        return f"<{iri}>"

    def curie(self, iri: str) -> str:
        """The prefixed name, or else the IRI itself (for JSON-LD)."""
        name = self.name(iri)
        return iri if name.startswith("<") else name


def _grouped(triples: Iterable[Triple]) -> dict[Node, dict[Node, list[Node]]]:
    subjects: dict[Node, dict[Node, list[Node]]] = {}
    last: Node | None = None
    predicates: dict[Node, list[Node]] = {}
    for s, p, o in triples:
        if s is not last:  # a subject's triples mostly come together: look it up once
            last = s
            found = subjects.get(s)
            if found is None:
                found = subjects[s] = {}
            predicates = found
        objects = predicates.get(p)
        if objects is None:
            predicates[p] = [o]
        else:
            objects.append(o)
    return subjects


def _planned(
    triples: Iterable[Triple], plan: Callable[[tuple[Node, ...]], list[T]]
) -> Iterator[tuple[Node, list[T], list[list[Node]]]]:
    """Each subject in order, with the steps `plan` gives for its predicates and its objects
    by predicate. Subjects of a kind have the same predicates in the same order, so each
    such signature is planned once."""
    plans: dict[tuple[Node, ...], list[T]] = {}
    subjects = _grouped(triples)
    for subject in sorted(subjects, key=str):
        predicates = subjects[subject]
        signature = tuple(predicates)
        steps = plans.get(signature)
        if steps is None:
            steps = plans[signature] = plan(signature)
        yield subject, steps, list(predicates.values())


def turtle(triples: Iterable[Triple]) -> str:
    prefixes = _prefixes(_base_of(triples))
    names = _Names(prefixes)

    def spell(node: Node) -> str:
        if isinstance(node, URIRef):
            return names.name(str(node))
        if isinstance(node, Literal) and node.datatype is not None:
            return f"{Literal(str(node)).n3()}^^{names.name(str(node.datatype))}"
        return node.n3()

    def verb(predicate: Node) -> tuple[bool, str]:
        """Its sort key, rdf:type first and then by prefixed name: (not rdf:type, name)."""
        return (predicate != _TYPE, names.name(str(predicate)))

    term = _Spelled(spell)
    verbs = _Spelled(verb)

    def listed(objects: list[Node]) -> str:
        return ", ".join(sorted({term[o] for o in objects}))

    def plan(predicates: tuple[Node, ...]) -> list[tuple[int, str]]:
        """For a subject with these predicates, in this order: which of them to write in
        what order (a stable sort by `verb`), each with its verb."""
        keyed = sorted(((verbs[p], i) for i, p in enumerate(predicates)), key=_FIRST)
        return [(i, name if not_type else "a") for (not_type, name), i in keyed]

    lines = [f"@prefix {p}: <{iri}> ." for p, iri in prefixes.items()]
    lines.append("")
    for subject, steps, objects in _planned(triples, plan):
        parts = [
            f"{verb} " + (term[found[0]] if len(found := objects[i]) == 1 else listed(found))
            for i, verb in steps
        ]
        lines.append(f"{term[subject]} " + " ;\n    ".join(parts) + " .\n")
    return "\n".join(lines)


def jsonld(triples: Iterable[Triple]) -> str:
    """The text json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) would
    write, laid out here from texts that each node is spelled into once."""
    prefixes = _prefixes(_base_of(triples))
    names = _Names(prefixes)
    quote = encode_basestring  # json's own escaping, as with ensure_ascii=False
    block = jsontext.block
    # Depths: the document 0, @context and @graph 1, a node 2, its values 3, one value 4.

    def value(node: Node) -> tuple[str, str]:
        """Its sort key (its compact JSON text with sorted keys) and its text at depth 4."""
        if isinstance(node, URIRef):
            fields = [("@id", str(node))]
        else:
            assert isinstance(node, Literal)
            text = str(node)
            if node.language:
                fields = [("@language", node.language), ("@value", text)]
            elif node.datatype is not None and node.datatype != _STRING:
                fields = [("@type", names.curie(str(node.datatype))), ("@value", text)]
            else:
                return quote(text), quote(text)
        pairs = [f"{quote(k)}: {quote(v)}" for k, v in fields]
        return "{" + ", ".join(pairs) + "}", block(pairs, 4, "{}")

    def single(node: Node) -> str:
        """A list of just this value, at depth 3."""
        return block([values[node][1]], 3)

    def type_name(node: Node) -> tuple[str, str]:
        """A class's CURIE (its sort key) and its text."""
        name = names.curie(str(node))
        return name, quote(name)

    def key(predicate: Node) -> tuple[bool, str, str]:
        """Whether it is rdf:type, its key in a node, and the key's text."""
        name = names.curie(str(predicate))
        return predicate == _TYPE, name, f"{quote(name)}: "

    values = _Spelled(value)
    singles = _Spelled(single)
    types = _Spelled(type_name)
    keys = _Spelled(key)

    def plan(predicates: tuple[Node, ...]) -> list[tuple[int, bool, str]]:
        """For a node with these predicates, in this order: its fields in key order, each as
        (which predicate, or -1 for @id; whether it is rdf:type; the key's text). As in a
        dict, a later predicate with the same key replaces an earlier one."""
        fields: dict[str, tuple[int, bool, str]] = {"@id": (-1, False, '"@id": ')}
        for i, predicate in enumerate(predicates):
            is_type, name, label = keys[predicate]
            if is_type:
                fields["@type"] = (i, True, '"@type": ')
            else:
                fields[name] = (i, False, label)
        return [field for _, field in sorted(fields.items())]

    nodes = []
    for subject, fields, objects in _planned(triples, plan):
        lines = []
        for i, is_type, label in fields:
            if i < 0:
                lines.append(label + quote(str(subject)))
                continue
            found = objects[i]
            if is_type:
                named = sorted(map(types.__getitem__, found), key=_FIRST)
                lines.append(label + block([text for _, text in named], 3))
            elif len(found) == 1:
                lines.append(label + singles[found[0]])
            else:
                spelled = sorted(map(values.__getitem__, found), key=_FIRST)
                lines.append(label + block([text for _, text in spelled], 3))
        nodes.append(block(lines, 2, "{}"))
    context = block([f"{quote(p)}: {quote(iri)}" for p, iri in sorted(prefixes.items())], 1, "{}")
    # The document is {"@context": ..., "@graph": [...]}: its nodes are joined only once.
    return block(nodes, 1, before=f'{{\n  "@context": {context},\n  "@graph": ', after="\n}\n")


def context(base: str = DEFAULT_BASE) -> str:
    """The JSON-LD context on its own, for publishing beside the data."""
    return json.dumps({"@context": _prefixes(base)}, indent=2, sort_keys=True) + "\n"


FORMATS: dict[str, Callable[[Iterable[Triple]], str]] = {
    "turtle": turtle,
    "jsonld": jsonld,
    "ntriples": ntriples,
}

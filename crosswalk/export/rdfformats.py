"""Graph serialisations: Turtle, JSON-LD and N-Triples, byte-for-byte deterministic.

rdflib's serialisers order their output by hash in places, so each format is written from a
sorted form: N-Triples lines sorted; Turtle through rdflib's Turtle serialiser, which sorts
subjects and predicates; JSON-LD by sorting nodes by @id and keys.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from rdflib import Graph

from crosswalk.namespaces import PREFIXES


def turtle(graph: Graph) -> str:
    return graph.serialize(format="turtle")


def ntriples(graph: Graph) -> str:
    lines = graph.serialize(format="nt").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


def jsonld(graph: Graph) -> str:
    context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    for prefix, ns in graph.namespaces():
        if prefix and prefix not in context:
            context[prefix] = str(ns)
    text = graph.serialize(format="json-ld", context=context, auto_compact=True)
    data = json.loads(text)
    nodes = data.get("@graph", [])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True))
    data["@graph"] = sorted(nodes, key=lambda n: n.get("@id", ""))
    data["@context"] = dict(sorted(data.get("@context", context).items()))
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[Graph], str]] = {
    "turtle": turtle,
    "jsonld": jsonld,
    "ntriples": ntriples,
}

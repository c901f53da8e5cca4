"""SPARQL over the graph, and the formats its results print in."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from rdflib import Graph
from rdflib.query import Result
from rdflib.term import Node

from crosswalk.namespaces import PREFIXES
from crosswalk.problems import UsageError


def run(graph: Graph, text: str) -> Result:
    """Run a SPARQL query; our prefixes are predeclared. Bad queries raise UsageError."""
    try:
        return graph.query(text, initNs={k: str(v) for k, v in PREFIXES.items()})
    except Exception as exc:  # rdflib raises pyparsing and assorted errors for bad queries
        raise UsageError(f"the SPARQL query could not run: {exc}") from None


def _cell(node: Node | None) -> str:
    return "" if node is None else str(node)


def rows(result: Result) -> tuple[list[str], list[list[str]]]:
    if result.type == "ASK":
        return ["ask"], [[str(bool(result.askAnswer)).lower()]]
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        return ["subject", "predicate", "object"], sorted(
            [[_cell(s), _cell(p), _cell(o)] for s, p, o in result.graph]  # type: ignore[union-attr]
        )
    names = [str(v) for v in result.vars or []]
    return names, [[_cell(row[i]) for i in range(len(names))] for row in result]  # type: ignore[index]


def as_table(names: list[str], data: list[list[str]]) -> str:
    widths = [max([len(n), *(len(r[i]) for r in data)]) for i, n in enumerate(names)]
    lines = [
        "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in data]
    return "\n".join(lines) + "\n"


def as_csv(names: list[str], data: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    writer.writerows(data)
    return out.getvalue()


def as_json(names: list[str], data: list[list[str]]) -> str:
    return (
        json.dumps([dict(zip(names, r, strict=True)) for r in data], indent=2, ensure_ascii=False)
        + "\n"
    )


FORMATS: dict[str, Callable[[list[str], list[list[str]]], str]] = {
    "table": as_table,
    "csv": as_csv,
    "json": as_json,
}

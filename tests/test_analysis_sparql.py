"""Two independent implementations agree: coverage by SPARQL over the RDF graph (on Oxigraph,
as `crosswalk sparql` runs it) equals the networkx-based engine for every single model and
every framework of the real corpus."""

from __future__ import annotations

from functools import cache

import pytest
from conftest import REPO, bundled

from crosswalk import query
from crosswalk.analysis.coverage import Index
from crosswalk.namespaces import Iris

QUERY = (REPO / "queries" / "coverage.rq").read_text(encoding="utf-8")
CHECKED = bundled()
CORPUS = CHECKED.corpus
INDEX = Index(CORPUS)
PAIRS = [(m, f) for m in sorted(CORPUS.models) for f in sorted(CORPUS.frameworks)]


STRENGTHS = {3: "strong", 2: "partial", 1: "weak"}


@cache
def by_sparql() -> dict[tuple[str, str], dict[str, tuple[str, int]]]:
    """(model, framework) -> criterion id -> (status, number of paths), from one query.

    The query returns the best direct rank and the path count of every supported criterion;
    a criterion with neither has no support (see queries/coverage.rq)."""
    iris = Iris()
    names = {str(iris.model(m)): m for m in CORPUS.models}
    names |= {str(iris.framework(f)): f for f in CORPUS.frameworks}
    assert CHECKED.triples is not None
    best: dict[tuple[str, str, str], int] = {}
    paths: dict[tuple[str, str, str], int] = {}
    columns, rows = query.answer(CHECKED.triples, QUERY)
    assert columns == ["framework", "model", "criterion", "best", "paths"]
    for framework, model, criterion, rank, count in rows:
        key = (names[model], names[framework], criterion)
        if rank:  # an unbound cell is empty
            best[key] = int(rank)
        if count:
            paths[key] = int(count)
    answer: dict[tuple[str, str], dict[str, tuple[str, int]]] = {}
    for model, framework in PAIRS:
        table = answer.setdefault((model, framework), {})
        for ref in CORPUS.criteria_of(framework):
            key = (model, framework, ref.split(":", 1)[1])
            status = STRENGTHS.get(best.get(key, 0)) or ("inferred" if paths.get(key) else "none")
            table[key[2]] = (status, paths.get(key, 0))
    return answer


@pytest.mark.parametrize(("model", "framework"), PAIRS, ids=[f"{m}-{f}" for m, f in PAIRS])
def test_sparql_coverage_equals_engine(model: str, framework: str) -> None:
    """The engine answers for a framework's criteria, and for its rating characteristics one
    level at a time; the query answers for all of them at once."""
    refs = CORPUS.criteria_of(framework)
    levels = sorted({str(CORPUS.criteria[r].rating) for r in refs if INDEX.is_characteristic(r)})
    by_engine = {}
    for rating in [None, *levels]:
        cov = INDEX.coverage(framework, [model], rating)
        by_engine |= {
            ref.split(":", 1)[1]: (c.status, len(c.paths)) for ref, c in cov.criteria.items()
        }
    assert by_sparql()[(model, framework)] == by_engine

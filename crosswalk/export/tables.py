"""Flat CSV tables of the corpus: criteria, models, elements, principles, links, and the
coverage table from the rows the analysis gives (this module does not import the analysis).

Rows are sorted by id and list-valued cells are joined with " | ", so the tables diff well
and open in any spreadsheet; `csvtext` writes them, so a cell that would start a formula is
written as text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from crosswalk import csvtext
from crosswalk.corpus import Corpus
from crosswalk.model import Citation

JOIN = " | "


def _cites(cites: list[Citation]) -> str:
    return JOIN.join(f"{c.source}: {c.locator}" for c in cites)


def criteria(corpus: Corpus) -> str:
    header = [
        "ref",
        "framework",
        "id",
        "notation",
        "parent",
        "level",
        "title",
        "text",
        "summary",
        "verification",
        "urls",
        "notes",
    ]
    rows = (
        [
            ref,
            corpus.scheme_of(ref),
            c.id,
            c.notation or c.id,
            c.parent,
            str(c.level),
            c.title,
            c.text,
            c.summary,
            str(c.verification),
            JOIN.join(c.urls),
            c.notes,
        ]
        for ref, c in sorted(corpus.criteria.items())
    )
    return csvtext.dumps(header, rows)


def models(corpus: Corpus) -> str:
    header = [
        "id",
        "title",
        "developer",
        "year",
        "settings",
        "populations",
        "impact_evidence",
        "in_wales",
        "description",
        "sources",
    ]
    rows = (
        [
            mid,
            m.title,
            m.developer,
            m.year,
            JOIN.join(str(s) for s in m.settings),
            JOIN.join(str(p) for p in m.populations),
            str(m.impact_evidence),
            str(m.in_wales).lower(),
            m.description,
            _cites(m.sources),
        ]
        for mid, m in sorted(corpus.models.items())
    )
    return csvtext.dumps(header, rows)


def elements(corpus: Corpus) -> str:
    header = ["ref", "model", "id", "title", "kind", "parent", "description", "sources"]
    rows = (
        [
            ref,
            corpus.scheme_of(ref),
            e.id,
            e.title,
            str(e.kind),
            e.parent,
            e.description,
            _cites(e.sources),
        ]
        for ref, e in sorted(corpus.elements.items())
    )
    return csvtext.dumps(header, rows)


def principles(corpus: Corpus) -> str:
    header = ["ref", "title", "definition", "sources"]
    rows = (
        [ref, p.title, p.definition, _cites(p.sources)]
        for ref, p in sorted(corpus.principles.items())
    )
    return csvtext.dumps(header, rows)


def links(corpus: Corpus) -> str:
    header = [
        "id",
        "link_set",
        "subject",
        "relation",
        "object",
        "strength",
        "rationale",
        "evidence",
        "evidence_kinds",
        "sources",
        "status",
        "author",
        "created",
        "reviewer",
        "reviewed",
        "comment",
    ]
    rows = (
        [
            lid,
            corpus.link_set_of[lid],
            lk.subject,
            str(lk.relation),
            lk.object,
            str(lk.strength),
            lk.rationale,
            JOIN.join(e.item for e in lk.evidence),
            JOIN.join(",".join(str(k) for k in e.kinds) for e in lk.evidence),
            _cites(lk.sources),
            str(lk.status),
            lk.author,
            lk.created.isoformat(),
            lk.reviewer,
            lk.reviewed.isoformat() if lk.reviewed else None,
            lk.comment,
        ]
        for lid, lk in sorted(corpus.links.items())
    )
    return csvtext.dumps(header, rows)


def coverage(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The coverage table from rows the analysis made (`analysis/coverage_rows`), given with
    their column names: a list of ids in a cell is joined as every list here is."""
    return csvtext.dumps(
        columns,
        ([JOIN.join(c) if isinstance(c, tuple) else c for c in row] for row in rows),
    )


# The tables made from the records alone, in the order they are offered; the coverage table,
# which needs the analysis, comes after them (`crosswalk/opendata.py`).
RECORD_TABLES: dict[str, Callable[[Corpus], str]] = {
    "criteria": criteria,
    "models": models,
    "elements": elements,
    "principles": principles,
    "links": links,
}

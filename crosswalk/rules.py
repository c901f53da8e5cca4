"""Checks between records: references, hierarchies, link kinds, citations, review fields."""

from __future__ import annotations

from collections.abc import Iterable

from crosswalk import collector
from crosswalk.loader import Corpus, where
from crosswalk.model import CARRIES_EVIDENCE, RELATION_KINDS, Citation, Kind, Link, Record, Status
from crosswalk.problems import Problem


def kind_of(corpus: Corpus, ref: str) -> Kind | None:
    """What a SCHEME:ID reference points at, or None when nothing is declared under it."""
    if ref in corpus.criteria:
        return Kind.criterion
    if ref in corpus.elements:
        return Kind.element
    if ref in corpus.principles:
        return Kind.principle
    return None


@collector.paused()  # many small sets and lists, no cycles: see collector
def check(corpus: Corpus) -> list[Problem]:
    """Every cross-record problem in the corpus."""
    problems: list[Problem] = []
    problems += _hierarchies(corpus)
    problems += _citations(corpus)
    problems += _links(corpus)
    problems += _orphans(corpus)
    return problems


def _hierarchies(corpus: Corpus) -> list[Problem]:
    problems = []
    for table, what in ((corpus.criteria, "criterion"), (corpus.elements, "element")):
        for ref, record in table.items():
            parent = getattr(record, "parent", None)
            if parent is None:
                continue
            scheme = corpus.scheme_of(ref)
            if f"{scheme}:{parent}" not in table:
                known = sorted(r.split(":", 1)[1] for r in table if r.startswith(scheme + ":"))
                problems.append(
                    Problem(
                        where(record, "parent"),
                        "E302",
                        f"parent '{parent}' is not a {what} of '{scheme}'",
                        _suggest(parent, known),
                    )
                )
        # Cycles: follow parents from each record; a walk that returns to a visited node loops.
        reported: set[str] = set()
        for ref in table:
            seen: list[str] = []
            current: str | None = ref
            while current is not None and current in table and current not in seen:
                seen.append(current)
                parent = getattr(table[current], "parent", None)
                current = f"{corpus.scheme_of(current)}:{parent}" if parent else None
            if current is not None and current in seen:
                loop = seen[seen.index(current) :]
                key = min(loop)
                if key in reported:
                    continue
                reported.add(key)
                names = " -> ".join(r.split(":", 1)[1] for r in [*loop, current])
                problems.append(
                    Problem(
                        where(table[key], "parent"),
                        "E303",
                        f"the {what} hierarchy loops: {names}",
                        "give one of them a different parent",
                    )
                )
    return problems


def _cited(corpus: Corpus) -> Iterable[tuple[Record, int, Citation]]:
    for table in (corpus.principles, corpus.models, corpus.elements, corpus.links):
        for record in table.values():
            for i, citation in enumerate(getattr(record, "sources", [])):
                yield record, i, citation


def _citations(corpus: Corpus) -> list[Problem]:
    problems = []
    known = sorted(corpus.sources)
    for record, i, citation in _cited(corpus):
        if citation.source not in corpus.sources:
            problems.append(
                Problem(
                    where(record, "sources", i, "source"),
                    "E306",
                    f"source '{citation.source}' is not declared",
                    _suggest(citation.source, known, "declare it in a 'sources:' file"),
                )
            )
    return problems


def _links(corpus: Corpus) -> list[Problem]:
    problems = []
    for link in corpus.links.values():
        expected = RELATION_KINDS[link.relation]
        for end, want in (("subject", expected[0]), ("object", expected[1])):
            ref = getattr(link, end)
            got = kind_of(corpus, ref)
            if got is None:
                problems.append(
                    Problem(
                        where(link, end),
                        "E302",
                        f"{end} '{ref}' is not declared",
                        _suggest_ref(corpus, ref, want),
                    )
                )
            elif got is not want:
                problems.append(
                    Problem(
                        where(link, end),
                        "E304",
                        f"'{link.relation}' needs a {want} as {end}, but '{ref}' is a {got}",
                        _relation_hint(
                            got if end == "subject" else expected[0],
                            got if end == "object" else expected[1],
                        ),
                    )
                )
        if link.evidence and link.relation not in CARRIES_EVIDENCE:
            problems.append(
                Problem(
                    where(link, "evidence"),
                    "E305",
                    f"a '{link.relation}' link cannot carry evidence items",
                    "move the evidence to an element -> criterion "
                    "'supplies_evidence_for' link, or delete it",
                )
            )
        if expected == (Kind.criterion, Kind.criterion) and corpus.scheme_of(
            link.subject
        ) == corpus.scheme_of(link.object):
            problems.append(
                Problem(
                    where(link, "object"),
                    "W503",
                    "this criterion link joins two criteria of the same framework",
                    "criterion links relate frameworks to each other",
                )
            )
        problems += _review_fields(link)
    return problems


def _review_fields(link: Link) -> list[Problem]:
    status = link.status
    problems = []
    needs_review = status in {Status.reviewed, Status.endorsed, Status.rejected}
    if needs_review and (link.reviewer is None or link.reviewed is None):
        problems.append(
            Problem(
                where(link, "status"),
                "E307",
                f"a '{status}' link needs 'reviewer' and 'reviewed'",
                "record who reviewed it and when, or set status: proposed",
            )
        )
    reviewed = link.reviewed
    if reviewed is not None and reviewed < link.created:
        problems.append(
            Problem(
                where(link, "reviewed"),
                "E307",
                "the link was reviewed before it was created",
                "check the two dates",
            )
        )
    return problems


def _orphans(corpus: Corpus) -> list[Problem]:
    linked: set[str] = set()
    for link in corpus.links.values():
        linked.add(link.subject)
        linked.add(link.object)
    problems = []
    for ref, element in corpus.elements.items():
        if ref not in linked:
            problems.append(
                Problem(
                    where(element, "id"),
                    "W501",
                    f"element '{ref}' has no link",
                    "link it to at least one principle",
                )
            )
    for ref, principle in corpus.principles.items():
        if ref not in linked:
            problems.append(
                Problem(
                    where(principle, "id"),
                    "W502",
                    f"principle '{ref}' has no link",
                    "link elements to it and it to criteria, or remove it",
                )
            )
    for model_id, model in corpus.models.items():
        if not corpus.elements_of(model_id):
            problems.append(
                Problem(
                    where(model, "id"),
                    "W504",
                    f"model '{model_id}' has no element",
                    "list its components under 'elements:'",
                )
            )
    return problems


def _suggest(value: str, known: list[str], fallback: str = "") -> str:
    import difflib

    close = difflib.get_close_matches(value, known, n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    return fallback or ("known: " + ", ".join(known[:8]) + (" ..." if len(known) > 8 else ""))


def _suggest_ref(corpus: Corpus, ref: str, want: Kind) -> str:
    tables: dict[Kind, list[str]] = {
        Kind.criterion: sorted(corpus.criteria),
        Kind.element: sorted(corpus.elements),
        Kind.principle: sorted(corpus.principles),
    }
    return _suggest(ref, tables[want], f"declare the {want}, or fix the reference")


def _relation_hint(subject: Kind, obj: Kind) -> str:
    fitting = [str(rel) for rel, kinds in RELATION_KINDS.items() if kinds == (subject, obj)]
    if fitting:
        return f"a {subject} -> {obj} link uses: {', '.join(fitting)}"
    return "see the relation table in docs/data-format.md"

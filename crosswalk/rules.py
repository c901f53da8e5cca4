"""Checks between records: references, hierarchies, link kinds, citations, review fields.
(The warnings about records nothing links to are in crosswalk/orphans.py.)"""

from __future__ import annotations

from collections.abc import Iterable

from crosswalk.corpus import Corpus
from crosswalk.enums import CARRIES_EVIDENCE, RELATION_KINDS, CriterionLevel, Kind, Stage, Status
from crosswalk.model import Citation, Criterion, Framework, Link, Record
from crosswalk.orphans import orphans
from crosswalk.problems import Location, Problem


def check(corpus: Corpus) -> list[Problem]:
    """Every cross-record problem in the corpus."""
    problems: list[Problem] = []
    waiting = _Waiting(corpus)
    problems += _declarations(corpus, waiting)
    problems += _links(corpus, waiting)
    problems += orphans(corpus)
    problems += waiting.problems()
    return problems


def of_declarations(corpus: Corpus) -> list[Problem]:
    """The problems of the corpus's records other than links, as `check` finds them:
    hierarchies, citations, frameworks' lifecycles and ratings (for re-checking an edited
    framework, model or principle set with the files it cites, `crosswalk.editcheck`)."""
    waiting = _Waiting(corpus)
    return _declarations(corpus, waiting) + waiting.problems()


def _declarations(corpus: Corpus, waiting: _Waiting) -> list[Problem]:
    return (
        _hierarchies(corpus, waiting) + _citations(corpus, waiting) + _frameworks(corpus, waiting)
    )


class _Waiting:
    """References to records that were declared but refused because of a problem in them.

    Reported as waiting on that problem, not as undeclared, and each reference once (at its
    first place, with a count of the others), so that one broken record does not bury its
    own problem under one "not declared" for every place that refers to it.
    """

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.places: dict[tuple[str, str], list[Location]] = {}

    def wait(self, kind: str, key: str, at: Location) -> bool:
        """Note a reference that is not in the corpus; False if nothing refused it."""
        if self.corpus.refusal(kind, key) is None:
            return False
        self.places.setdefault((kind, key), []).append(at)
        return True

    def problems(self) -> list[Problem]:
        problems = []
        for (kind, key), places in sorted(self.places.items()):
            refusal = self.corpus.refusal(kind, key)
            assert refusal is not None
            cause = f"the {refusal.cause.code} problem at {refusal.cause.location}"
            if refusal.what.endswith(f"'{key}'"):
                message = f"{refusal.what} is not usable because of {cause}"
            else:
                message = f"'{key}' is not usable because of {refusal.what}, refused for {cause}"
            more = len(places) - 1
            hint = "fix that problem first"
            if more:
                others = f"{more} other references to it wait" if more > 1 else "1 other waits"
                hint += f"; {others} on the same fix"
            problems.append(Problem(min(places), "E308", message, hint))
        return problems


def _source_problems(corpus: Corpus, waiting: _Waiting, at: Location, source: str) -> list[Problem]:
    """A citation's source: nothing if declared, or refused (then it waits on its problem)."""
    if source in corpus.sources or waiting.wait("source", source, at):
        return []
    known = sorted(corpus.sources)
    return [
        Problem(
            at,
            "E306",
            f"source '{source}' is not declared",
            _suggest(source, known, "declare it in a 'sources:' file"),
        )
    ]


def _hierarchies(corpus: Corpus, waiting: _Waiting) -> list[Problem]:
    problems = []
    for table, what in ((corpus.criteria, "criterion"), (corpus.elements, "element")):
        for ref, record in table.items():
            parent = getattr(record, "parent", None)
            if parent is None:
                continue
            scheme = corpus.scheme_of(ref)
            parent_ref = f"{scheme}:{parent}"
            if parent_ref not in table and not waiting.wait(
                "ref", parent_ref, corpus.where(record, "parent")
            ):
                known = sorted(r.split(":", 1)[1] for r in table if r.startswith(scheme + ":"))
                problems.append(
                    Problem(
                        corpus.where(record, "parent"),
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
                        corpus.where(table[key], "parent"),
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


def _citations(corpus: Corpus, waiting: _Waiting) -> list[Problem]:
    problems = []
    for record, i, citation in _cited(corpus):
        if citation.source not in corpus.sources:
            at = corpus.where(record, "sources", i, "source")
            problems += _source_problems(corpus, waiting, at, citation.source)
    return problems


def _frameworks(corpus: Corpus, waiting: _Waiting) -> list[Problem]:
    """Each framework's lifecycle and rating scale, and the ratings of its criteria."""
    problems = []
    for fid, fw in corpus.frameworks.items():
        life = fw.lifecycle
        for i, citation in enumerate(life.sources):
            if citation.source not in corpus.sources:
                at = corpus.where(fw, "lifecycle", "sources", i, "source")
                problems += _source_problems(corpus, waiting, at, citation.source)
        problems += _stage(corpus, fid, fw)
        levels: set[str] = set()
        for i, level in enumerate(fw.rating_scale):
            if level.id in levels:
                problems.append(
                    Problem(
                        corpus.where(fw, "rating_scale", i, "id"),
                        "E301",
                        f"rating level '{level.id}' is listed twice in the scale of '{fid}'",
                        "give each level of the scale its own id",
                    )
                )
            levels.add(level.id)
        for ref in corpus.criteria_of(fid):
            problems += _rating(corpus, corpus.criteria[ref], fid, sorted(levels))
    return problems


def _stage(corpus: Corpus, fid: str, fw: Framework) -> list[Problem]:
    life = fw.lifecycle
    problems = []
    if life.stage is Stage.superseded:
        if life.superseded_by is None:
            problems.append(
                Problem(
                    corpus.where(fw, "lifecycle", "stage"),
                    "E309",
                    f"framework '{fid}' is superseded but does not say by which framework",
                    "add 'superseded_by:' with the id of the framework that replaced it",
                )
            )
        elif life.superseded_by == fid:
            problems.append(
                Problem(
                    corpus.where(fw, "lifecycle", "superseded_by"),
                    "E309",
                    f"framework '{fid}' cannot be superseded by itself",
                    "name the framework that replaced it",
                )
            )
        elif life.superseded_by not in corpus.frameworks:
            problems.append(
                Problem(
                    corpus.where(fw, "lifecycle", "superseded_by"),
                    "E302",
                    f"framework '{life.superseded_by}' is not declared",
                    _suggest(
                        life.superseded_by, sorted(corpus.frameworks), "declare it, or fix the id"
                    ),
                )
            )
        return problems
    for key in ("superseded_by", "superseded_from"):
        if getattr(life, key) is not None:
            problems.append(
                Problem(
                    corpus.where(fw, "lifecycle", key),
                    "E309",
                    f"framework '{fid}' is {life.stage}, so it has no '{key}'",
                    f"set 'stage: superseded', or remove '{key}'",
                )
            )
    return problems


def _rating(corpus: Corpus, criterion: Criterion, fid: str, levels: list[str]) -> list[Problem]:
    problems = []
    if criterion.level is CriterionLevel.rating_characteristic:
        if criterion.parent is None:
            problems.append(
                Problem(
                    corpus.where(criterion, "level"),
                    "E309",
                    f"rating characteristic '{criterion.id}' has no parent",
                    "give it 'parent:' with the id of the criterion it describes",
                )
            )
        if criterion.rating is None:
            problems.append(
                Problem(
                    corpus.where(criterion, "level"),
                    "E309",
                    f"rating characteristic '{criterion.id}' has no rating",
                    "add 'rating:' with a level of the rating scale: " + ", ".join(levels)
                    if levels
                    else f"add 'rating:', and list the levels under 'rating_scale:' of '{fid}'",
                )
            )
    elif criterion.rating is not None:
        problems.append(
            Problem(
                corpus.where(criterion, "rating"),
                "E309",
                f"'{criterion.id}' is a {criterion.level}, and only a rating characteristic "
                "has a rating",
                "set 'level: rating_characteristic', or remove 'rating:'",
            )
        )
    if criterion.rating is not None and criterion.rating not in levels:
        problems.append(
            Problem(
                corpus.where(criterion, "rating"),
                "E203",
                f"'{criterion.rating}' is not a level of the rating scale of '{fid}'",
                _suggest(
                    criterion.rating,
                    levels,
                    f"add the level to 'rating_scale:' of '{fid}'" if not levels else "",
                ),
            )
        )
    return problems


def of_links(corpus: Corpus, links: Iterable[Link]) -> list[Problem]:
    """The problems of some links of the corpus, as `check` finds them: their ends, kinds,
    evidence, review fields and cited sources (for re-checking an edited link file,
    `crosswalk.editcheck`; the warnings about what they link are `orphans.ends`)."""
    links = list(links)
    waiting = _Waiting(corpus)
    problems = _links(corpus, waiting, links)
    for link in links:
        for i, citation in enumerate(link.sources):
            if citation.source not in corpus.sources:
                at = corpus.where(link, "sources", i, "source")
                problems += _source_problems(corpus, waiting, at, citation.source)
    return problems + waiting.problems()


def _links(corpus: Corpus, waiting: _Waiting, links: Iterable[Link] | None = None) -> list[Problem]:
    problems = []
    for link in corpus.links.values() if links is None else links:
        expected = RELATION_KINDS[link.relation]
        for end, want in (("subject", expected[0]), ("object", expected[1])):
            ref = getattr(link, end)
            got = corpus.kind_of(ref)
            if got is None and waiting.wait("ref", ref, corpus.where(link, end)):
                continue
            if got is None:
                problems.append(
                    Problem(
                        corpus.where(link, end),
                        "E302",
                        f"{end} '{ref}' is not declared",
                        _suggest_ref(corpus, ref, want),
                    )
                )
            elif got is not want:
                problems.append(
                    Problem(
                        corpus.where(link, end),
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
                    corpus.where(link, "evidence"),
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
                    corpus.where(link, "object"),
                    "W503",
                    "this criterion link joins two criteria of the same framework",
                    "criterion links relate frameworks to each other",
                )
            )
        problems += _review_fields(corpus, link)
    return problems


def _review_fields(corpus: Corpus, link: Link) -> list[Problem]:
    status = link.status
    problems = []
    needs_review = status in {Status.reviewed, Status.endorsed, Status.rejected}
    if needs_review and (link.reviewer is None or link.reviewed is None):
        problems.append(
            Problem(
                corpus.where(link, "status"),
                "E307",
                f"a '{status}' link needs 'reviewer' and 'reviewed'",
                "record who reviewed it and when, or set status: proposed",
            )
        )
    reviewed = link.reviewed
    if reviewed is not None and reviewed < link.created:
        problems.append(
            Problem(
                corpus.where(link, "reviewed"),
                "E307",
                "the link was reviewed before it was created",
                "check the two dates",
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

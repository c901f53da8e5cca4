"""Property-based tests of the analysis on generated corpora (hypothesis).

Corpora are built in memory from the typed records: random models, elements, principles and
criteria (with a random hierarchy), and random links of all three kinds, strengths and
statuses, rejected links included.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosswalk.analysis.coverage import STATUS_RANK, Index
from crosswalk.analysis.recommend import recommend
from crosswalk.corpus import Corpus
from crosswalk.enums import STRENGTH_RANK, Relation, Status, Strength
from crosswalk.model import (
    Citation,
    Criterion,
    Element,
    Framework,
    Lifecycle,
    Link,
    Model,
    Principle,
)

CITE = [Citation(source="s", locator="x")]
STRENGTHS = st.sampled_from(list(Strength))
STATUSES = st.sampled_from([Status.proposed, Status.proposed, Status.reviewed, Status.rejected])


@st.composite
def corpora(draw: st.DrawFn) -> Corpus:
    corpus = Corpus(root=Path("."))
    corpus.frameworks["fw"] = Framework(
        id="fw",
        title="t",
        series="fw",
        version="1",
        publisher="p",
        jurisdiction="wales",
        lifecycle=Lifecycle(stage="in_force", sources=CITE),
    )
    n_criteria = draw(st.integers(1, 8))
    for i in range(n_criteria):
        parent = f"c{draw(st.integers(0, i - 1))}" if i and draw(st.booleans()) else None
        corpus.criteria[f"fw:c{i}"] = Criterion(
            id=f"c{i}", parent=parent, level="area", title="t", verification="official"
        )
    principles = [f"p:p{i}" for i in range(draw(st.integers(1, 4)))]
    for ref in principles:
        corpus.principles[ref] = Principle(id=ref[2:], title="t", definition="d", sources=CITE)
    elements = []
    for m in range(draw(st.integers(1, 4))):
        corpus.models[f"m{m}"] = Model(
            id=f"m{m}",
            title="t",
            developer="d",
            impact_evidence="limited",
            in_wales=True,
            description="d",
            sources=CITE,
        )
        for e in range(draw(st.integers(1, 3))):
            ref = f"m{m}:e{e}"
            corpus.elements[ref] = Element(id=f"e{e}", title="t", kind="theme")
            elements.append(ref)
    criteria = sorted(corpus.criteria)
    shapes = [
        (Relation.embodies, elements, principles),
        (Relation.assessed_by, principles, criteria),
        (Relation.supplies_evidence_for, elements, criteria),
    ]
    for i in range(draw(st.integers(0, 25))):
        relation, subjects, objects = draw(st.sampled_from(shapes))
        corpus.links[f"l{i}"] = Link(
            id=f"l{i}",
            subject=draw(st.sampled_from(subjects)),
            relation=relation,
            object=draw(st.sampled_from(objects)),
            strength=draw(STRENGTHS),
            rationale="r",
            sources=CITE,
            status=draw(STATUSES),
            author="a",
            created=dt.date(2026, 1, 1),
        )
    return corpus


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def ranks(corpus: Corpus, models: list[str]) -> dict[str, int]:
    cov = Index(corpus).coverage("fw", models)
    return {ref: STATUS_RANK[c.status] for ref, c in cov.criteria.items()}


@SETTINGS
@given(corpora(), st.data())
def test_adding_a_model_never_lowers_a_status(corpus: Corpus, data: st.DataObject) -> None:
    models = sorted(corpus.models)
    chosen = data.draw(st.lists(st.sampled_from(models), unique=True))
    extra = data.draw(st.sampled_from(models))
    before, after = ranks(corpus, chosen), ranks(corpus, [*chosen, extra])
    assert all(after[ref] >= before[ref] for ref in before)


@SETTINGS
@given(corpora(), st.data())
def test_removing_a_link_never_raises_a_status(corpus: Corpus, data: st.DataObject) -> None:
    models = sorted(corpus.models)
    before = ranks(corpus, models)
    if corpus.links:
        del corpus.links[data.draw(st.sampled_from(sorted(corpus.links)))]
    after = ranks(corpus, models)
    assert all(after[ref] <= before[ref] for ref in before)


@SETTINGS
@given(corpora())
def test_inferred_never_outranks_direct_and_paths_are_no_stronger_than_links(
    corpus: Corpus,
) -> None:
    cov = Index(corpus).coverage("fw", sorted(corpus.models))
    for crit in cov.criteria.values():
        if crit.direct:
            best = max(STRENGTH_RANK[d.link.strength] for d in crit.direct)
            assert crit.status == next(s for s, r in STRENGTH_RANK.items() if r == best)
        else:
            assert crit.status == ("inferred" if crit.paths else "none")
        for path in crit.paths:
            assert all(
                STRENGTH_RANK[path.strength] <= STRENGTH_RANK[lk.strength] for lk in path.links
            )
            assert all(lk.status is not Status.rejected for lk in path.links)


@SETTINGS
@given(corpora(), st.data())
def test_every_path_is_found(corpus: Corpus, data: st.DataObject) -> None:
    """Count paths by brute force over all link pairs: the engine must find each one."""
    models = data.draw(st.lists(st.sampled_from(sorted(corpus.models)), min_size=1, unique=True))
    live = [lk for lk in corpus.links.values() if lk.status is not Status.rejected]
    cov = Index(corpus).coverage("fw", models)
    for ref, crit in cov.criteria.items():
        expected = sorted(
            (a.id, b.id)
            for a in live
            for b in live
            if a.relation is Relation.embodies
            and b.relation is Relation.assessed_by
            and a.object == b.subject
            and b.object == ref
            and a.subject.split(":")[0] in models
        )
        assert sorted((p.embodies.id, p.assessed_by.id) for p in crit.paths) == expected


@SETTINGS
@given(corpora(), st.data())
def test_recommend_first_pick_is_at_least_as_good_as_any_single_model(
    corpus: Corpus, data: st.DataObject
) -> None:
    models = sorted(corpus.models)
    chosen = data.draw(st.lists(st.sampled_from(models), unique=True, max_size=len(models) - 1))
    index = Index(corpus)
    rec = recommend(index, "fw", chosen)
    gaps = {c.ref for c in rec.coverage.gaps()}
    closes = {
        m: {ref for ref in gaps if any(c.model == m for c in rec.closers[ref])}
        for m in models
        if m not in chosen
    }
    best_single = max((len(v) for v in closes.values()), default=0)
    first_gain = len(rec.steps[0].closes) if rec.steps else 0
    assert first_gain == best_single
    # Each step's gain never grows, and nothing closeable is left unclosed.
    gains = [len(s.closes) for s in rec.steps]
    assert gains == sorted(gains, reverse=True)
    assert set(rec.uncloseable) == gaps - set().union(*closes.values())


@SETTINGS
@given(corpora(), st.data())
def test_a_set_of_models_is_the_best_of_its_members(corpus: Corpus, data: st.DataObject) -> None:
    """What the explorer relies on: coverage of a set of models is, per criterion, the best
    of each member's own status, and its direct links and paths are the union of theirs."""
    models = data.draw(st.lists(st.sampled_from(sorted(corpus.models)), unique=True))
    index = Index(corpus)
    together = index.coverage("fw", models)
    alone = [index.coverage("fw", [m]) for m in models]
    for ref, crit in together.criteria.items():
        best = max(
            (STATUS_RANK[a.criteria[ref].status] for a in alone), default=STATUS_RANK["none"]
        )
        assert STATUS_RANK[crit.status] == best, ref
        assert {d.link.id for d in crit.direct} == {
            d.link.id for a in alone for d in a.criteria[ref].direct
        }
        assert {(p.embodies.id, p.assessed_by.id) for p in crit.paths} == {
            (p.embodies.id, p.assessed_by.id) for a in alone for p in a.criteria[ref].paths
        }

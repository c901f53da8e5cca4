"""Coverage, inference, gaps, recommendations, crosswalk and checklist on the fixture project.

Every expectation here was worked out by hand from tests/fixtures/project:
warm:welcome embodies kindness (w-1, strong), kindness is assessed by reg:Q1.1 (h-1, strong);
warm:meetings supplies evidence for reg:Q1.2 (w-2, partial) and embodies voice (w-3, weak),
voice is assessed by other:T1 (h-2, partial); bright:rota supplies weak evidence for Q1.1
(b-1) and embodies kindness (b-3, partial); bright:audit supplies strong evidence for Q1.3
(b-2) and embodies voice (b-4, weak). The criterion link x-1 is rejected.
"""

from __future__ import annotations

import pytest
from conftest import PROJECT

from crosswalk import pipeline
from crosswalk.analysis.checklist import checklist
from crosswalk.analysis.compare import compare
from crosswalk.analysis.coverage import Index, setting_warnings
from crosswalk.analysis.recommend import recommend
from crosswalk.enums import Relation
from crosswalk.problems import UsageError


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(pipeline.load_clean(PROJECT).corpus)


def statuses(index: Index, framework: str, *models: str) -> dict[str, str]:
    cov = index.coverage(framework, models)
    return {ref.split(":")[1]: c.status for ref, c in cov.criteria.items()}


def test_every_status_by_hand(index: Index) -> None:
    assert statuses(index, "reg", "warm") == {
        "Q1": "none",
        "Q1.1": "inferred",
        "Q1.2": "partial",
        "Q1.3": "none",
    }
    assert statuses(index, "reg", "warm", "bright") == {
        "Q1": "none",
        "Q1.1": "weak",
        "Q1.2": "partial",
        "Q1.3": "strong",
    }
    assert statuses(index, "reg") == {"Q1": "none", "Q1.1": "none", "Q1.2": "none", "Q1.3": "none"}
    assert statuses(index, "other", "warm") == {"T1": "inferred"}


def test_direct_outranks_inferred_and_paths_are_all_kept(index: Index) -> None:
    q11 = index.coverage("reg", ["warm", "bright"]).criteria["reg:Q1.1"]
    # A weak direct link beats a strong inferred path, and both paths are still shown.
    assert q11.status == "weak"
    assert [(p.element, p.principle, p.strength) for p in q11.paths] == [
        ("warm:welcome", "hub:kindness", "strong"),
        ("bright:rota", "hub:kindness", "partial"),
    ]
    assert [tuple(lk.id for lk in p.links) for p in q11.paths] == [("w-1", "h-1"), ("b-3", "h-1")]
    assert q11.inferred_strength == "strong"


def test_path_strength_is_the_weakest_link(index: Index) -> None:
    t1 = index.coverage("other", ["warm"]).criteria["other:T1"]
    assert [(p.embodies.strength, p.assessed_by.strength, p.strength) for p in t1.paths] == [
        ("weak", "partial", "weak")
    ]


def test_gap_reasons(index: Index) -> None:
    reasons = {c.ref: c.gap_reason for c in index.coverage("reg", ["warm"]).gaps()}
    # Q1 is a grouping criterion (a key question): it rolls up its children, never a gap
    assert reasons == {"reg:Q1.1": "only through a principle", "reg:Q1.3": "no support"}
    both = {c.ref: c.gap_reason for c in index.coverage("reg", ["warm", "bright"]).gaps()}
    assert both == {"reg:Q1.1": "only weak evidence"}
    # strong and partial direct evidence is never a gap, so it has no reason
    assert all(
        c.gap_reason is None
        for c in index.coverage("reg", ["warm", "bright"]).criteria.values()
        if c.status in ("strong", "partial")
    )


def test_rollup_counts_children(index: Index) -> None:
    cov = index.coverage("reg", ["warm"])
    assert cov.child_counts("reg:Q1") == {
        "strong": 0,
        "partial": 1,
        "weak": 0,
        "inferred": 1,
        "none": 1,
    }
    assert cov.child_counts("reg:Q1.1") == {}
    # the headline counts its children only: Q1 groups them and is not assessed itself
    assert cov.counts() == cov.child_counts("reg:Q1")


def test_recommend_by_hand(index: Index) -> None:
    rec = recommend(index, "reg", ["warm"])
    assert {
        ref: [(c.model, c.element, c.strength) for c in closers]
        for ref, closers in rec.closers.items()
    } == {"reg:Q1.1": [], "reg:Q1.3": [("bright", "bright:audit", "strong")]}
    assert [(s.model, s.closes, s.remaining) for s in rec.steps] == [("bright", ("reg:Q1.3",), 1)]
    assert rec.uncloseable == ["reg:Q1.1"]


def test_compare_explicit_and_shared(index: Index) -> None:
    rows = {r.ref: r for r in compare(index, "reg", "other")}
    # x-1 (Q1 intersects T1) is rejected, so it relates nothing.
    assert rows["reg:Q1"].explicit == []
    assert rows["reg:Q1.1"].shared == []  # kindness is not assessed by T1
    back = {r.ref: r for r in compare(index, "other", "reg")}
    assert back["other:T1"].targets() == []


def test_compare_reads_criterion_links_both_ways(project) -> None:
    links = project / "links" / "hub.yaml"
    text = links.read_text(encoding="utf-8").replace("status: rejected", "status: proposed")
    text = text.replace("relation: intersects_with", "relation: subset_of")
    text = text.replace(
        "    reviewer: regulator\n    reviewed: 2026-02-01\n    comment: Too loose.\n", ""
    )
    links.write_text(text, encoding="utf-8")
    index = Index(pipeline.load_clean(project).corpus)
    forward = {r.ref: r for r in compare(index, "reg", "other")}
    backward = {r.ref: r for r in compare(index, "other", "reg")}
    assert [(e.target, e.relation) for e in forward["reg:Q1"].explicit] == [
        ("other:T1", Relation.subset_of)
    ]
    assert [(e.target, e.relation) for e in backward["other:T1"].explicit] == [
        ("reg:Q1", Relation.superset_of)
    ]


def test_checklist_groups_and_deduplicates(index: Index) -> None:
    rows = {r.ref: r for r in checklist(index, "reg", ["warm", "bright"])}
    assert sorted(rows) == ["reg:Q1.1", "reg:Q1.2", "reg:Q1.3"]
    q13 = rows["reg:Q1.3"]
    # The two spellings of the minutes item are one item with both kinds.
    assert [(i.text, [str(k) for k in i.kinds]) for i in q13.items] == [
        ("Minutes of residents' meetings", ["people_experience", "processes"]),
        ("The audit report", ["processes", "outcomes"]),
    ]
    assert list(q13.by_kind()) == ["people_experience", "processes", "outcomes"]


def test_setting_warnings(index: Index) -> None:
    assert setting_warnings(index.corpus, ["warm", "bright"], "domiciliary") == [
        "warm has no evidence of use in domiciliary settings (evidence: care_home)"
    ]
    assert setting_warnings(index.corpus, ["warm"], None) == []


def test_unknown_ids_list_the_valid_ones(index: Index) -> None:
    with pytest.raises(UsageError, match="unknown framework 'nope'; valid: other, reg"):
        index.coverage("nope", ["warm"])
    with pytest.raises(UsageError, match="unknown model 'cold'; valid: bright, warm"):
        index.coverage("reg", ["warm", "cold"])


def test_the_docs_carry_the_statuses_as_declared() -> None:
    from conftest import REPO

    from crosswalk import vocab

    text = (REPO / "docs" / "data-format.md").read_text(encoding="utf-8")
    start = text.index("<!-- statuses: from crosswalk/vocab.py -->\n") + len(
        "<!-- statuses: from crosswalk/vocab.py -->\n"
    )
    end = text.index("<!-- /statuses -->")
    assert text[start:end] == vocab.statuses_markdown(), (
        "docs/data-format.md's status table differs from crosswalk/vocab.py: paste "
        "vocab.statuses_markdown() between its markers"
    )


def test_the_summary_line_names_gaps_by_kind(index: Index) -> None:
    from crosswalk import vocab

    counts = index.coverage("reg", ["warm"]).counts()
    assert counts == {"strong": 0, "partial": 1, "weak": 0, "inferred": 1, "none": 1}
    assert vocab.summary_line(counts) == (
        "3 criteria: 0 strong, 1 partial; 2 gaps: 0 only weak, 1 only through a principle, "
        "1 no support"
    )
    assert vocab.closes_line(1, 2) == "closes 1 of 2 gaps; 1 left"
    # every status is named once, and the gaps are exactly the statuses without strong or
    # partial direct evidence
    assert vocab.GAPS == ("weak", "inferred", "none")
    assert set(vocab.GAP_REASONS) == set(vocab.GAPS)

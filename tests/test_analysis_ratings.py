"""Rating characteristics, grouping and context criteria, framework stages, and migration.

The fixture project gets one more framework, `next` (a draft that will replace `reg`):

    K      grouping key question
      K1   KLOE     <- warm:meetings supplies evidence (partial, with one evidence item)
        K1-G1  good         <- warm:welcome supplies evidence (strong)
        K1-G2  good         <- hub:kindness assessed by it (so warm:welcome, bright:rota reach it)
        K1-O1  outstanding  <- nothing
        K1-I1  inadequate   <- nothing
      K2   KLOE     <- nothing
      law  context  <- bright:audit supplies evidence (strong)

and alignments from `reg`: Q1.2 equal K1, Q1.1 intersects_with K1; Q1.3 is aligned to
nothing. Every expectation below was worked out by hand from that.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import PROJECT

from crosswalk import cli, pipeline, resources
from crosswalk.analysis.checklist import checklist
from crosswalk.analysis.compare import compare
from crosswalk.analysis.coverage import Index
from crosswalk.analysis.migrate import migrate
from crosswalk.analysis.recommend import recommend_for
from crosswalk.enums import Role
from crosswalk.problems import UsageError

NEXT = """\
framework:
  id: next
  title: Next example framework
  short_title: Next
  series: example
  version: "2"
  publisher: Example Regulator
  jurisdiction: england
  rating_scale:
    - {id: outstanding, title: Outstanding}
    - {id: good, title: Good}
    - {id: inadequate, title: Inadequate}
  lifecycle:
    stage: draft
    published: 2026-03-24
    consultation_closes: 2026-06-12
    sources:
      - {source: doc-b, locator: "Inspecting kind homes"}
criteria:
  - {id: K, level: key_question, role: grouping, title: Is it kind?, verification: secondary}
  - {id: K1, parent: K, level: kloe, title: Kindness, verification: secondary}
  - {id: K1-G1, parent: K1, level: rating_characteristic, rating: good,
     title: Staff greet people, verification: secondary}
  - {id: K1-G2, parent: K1, level: rating_characteristic, rating: good,
     title: Staff are kind, verification: secondary}
  - {id: K1-O1, parent: K1, level: rating_characteristic, rating: outstanding,
     title: Kindness shapes everything, verification: secondary}
  - {id: K1-I1, parent: K1, level: rating_characteristic, rating: inadequate,
     title: Staff are unkind, verification: secondary}
  - {id: K2, parent: K, level: kloe, title: Paperwork, verification: secondary}
  - {id: law, parent: K, level: regulation, role: context, title: The law, verification: secondary}
"""


def _link(lid: str, subject: str, relation: str, obj: str, strength: str, extra: str = "") -> str:
    return (
        f"  - id: {lid}\n    subject: {subject}\n    relation: {relation}\n    object: {obj}\n"
        f"    strength: {strength}\n    rationale: Worked out for the test.\n{extra}"
        '    sources:\n      - {source: doc-a, locator: "Kindness first"}\n'
        "    status: proposed\n    author: tester\n    created: 2026-01-01\n"
    )


EVIDENCE = "    evidence:\n      - {item: Minutes of kindness meetings, kinds: [processes]}\n"
LINKS = (
    "link_set:\n  id: next-links\n  title: Links to the next framework\nlinks:\n"
    + _link("n-1", "warm:meetings", "supplies_evidence_for", "next:K1", "partial", EVIDENCE)
    + _link("n-2", "warm:welcome", "supplies_evidence_for", "next:K1-G1", "strong", EVIDENCE)
    + _link("n-3", "hub:kindness", "assessed_by", "next:K1-G2", "partial")
    + _link("n-4", "bright:audit", "supplies_evidence_for", "next:law", "strong", EVIDENCE)
    + _link("n-5", "reg:Q1.2", "equal", "next:K1", "partial")
    + _link("n-6", "next:K1", "intersects_with", "reg:Q1.1", "weak")
)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ratings") / "data"
    shutil.copytree(PROJECT, root)
    (root / "frameworks" / "next.yaml").write_text(NEXT, encoding="utf-8")
    (root / "links" / "next.yaml").write_text(LINKS, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def index(data: Path) -> Index:
    return Index(pipeline.load_clean(data).corpus)


def test_characteristics_are_answered_apart_from_their_kloe(index: Index) -> None:
    cov = index.coverage("next", ["warm"])
    assert list(cov.criteria) == ["next:K", "next:K1", "next:K2", "next:law"]
    assert cov.characteristics["next:K1"]["good"] == {
        "strong": 1,
        "partial": 0,
        "weak": 0,
        "inferred": 1,
        "none": 0,
    }
    assert cov.characteristics["next:K1"]["outstanding"]["none"] == 1
    assert list(cov.characteristics["next:K1"]) == ["outstanding", "good", "inadequate"]


def test_grouping_and_context_are_shown_but_not_counted(index: Index) -> None:
    cov = index.coverage("next", ["bright"])
    assert cov.criteria["next:law"].status == "strong"
    # counted: K1 (inferred through kindness? no: kindness is assessed by K1-G2 only) and K2
    assert cov.counts() == {"strong": 0, "partial": 0, "weak": 0, "inferred": 0, "none": 2}
    assert [c.ref for c in cov.gaps()] == ["next:K1", "next:K2"]
    assert cov.child_counts("next:K") == cov.counts()


def test_a_rating_level_answers_for_its_characteristics_only(index: Index) -> None:
    cov = index.coverage("next", ["warm", "bright"], rating="good")
    assert {r: c.status for r, c in cov.criteria.items()} == {
        "next:K1-G1": "strong",
        "next:K1-G2": "inferred",
    }
    paths = cov.criteria["next:K1-G2"].paths
    assert sorted((p.element, p.strength) for p in paths) == [
        ("bright:rota", "partial"),
        ("warm:welcome", "partial"),
    ]
    assert list(cov.under("next:K1").criteria) == ["next:K1-G1", "next:K1-G2"]
    assert [r.ref for r in checklist(index, "next", ["warm"], "good")] == ["next:K1-G1"]
    rec = recommend_for(index, index.coverage("next", ["bright"], rating="good"))
    assert rec.closers["next:K1-G1"][0].model == "warm"


@pytest.mark.parametrize(
    ("framework", "rating", "message"),
    [
        ("next", "excellent", "unknown rating 'excellent' for next; valid: outstanding, good"),
        ("other", "good", "other has no rating characteristics; frameworks with them: next"),
    ],
)
def test_an_unknown_rating_names_the_valid_ones(
    index: Index, framework: str, rating: str, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        index.coverage(framework, ["warm"], rating=rating)


def test_migration_carries_evidence_through_explicit_alignments_only(index: Index) -> None:
    mig = migrate(index, "reg", "next", ["warm"])
    carried = {
        ref: [(c.old, str(c.alignment.relation)) for c in items]
        for ref, items in mig.carried.items()
    }
    # Q1.2's evidence (w-2) arrives at K1 through n-5; Q1.1 has no evidence from warm
    assert carried == {"next:K1": [("reg:Q1.2", "equal")]}
    assert mig.carried["next:K1"][0].item.text == "Minutes of residents' meetings"
    # n-6 is written from the new side: read from reg it is intersects_with as well
    assert [(a.new, str(a.relation)) for a in mig.alignments["reg:Q1.1"]] == [
        ("next:K1", "intersects_with")
    ]
    assert mig.no_successor == ["reg:Q1.3"]
    assert mig.no_predecessor[0] == "next:K2"
    assert set(mig.no_predecessor) == {
        "next:K2",
        "next:K1-G1",
        "next:K1-G2",
        "next:K1-O1",
        "next:K1-I1",
    }
    assert mig.stranded == []


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert cli.main([*argv, "--format", "json"]) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_every_answer_says_the_framework_is_a_draft(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    common = ["--data", str(data), "--model", "warm"]
    answers = [
        _json(capsys, "coverage", "--framework", "next", *common),
        _json(capsys, "gaps", "--framework", "next", *common, "--rating", "good"),
        _json(capsys, "recommend", "--framework", "next", *common),
        _json(capsys, "checklist", "--framework", "next", *common),
    ]
    for answer in answers:
        stage = answer["stage"]
        assert isinstance(stage, dict)
        assert stage["stage"] == "draft"
        assert "consultation closed 12 June 2026" in stage["note"]
    migration = _json(capsys, "migrate", "--from", "reg", "--to", "next", *common)
    assert isinstance(migration["stages"], dict)
    assert migration["stages"]["next"]["stage"] == "draft"
    assert cli.main(["coverage", "--framework", "next", *common]) == 0
    assert "is a draft, not in force" in capsys.readouterr().out


def test_grouping_criteria_have_no_status_in_the_json(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = _json(
        capsys, "coverage", "--data", str(data), "--framework", "next", "--model", "warm"
    )
    rows = {c["id"]: c for c in answer["criteria"]}  # type: ignore[attr-defined]
    assert rows["K"]["status"] is None and rows["K"]["gap_reason"] is None
    assert rows["law"]["role"] == "context" and rows["law"]["gap_reason"] is None
    assert answer["summary"]["total"] == 2  # type: ignore[index]


def _well_led(index: Index, framework: str) -> list[str]:
    """The counted criteria beneath a framework's well-led key question."""
    key = next(
        ref
        for ref in index.tree_order(framework)
        if index.corpus.criteria[ref].role is Role.grouping
        and index.corpus.criteria[ref].title == "Well-led"
    )
    return [
        ref
        for ref in index.coverage(framework, []).under(key).criteria
        if index.corpus.criteria[ref].role is Role.criterion
    ]


@pytest.mark.parametrize("old", ["cqc-asc-2017", "cqc-saf-2024"])
def test_every_well_led_criterion_has_an_explicit_alignment_to_2026(old: str) -> None:
    """What carries over to CQC's 2026 draft is answered for every well-led criterion."""
    bundled = Index(pipeline.load_clean(resources.BUNDLED_DATA).corpus)
    rows = {r.ref: r for r in compare(bundled, old, "cqc-asc-2026")}
    well_led = _well_led(bundled, old)
    assert len(well_led) > 1
    missing = [ref for ref in well_led if not rows[ref].explicit]
    assert not missing, f"no explicit alignment to cqc-asc-2026: {missing}"

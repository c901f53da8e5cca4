"""The curated data in `mappings/` against shared/reference and the seed texts.

Tests are parametrised by record, so a failure names the record at fault. CI always has
`../shared` beside the repository: when it is missing these tests fail, they do not skip.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest
import yaml
from conftest import BUNDLED, REPO, SEEDS

from crosswalk import pipeline
from crosswalk.loader import Corpus
from crosswalk.model import Citation, Link, Relation, Status
from crosswalk.problems import DataError

REFERENCE = REPO.parent / "shared" / "reference" / "criteria.yaml"


def _load() -> Corpus:
    try:
        return pipeline.load_clean(BUNDLED).corpus
    except DataError as exc:
        problems = "\n".join(str(p) for p in exc.problems)
        raise AssertionError(f"mappings/ does not load cleanly:\n{problems}") from exc


CORPUS = _load()
LINKS: list[Link] = list(CORPUS.links.values())

QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def normal(text: str) -> str:
    """How seed text is compared: whitespace runs (newlines too) as one space, quotes straight."""
    return " ".join(text.translate(QUOTES).split())


def wording(text: str) -> str:
    """How published wording is compared: whitespace collapsed, a trailing full stop dropped."""
    return " ".join(text.split()).removesuffix(".")


@cache
def _read_seeds() -> dict[str, str]:
    return {p.name: normal(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")}


def seed_texts() -> dict[str, str]:
    """The seed texts, normalised; fails (never skips) when the seeds folder is missing."""
    assert SEEDS.is_dir(), f"seeds folder {SEEDS} missing: ../shared must sit beside the repo"
    return _read_seeds()


def seed_of(source_id: str) -> str:
    file = CORPUS.sources[source_id].file
    assert file in seed_texts(), f"{source_id}: seed file {file} is not in {SEEDS}"
    return seed_texts()[file]


@cache
def reference() -> dict[str, dict[str, dict[str, Any]]]:
    """The reference criteria: reference framework id -> reference criterion id -> entry."""
    assert REFERENCE.is_file(), f"{REFERENCE} missing: ../shared must sit beside the repo"
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    return {fw["id"]: {c["id"]: c for c in fw.get("criteria") or []} for fw in data["frameworks"]}


def under_well_led(ref: str, frameworks: tuple[str, ...]) -> bool:
    """A criterion of one of these frameworks strictly beneath its WELL_LED key question."""
    scheme, parent = CORPUS.scheme_of(ref), CORPUS.criteria[ref].parent
    while scheme in frameworks and parent is not None:
        if parent == "WELL_LED":
            return True
        parent = CORPUS.criteria[f"{scheme}:{parent}"].parent
    return False


def objects(subject: str, relation: Relation) -> set[str]:
    return {lk.object for lk in LINKS if lk.subject == subject and lk.relation is relation}


# 1. Criteria against shared/reference/criteria.yaml ------------------------------------------

WALES_OUTCOMES = "wales-wellbeing-outcomes"
SAME_IDS = {"cqc-asc-2017": "cqc_asc_2017", "cqc-saf-2024": "cqc_saf_2023"}
STATUS = {"official": "verified_official", "secondary": "verified_secondary", "partial": "partial"}
QUESTION_TYPES = {"kloe", "prompt", "wellbeing_area"}  # the reference `title` is published wording
CARRIED_TYPES = QUESTION_TYPES | {"key_question", "quality_statement", "theme", "regulation"}
CHECKED = sorted(ref for ref, c in CORPUS.criteria.items() if c.verification in STATUS)
WALES = [ref for ref in CHECKED if ref.startswith(WALES_OUTCOMES + ":")]
CHECKED = [ref for ref in CHECKED if ref not in WALES]


def reference_entry(ref: str) -> tuple[str, str]:
    """Where one of our criteria sits in the reference: (reference framework, reference id).

    cqc-asc-2017 and cqc-saf-2024 keep their ids, in cqc_asc_2017 and cqc_saf_2023. In
    ciw-adult-services the themes (CIW-*) are in ciw_regulated_services; the well-being areas
    `s2-2-a` are the Act's `s2(2)(a)` in sswa_2014; the regulations `reg-8` are
    `SI2017/1264-reg8` in risca_2016_regs.
    """
    scheme, local = ref.split(":", 1)
    if scheme in SAME_IDS:
        return SAME_IDS[scheme], local
    if scheme == "ciw-adult-services":
        if m := re.fullmatch(r"s(\d+)-(\d+)-([a-z])", local):
            return "sswa_2014", f"s{m[1]}({m[2]})({m[3]})"
        if m := re.fullmatch(r"reg-(\d+)", local):
            return "risca_2016_regs", f"SI2017/1264-reg{m[1]}"
        return "ciw_regulated_services", local
    raise AssertionError(f"{ref}: no rule maps framework {scheme} to the reference; add one here")


def reference_name(entry: dict[str, Any]) -> str:
    """A name in the reference. A regulation's trailing parenthesis is the compiler's gloss, not
    the heading (criteria.md quotes reg 8's heading without "(service provider)"), so it is
    dropped."""
    name: str = entry["title"]
    return re.sub(r"\s*\([^()]*\)$", "", name) if entry["type"] == "regulation" else name


@pytest.mark.parametrize("ref", CHECKED, ids=CHECKED)
def test_criterion_matches_reference(ref: str) -> None:
    """Wording and verification agree with the reference entry for the same criterion.

    For a KLOE, prompt or well-being area the reference `title` is the published question or
    wording: our `text` (or `title` when there is no text) must equal it, and our title must be
    the reference topic or the question itself. For anything else the reference `title` is a name
    our title must equal, and our `text` must equal the reference `we_statement`: where the
    reference has none (key questions, themes, regulations, unverified statements), we carry none.
    """
    ours = CORPUS.criteria[ref]
    ref_fw, ref_id = reference_entry(ref)
    theirs = reference().get(ref_fw, {}).get(ref_id)
    assert theirs is not None, f"{ref}: {ref_fw} {ref_id} is not in the reference"
    assert STATUS[ours.verification] == theirs["status"], f"{ref}: verification differs"
    if ref_fw == "sswa_2014":
        assert ours.notation == ref_id, f"{ref}: notation should be {ref_id}"
    if theirs["type"] in QUESTION_TYPES:
        published = wording(theirs["title"])
        assert wording(ours.text or ours.title) == published, f"{ref}: wording differs"
        allowed = {published} | ({wording(theirs["topic"])} if theirs.get("topic") else set())
        assert wording(ours.title) in allowed, f"{ref}: title is neither topic nor question"
    else:
        assert wording(ours.title) == wording(reference_name(theirs)), f"{ref}: title differs"
        statement = theirs.get("we_statement")
        got = wording(ours.text) if ours.text else None
        assert got == (wording(statement) if statement else None), f"{ref}: we-statement differs"


@pytest.mark.parametrize("ref", WALES, ids=WALES)
def test_wales_outcome_title_is_in_seed_002(ref: str) -> None:
    """The Welsh outcomes and their group headings are quoted from seed 002's table.

    A group heading (level `area`) may instead be in the words of the Act's section 2, which
    the table's rows follow, where the flattened table splits the seed's cell in two."""
    criterion = CORPUS.criteria[ref]
    title = normal(criterion.title)
    act_areas = {
        wording(c["title"]).lower()
        for c in reference()["sswa_2014"].values()
        if c.get("type") == "wellbeing_area"
    }
    if criterion.level == "area" and wording(criterion.title).lower() in act_areas:
        return
    assert title in seed_of("seed-002"), f"{ref}: '{title}' not in seed 002"


REFERENCE_FRAMEWORKS = "cqc_asc_2017 cqc_saf_2023 ciw_regulated_services sswa_2014 risca_2016_regs"


@pytest.mark.parametrize("ref_fw", REFERENCE_FRAMEWORKS.split())
def test_verified_reference_criteria_are_carried(ref_fw: str) -> None:
    """Every verified key question, KLOE, prompt, quality statement, theme, regulation and adult
    well-being area in the reference is in our data. Ratings characteristics, parts, sections,
    schedules and children-only well-being areas are out of scope for our frameworks."""
    ours = {reference_entry(ref) for ref in CHECKED}  # a new framework needs a rule there too
    missing = [
        cid
        for cid, c in reference()[ref_fw].items()
        if c["status"] in {"verified_official", "verified_secondary"}
        and c["type"] in CARRIED_TYPES
        and not str(c.get("applies_to", "")).startswith("children")
        and (ref_fw, cid) not in ours
    ]
    assert not missing, f"verified in {ref_fw} but not carried: {missing}"


# 2. Citation locators are found in their seed -------------------------------------------------


def cited_in_seeds() -> list[tuple[str, Citation]]:
    found = []
    for table in (CORPUS.principles, CORPUS.models, CORPUS.elements, CORPUS.links):
        for key, record in table.items():
            for i, cite in enumerate(record.sources, 1):
                if cite.source in CORPUS.sources and CORPUS.sources[cite.source].file:
                    found.append((f"{key}#{i}({cite.source})", cite))
    return found


CITED = cited_in_seeds()


def test_seeds_folder_is_present() -> None:
    seed_texts()


@pytest.mark.parametrize("cite", [c for _, c in CITED], ids=[name for name, _ in CITED])
def test_locator_is_in_seed(cite: Citation) -> None:
    assert normal(cite.locator) in seed_of(cite.source), (
        f"locator '{cite.locator}' not found in {cite.source}"
    )


# 3-4. No orphans; every model reaches well-led ------------------------------------------------

CQC = ("cqc-asc-2017", "cqc-saf-2024")


@pytest.mark.parametrize("ref", sorted(CORPUS.elements), ids=sorted(CORPUS.elements))
def test_element_embodies_a_principle(ref: str) -> None:
    assert objects(ref, Relation.embodies), f"{ref} has no embodies link"


@pytest.mark.parametrize("ref", sorted(CORPUS.principles), ids=sorted(CORPUS.principles))
def test_principle_is_embodied_and_assessed(ref: str) -> None:
    embodied = [lk for lk in LINKS if lk.object == ref and lk.relation is Relation.embodies]
    assessed = objects(ref, Relation.assessed_by)
    assert embodied, f"{ref}: no element embodies it"
    assert assessed, f"{ref}: no assessed_by link"
    assert any(under_well_led(c, CQC) for c in assessed), f"{ref}: no CQC well-led criterion"
    assert any(CORPUS.scheme_of(c) == "ciw-adult-services" for c in assessed), f"{ref}: no CIW"


@pytest.mark.parametrize("ref", sorted(CORPUS.principles), ids=sorted(CORPUS.principles))
def test_principle_is_traced_to_two_seeds(ref: str) -> None:
    seeds = {c.source for c in CORPUS.principles[ref].sources if CORPUS.sources[c.source].file}
    assert len(seeds) >= 2, f"{ref}: traced to {sorted(seeds)} only"


def reached_criteria(model_id: str) -> set[str]:
    reached: set[str] = set()  # directly, or through embodies -> assessed_by
    for element in CORPUS.elements_of(model_id):
        reached |= objects(element, Relation.supplies_evidence_for)
        for principle in objects(element, Relation.embodies):
            reached |= objects(principle, Relation.assessed_by)
    return reached


@pytest.mark.parametrize("model_id", sorted(CORPUS.models), ids=sorted(CORPUS.models))
def test_model_reaches_well_led(model_id: str) -> None:
    well_led = [c for c in reached_criteria(model_id) if under_well_led(c, ("cqc-asc-2017",))]
    assert well_led, f"{model_id} reaches no cqc-asc-2017 well-led criterion"


# 5. Skills for Care's published pillar-to-KLOE table (seed 003) ------------------------------

SFC = "sfc-productivity-model"
SFC_TABLE = [
    ("Vision, values, culture and supervision", "W1"),
    ("Inclusive leadership and management", "W4"),
    ("Learning and development", "W4.1"),
    ("Employee health and wellbeing", "W3"),
    ("Employee health and wellbeing", "W3.1"),
]


def pillar(title: str) -> str:
    elements = {ref: CORPUS.elements[ref] for ref in CORPUS.elements_of(SFC)}
    found = [ref for ref, e in elements.items() if e.kind == "pillar" and e.title == title]
    assert len(found) == 1, f"expected one {SFC} pillar titled '{title}', found {found}"
    return found[0]


@pytest.mark.parametrize(("title", "kloe"), SFC_TABLE, ids=[f"{t}->{k}" for t, k in SFC_TABLE])
def test_sfc_table_pair_is_linked(title: str, kloe: str) -> None:
    subject, obj = pillar(title), f"cqc-asc-2017:{kloe}"
    wanted = (subject, Relation.supplies_evidence_for, obj)
    found = [lk for lk in LINKS if (lk.subject, lk.relation, lk.object) == wanted]
    assert found, f"no supplies_evidence_for link {subject} -> {obj}"
    assert any(c.source == "seed-003" for lk in found for c in lk.sources), (
        f"{[lk.id for lk in found]}: {subject} -> {obj} does not cite seed-003"
    )


def test_sfc_pillars_reach_only_the_tabled_well_led_criteria() -> None:
    """The table is the whole of Skills for Care's well-led alignment: no pillar supplies
    evidence for another cqc-asc-2017 well-led criterion (links beyond well-led are ours)."""
    pillars = {pillar(t) for t, _ in SFC_TABLE}
    evidence = [lk for lk in LINKS if lk.relation is Relation.supplies_evidence_for]
    pairs = {(lk.subject, lk.object) for lk in evidence if lk.subject in pillars}
    pairs = {(s, o) for s, o in pairs if under_well_led(o, ("cqc-asc-2017",))}
    expected = {(pillar(t), f"cqc-asc-2017:{k}") for t, k in SFC_TABLE}
    assert pairs == expected, f"extra: {pairs - expected}; missing: {expected - pairs}"


# 6-7. Every link is a sourced, unreviewed proposal in our own words -------------------------

LINK_IDS = sorted(CORPUS.links)


@pytest.mark.parametrize("link_id", LINK_IDS, ids=LINK_IDS)
def test_link_is_a_sourced_proposal(link_id: str) -> None:
    link = CORPUS.links[link_id]
    assert link.status is Status.proposed, f"{link_id} is {link.status}, not proposed"
    assert link.author.strip(), f"{link_id} has no author"
    assert link.rationale.strip(), f"{link_id} has no rationale"
    assert link.sources, f"{link_id} cites nothing"
    if link.relation is Relation.supplies_evidence_for:
        assert link.evidence, f"{link_id} supplies evidence but lists no evidence item"


RUN = 12  # words


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:['-][a-z0-9]+)*", normal(text).casefold())


def runs(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + RUN]) for i in range(len(tokens) - RUN + 1)}


@cache
def seed_runs() -> frozenset[tuple[str, ...]]:
    return frozenset().union(*(runs(words(t)) for t in seed_texts().values()))


@pytest.mark.parametrize("link_id", LINK_IDS, ids=LINK_IDS)
def test_rationale_is_not_copied_from_a_seed(link_id: str) -> None:
    """No run of 12 words of a rationale (case, punctuation and quotes aside) is in a seed."""
    copied = runs(words(CORPUS.links[link_id].rationale)) & seed_runs()
    assert not copied, f"{link_id} copies seed text: {[' '.join(r) for r in sorted(copied)][:3]}"

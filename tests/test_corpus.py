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
from conftest import REPO, SEEDS, bundled

from crosswalk.corpus import Corpus
from crosswalk.enums import EvidenceKind, Relation, Status, Strength
from crosswalk.model import Citation, EvidenceItem, Link, Model
from crosswalk.problems import DataError

REFERENCE = REPO.parent / "shared" / "reference" / "criteria.yaml"
# Regulators' texts cited like seeds (a source's `file:` may name one of them).
REFERENCE_SOURCES = REPO.parent / "shared" / "reference" / "sources"


def _load() -> Corpus:
    try:
        return bundled().corpus
    except DataError as exc:
        problems = "\n".join(str(p) for p in exc.problems)
        raise AssertionError(f"mappings/ does not load cleanly:\n{problems}") from exc


CORPUS = _load()
# The links that count: a review may reject a link, and a rejected link supports nothing.
LINKS: list[Link] = [lk for lk in CORPUS.links.values() if lk.status is not Status.rejected]

QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def normal(text: str) -> str:
    """How seed text is compared: whitespace runs (newlines too) as one space, quotes straight."""
    return " ".join(text.translate(QUOTES).split())


def wording(text: str) -> str:
    """How published wording is compared: whitespace collapsed, a trailing full stop dropped."""
    return " ".join(text.split()).removesuffix(".")


@cache
def _read_seeds() -> dict[str, str]:
    files = [*SEEDS.glob("*.txt"), *REFERENCE_SOURCES.glob("*.txt")]
    return {p.name: normal(p.read_text(encoding="utf-8")) for p in files}


def seed_texts() -> dict[str, str]:
    """The seed texts, normalised; fails (never skips) when the seeds folder is missing."""
    assert SEEDS.is_dir(), f"seeds folder {SEEDS} missing: ../shared must sit beside the repo"
    assert REFERENCE_SOURCES.is_dir(), f"{REFERENCE_SOURCES} missing: ../shared is incomplete"
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
# The 2026 draft and the rating characteristics are checked against criteria-2026.yaml (below).
CHECKED = [
    ref
    for ref in CHECKED
    if CORPUS.scheme_of(ref) != "cqc-asc-2026"
    and CORPUS.criteria[ref].level != "rating_characteristic"
]


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


# 6-7. Every link is explained, graded by the rubric and in our own words ----------------------
#      (the rubric: docs/data-format.md, "How strong is a link: the rubric"). Who reviewed a
#      reviewed, endorsed or rejected link, and when, is checked by `validate` (E307).

LINK_IDS = sorted(CORPUS.links)


@pytest.mark.parametrize("link_id", LINK_IDS, ids=LINK_IDS)
def test_link_lists_its_evidence_and_why_it_was_rejected(link_id: str) -> None:
    link = CORPUS.links[link_id]
    if link.relation is Relation.supplies_evidence_for:
        assert link.evidence, f"{link_id} supplies evidence but lists no evidence item"
    if link.status is Status.rejected:
        assert link.comment, f"{link_id} is rejected without a comment saying why"


STRONG = sorted(ref for ref, lk in CORPUS.links.items() if lk.strength is Strength.strong)


@pytest.mark.parametrize("link_id", STRONG, ids=STRONG)
def test_strong_link_cites_a_source_text(link_id: str) -> None:
    """Our own reading of a regulator's page cannot make a link strong: a strong link cites a
    locator in a source with a text file (a seed or a regulator's text), which
    test_locator_is_in_seed then finds in that file."""
    cited = [c.source for c in CORPUS.links[link_id].sources]
    assert any(CORPUS.sources[s].file for s in cited), (
        f"{link_id} is strong but cites only {sorted(set(cited))}, none with a text file"
    )


# An evidence item is a document the service keeps when it names one of these. A document is
# `processes` even when it records people's views, so people_experience is never its only kind.
DOCUMENT = re.compile(
    r"\b(records?|minutes|notes|logs?|registers?|files?|documents?|plans?|polic(?:y|ies)|"
    r"procedures?|audits?|reports?|(?:self-)?assessments?|analys[ie]s|checklists?|templates?|"
    r"rotas?|contracts?|agendas?)\b",
    re.IGNORECASE,
)
ITEMS = [
    (f"{ref}#{i}", item)
    for ref, lk in sorted(CORPUS.links.items())
    for i, item in enumerate(lk.evidence, 1)
]


@pytest.mark.parametrize("item", [it for _, it in ITEMS], ids=[name for name, _ in ITEMS])
def test_a_document_is_not_only_people_experience(item: EvidenceItem) -> None:
    kinds = set(item.kinds)
    if DOCUMENT.search(item.item):
        assert kinds != {EvidenceKind.people_experience}, (
            f"'{item.item}' is a document: tag it processes, not only people_experience"
        )


def cited_by(record: Model) -> set[str]:
    return {c.source for c in record.sources}


def traced() -> list[tuple[str, str]]:
    """(principle, source) for every source with a text file that a principle is traced to."""
    return sorted(
        {
            (ref, c.source)
            for ref, p in CORPUS.principles.items()
            for c in p.sources
            if CORPUS.sources[c.source].file
        }
    )


@pytest.mark.parametrize(("ref", "source"), traced(), ids=[f"{p}<-{s}" for p, s in traced()])
def test_traced_source_has_a_model_element_embodying_the_principle(ref: str, source: str) -> None:
    """A principle traced to a seed is embodied by an element of a model that cites that seed,
    or its definition says why not, naming the seed in prose ('seed 002' for seed-002)."""
    models = {m for m, model in CORPUS.models.items() if source in cited_by(model)}
    embodied_by = [
        lk.id
        for lk in LINKS
        if lk.relation is Relation.embodies
        and lk.object == ref
        and CORPUS.scheme_of(lk.subject) in models
    ]
    named = source.replace("-", " ").casefold() in CORPUS.principles[ref].definition.casefold()
    assert embodied_by or named, (
        f"{ref} is traced to {source}, but no element of {sorted(models) or 'a model citing it'}"
        f" embodies it and its definition does not say why (name '{source.replace('-', ' ')}')"
    )


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


# 8. The 2026 draft, the 2017 ratings characteristics and CIW's Welsh names -------------------
#    against shared/reference/criteria-2026.yaml and the draft's own text

REFERENCE_2026 = REPO.parent / "shared" / "reference" / "criteria-2026.yaml"
DRAFT_2026 = REFERENCE_SOURCES / "cqc-asc-2026-draft-v9.txt"
ASC_2026 = "cqc-asc-2026"
LEVEL_IDS = {
    "Outstanding": "outstanding",
    "Good": "good",
    "Requires improvement": "requires_improvement",
    "Inadequate": "inadequate",
}


@cache
def reference_2026() -> dict[str, dict[str, Any]]:
    """The records of criteria-2026.yaml by id."""
    assert REFERENCE_2026.is_file(), f"{REFERENCE_2026} missing: ../shared must sit beside the repo"
    data = yaml.safe_load(REFERENCE_2026.read_text(encoding="utf-8"))
    return {r["id"]: r for r in data["records"]}


def reference_records(framework: str, level: str) -> list[dict[str, Any]]:
    return [
        r for r in reference_2026().values() if (r["framework"], r["level"]) == (framework, level)
    ]


@cache
def draft_2026() -> dict[str, Any]:
    """The draft's text, one paragraph a line after its [style], narrow no-break spaces made
    ordinary spaces (as the reference did): each key question's statement (the paragraph after
    its heading), and each KLOE's question, scope topics and rating bullets by level."""
    assert DRAFT_2026.is_file(), f"{DRAFT_2026} missing: ../shared must sit beside the repo"
    statements: dict[str, str] = {}
    kloes: dict[str, dict[str, Any]] = {}
    heading, kloe, part = "", None, ""
    for line in DRAFT_2026.read_text(encoding="utf-8").splitlines():
        found = re.fullmatch(r"\[([^\]]+)\] ?(.*)", line)
        assert found or not line.strip(), f"not a styled paragraph: {line[:60]}"
        if not found:
            continue
        style, text = found[1], found[2].replace("\u202f", " ")
        if style == "Heading 2":
            heading, kloe, part = text, None, "statement"
        elif style == "Heading 3":
            kloe = kloes.setdefault(text, {"question": None, "topics": [], "levels": {}})
            part = ""
        elif style == "Heading 5" and kloe is not None:
            part = text
            kloe["levels"][part] = []
        elif part == "statement" and style == "Normal":
            statements[heading.removeprefix("Key question: ")] = text
            part = ""
        elif kloe is not None and style == "Normal" and text.startswith("KLOE: "):
            kloe["question"] = text.removeprefix("KLOE: ")
        elif kloe is not None and style == "Normal" and text.startswith("Scope of this"):
            part = "scope"
        elif kloe is not None and style == "List Paragraph" and part == "scope":
            kloe["topics"].append(text)
        elif kloe is not None and style == "List Paragraph" and part in LEVEL_IDS:
            kloe["levels"][part].append(text)
    return {"statements": statements, "kloes": kloes}


def ours_2026(level: str) -> list[str]:
    return [r for r in CORPUS.criteria_of(ASC_2026) if CORPUS.criteria[r].level == level]


def characteristics(parent: str, rating: str) -> list[str]:
    """The texts of a criterion's rating characteristics at one level, in file order."""
    scheme, local = parent.split(":", 1)
    found = []
    for ref in CORPUS.criteria_of(scheme):
        c = CORPUS.criteria[ref]
        if c.level == "rating_characteristic" and c.parent == local and c.rating == rating:
            assert c.text, f"{ref} has no text"
            found.append(c.text)
    return found


REFERENCE_KLOES = [r["id"] for r in reference_records("cqc_asc_2026_draft", "kloe")]


@pytest.mark.parametrize("ref_id", REFERENCE_KLOES)
def test_every_2026_kloe_is_carried_with_its_question_and_topics(ref_id: str) -> None:
    theirs = reference_2026()[ref_id]
    ours = [r for r in ours_2026("kloe") if CORPUS.criteria[r].title == theirs["title"]]
    assert len(ours) == 1, f"{ref_id} '{theirs['title']}': carried as {ours}"
    kloe = CORPUS.criteria[ours[0]]
    assert kloe.text == theirs["text"], f"{ours[0]}: question differs"
    assert kloe.topics == theirs["scope_topics"], f"{ours[0]}: topics differ"
    key_question = CORPUS.criteria[f"{ASC_2026}:{kloe.parent}"]
    assert key_question.title == reference_2026()[theirs["parent"]]["text"], f"{ours[0]}: parent"
    assert kloe.verification == "secondary" and kloe.urls == [theirs["url"]]


def test_the_2026_framework_has_the_reference_kloes_and_no_others() -> None:
    theirs = sorted(reference_2026()[r]["title"] for r in REFERENCE_KLOES)
    assert theirs, "the reference records no KLOE of the 2026 draft"
    assert sorted(CORPUS.criteria[r].title for r in ours_2026("kloe")) == theirs


@pytest.mark.parametrize("ref", ours_2026("kloe"), ids=ours_2026("kloe"))
def test_2026_kloe_is_verbatim_in_the_draft(ref: str) -> None:
    kloe = CORPUS.criteria[ref]
    in_draft = draft_2026()["kloes"].get(kloe.title)
    assert in_draft is not None, f"{ref}: no KLOE titled '{kloe.title}' in the draft"
    assert kloe.text == in_draft["question"], f"{ref}: question is not the draft's"
    assert kloe.topics == in_draft["topics"], f"{ref}: topics are not the draft's"


@pytest.mark.parametrize("ref", ours_2026("key_question"), ids=ours_2026("key_question"))
def test_2026_key_question_statement_is_verbatim_in_the_draft(ref: str) -> None:
    key_question = CORPUS.criteria[ref]
    statement = draft_2026()["statements"].get(key_question.title.upper())
    assert key_question.text == statement, f"{ref}: statement is not the draft's"
    theirs = [r for r in reference_records("cqc_asc_2026_draft", "key_question")]
    assert key_question.text in {r["statement"] for r in theirs}, f"{ref}: not the reference's"


RATED_2026 = [r["id"] for r in reference_records("cqc_asc_2026_draft", "rating_characteristics")]
RATED_2026 = [r for r in RATED_2026 if reference_2026()[r]["text"]]


@pytest.mark.parametrize("ref_id", RATED_2026)
def test_2026_characteristics_are_the_draft_bullets(ref_id: str) -> None:
    """At each level of the seven KLOEs recorded, one criterion per bullet, in order, verbatim
    from the draft; the reference has the same bullets (it collapsed one double space)."""
    theirs = reference_2026()[ref_id]
    title = reference_2026()[theirs["parent"]]["title"]
    kloe = next(r for r in ours_2026("kloe") if CORPUS.criteria[r].title == title)
    ours = characteristics(kloe, LEVEL_IDS[theirs["rating"]])
    assert ours == draft_2026()["kloes"][title]["levels"][theirs["rating"]], (
        f"{kloe}: not the draft's"
    )
    assert [wording(t) for t in ours] == [wording(t) for t in theirs["text"]], f"{kloe}: reference"


def test_2026_characteristics_are_only_those_recorded() -> None:
    recorded = sum(len(reference_2026()[r]["text"]) for r in RATED_2026)
    assert len(ours_2026("rating_characteristic")) == recorded


RATED = sorted(r for r, c in CORPUS.criteria.items() if c.level == "rating_characteristic")


@pytest.mark.parametrize("ref", RATED, ids=RATED)
def test_characteristic_title_is_its_first_words(ref: str) -> None:
    """A characteristic has no published title: ours is the start of its text."""
    c = CORPUS.criteria[ref]
    assert c.text and c.text.startswith(c.title.removesuffix("…")), f"{ref}: title is not its start"


RATED_2017 = [
    r["id"]
    for r in reference_records("cqc_asc_2017_annex_a2", "rating_characteristics")
    if r["status"] != "NOT FOUND"
]
VERIFICATION = {"official": "official", "secondary": "secondary"}


@pytest.mark.parametrize("ref_id", RATED_2017)
def test_2017_characteristics_match_the_reference(ref_id: str) -> None:
    """Each paragraph of a 2017 level's text is a criterion beneath its KLOE, in order, with the
    reference's verification status and address."""
    theirs = reference_2026()[ref_id]
    parent = f"cqc-asc-2017:{theirs['parent']}"
    ours = characteristics(parent, theirs["rating"])
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n+", theirs["text"]) if p.strip()]
    assert ours == paragraphs, f"{ref_id}: paragraphs differ"
    for ref in CORPUS.criteria_of("cqc-asc-2017"):
        c = CORPUS.criteria[ref]
        if f"cqc-asc-2017:{c.parent}" == parent and c.rating == theirs["rating"]:
            assert c.verification == VERIFICATION[theirs["status"]], f"{ref}: verification"
            assert c.urls == [theirs["url"]], f"{ref}: address"


def test_2017_characteristics_are_only_those_found() -> None:
    """Nothing the reference marks NOT FOUND (W2, W5, W3 and W4 at other levels) is carried."""
    found = {(reference_2026()[r]["parent"], reference_2026()[r]["rating"]) for r in RATED_2017}
    carried = {
        (c.parent, c.rating)
        for ref, c in CORPUS.criteria.items()
        if ref.startswith("cqc-asc-2017:") and c.level == "rating_characteristic"
    }
    assert carried == found


CIW_WELSH = [
    r["id"]
    for level in ("theme", "rating_level")
    for r in reference_records("ciw_regulated_adult_services", level)
]


@pytest.mark.parametrize("ref_id", CIW_WELSH)
def test_ciw_welsh_names_are_the_reference_ones(ref_id: str) -> None:
    theirs = reference_2026()[ref_id]
    assert theirs["status"] == "official"
    framework = CORPUS.frameworks["ciw-adult-services"]
    if theirs["level"] == "theme":
        ours = CORPUS.criteria[f"ciw-adult-services:{ref_id}"]
        assert (ours.title, ours.title_cy) == (theirs["text"], theirs["text_cy"])
    else:
        levels = [lv for lv in framework.rating_scale if lv.title == theirs["text"]]
        assert [lv.title_cy for lv in levels] == [theirs["text_cy"]], f"{ref_id}: Welsh name"


def lifecycle_cited_in_files() -> list[tuple[str, Citation]]:
    return [
        (f"{fid}#{i}({cite.source})", cite)
        for fid, fw in sorted(CORPUS.frameworks.items())
        for i, cite in enumerate(fw.lifecycle.sources, 1)
        if cite.source in CORPUS.sources and CORPUS.sources[cite.source].file
    ]


LIFECYCLE_CITED = lifecycle_cited_in_files()


@pytest.mark.parametrize(
    "cite", [c for _, c in LIFECYCLE_CITED], ids=[name for name, _ in LIFECYCLE_CITED]
)
def test_lifecycle_locator_is_in_its_file(cite: Citation) -> None:
    assert normal(cite.locator) in seed_of(cite.source), (
        f"locator '{cite.locator}' not found in {cite.source}"
    )

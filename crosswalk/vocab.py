"""The words of an answer, declared once: the statuses a criterion can have and what a gap is,
and the labels and meanings of the data's controlled values (`enums.py`).

The engine, the CLI, the exports, the site's templates (as Jinja globals) and the explorer's
script all read these; `docs/data-format.md` carries `statuses_markdown()` between two markers,
and a test fails when it drifts. `make docs` (scripts/reference.py) writes every controlled
value with its label into `docs/reference/values.md` and the tables of roles, relations and
element kinds into `docs/data-format.md`.

A criterion's status is the best support the chosen models give it: direct evidence
(`strong`, `partial`, or only `weak`), support only through a principle (`inferred`), or none.
A **gap** is a counted criterion with no strong or partial direct evidence: its status is
`weak`, `inferred` or `none`, and it is named by the status's label ("only weak evidence",
"only through a principle", "no support").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from crosswalk.enums import ElementKind, EvidenceKind, Relation, Role, Setting, Stage, Verification


@dataclass(frozen=True)
class StatusWord:
    """One status: its value (in JSON, CSV and the pages' data attributes), its label (in
    sentences, and why a gap is one), its short form (in counts and badges) and whether a
    counted criterion with it is a gap."""

    value: str
    label: str
    short: str
    gap: bool


# Best first: a status outranks every status after it.
STATUS_WORDS: tuple[StatusWord, ...] = (
    StatusWord("strong", "strong direct evidence", "strong", gap=False),
    StatusWord("partial", "partial direct evidence", "partial", gap=False),
    StatusWord("weak", "only weak evidence", "only weak", gap=True),
    StatusWord("inferred", "only through a principle", "only through a principle", gap=True),
    StatusWord("none", "no support", "no support", gap=True),
)
STATUSES: tuple[str, ...] = tuple(s.value for s in STATUS_WORDS)
STATUS_RANK: dict[str, int] = {s.value: len(STATUS_WORDS) - i for i, s in enumerate(STATUS_WORDS)}
LABELS: dict[str, str] = {s.value: s.label for s in STATUS_WORDS}
SHORT: dict[str, str] = {s.value: s.short for s in STATUS_WORDS}
SUPPORTED: tuple[str, ...] = tuple(s.value for s in STATUS_WORDS if not s.gap)
GAPS: tuple[str, ...] = tuple(s.value for s in STATUS_WORDS if s.gap)
# Why a counted criterion is a gap, by its status: its label.
GAP_REASONS: dict[str, str] = {s.value: s.label for s in STATUS_WORDS if s.gap}
GAP_DEFINITION = (
    "a gap is a counted criterion with no strong or partial direct evidence: "
    + ", ".join(f"{LABELS[g]} ({g})" for g in GAPS[:-1])
    + f" or {LABELS[GAPS[-1]]} ({GAPS[-1]})"
)


def summary_line(counts: dict[str, int]) -> str:
    """The headline of an answer in words, the same in the CLI, on every page and in the
    explorer: "17 criteria: 0 strong, 6 partial; 11 gaps: 0 only weak, 8 only through a
    principle, 3 no support"."""
    total = sum(counts.get(s, 0) for s in STATUSES)
    supported = ", ".join(f"{counts.get(s, 0)} {SHORT[s]}" for s in SUPPORTED)
    return f"{total} criteri{'on' if total == 1 else 'a'}: {supported}; {gaps_line(counts)}"


def gaps_line(counts: dict[str, int]) -> str:
    """The gaps of an answer by kind: "11 gaps: 0 only weak, 8 only through a principle, 3
    no support"."""
    gaps = sum(counts.get(s, 0) for s in GAPS)
    kinds = ", ".join(f"{counts.get(s, 0)} {SHORT[s]}" for s in GAPS)
    return f"{gaps} gap{'' if gaps == 1 else 's'}: {kinds}"


def closes_line(closes: int, gaps: int) -> str:
    """What one more model does to the gaps: "closes 7 of 11 gaps; 4 left"."""
    return f"closes {closes} of {gaps} gap{'' if gaps == 1 else 's'}; {gaps - closes} left"


def statuses_markdown() -> str:
    """The statuses as the table in docs/data-format.md."""
    rows = [
        "| status | label | short form | a gap |",
        "|---|---|---|---|",
        *(
            f"| `{s.value}` | {s.label} | {s.short} | {'yes' if s.gap else 'no'} |"
            for s in STATUS_WORDS
        ),
    ]
    return "\n".join(rows) + "\n"


def as_globals() -> dict[str, object]:
    """What templates and the explorer's data are given: the same names as here."""
    return {
        "statuses": STATUSES,
        "status_labels": LABELS,
        "status_short": SHORT,
        "gap_statuses": GAPS,
    }


# The labels of controlled values, as readers see them: on the site's pages, in the explorer
# and in sentences of the answers. Each covers every value of its enum (a test checks it);
# keyed by the values, so text read from data or JSON finds its label too.
RELATION_LABELS: dict[str, str] = {
    Relation.embodies: "embodies",
    Relation.assessed_by: "is assessed by",
    Relation.supplies_evidence_for: "supplies evidence for",
    Relation.equal: "is equal to",
    Relation.subset_of: "is a subset of",
    Relation.superset_of: "is a superset of",
    Relation.intersects_with: "intersects with",
}
EVIDENCE_KIND_LABELS: dict[str, str] = {
    EvidenceKind.people_experience: "People's experience",
    EvidenceKind.staff_leader_feedback: "Feedback from staff and leaders",
    EvidenceKind.partner_feedback: "Feedback from partners",
    EvidenceKind.observation: "Observation",
    EvidenceKind.processes: "Processes (records, policies, audits)",
    EvidenceKind.outcomes: "Outcomes",
}
SETTING_LABELS: dict[str, str] = {
    Setting.care_home: "Care homes",
    Setting.domiciliary: "Domiciliary (home) care",
    Setting.supported_living: "Supported living",
    Setting.extra_care: "Extra care",
    Setting.day_care: "Day care",
    Setting.hospital: "Hospital wards",
    Setting.childrens_services: "Children's services",
    Setting.community: "Community",
}
VERIFICATION_LABELS: dict[str, str] = {
    Verification.official: "Wording checked on the publisher's own site",
    Verification.secondary: "Wording from a third party reproducing the publisher",
    Verification.partial: "Only part verified (for example the name)",
    Verification.not_found: "Not verified",
}
STAGE_LABELS: dict[str, str] = {
    Stage.draft: "draft",
    Stage.in_force: "in force",
    Stage.superseded: "superseded",
}
# Every enum that has labels, for the generated reference (docs/reference/values.md).
LABELS_OF: dict[type[StrEnum], Mapping[str, str]] = {
    Relation: RELATION_LABELS,
    EvidenceKind: EVIDENCE_KIND_LABELS,
    Setting: SETTING_LABELS,
    Verification: VERIFICATION_LABELS,
    Stage: STAGE_LABELS,
}

# What a criterion's role is, and what an answer does with it.
ROLE_MEANINGS: dict[Role, tuple[str, str]] = {
    Role.criterion: (
        "what the regulator assesses: a KLOE, a prompt, a quality statement, an outcome, a CIW "
        "theme (CIW rates each theme)",
        "counted in the headline; can be a gap",
    ),
    Role.grouping: (
        "a heading that groups criteria and is not assessed itself: CQC's key questions, the "
        "Welsh outcome areas",
        "shows the counts of its children; never counted, never a gap",
    ),
    Role.context: (
        "legal context placed beside the criteria, not the regulator's assessment criteria: "
        "the Act's well-being areas and the regulations under CIW's themes",
        "shown with whatever supports it; never counted, never a gap",
    ),
}
# What sort of part of a model an element of each kind is, and an example.
ELEMENT_KIND_MEANINGS: dict[ElementKind, tuple[str, str]] = {
    ElementKind.theme: (
        "one of the topics a model is organised around",
        "My Home Life's eight themes",
    ),
    ElementKind.relational_approach: (
        "a way of working with people on which the model rests",
        "My Home Life's four evidence-informed frameworks",
    ),
    ElementKind.programme: (
        "a structured offer that people take part in",
        "My Home Life's leadership support programme",
    ),
    ElementKind.sense: (
        "one of the experiences the Senses Framework says everyone needs",
        "a sense of security",
    ),
    ElementKind.behaviour: (
        "something leaders or staff do",
        "compassionate leadership's listening",
    ),
    ElementKind.tool: (
        "an instrument a service fills in or uses",
        "Progress for Providers' self-assessment",
    ),
    ElementKind.star_point: ("a point of the culture star self-assessment", "Co-production"),
    ElementKind.pillar: (
        "a main area of a model that has statements under it",
        "Skills for Care's four pillars",
    ),
    ElementKind.principle: (
        "a principle a model itself sets out",
        "IMPACT's core principles",
    ),
    ElementKind.statement: (
        "a statement a service rates itself against, under a pillar",
        "a Skills for Care self-assessment statement",
    ),
    ElementKind.component: (
        "any other named part",
        "Skills for Care's digital technology statements",
    ),
}

# How an answer can be printed (`--format` of coverage, gaps, recommend, crosswalk, checklist,
# migrate); crosswalk/analysis/report_text.py renders each.
ANSWER_FORMATS = ("table", "json", "csv", "markdown")
# The graph's formats (`export --format`; crosswalk/export/rdfformats.py writes each) and a
# SPARQL result's (`sparql --format`; crosswalk/query.py prints each), named here so that the
# command line lists them without importing rdflib or Oxigraph (tests/test_cli_imports.py
# checks that the names are the writers').
GRAPH_FORMATS = ("jsonld", "ntriples", "turtle")
QUERY_FORMATS = ("csv", "json", "table")

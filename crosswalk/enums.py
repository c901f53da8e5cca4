"""The controlled values of the data model: each enum a field of a record takes (model.py),
and the tables over them (which kinds a relation joins, the rank of each strength).
"""

from __future__ import annotations

from enum import StrEnum


class Jurisdiction(StrEnum):
    england = "england"
    wales = "wales"
    scotland = "scotland"
    northern_ireland = "northern_ireland"
    united_kingdom = "united_kingdom"


class CriterionLevel(StrEnum):
    key_question = "key_question"
    kloe = "kloe"
    prompt = "prompt"
    quality_statement = "quality_statement"
    theme = "theme"
    area = "area"
    regulation = "regulation"
    outcome = "outcome"
    rating_characteristic = "rating_characteristic"


class Role(StrEnum):
    """What a criterion is for in an answer (see docs/data-format.md)."""

    criterion = "criterion"  # assessed by the regulator: counted, can be a gap
    grouping = "grouping"  # a heading (a key question): rolls up its children, never a gap
    context = "context"  # legal context placed beside the criteria: shown, never counted


class Verification(StrEnum):
    """How far a criterion's wording was checked against the publisher (shared/reference)."""

    official = "official"
    secondary = "secondary"
    partial = "partial"
    not_found = "not_found"


class Setting(StrEnum):
    care_home = "care_home"
    domiciliary = "domiciliary"
    supported_living = "supported_living"
    extra_care = "extra_care"
    day_care = "day_care"
    hospital = "hospital"
    childrens_services = "childrens_services"
    community = "community"


class Population(StrEnum):
    older_people = "older_people"
    people_living_with_dementia = "people_living_with_dementia"
    adults = "adults"
    people_with_learning_disabilities = "people_with_learning_disabilities"
    children_and_young_people = "children_and_young_people"
    families_and_carers = "families_and_carers"
    staff = "staff"


class ImpactEvidence(StrEnum):
    substantial = "substantial"
    limited = "limited"
    not_assessed = "not_assessed"


class ElementKind(StrEnum):
    theme = "theme"
    relational_approach = "relational_approach"
    programme = "programme"
    sense = "sense"
    behaviour = "behaviour"
    tool = "tool"
    star_point = "star_point"
    pillar = "pillar"
    principle = "principle"
    statement = "statement"
    component = "component"


class Relation(StrEnum):
    embodies = "embodies"
    assessed_by = "assessed_by"
    supplies_evidence_for = "supplies_evidence_for"
    equal = "equal"
    subset_of = "subset_of"
    superset_of = "superset_of"
    intersects_with = "intersects_with"


class Strength(StrEnum):
    strong = "strong"
    partial = "partial"
    weak = "weak"


class Status(StrEnum):
    draft = "draft"
    proposed = "proposed"
    reviewed = "reviewed"
    endorsed = "endorsed"
    rejected = "rejected"


class EvidenceKind(StrEnum):
    people_experience = "people_experience"
    staff_leader_feedback = "staff_leader_feedback"
    partner_feedback = "partner_feedback"
    observation = "observation"
    processes = "processes"
    outcomes = "outcomes"


class Stage(StrEnum):
    """Where a framework stands in its life."""

    draft = "draft"
    in_force = "in_force"
    superseded = "superseded"


class PrincipleSetStatus(StrEnum):
    draft = "draft"
    consultation = "consultation"
    adopted = "adopted"


class Kind(StrEnum):
    """The kinds of thing a link can join."""

    criterion = "criterion"
    element = "element"
    principle = "principle"


# Which kinds a relation joins: subject kind, object kind.
RELATION_KINDS: dict[Relation, tuple[Kind, Kind]] = {
    Relation.embodies: (Kind.element, Kind.principle),
    Relation.assessed_by: (Kind.principle, Kind.criterion),
    Relation.supplies_evidence_for: (Kind.element, Kind.criterion),
    Relation.equal: (Kind.criterion, Kind.criterion),
    Relation.subset_of: (Kind.criterion, Kind.criterion),
    Relation.superset_of: (Kind.criterion, Kind.criterion),
    Relation.intersects_with: (Kind.criterion, Kind.criterion),
}
CARRIES_EVIDENCE = frozenset({Relation.supplies_evidence_for})
STRENGTH_RANK: dict[Strength, int] = {Strength.strong: 3, Strength.partial: 2, Strength.weak: 1}

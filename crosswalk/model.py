"""The data model: every record a curator writes, declared once.

Each class is closed to unknown keys and every field carries a description, so that
`crosswalk schema` can give editors a JSON Schema that checks YAML while it is typed.
Everything else in crosswalk reads these classes.

The controlled values the fields take (the enums) are declared in enums.py.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict

from crosswalk.enums import (
    CriterionLevel,
    ElementKind,
    EvidenceKind,
    ImpactEvidence,
    Jurisdiction,
    Population,
    PrincipleSetStatus,
    Relation,
    Role,
    Setting,
    Stage,
    Status,
    Strength,
    Verification,
)

ID_PATTERN = r"^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,79}$"
REF_PATTERN = r"^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,79}:[A-Za-z0-9][A-Za-z0-9._-]{0,79}$"
URL_PATTERN = r"^https?://[^\s<>\"]+$"

Id = Annotated[
    str, Field(pattern=ID_PATTERN, description="An id: letters, digits, '.', '_' or '-'.")
]
Ref = Annotated[
    str,
    Field(pattern=REF_PATTERN, description="A reference SCHEME:ID, e.g. cqc-asc-2017:W3.5."),
]
Url = Annotated[str, Field(pattern=URL_PATTERN, max_length=2000, description="An http(s) address.")]
ShortText = Annotated[str, Field(min_length=1, max_length=300)]
LongText = Annotated[str, Field(min_length=1, max_length=4000)]
# Numbers, dates and true/false are taken only as YAML wrote them: pydantic would otherwise
# read 2006.0 as a year, 0 as 1 January 1970 and 1 as true. (The reader keeps an integer
# not written in decimal, such as YAML 1.1's octal 03726, as text, so a Year refuses it.)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _quoted_date(value: Any) -> Any:
    """Text that is exactly a date, YYYY-MM-DD, is that date (a JSON Schema `format: date`,
    as editors write it); every other value is left to the strict check."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


Year = Annotated[int, Strict(), Field(ge=1900, le=2100)]
Date = Annotated[dt.date, Strict(), BeforeValidator(_quoted_date)]
Flag = Annotated[bool, Strict()]


class Record(BaseModel):
    """Base of every record: closed to unknown keys. (Where it was read is kept beside it, in
    the corpus.)"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, regex_engine="python-re")


class Citation(Record):
    source: Id = Field(description="The id of a source declared in a `sources:` file.")
    locator: ShortText = Field(
        description="Where in the source: a section heading or a short phrase found in it."
    )


class Source(Record):
    id: Id = Field(description="The source's id, cited as `source:` in citations.")
    title: ShortText = Field(description="The document's title as it gives it.")
    publisher: ShortText = Field(description="Who published the document.")
    year: Year | None = Field(default=None, description="Year of publication.")
    file: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
        description="File name of the seed text the locators are checked against, if any.",
    )
    url: Url | None = Field(default=None, description="Where the document is published.")
    description: LongText | None = Field(default=None, description="What the document is.")


class SourcesFile(Record):
    sources: list[Source] = Field(description="The documents the data cites.")


class RatingLevel(Record):
    id: Id = Field(
        description="The level's id, given as a rating characteristic's `rating`, e.g. good."
    )
    title: ShortText = Field(description="The level's name as published, e.g. Inadequate.")
    title_cy: ShortText | None = Field(
        default=None, description="Its official Welsh name, where the publisher gives one."
    )


class Lifecycle(Record):
    stage: Stage = Field(description="draft (out for consultation), in_force or superseded.")
    published: Date | None = Field(
        default=None, description="When the publisher issued this version (YYYY-MM-DD)."
    )
    consultation_closes: Date | None = Field(
        default=None, description="When consultation on a draft closes (YYYY-MM-DD)."
    )
    in_force_from: Date | None = Field(
        default=None, description="When the version came into force (YYYY-MM-DD)."
    )
    superseded_by: Id | None = Field(
        default=None, description="The id of the framework that replaced it (superseded only)."
    )
    superseded_from: Date | None = Field(
        default=None, description="When it was replaced (YYYY-MM-DD; superseded only)."
    )
    sources: list[Citation] = Field(
        min_length=1, description="Where the stage and each date given were read."
    )
    notes: LongText | None = Field(
        default=None, description="What is not known (a date left out) and other caveats."
    )


class Framework(Record):
    id: Id = Field(description="The framework version's id, e.g. cqc-asc-2017.")
    title: ShortText = Field(description="The framework's full title.")
    short_title: ShortText | None = Field(default=None, description="A short title for tables.")
    series: Id = Field(description="The series this framework is one version of.")
    version: ShortText = Field(description='The version, as text (quote it: "2017").')
    publisher: ShortText = Field(description="The regulator or body that publishes it.")
    jurisdiction: Jurisdiction = Field(description="Where the framework applies.")
    url: Url | None = Field(default=None, description="Where the framework is published.")
    rating_scale: list[RatingLevel] = Field(
        default_factory=list, description="The rating levels, best first, as published."
    )
    lifecycle: Lifecycle = Field(description="Draft, in force or superseded, with dates.")
    description: LongText | None = Field(default=None, description="What it is, in our words.")
    notes: LongText | None = Field(default=None, description="Caveats about the data we carry.")


class Criterion(Record):
    id: Id = Field(description="Local id, unique within the framework, e.g. W3.1.")
    parent: Id | None = Field(default=None, description="Local id of the parent criterion.")
    level: CriterionLevel = Field(description="The criterion's place in the hierarchy.")
    notation: ShortText | None = Field(
        default=None, description="Display code when it differs from the id, e.g. s2(2)(a)."
    )
    title: ShortText = Field(description="The criterion's own short title or question.")
    title_cy: ShortText | None = Field(
        default=None, description="Its official Welsh title, where the publisher gives one."
    )
    text: LongText | None = Field(
        default=None, description="The published question or statement, verbatim and short."
    )
    summary: LongText | None = Field(default=None, description="Longer text, in our own words.")
    topics: list[ShortText] = Field(
        default_factory=list, description="The topics its publisher lists in its scope, verbatim."
    )
    rating: Id | None = Field(
        default=None,
        description="A rating characteristic's level: the id of a level in the framework's "
        "rating_scale.",
    )
    role: Role = Field(
        default=Role.criterion,
        description="criterion (assessed, counted), grouping (a heading that rolls up its "
        "children, never a gap) or context (legal context shown beside the criteria, not "
        "counted).",
    )
    verification: Verification = Field(description="How far the wording was checked.")
    urls: list[Url] = Field(default_factory=list, description="Where the wording was read.")
    notes: LongText | None = Field(default=None, description="Caveats, e.g. prompts not verified.")


class FrameworkFile(Record):
    framework: Framework = Field(description="The framework this file declares.")
    criteria: list[Criterion] = Field(description="Its criteria, parents before children.")


class PrincipleSet(Record):
    id: Id = Field(description="The principle set's id, used as the scheme in references.")
    title: ShortText = Field(description="The set's title.")
    version: ShortText = Field(description="The set's version.")
    status: PrincipleSetStatus = Field(description="Draft, out for consultation, or adopted.")
    description: LongText | None = Field(default=None, description="What the set is for.")


class Principle(Record):
    id: Id = Field(description="Local id, unique within the set.")
    title: ShortText = Field(description="The principle's name.")
    definition: LongText = Field(description="One or two sentences, in our own words.")
    sources: list[Citation] = Field(min_length=1, description="Where the principle comes from.")


class PrinciplesFile(Record):
    principle_set: PrincipleSet = Field(description="The principle set this file declares.")
    principles: list[Principle] = Field(description="Its principles.")


class Model(Record):
    id: Id = Field(description="The model's id, used as the scheme of its elements.")
    title: ShortText = Field(description="The model's name.")
    developer: ShortText = Field(description="Who developed or owns the model.")
    year: Year | None = Field(default=None, description="Year it began.")
    url: Url | None = Field(default=None, description="The model's home page.")
    settings: list[Setting] = Field(
        default_factory=list, description="Settings where there is evidence of its use."
    )
    settings_notes: LongText | None = Field(
        default=None, description="Settings mentioned without evidence, and other caveats."
    )
    populations: list[Population] = Field(default_factory=list, description="Who it serves.")
    impact_evidence: ImpactEvidence = Field(description="Level of impact evidence (seed 000).")
    in_wales: Flag = Field(description="Whether the model is in use in Wales.")
    wales_notes: LongText | None = Field(default=None, description="Its presence in Wales.")
    description: LongText = Field(description="What the model is, in our own words.")
    sources: list[Citation] = Field(min_length=1, description="Where the model is described.")


class Element(Record):
    id: Id = Field(description="Local id, unique within the model.")
    title: ShortText = Field(description="The element's name as the model gives it.")
    kind: ElementKind = Field(description="What sort of component it is.")
    parent: Id | None = Field(default=None, description="Local id of a parent element.")
    description: LongText | None = Field(default=None, description="In our own words.")
    sources: list[Citation] = Field(default_factory=list, description="Where it is described.")


class ModelFile(Record):
    model: Model = Field(description="The model this file declares.")
    elements: list[Element] = Field(description="The model's elements.")


class EvidenceItem(Record):
    item: LongText = Field(description="Something a provider can show an inspector.")
    kinds: list[EvidenceKind] = Field(min_length=1, description="The kinds of evidence it is.")


class Link(Record):
    id: Id = Field(description="The link's id, unique across all files and never reused.")
    subject: Ref = Field(
        description="What supports: SCHEME:ID of an element, principle or criterion."
    )
    relation: Relation = Field(description="How the subject relates to the object.")
    object: Ref = Field(description="What is supported: SCHEME:ID of a principle or criterion.")
    strength: Strength = Field(description="strong, partial or weak.")
    rationale: LongText = Field(description="Why, in one or two sentences of our own.")
    evidence: list[EvidenceItem] = Field(
        default_factory=list, description="Evidence items (element -> criterion links only)."
    )
    sources: list[Citation] = Field(min_length=1, description="Citations with locators.")
    status: Status = Field(description="Review status.")
    author: ShortText = Field(description="Who proposed the link.")
    created: Date = Field(description="When the link was proposed (YYYY-MM-DD).")
    reviewer: ShortText | None = Field(default=None, description="Who reviewed it.")
    reviewed: Date | None = Field(default=None, description="When it was reviewed.")
    comment: LongText | None = Field(default=None, description="Reviewer or curator comment.")


class LinkSet(Record):
    id: Id = Field(description="The link set's id (one SSSOM mapping set when exported).")
    title: ShortText = Field(description="The link set's title.")
    description: LongText | None = Field(
        default=None, description="What it holds and whose mapping it is."
    )


class LinksFile(Record):
    link_set: LinkSet = Field(description="The link set this file declares.")
    links: list[Link] = Field(description="Its links.")


# The file kinds, told apart by the key that names what the file declares.
FILE_KINDS: dict[str, type[Record]] = {
    "sources": SourcesFile,
    "framework": FrameworkFile,
    "principle_set": PrinciplesFile,
    "model": ModelFile,
    "link_set": LinksFile,
}

"""The pieces of the site's view-models that many pages share, the labels they show, and the
Page itself: plain records that templates only lay out. Views (views.py) builds them from the
corpus and the analysis; each page family's own view-model is in pagemodels/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crosswalk.enums import Stage
from crosswalk.site import urls
from crosswalk.vocab import EVIDENCE_KIND_LABELS
from crosswalk.vocab import RELATION_LABELS as RELATION_LABELS
from crosswalk.vocab import SETTING_LABELS as SETTING_LABELS
from crosswalk.vocab import VERIFICATION_LABELS as VERIFICATION_LABELS

if TYPE_CHECKING:
    from crosswalk.analysis.report_data import Data
    from crosswalk.site.pagemodels import PageContext

KIND_LABELS = EVIDENCE_KIND_LABELS  # declared in crosswalk/vocab.py, with the other labels

# A criterion id shown as its number: letters, digits, '.', '-', with at least one digit.
_NUMBERING = re.compile(r"[A-Za-z0-9.-]*[0-9][A-Za-z0-9.-]*")

# A coverage answer counted for a table: (status, criteria, per cent), every status in order.
Counts = list[tuple[str, int, float]]


def kloe_anchor(ref: str) -> str:
    """The id of a criterion's section (its topics and rating characteristics) on its
    framework's page."""
    return "kloe-" + ref.split(":", 1)[1]


@dataclass(frozen=True, slots=True)
class Ref:
    """Something a page links to; `label_cy` is its official Welsh name, if it has one.

    `code` is a stable key (a criterion's notation or id); `number` is what readers are shown
    beside the label: a criterion's notation, or its id where that reads as the publisher's
    numbering, never the crosswalk's own handle (see `criterion_number`)."""

    label: str
    path: str
    code: str = ""
    label_cy: str | None = None
    number: str = ""

    @property
    def name(self) -> str:
        """The label with its number before it, as every page names the record."""
        return f"{self.number} {self.label}" if self.number else self.label


@dataclass(frozen=True, slots=True)
class LevelView:
    """A level of a framework's rating scale; `aim` for Good and above, else what to avoid."""

    id: str
    title: str
    title_cy: str | None
    aim: bool


@dataclass(frozen=True, slots=True)
class StageView:
    """Where a framework stands, for the banner on every page about a framework that is not
    in force: its stage, the sentence every answer gives, and, for a text we read only as a
    third party's copy, which text and its caveat."""

    stage: str
    label: str
    note: str
    text_title: str | None
    text_url: str | None
    caveat: str | None

    @property
    def banner(self) -> bool:
        return self.stage != str(Stage.in_force)


@dataclass(frozen=True, slots=True)
class CitationView:
    source: str
    title: str
    locator: str
    url: str | None


@dataclass(frozen=True, slots=True)
class EvidenceView:
    item: str
    kinds: list[str]


@dataclass(frozen=True, slots=True)
class LinkView:
    id: str
    subject: Ref
    relation: str
    object: Ref
    strength: str
    rationale: str
    evidence: list[EvidenceView]
    sources: list[CitationView]
    status: str
    author: str
    created: str
    reviewer: str | None
    reviewed: str | None
    comment: str | None
    review_path: str


@dataclass(frozen=True, slots=True)
class PathView:
    element: Ref
    principle: Ref
    strength: str
    links: list[LinkView]


@dataclass(frozen=True, slots=True)
class ModelSupport:
    model: Ref
    status: str
    reason: str | None
    direct: list[LinkView]
    paths: list[PathView]


@dataclass(frozen=True, slots=True)
class Page:
    """A page: where it goes, its template and title, and what its template shows.

    `search` says the page is found by search and how results describe it: the page itself
    is indexed (its main content, without the links it repeats); pages without it, which only
    arrange other records (indexes, reports, the matrix), are not. `context` is the page's own
    view-model (pagemodels/), whose fields its template reads by name. `data` is what the page
    offers as JSON files beside it, by site path (a report's coverage answer), made from the
    same analysis as the page.
    """

    path: str
    template: str
    title: str
    crumbs: list[Ref] = field(default_factory=list)
    context: PageContext | None = None
    search: SearchEntry | None = None
    data: dict[str, Data] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Search reads only the sections that have pages to find (crosswalk/site/urls.py).
        if self.search is not None and self.path.split("/", 1)[0] not in urls.SEARCHED:
            raise ValueError(
                f"{self.path} is found by search but its section is not indexed: "
                "add the section to urls.SEARCHED"
            )


@dataclass(frozen=True, slots=True)
class SearchEntry:
    """How search shows a page: its kind (Criterion, Model, ...) and what it is, in words
    that start with the kind ("criterion of CQC ASC 2017"), shown under each result; the
    search page narrows the results to a kind by that start."""

    kind: str
    what: str


# The kinds of page search finds, as the search page offers them: (start of `what`, label).
SEARCH_KINDS = (
    ("criterion", "Criteria"),
    ("element", "Elements of models"),
    ("model", "Models"),
    ("principle", "Principles"),
    ("framework", "Frameworks"),
    ("about", "About the data"),
)


def criterion_number(notation: str | None, cid: str) -> str:
    """What a criterion is numbered as on the site: its notation, or its id where that reads
    as a numbering (W3.5, S1-O2, wo-21: it has a digit and no underscore); otherwise nothing,
    and the title names it (WELL_LED, CIW-WB, area-rights are our own handles)."""
    if notation:
        return notation
    return cid if _NUMBERING.fullmatch(cid) else ""

"""Problems found in curated data, and the exceptions library code raises.

Every problem carries the file, line and column it was found at, a stable code, a
plain-language message and a hint that says what to do. The catalogue of codes lives here so
the generated docs/reference/errors.md, the CLI and the tests read one table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code:
    """One kind of problem: its code, severity and a one-line description (in the generated
    docs/reference/errors.md)."""

    code: str
    severity: Severity
    summary: str


_CODES = [
    # reading files
    Code("E101", Severity.ERROR, "the file is not valid YAML"),
    Code("E102", Severity.ERROR, "a key appears twice in the same mapping"),
    Code("E103", Severity.ERROR, "YAML anchors, aliases, tags or merge keys are used"),
    Code("E104", Severity.ERROR, "the file is not plain UTF-8 (bad bytes or a byte-order mark)"),
    Code("E105", Severity.ERROR, "the file is empty or its top level is not a mapping"),
    Code("E106", Severity.ERROR, "the file's top-level keys do not say what it holds"),
    Code(
        "E107",
        Severity.ERROR,
        "the file is too large, too deeply nested or holds a control character",
    ),
    Code("E108", Severity.ERROR, "a file or folder in the data folder cannot be read"),
    Code("E109", Severity.ERROR, "the data folder holds no data files"),
    Code("E110", Severity.ERROR, "a symbolic link in the data folder leads outside it"),
    # one record
    Code("E201", Severity.ERROR, "a key that the format does not know"),
    Code("E202", Severity.ERROR, "a value of the wrong type or form"),
    Code("E203", Severity.ERROR, "a value outside its controlled list"),
    Code("E204", Severity.ERROR, "a required key is missing"),
    Code("E205", Severity.ERROR, "an id or reference that is not well formed, or is reserved"),
    # between records
    Code("E301", Severity.ERROR, "the same id is declared twice"),
    Code("E302", Severity.ERROR, "a reference to something that is not declared"),
    Code("E303", Severity.ERROR, "a criterion or element hierarchy goes round in a cycle"),
    Code("E304", Severity.ERROR, "a link's subject or object is the wrong kind for its relation"),
    Code("E305", Severity.ERROR, "evidence items on a link that cannot carry them"),
    Code("E306", Severity.ERROR, "a citation names a source that is not declared"),
    Code("E307", Severity.ERROR, "a link's dates or review fields do not agree with its status"),
    Code("E308", Severity.ERROR, "a reference to a record refused because of another problem"),
    Code(
        "E309",
        Severity.ERROR,
        "a framework's lifecycle or a criterion's rating does not agree with its stage or level",
    ),
    Code("E401", Severity.ERROR, "the RDF graph breaks a SHACL shape in ontology/shapes.ttl"),
    # review workbooks (crosswalk review import): the "line" is the sheet row
    Code(
        "R101",
        Severity.ERROR,
        "the review workbook cannot be read, breaks a limit, or is not the one exported",
    ),
    Code("R201", Severity.ERROR, "a review row names a link that is not in the data"),
    Code("R202", Severity.ERROR, "a review row's read-only columns were edited"),
    Code("R203", Severity.ERROR, "a review decision outside endorse / reject / needs change"),
    Code("R204", Severity.ERROR, "a review decision without a reviewer"),
    Code("R205", Severity.ERROR, "a link appears on two review rows"),
    Code("R206", Severity.ERROR, "a 'needs change' decision without a comment"),
    Code("R207", Severity.ERROR, "a reviewer's cell holds a formula with no saved value"),
    # warnings (errors under --strict)
    Code("W501", Severity.WARNING, "an element has no link"),
    Code("W502", Severity.WARNING, "a principle has no link"),
    Code("W503", Severity.WARNING, "a criterion-to-criterion link stays inside one framework"),
    Code("W504", Severity.WARNING, "a model has no element"),
    Code("W505", Severity.WARNING, "an element has links but embodies no principle"),
]

CODES: dict[str, Code] = {c.code: c for c in _CODES}


@dataclass(frozen=True, order=True)
class Location:
    """Where a thing was read: a path and a 1-based line and column (0 when unknown)."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column or 1}"
        return self.path


@dataclass(frozen=True, order=True)
class Problem:
    """A located, coded, actionable problem."""

    location: Location
    code: str
    message: str
    hint: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown problem code {self.code!r}")

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    def render(self, strict: bool = False) -> str:
        label = "error" if strict or self.severity is Severity.ERROR else "warning"
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.location}: {self.code} {label}: {self.message}{hint}"


def is_failure(problem: Problem, strict: bool) -> bool:
    return strict or problem.severity is Severity.ERROR


WAITING = "E308"  # a reference to a record refused because of another problem


def in_report_order(problems: Iterable[Problem]) -> list[Problem]:
    """Each problem once, sorted by place, except that references waiting on another
    problem (E308) come after every problem they wait on: the cause first."""
    return sorted(set(problems), key=lambda p: (p.code == WAITING, p))


def display_path(path: Path, root: Path) -> str:
    """The path as a user should see it: relative to the data folder's parent when possible."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


class CrosswalkError(Exception):
    """Base class of the errors library code raises for the CLI to report."""


class DataError(CrosswalkError):
    """The data folder holds problems that stop the requested job."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the data")
        self.problems = problems


class UsageError(CrosswalkError):
    """The user asked for something that cannot be done as asked (unknown id, bad option)."""

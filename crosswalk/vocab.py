"""The words of an answer, declared once: the statuses a criterion can have and what a gap is.

The engine, the CLI, the exports, the site's templates (as Jinja globals) and the explorer's
script all read these; `docs/data-format.md` carries `statuses_markdown()` between two markers,
and a test fails when it drifts.

A criterion's status is the best support the chosen models give it: direct evidence
(`strong`, `partial`, or only `weak`), support only through a principle (`inferred`), or none.
A **gap** is a counted criterion with no strong or partial direct evidence: its status is
`weak`, `inferred` or `none`, and it is named by the status's label ("only weak evidence",
"only through a principle", "no support").
"""

from __future__ import annotations

from dataclasses import dataclass


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

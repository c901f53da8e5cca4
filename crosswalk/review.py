"""The review round-trip: links out to a spreadsheet, reviewers' decisions back into the YAML.

`export` writes one row per link with everything a reviewer needs, every cell as text (never
a formula, whatever the data says); the read-only columns are locked, the decision column
has a drop-down, the header is frozen. `check` reads a returned workbook within the limits
of `xlsxread` and reports every problem with its sheet row; `rewrite` makes the new text of
the link files by editing only the lines of the links decided (`yamledit`), so every
comment, line break and quote elsewhere stays as it was. `reviewapply` writes that text as
one transaction: nothing is written unless the whole workbook is valid, and applying the
same workbook twice changes nothing the second time.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from yaml.nodes import Node

from crosswalk import xlsxread, yamledit
from crosswalk.corpus import Corpus
from crosswalk.enums import Status
from crosswalk.export import workbook
from crosswalk.model import Link
from crosswalk.problems import Location, Problem
from crosswalk.yamlevents import shorten

SHEET = "Review"
DECISIONS = {"endorse": Status.endorsed, "reject": Status.rejected, "needs change": Status.reviewed}
READ_ONLY = [
    ("link_id", "Link id", 12),
    ("link_set", "Link set", 18),
    ("file", "File", 28),
    ("subject", "Subject", 30),
    ("subject_title", "Subject title", 30),
    ("relation", "Relation", 20),
    ("object", "Object", 30),
    ("object_title", "Object title", 40),
    ("strength", "Strength", 10),
    ("rationale", "Rationale", 60),
    ("evidence", "Evidence", 50),
    ("sources", "Sources", 50),
    ("status", "Status", 11),
    ("author", "Author", 18),
    ("created", "Created", 11),
]
EDITABLE = [("decision", "Decision", 14), ("reviewer", "Reviewer", 18), ("comment", "Comment", 50)]
COLUMNS = READ_ONLY + EDITABLE
# The editable columns, by position: a formula there must have a value saved with it.
EDITABLE_AT = {
    index: label for index, (_, label, _) in enumerate(COLUMNS) if index >= len(READ_ONLY)
}
MAX_PROBLEMS = 100  # a workbook with more is not worth reading further


def _title(corpus: Corpus, ref: str) -> str:
    for table in (corpus.criteria, corpus.elements, corpus.principles):
        if ref in table:
            return table[ref].title
    return ""


def row_values(corpus: Corpus, link: Link) -> dict[str, str]:
    """The read-only cells of a link's row, as the export writes them."""
    return {
        "link_id": link.id,
        "link_set": corpus.link_set_of[link.id],
        "file": corpus.file_of(link).relative_to(corpus.root).as_posix(),
        "subject": link.subject,
        "subject_title": _title(corpus, link.subject),
        "relation": str(link.relation),
        "object": link.object,
        "object_title": _title(corpus, link.object),
        "strength": str(link.strength),
        "rationale": " ".join(link.rationale.split()),
        "evidence": "\n".join(
            f"{e.item} ({', '.join(str(k) for k in e.kinds)})" for e in link.evidence
        ),
        "sources": "\n".join(f"{c.source}: {c.locator}" for c in link.sources),
        "status": str(link.status),
        "author": link.author,
        "created": link.created.isoformat(),
    }


def export(corpus: Corpus, statuses: set[Status] | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    workbook.append_text(sheet, [label for _, label, _ in COLUMNS])
    grey = PatternFill("solid", fgColor="F3F2F1")
    for _, link in sorted(corpus.links.items()):
        if statuses and link.status not in statuses:
            continue
        values = row_values(corpus, link)
        workbook.append_text(sheet, [values[key] for key, _, _ in READ_ONLY] + ["", "", ""])
    for index, (key, _, width) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        editable = key in {k for k, _, _ in EDITABLE}
        cells = sheet[letter][1:]
        if not cells:
            continue
        first = cells[0]
        first.alignment = Alignment(wrap_text=True, vertical="top")
        if editable:
            first.protection = Protection(locked=False)
        else:
            first.fill = grey
        # The rest of the column takes the first cell's style as it is: setting each style
        # anew looks it up in the workbook's style tables, most of the time of a large export
        # (the site builds this workbook with every link).
        for cell in cells[1:]:
            cell._style = copy.copy(first._style)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    decision = get_column_letter(len(READ_ONLY) + 1)
    rule = DataValidation(
        type="list",
        formula1='"' + ",".join(DECISIONS) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Decision",
        error="Choose endorse, reject or needs change.",
    )
    rule.add(f"{decision}2:{decision}{max(sheet.max_row, 2)}")
    sheet.add_data_validation(rule)
    sheet.protection.sheet = True
    sheet.protection.autoFilter = False
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{sheet.max_row}"
    notes = book.create_sheet("How to review")
    for line in (
        "One row per link. Grey columns are read-only: they show the link as it stands.",
        "Decision: endorse, reject, or needs change (say what in Comment). Leave it blank to "
        "skip a link.",
        "Reviewer: your name and organisation. Every decision needs one.",
        "Return the file to the curators, who apply it with: crosswalk review import FILE",
    ):
        workbook.append_text(notes, [line])
    notes.column_dimensions["A"].width = 110
    return workbook.save(book)


@dataclass(frozen=True)
class Decision:
    row: int
    link_id: str
    status: Status
    reviewer: str
    comment: str | None


def _quoted(value: str) -> str:
    """A cell's text fit to quote in a message: control characters escaped, 80 at most."""
    return shorten(repr(value)[1:-1])


def _header_problem(shown: str, row: xlsxread.Row | None) -> Problem | None:
    labels = [label for _, label, _ in COLUMNS]
    if row is not None and row.number == 1 and list(row.cells) == labels:
        return None
    return Problem(
        Location(shown, 1, 1),
        "R101",
        "the header row is not the one exported",
        "do not add, remove or rename columns",
    )


def check(corpus: Corpus, path: Path, shown: str) -> tuple[list[Decision], list[Problem]]:
    """Read a returned workbook: the decisions in it, or every problem with its row."""
    decisions: list[Decision] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    try:
        rows = xlsxread.rows(xlsxread.read(path), SHEET, len(COLUMNS), set(EDITABLE_AT))
        header = _header_problem(shown, next(rows, None))
        if header is not None:
            return [], [header]
        for row in rows:
            if len(problems) >= MAX_PROBLEMS:
                problems.append(
                    Problem(
                        Location(shown, row.number, 1),
                        "R101",
                        f"stopped reading after {MAX_PROBLEMS} problems",
                        "correct those and import the workbook again",
                    )
                )
                break
            found = _check_row(corpus, row, seen, Location(shown, row.number, 1))
            if isinstance(found, Problem):
                problems.append(found)
            elif found is not None:
                decisions.append(found)
    except xlsxread.Unreadable as exc:
        problems.append(Problem(Location(shown, exc.row, 1), "R101", exc.message, exc.hint))
    return decisions, problems


def _check_row(
    corpus: Corpus, row: xlsxread.Row, seen: dict[str, int], at: Location
) -> Decision | Problem | None:
    """The decision on one row, the first problem with it, or None for a row left blank."""
    cells = {key: row.cells[i] for i, (key, _, _) in enumerate(COLUMNS)}
    if row.unvalued:
        names = " and ".join(EDITABLE_AT[i] for i in sorted(row.unvalued))
        return Problem(
            at,
            "R207",
            f"the {names} cell holds a formula with no saved value",
            "type the value itself, or save the workbook in a spreadsheet program",
        )
    lid = cells["link_id"]
    link = corpus.links.get(lid)
    if link is None:
        return Problem(
            at,
            "R201",
            f"link '{_quoted(lid)}' is not in the data",
            "restore the row as exported, or delete it",
        )
    if lid in seen:
        return Problem(
            at, "R205", f"link '{_quoted(lid)}' is also on row {seen[lid]}", "keep one row per link"
        )
    seen[lid] = row.number
    expected = row_values(corpus, link)
    choice = cells["decision"].lower()
    if DECISIONS.get(choice) is link.status:
        # This decision was already applied: the status column shows the old status.
        expected["status"] = cells["status"]
    edited = [
        label
        for key, label, _ in READ_ONLY
        if " ".join(cells[key].split()) != " ".join(expected[key].split())
    ]
    if edited:
        return Problem(
            at,
            "R202",
            f"read-only column(s) {', '.join(edited)} differ from the data",
            "undo the edit (put change requests in Comment), or export again if the data changed",
        )
    if not choice:
        return None
    if choice not in DECISIONS:
        return Problem(
            at,
            "R203",
            f"decision '{_quoted(cells['decision'])}' is not allowed",
            "use endorse, reject or needs change",
        )
    if not cells["reviewer"]:
        return Problem(at, "R204", "a decision needs a reviewer", "fill in the Reviewer column")
    if choice == "needs change" and not cells["comment"]:
        return Problem(
            at, "R206", "'needs change' needs a comment", "say in Comment what should change"
        )
    return Decision(row.number, lid, DECISIONS[choice], cells["reviewer"], cells["comment"] or None)


def plan(corpus: Corpus, decisions: list[Decision]) -> list[Decision]:
    """The decisions that change something (applying a workbook twice changes nothing)."""
    changes = []
    for d in decisions:
        link = corpus.links[d.link_id]
        same = (
            link.status is d.status
            and link.reviewer == d.reviewer
            and (d.comment is None or link.comment == d.comment)
        )
        if not same:
            changes.append(d)
    return changes


@dataclass(frozen=True)
class Rewritten:
    """A link file's new text, and the lines of each link decided, with its sheet row."""

    path: Path
    text: str
    rows: tuple[tuple[int, int, int], ...]  # first line, last line, sheet row


def rewrite(corpus: Corpus, changes: list[Decision], today: dt.date) -> list[Rewritten]:
    """The new text of each link file touched: only the decided links' review lines change."""
    by_file: dict[Path, list[Decision]] = {}
    for d in changes:
        by_file.setdefault(corpus.file_of(corpus.links[d.link_id]), []).append(d)
    rewritten: list[Rewritten] = []
    for path, items in sorted(by_file.items()):
        text = path.read_text(encoding="utf-8")
        nodes = _link_nodes(text)
        edits: list[yamledit.Edit] = []
        for d in items:
            values: list[tuple[str, str | dt.date, str]] = [
                ("status", str(d.status), ""),
                ("reviewer", d.reviewer, "created"),
                ("reviewed", today, "reviewer"),
            ]
            if d.comment is not None:
                values.append(("comment", d.comment, "reviewed"))
            edits += yamledit.set_values(text, nodes[d.link_id], values)
        new = yamledit.apply(text, edits)
        starts = {lid: node.start_mark.line + 1 for lid, node in _link_nodes(new).items()}
        ends = [*sorted(starts.values()), new.count("\n") + 2]
        rows = tuple(
            (starts[d.link_id], min(e for e in ends if e > starts[d.link_id]) - 1, d.row)
            for d in items
        )
        rewritten.append(Rewritten(path, new, rows))
    return rewritten


def _link_nodes(text: str) -> dict[str, Node]:
    links = yamledit.items(yamledit.item(yamledit.compose(text), "links"))
    return {str(yamledit.item(node, "id").value): node for node in links}


def blame(
    problems: list[Problem], rewritten: list[Rewritten], corpus: Corpus, book: str
) -> list[Problem]:
    """Problems found after the decisions were applied, each at the sheet row whose decision
    reached the link it is in (and the link file's line in its message)."""
    shown = {path: name for name, path in corpus.paths.items()}
    spans = [(shown[r.path], first, last, row) for r in rewritten for first, last, row in r.rows]
    located = []
    for p in problems:
        rows = [
            row
            for path, first, last, row in spans
            if path == p.location.path and first <= p.location.line <= last
        ]
        if not rows:
            located.append(p)
            continue
        located.append(
            Problem(
                Location(book, rows[0], 1),
                p.code,
                f"after this row's decision, {p.location}: {p.message}",
                p.hint,
            )
        )
    return sorted(located)

"""The review round-trip: links out to a spreadsheet, reviewers' decisions back into the YAML.

`export` writes one row per link with everything a reviewer needs; the read-only columns are
locked, the decision column has a drop-down, the header is frozen. `check` reads a returned
workbook and reports every problem with its sheet row; `apply` writes the decisions into the
link files with ruamel.yaml, which keeps their comments, key order and layout. Nothing is
written unless the whole workbook is valid, and applying the same workbook twice changes
nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from ruamel.yaml import YAML

from crosswalk.export import workbook
from crosswalk.loader import Corpus
from crosswalk.model import Link, Status
from crosswalk.problems import Location, Problem

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
    sheet.append([label for _, label, _ in COLUMNS])
    grey = PatternFill("solid", fgColor="F3F2F1")
    for _, link in sorted(corpus.links.items()):
        if statuses and link.status not in statuses:
            continue
        values = row_values(corpus, link)
        sheet.append([values[key] for key, _, _ in READ_ONLY] + ["", "", ""])
    for index, (key, _, width) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        editable = key in {k for k, _, _ in EDITABLE}
        for cell in sheet[letter][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if editable:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = grey
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
        notes.append([line])
    notes.column_dimensions["A"].width = 110
    return workbook.save(book)


@dataclass(frozen=True)
class Decision:
    row: int
    link_id: str
    status: Status
    reviewer: str
    comment: str | None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def check(corpus: Corpus, path: Path, shown: str) -> tuple[list[Decision], list[Problem]]:
    """Read a returned workbook: the decisions in it, or every problem with its row."""
    problems: list[Problem] = []
    try:
        book = load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        return [], [
            Problem(
                Location(shown, 1, 1),
                "R101",
                f"cannot read the workbook ({exc})",
                "give the .xlsx file that 'crosswalk review export' wrote",
            )
        ]
    if SHEET not in book.sheetnames:
        return [], [
            Problem(
                Location(shown, 1, 1),
                "R101",
                f"the workbook has no '{SHEET}' sheet",
                "give the .xlsx file that 'crosswalk review export' wrote",
            )
        ]
    rows = list(book[SHEET].iter_rows(values_only=True))
    header = [_cell(v) for v in rows[0]] if rows else []
    if header[: len(COLUMNS)] != [label for _, label, _ in COLUMNS]:
        return [], [
            Problem(
                Location(shown, 1, 1),
                "R101",
                "the header row is not the one exported",
                "do not add, remove or rename columns",
            )
        ]
    decisions: list[Decision] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(rows[1:], start=2):
        cells = {
            key: _cell(raw[i] if i < len(raw) else None) for i, (key, _, _) in enumerate(COLUMNS)
        }
        if not any(cells.values()):
            continue
        at = Location(shown, number, 1)
        lid = cells["link_id"]
        link = corpus.links.get(lid)
        if link is None:
            problems.append(
                Problem(
                    at,
                    "R201",
                    f"link '{lid}' is not in the data",
                    "restore the row as exported, or delete it",
                )
            )
            continue
        if lid in seen:
            problems.append(
                Problem(
                    at, "R205", f"link '{lid}' is also on row {seen[lid]}", "keep one row per link"
                )
            )
            continue
        seen[lid] = number
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
            problems.append(
                Problem(
                    at,
                    "R202",
                    f"read-only column(s) {', '.join(edited)} differ from the data",
                    "undo the edit (put change requests in Comment), or export "
                    "again if the data changed",
                )
            )
            continue
        if not choice:
            continue
        if choice not in DECISIONS:
            problems.append(
                Problem(
                    at,
                    "R203",
                    f"decision '{cells['decision']}' is not allowed",
                    "use endorse, reject or needs change",
                )
            )
            continue
        if not cells["reviewer"]:
            problems.append(
                Problem(at, "R204", "a decision needs a reviewer", "fill in the Reviewer column")
            )
            continue
        if choice == "needs change" and not cells["comment"]:
            problems.append(
                Problem(
                    at,
                    "R206",
                    "'needs change' needs a comment",
                    "say in Comment what should change",
                )
            )
            continue
        decisions.append(
            Decision(number, lid, DECISIONS[choice], cells["reviewer"], cells["comment"] or None)
        )
    return decisions, problems


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


def rewrite(corpus: Corpus, changes: list[Decision], today: dt.date) -> dict[Path, str]:
    """The new text of each link file touched, with comments and layout kept."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.ignore_aliases = lambda *_: True  # the data format refuses aliases
    by_file: dict[Path, list[Decision]] = {}
    for d in changes:
        by_file.setdefault(corpus.file_of(corpus.links[d.link_id]), []).append(d)
    texts: dict[Path, str] = {}
    for path, items in sorted(by_file.items()):
        document = yaml.load(path.read_text(encoding="utf-8"))
        nodes = {str(node["id"]): node for node in document["links"]}
        for d in items:
            node = nodes[d.link_id]
            node["status"] = str(d.status)
            _set_after(node, "reviewer", d.reviewer, "created")
            _set_after(node, "reviewed", today, "reviewer")
            if d.comment is not None:
                _set_after(node, "comment", d.comment, "reviewed")
        buffer = io.StringIO()
        yaml.dump(document, buffer)
        texts[path] = buffer.getvalue()
    return texts


def _set_after(node: Any, key: str, value: Any, after: str) -> None:
    if key in node:
        node[key] = value
    else:
        keys = list(node.keys())
        position = keys.index(after) + 1 if after in keys else len(keys)
        node.insert(position, key, value)

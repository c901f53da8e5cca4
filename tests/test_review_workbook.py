"""The review workbook as written: every cell text, every cell styled as its column, the
sheet's size, panes, drop-down, protection and filter over exactly the rows written.

Each row is read back and checked against `row_values`, and the ranges against the rows
actually written (all links, a status filter, no rows at all), so a change in how the
workbook is written (openpyxl's write-only mode was tried: docs/performance.md, "The review
workbook") cannot drop a style, a cell type or a range unnoticed.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from crosswalk import pipeline, review
from crosswalk.enums import Status

FORMULA = '=HYPERLINK("http://evil.example/","click")'
COLUMN = {key: index for index, (key, _, _) in enumerate(review.COLUMNS, start=1)}
EDITABLE = {key for key, _, _ in review.EDITABLE}


def _sheet(data: bytes, read_only: bool = False):
    return load_workbook(io.BytesIO(data), read_only=read_only)[review.SHEET]


def test_a_rationale_starting_with_equals_is_a_string_cell(project: Path) -> None:
    links = project / "links" / "warm.yaml"
    text = links.read_text(encoding="utf-8")
    old = "rationale: Greeting people by name is kindness in practice."
    assert old in text
    links.write_text(text.replace(old, f"rationale: '{FORMULA}'"), encoding="utf-8")
    corpus = pipeline.load_clean(project).corpus
    assert corpus.links["w-1"].rationale == FORMULA
    sheet = _sheet(review.export(corpus))
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    cell = rows["w-1"][COLUMN["rationale"] - 1]
    assert (cell.value, cell.data_type) == (FORMULA, "s")
    assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_every_cell_is_styled_as_its_column(project: Path) -> None:
    corpus = pipeline.load_clean(project).corpus
    sheet = _sheet(review.export(corpus))
    rows = list(sheet.iter_rows())
    assert len(rows) == 1 + len(corpus.links)
    assert [c.value for c in rows[0]] == [label for _, label, _ in review.COLUMNS]
    assert all(c.font.bold and c.fill.fill_type is None for c in rows[0])
    assert [r[0].value for r in rows[1:]] == sorted(corpus.links)
    for row in rows[1:]:
        values = review.row_values(corpus, corpus.links[row[0].value])
        expected = [values[key] for key, _, _ in review.READ_ONLY] + ["", "", ""]
        assert [c.value for c in row] == [value or None for value in expected]  # "" reads None
        assert all(c.data_type == "s" for c in row if c.value is not None)
        for key, index in COLUMN.items():
            cell = row[index - 1]
            where = f"{cell.coordinate} ({key})"
            assert not cell.font.bold, where
            assert (cell.alignment.wrap_text, cell.alignment.vertical) == (True, "top"), where
            assert cell.protection.locked is (key not in EDITABLE), where
            grey = (cell.fill.fill_type, cell.fill.fgColor.rgb) == ("solid", "00F3F2F1")
            assert grey is (key not in EDITABLE), where


def test_widths_panes_drop_down_protection_and_filter(project: Path) -> None:
    corpus = pipeline.load_clean(project).corpus
    last = 1 + len(corpus.links)
    data = review.export(corpus)
    book = load_workbook(io.BytesIO(data))
    sheet = book[review.SHEET]
    assert book.sheetnames == [review.SHEET, "How to review"]
    widths = {key: sheet.column_dimensions[get_column_letter(i)].width for key, i in COLUMN.items()}
    assert widths == {key: width for key, _, width in review.COLUMNS}
    assert sheet.freeze_panes == "B2"
    [rule] = sheet.data_validations.dataValidation
    assert (str(rule.sqref), rule.type, rule.allow_blank) == (f"P2:P{last}", "list", True)
    assert rule.formula1 == '"endorse,reject,needs change"'
    protection = sheet.protection
    assert protection.sheet and not protection.autoFilter
    assert not protection.formatColumns and not protection.formatRows
    assert sheet.auto_filter.ref == f"A1:R{last}"
    notes = book["How to review"]
    assert notes.column_dimensions["A"].width == 110
    lines = [c.value for (c,) in notes.iter_rows()]
    assert len(lines) == 4 and lines[0].startswith("One row per link.")
    assert lines[-1].endswith("crosswalk review import FILE")
    # The sheet states its size (<dimension>): openpyxl's read-only mode goes by it.
    sized = _sheet(data, read_only=True)
    assert (sized.max_row, sized.max_column) == (last, len(review.COLUMNS))


@pytest.mark.parametrize(
    ("statuses", "rows"), [({Status.rejected}, 2), ({Status.endorsed}, 1), (None, 11)]
)
def test_the_ranges_cover_the_rows_written(
    project: Path, statuses: set[Status] | None, rows: int
) -> None:
    corpus = pipeline.load_clean(project).corpus
    data = review.export(corpus, statuses)
    assert data == review.export(corpus, statuses)  # the same bytes every time
    sheet = _sheet(data)
    assert sheet.max_row == rows
    assert sheet.auto_filter.ref == f"A1:R{rows}"
    sqref = str(sheet.data_validations.dataValidation[0].sqref)
    assert sqref == (f"P2:P{rows}" if rows > 2 else "P2")  # openpyxl reads P2:P2 as P2
    assert _sheet(data, read_only=True).max_row == rows

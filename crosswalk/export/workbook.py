"""An XLSX workbook with a sheet per table, written byte-for-byte deterministically.

openpyxl stamps the document's creation time and each zip entry's time; both are fixed here
so that the same data always gives the same file. openpyxl also turns any text that begins
with "=" into a formula: `append_text` writes every text cell as a string instead, so text
from the data (a rationale reading `=HYPERLINK(...)`) is shown, never run.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from crosswalk import csvtext

FIXED = dt.datetime(2000, 1, 1)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def normalise(data: bytes) -> bytes:
    """Rewrite an XLSX (zip) with fixed entry times, in the same entry order."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the save time as "modified" whatever was set.
                content = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            target.writestr(fixed, content)
    return out.getvalue()


def append_text(sheet: Worksheet, values: Sequence[object]) -> None:
    """Add a row below the last, each text cell a string whatever it begins with."""
    cells = []
    for value in values:
        cell = Cell(sheet, value=value)  # type: ignore[call-arg,arg-type]  # row/column set by append
        if isinstance(value, str):
            cell.data_type = "s"  # openpyxl made "=..." a formula
        cells.append(cell)
    # Cells, not values: asking for sheet.max_row after each row walks every cell (quadratic).
    sheet.append(cells)


def save(workbook: Workbook) -> bytes:
    workbook.properties.created = FIXED
    workbook.properties.modified = FIXED
    workbook.properties.creator = "crosswalk"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return normalise(buffer.getvalue())


def from_tables(tables: dict[str, str]) -> bytes:
    """A workbook from CSV texts: one sheet per table, bold frozen header, sized columns."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for name, text in tables.items():
        sheet = workbook.create_sheet(title=name[:31])
        rows = csvtext.loads(text)
        for row in rows:
            append_text(sheet, row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for index, column in enumerate(zip(*rows, strict=False), start=1):
            width = min(60, max(8, *(len(value) for value in column)) + 2)
            sheet.column_dimensions[get_column_letter(index)].width = width
    return save(workbook)

"""CSV text as every CSV crosswalk writes it, with cells that a spreadsheet would run as a
formula neutralised.

A spreadsheet opening a CSV file treats a cell that begins with `=`, `+`, `-` or `@` (and, in
some programs, a tab or a carriage return) as a formula: `=HYPERLINK(...)` in a rationale
becomes a live link, `=cmd|...` asks to run a program. Following OWASP's advice on CSV
injection, such a cell is written with a single quote before it, which spreadsheets show as
text. So that the escape can be undone exactly, a cell that already begins with quotes
followed by one of those characters gets one more quote too; `loads` takes one quote off
again. Rows are written with "\n" line ends; quoting is the csv module's minimal quoting.

The SSSOM TSV files are a standard's payload and are written verbatim by `export/sssom`,
not through here.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

# A cell that begins with any number of quotes and then a character that starts a formula.
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")


def neutralise(cell: str) -> str:
    """The cell as it is safe to write: a quote before a formula-starting cell."""
    return "'" + cell if _FORMULA_START.match(cell) else cell


def restore(cell: str) -> str:
    """The cell as it was before `neutralise`."""
    return cell[1:] if cell.startswith("'") and _FORMULA_START.match(cell, 1) else cell


def _text(cell: object) -> str:
    return "" if cell is None else neutralise(str(cell))


def dumps(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV table: the header, then each row; None is an empty cell, every cell is text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # The csv module quotes a cell with "\n" (the line end here) but not one with "\r",
    # which readers take as a line end too: a row with one is written all quoted.
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in [header, *rows]:
        cells = [_text(cell) for cell in row]
        (quoted if any("\r" in cell for cell in cells) else writer).writerow(cells)
    return buffer.getvalue()


def loads(text: str) -> list[list[str]]:
    """The rows of a CSV table `dumps` wrote, header first, each cell as it was given."""
    return [[restore(cell) for cell in row] for row in csv.reader(io.StringIO(text))]

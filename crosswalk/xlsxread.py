"""Read one sheet of a workbook someone sent back, within limits a real workbook never nears.

An XLSX file is a zip of XML parts, and a small file can hold a great deal: a part that
inflates a thousand times, a cell of a billion characters, a DOCTYPE that declares
entities, a directory of a million entries, XML cut short. Before openpyxl parses anything,
`rows` checks what the zip's own directory says: the file's size, the number of parts and
their uncompressed sizes (Python's zipfile never inflates a part past the size its directory
gives, so the sizes bound the memory used), the compression methods (only those
spreadsheets write), that no XML part declares a DOCTYPE, and how many shared strings
there are (each is held in memory). Then it reads the sheet twice, streaming: once for the
formulas (with no value saved, a formula is an empty cell to openpyxl), once for the
values. Every failure is an `Unreadable` with a message that quotes at most 80 characters of
what it found.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from crosswalk.yamlevents import shorten

MiB = 1024 * 1024
# The bundled review (318 links) is 67 kB, 473 kB of XML and 1 385 distinct texts: a review
# of 100 times as many links stays far inside each limit, and at the limits `review import`
# fits in well under 1 GiB (tests/test_hostile.py runs it there).
MAX_FILE_BYTES = 32 * MiB
MAX_XML_BYTES = 128 * MiB  # uncompressed, all parts together
MAX_STRINGS = 300_000  # shared strings, all held in memory and slow to read (40 µs each)
MAX_PARTS = 1000  # a workbook saved by a spreadsheet program has a few dozen
MAX_DIRECTORY_BYTES = 1 * MiB  # the zip's central directory, which lists the parts
MAX_CELL = 32_767  # characters: the most a spreadsheet cell holds
MAX_ROWS = 1_048_576  # the most rows a spreadsheet sheet holds
_END_OF_DIRECTORY = b"PK\x05\x06"
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_SHARED_STRING = re.compile(rb"<(?:\w+:)?si[\s/>]")
_MEDIA = "xl/media/"  # pictures: not XML, and never parsed
_HINT = "give the .xlsx file that 'crosswalk review export' wrote, saved by a spreadsheet program"


class Unreadable(Exception):
    """The workbook cannot be read, or not within the limits; `row` is 1 unless a cell's."""

    def __init__(self, message: str, hint: str = _HINT, row: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.row = row


@dataclass(frozen=True)
class Row:
    """One row of the sheet: its number, its cells as text, and where a formula has no value."""

    number: int
    cells: tuple[str, ...]
    unvalued: frozenset[int]  # 0-based columns holding a formula with no value saved


def _size(count: int) -> str:
    return f"{count / MiB:.1f} MB" if count >= MiB else f"{count} bytes"


def read(path: Path) -> bytes:
    """The bytes of a workbook file, read no further than the size limit."""
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise Unreadable(
            f"cannot read the file ({exc.strerror or exc})", "check the path and its permissions"
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise Unreadable(f"the workbook is over the {_size(MAX_FILE_BYTES)} limit")
    return data


def check_package(data: bytes) -> zipfile.ZipFile:
    """The workbook as a zip, once its directory says it is within every limit."""
    if len(data) > MAX_FILE_BYTES:
        raise Unreadable(
            f"the workbook is {_size(len(data))}, over the {_size(MAX_FILE_BYTES)} limit"
        )
    end = data.rfind(_END_OF_DIRECTORY, max(0, len(data) - 65_557))
    if end >= 0 and end + 22 <= len(data):
        # zipfile reads the directory by its size in bytes, whatever count it states.
        count = int.from_bytes(data[end + 10 : end + 12], "little")
        directory = int.from_bytes(data[end + 12 : end + 16], "little")
        if count > MAX_PARTS or directory > MAX_DIRECTORY_BYTES:
            raise Unreadable(
                f"the workbook's zip directory lists {count} parts in {_size(directory)}, "
                f"over the limit of {MAX_PARTS} parts in {_size(MAX_DIRECTORY_BYTES)}"
            )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise Unreadable(f"the file is not a workbook ({shorten(exc)})") from None
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise Unreadable(f"the workbook has {len(parts)} parts, over the limit of {MAX_PARTS}")
    total = 0
    for part in parts:
        if part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Unreadable(
                f"the part '{shorten(part.filename)}' is compressed in a way spreadsheet "
                "programs do not use"
            )
        total += part.file_size
        if total > MAX_XML_BYTES:
            raise Unreadable(
                f"the workbook's parts inflate to more than {_size(MAX_XML_BYTES)}, "
                "the limit for a review workbook"
            )
    strings = sum(_scan(archive, part) for part in parts if not part.filename.startswith(_MEDIA))
    if strings > MAX_STRINGS:
        raise Unreadable(
            f"the workbook holds {strings} shared strings, over the limit of {MAX_STRINGS}"
        )
    return archive


def _scan(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> int:
    """The shared strings in a part; refuses a DOCTYPE or ENTITY declaration, and UTF-16
    text (which would hide one), and a part whose data is damaged."""
    tail, strings = b"", 0
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(MiB):
                window = tail + chunk
                if _DECLARATION.search(window) or b"\x00" in chunk:
                    raise Unreadable(
                        f"the part '{shorten(part.filename)}' declares a DOCTYPE or entities, "
                        "or is not UTF-8; spreadsheet programs write neither"
                    )
                # Count each string once: those that end in the tail were counted already.
                strings += len(_SHARED_STRING.findall(window)) - len(_SHARED_STRING.findall(tail))
                tail = window[-16:]
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise Unreadable(
            f"the part '{shorten(part.filename)}' is damaged ({shorten(exc)})"
        ) from None
    return strings


def _text(value: Any, number: int, column: int) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if len(text) > MAX_CELL:
        raise Unreadable(
            f"cell {get_column_letter(column + 1)}{number} holds {len(text)} characters, more "
            f"than a spreadsheet cell holds ({MAX_CELL})",
            "shorten the cell, or export the workbook again",
            number,
        )
    return text.strip()


def rows(data: bytes, sheet: str, width: int, formulas: set[int]) -> Iterator[Row]:
    """The first `width` cells of each row of a sheet, numbered from 1, empty rows left out.

    `formulas` are the 0-based columns where a formula with no saved value is reported in
    the row's `unvalued`. Raises Unreadable, before the first row or at the row concerned.
    """
    check_package(data).close()
    closing = contextlib.ExitStack()
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        closing.callback(book.close)
        if sheet not in book.sheetnames:
            raise Unreadable(f"the workbook has no '{sheet}' sheet")
        found = book[sheet]
        # Where a formula is, as row * width + column: a real review has none.
        formula_at: set[int] = set()
        for number, cells in enumerate(found.iter_rows(max_row=MAX_ROWS + 1, max_col=width), 1):
            for index, cell in enumerate(cells):
                if index in formulas and getattr(cell, "data_type", None) == "f":
                    formula_at.add(number * width + index)
        # The same sheet again for the values saved with the formulas. A read-only workbook
        # asks its flag for each pass over a sheet, so the shared strings, which can take
        # many seconds to read, are read once.
        book._data_only = True  # type: ignore[attr-defined]
        for number, cells in enumerate(found.iter_rows(max_row=MAX_ROWS + 1, max_col=width), 1):
            values = tuple(_text(getattr(c, "value", None), number, i) for i, c in enumerate(cells))
            values += ("",) * (width - len(values))
            empty = frozenset(
                i for i in formulas if not values[i] and number * width + i in formula_at
            )
            if not (any(values) or empty):
                continue
            if number > MAX_ROWS:
                raise Unreadable(
                    f"the sheet goes on past row {MAX_ROWS}, the last a spreadsheet has",
                    row=MAX_ROWS,
                )
            yield Row(number, values, empty)
    except Unreadable:
        raise
    except Exception as exc:  # openpyxl and the XML parser raise many kinds for a bad part
        raise Unreadable(f"cannot read the workbook ({shorten(exc)})") from None
    finally:
        closing.close()

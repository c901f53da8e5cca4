"""The open data's CSV tables, by name, in the order they are offered: the records' tables
(`export/tables`) and the coverage table, laid out from the analysis' rows.

What `crosswalk export --format csv` (and `xlsx`) writes and the site offers for download. The
one place that puts the analysis and the exports together, so neither imports the other.
"""

from __future__ import annotations

from collections.abc import Callable

from crosswalk.analysis.coverage import Index
from crosswalk.analysis.coverage_rows import COLUMNS, coverage_rows
from crosswalk.corpus import Corpus
from crosswalk.export import tables


def coverage(corpus: Corpus, index: Index | None = None) -> str:
    """The coverage table; `index` when the caller has made one already."""
    return tables.coverage(COLUMNS, coverage_rows(Index(corpus) if index is None else index))


TABLES: dict[str, Callable[[Corpus], str]] = {**tables.RECORD_TABLES, "coverage": coverage}


def every(corpus: Corpus, index: Index | None = None) -> dict[str, str]:
    """Every table's text by name."""
    made = {name: table(corpus) for name, table in tables.RECORD_TABLES.items()}
    made["coverage"] = coverage(corpus, index)
    return made

"""The plain-text table every `--format table` output is laid out as: the answers
(crosswalk/analysis/report_text.py) and SPARQL results (crosswalk/query.py). Tables fit an
80-column terminal."""

from __future__ import annotations

WIDTH = 80


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def text_table(header: list[str], rows: list[list[str]], last_flexible: bool = True) -> str:
    """The plain-text table of every `--format table` answer: columns as wide as their
    widest cell, the last one (if `last_flexible`) cut to the width of a terminal, "…" where
    a cell is cut."""
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]
    if last_flexible:
        fixed = sum(widths[:-1]) + 2 * (len(widths) - 1)
        widths[-1] = max(10, min(widths[-1], WIDTH - fixed))
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    for row in rows:
        cells = [_cut(c, w) for c, w in zip(row, widths, strict=True)]
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
    return "\n".join(lines) + "\n"

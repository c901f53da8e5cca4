"""The strength rubric and evidence kinds, read from the one place they are written.

The methodology page shows the section "How strong is a link: the rubric" of
docs/data-format.md word for word, so the site and the docs cannot drift apart. The section is
read once, before any page is made, into blocks a template lays out: paragraphs, tables (a
paragraph just before a table is its caption) and lists, each made of inline runs of plain
text, **strong**, *emphasis* and `code`. Nothing here builds HTML: the template escapes
every run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from crosswalk import resources
from crosswalk.problems import CrosswalkError

DOCS = resources.DATA_FORMAT
HEADING = "How strong is a link: the rubric"

# An inline run: (kind, text), kind one of "text", "strong", "em", "code".
Run = tuple[str, str]
_INLINE = re.compile(r"\*\*(?P<strong>.+?)\*\*|`(?P<code>[^`]+)`|\*(?P<em>[^*]+)\*")
_ORDERED = re.compile(r"(\d+)\. (.*)")
_RULE = re.compile(r"\|(\s*:?-+:?\s*\|)+")


class RubricError(CrosswalkError):
    """The rubric's section of the docs is missing: the methodology page cannot show it."""


@dataclass(frozen=True)
class Block:
    """One block of the section: `paragraph` (runs), `table` (caption, header, rows of cells)
    or `list` (items; `ordered` for a numbered list)."""

    kind: str
    runs: list[Run]
    header: list[list[Run]]
    rows: list[list[list[Run]]]
    items: list[list[Run]]
    ordered: bool = False


@dataclass(frozen=True)
class Rubric:
    title: str
    blocks: list[Block]

    def words(self) -> str:
        """The section's text without its markup, for the search index and the tests."""
        parts: list[str] = []
        for b in self.blocks:
            for runs in [b.runs, *b.header, *(c for row in b.rows for c in row), *b.items]:
                parts.append("".join(text for _, text in runs))
        return " ".join(" ".join(parts).split())


def inline(text: str) -> list[Run]:
    """A line of Markdown as runs of plain, strong, emphasised and code text."""
    runs: list[Run] = []
    at = 0
    for match in _INLINE.finditer(text):
        if match.start() > at:
            runs.append(("text", text[at : match.start()]))
        kind = match.lastgroup or "text"
        runs.append((kind, match.group(kind)))
        at = match.end()
    if at < len(text):
        runs.append(("text", text[at:]))
    return runs


def _cells(line: str) -> list[list[Run]]:
    return [inline(cell.strip()) for cell in line.strip().strip("|").split("|")]


def _block(kind: str, **parts: object) -> Block:
    fields: dict[str, object] = {"runs": [], "header": [], "rows": [], "items": []}
    fields.update(parts)
    return Block(kind, **fields)  # type: ignore[arg-type]


def parse(lines: list[str]) -> list[Block]:
    """The blocks of a section (its lines after the heading, up to the next heading)."""
    blocks: list[Block] = []
    chunk: list[str] = []

    def flush() -> None:
        if not chunk:
            return
        if chunk[0].startswith("|"):
            caption = blocks.pop().runs if blocks and blocks[-1].kind == "paragraph" else []
            body = [ln for ln in chunk[1:] if not _RULE.fullmatch(ln.strip())]
            blocks.append(
                _block(
                    "table",
                    runs=caption,
                    header=_cells(chunk[0]),
                    rows=[_cells(ln) for ln in body],
                )
            )
        elif _ORDERED.match(chunk[0]) or chunk[0].startswith("- "):
            items: list[str] = []
            for ln in chunk:
                numbered = _ORDERED.match(ln)
                if numbered or ln.startswith("- "):
                    items.append(numbered.group(2) if numbered else ln[2:])
                else:
                    items[-1] += " " + ln.strip()
            blocks.append(
                _block(
                    "list",
                    items=[inline(i) for i in items],
                    ordered=bool(_ORDERED.match(chunk[0])),
                )
            )
        else:
            blocks.append(_block("paragraph", runs=inline(" ".join(ln.strip() for ln in chunk))))
        chunk.clear()

    for line in lines:
        if line.strip():
            chunk.append(line.rstrip())
        else:
            flush()
    flush()
    return blocks


def load(path: Path = DOCS) -> Rubric:
    """Read the rubric's section of the data format docs."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RubricError(f"{path}: cannot read the data format docs ({exc.strerror})") from exc
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if ln == f"## {HEADING}"), None)
    if start is None:
        raise RubricError(
            f"{path}: no section '## {HEADING}' (the methodology page shows it: restore it)"
        )
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return Rubric(HEADING, parse(lines[start + 1 : end]))

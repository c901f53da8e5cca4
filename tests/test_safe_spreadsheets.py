"""Spreadsheets that stay data, and review imports that touch only what was decided.

Text from the data that a spreadsheet would run as a formula (`=HYPERLINK(...)`, `=cmd|...`,
`+...`, `-...`, `@...`) is written into every XLSX as a string and into every CSV behind a
quote; a review workbook of such data comes back with no false R202. `review import` edits
only the review lines of the links decided: every other byte of a link file stays.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from crosswalk import csvtext, pipeline, yamledit
from crosswalk.review import COLUMNS

PAYLOADS = {
    "rationale": '=HYPERLINK("http://evil.example/","click")',
    "author": "=cmd|'/c calc'!A1",
    "item": "@SUM(1+1)*cmd|'/c calc'!A0",
    "criterion": "+1+2 plus a title",
    "model": "-2+3 minus a title",
}
COLUMN = {key: index for index, (key, _, _) in enumerate(COLUMNS, start=1)}
FORMULA_START = tuple("=+-@\t\r")


def _edit(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _link(data: dict[str, Any], lid: str) -> dict[str, Any]:
    return next(link for link in data["links"] if link["id"] == lid)


@pytest.fixture
def hostile(project: Path) -> Path:
    """The fixture project with formula payloads in a rationale, an author, an evidence
    item, a criterion title and a model title."""

    def links(data: dict[str, Any]) -> None:
        _link(data, "w-1").update(rationale=PAYLOADS["rationale"], author=PAYLOADS["author"])
        _link(data, "w-2")["evidence"][0]["item"] = PAYLOADS["item"]

    def framework(data: dict[str, Any]) -> None:
        data["criteria"][1]["title"] = PAYLOADS["criterion"]

    def model(data: dict[str, Any]) -> None:
        data["model"]["title"] = PAYLOADS["model"]

    _edit(project / "links" / "warm.yaml", links)
    _edit(project / "frameworks" / "reg.yaml", framework)
    _edit(project / "models" / "warm.yaml", model)
    pipeline.load_clean(project)  # the payloads are legal text
    return project


def _formulas(xlsx: Path) -> list[str]:
    """The parts of a workbook with a formula element in them."""
    with zipfile.ZipFile(xlsx) as archive:
        return [
            name
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
            and re.search(rb"<(\w+:)?f[ >]", archive.read(name))
        ]


def _texts(xlsx: Path) -> set[str]:
    book = load_workbook(xlsx)
    return {
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "s" and cell.value
    }


@pytest.mark.parametrize("command", ["export", "review"])
def test_workbooks_hold_payloads_as_text_never_as_formulas(
    run, hostile: Path, tmp_path: Path, command: str
) -> None:
    out = tmp_path / "out.xlsx"
    args = ["--format", "xlsx"] if command == "export" else []
    prefix = ["export"] if command == "export" else ["review", "export"]
    result = run(*prefix, *args, "--data", str(hostile), "--out", str(out))
    assert result.code == 0, result.err
    assert _formulas(out) == []
    texts = _texts(out)
    wanted = ["rationale", "author"] if command == "review" else list(PAYLOADS)
    for key in wanted:
        assert any(text.startswith(PAYLOADS[key]) or PAYLOADS[key] in text for text in texts), key


def _csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_csv_tables_neutralise_every_cell_that_would_start_a_formula(
    run, hostile: Path, tmp_path: Path
) -> None:
    result = run("export", "--format", "csv", "--data", str(hostile), "--out", str(tmp_path / "c"))
    assert result.code == 0, result.err
    cells = [
        cell
        for path in sorted((tmp_path / "c").glob("*.csv"))
        for cell in _csv_cells(path.read_text(encoding="utf-8"))
    ]
    assert not [cell for cell in cells if cell.startswith(FORMULA_START)]
    for key in ("rationale", "author", "criterion", "model"):
        assert "'" + PAYLOADS[key] in cells, key
    assert any(cell.startswith("'" + PAYLOADS["item"]) for cell in cells)


def test_coverage_csv_neutralises_a_criterion_title(run, hostile: Path) -> None:
    result = run(
        "coverage", "--data", str(hostile), "--model", "warm", "--framework", "reg",
        "--format", "csv",
    )  # fmt: skip
    assert result.code == 0, result.err
    cells = _csv_cells(result.out)
    assert "'" + PAYLOADS["criterion"] in cells
    assert not [cell for cell in cells if cell.startswith(FORMULA_START)]


@given(st.lists(st.lists(st.text(), min_size=1, max_size=4), min_size=1, max_size=5))
def test_csv_text_neutralises_and_restores_any_cell(rows: list[list[str]]) -> None:
    text = csvtext.dumps(rows[0], rows[1:])
    assert csvtext.loads(text) == rows
    assert not [cell for cell in _csv_cells(text) if cell.startswith(FORMULA_START)]


def test_review_round_trip_of_payloads_has_no_false_r202(
    run, hostile: Path, tmp_path: Path
) -> None:
    book_path = tmp_path / "review.xlsx"
    assert run("review", "export", "--data", str(hostile), "--out", str(book_path)).code == 0
    book = load_workbook(book_path)
    sheet = book["Review"]
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, COLUMN["link_id"]).value in {"w-1", "w-3"}:
            sheet.cell(row, COLUMN["decision"]).value = "endorse"
            sheet.cell(row, COLUMN["reviewer"]).value = "A. Reviewer"
    book.save(book_path)
    result = run("review", "import", str(book_path), "--data", str(hostile), "--date", "2026-12-01")
    assert result.code == 0, result.err
    assert "2 decision(s), 2 applied" in result.out
    assert str(pipeline.load_clean(hostile).corpus.links["w-1"].status) == "endorsed"


# Review import edits only the decided links' review lines ---------------------------------

LAYOUT = """\
# Links kept by hand: this comment, the wrapping and the quoting below must all survive.
link_set:
  id: layout
  title: Links laid out by hand
links:
  - id: l-1
    subject: warm:welcome
    relation: embodies
    object: hub:kindness
    strength: weak   # a comment after a value
    rationale: >-
      A folded rationale that runs well past the width a YAML dumper would wrap at, so that
      a rewrite of the whole file would move its words.
    sources:
{LONG_LOCATOR}
    status: proposed
    author: "tester"
    created: 2026-01-01
    reviewer:
    reviewed: null
    comment: 'single-quoted, and long enough that a dumper would wrap it somewhere near here'
{FLOW_LINK}
  - id: l-3
    subject: warm:meetings
    relation: embodies
    object: hub:kindness
    strength: partial
    rationale: "Quoted: with a colon."
    sources:
      - source: doc-a
        locator: Having a say
    status: proposed
    author: tester
    created: 2026-01-01
# A closing comment.
"""
LAYOUT = LAYOUT.replace(
    "{LONG_LOCATOR}",
    '      - {source: doc-a, locator: "Kindness first, with a locator long enough to pass one '
    'hundred characters wide"}',
).replace(
    "{FLOW_LINK}",
    "  - {id: l-2, subject: warm:welcome, relation: embodies, object: hub:voice, strength: weak, "
    "rationale: Flow style., sources: [{source: doc-a, locator: Kind}], status: proposed, "
    "author: tester, created: 2026-01-01}",
)


def _decide(
    run, project: Path, tmp_path: Path, decisions: dict[str, dict[str, str]], date="2026-12-01"
) -> Any:
    book_path = tmp_path / "review.xlsx"
    assert run("review", "export", "--data", str(project), "--out", str(book_path)).code == 0
    book = load_workbook(book_path)
    sheet = book["Review"]
    for row in range(2, sheet.max_row + 1):
        for key, value in decisions.get(str(sheet.cell(row, COLUMN["link_id"]).value), {}).items():
            sheet.cell(row, COLUMN[key]).value = value
    book.save(book_path)
    return run("review", "import", str(book_path), "--data", str(project), "--date", date)


def _changed(before: str, after: str) -> list[tuple[str, int, str]]:
    """Each line removed (numbered in `before`) or added (numbered in `after`)."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False)
    changed = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            changed += [("-", i + 1, before.splitlines()[i]) for i in range(i1, i2)]
            changed += [("+", j + 1, after.splitlines()[j]) for j in range(j1, j2)]
    return changed


@pytest.mark.parametrize(
    ("lid", "decision", "expected"),
    [
        (
            "l-1",
            {"decision": "needs change", "reviewer": "CIW: reviewer", "comment": "Say which."},
            [
                ("-", "    status: proposed"),
                ("-", "    reviewer:"),
                ("-", "    reviewed: null"),
                ("-", "    comment: 'single-quoted, and long enough that a dumper would wrap it "
                      "somewhere near here'"),
                ("+", "    status: reviewed"),
                ("+", "    reviewer: 'CIW: reviewer'"),
                ("+", "    reviewed: 2026-12-01"),
                ("+", "    comment: Say which."),
            ],
        ),
        (
            "l-3",
            {"decision": "endorse", "reviewer": "R. Viewer"},
            [
                ("-", "    status: proposed"),
                ("+", "    status: endorsed"),
                ("+", "    reviewer: R. Viewer"),
                ("+", "    reviewed: 2026-12-01"),
            ],
        ),
    ],
)  # fmt: skip
def test_one_decision_changes_only_that_links_review_lines(
    run, project: Path, tmp_path: Path, lid: str, decision: dict[str, str], expected: list
) -> None:
    path = project / "links" / "layout.yaml"
    path.write_text(LAYOUT, encoding="utf-8")
    before = {p: p.read_bytes() for p in sorted(project.rglob("*.yaml"))}
    result = _decide(run, project, tmp_path, {lid: decision})
    assert result.code == 0, result.err
    assert {p: p.read_bytes() for p in before if p != path} == {
        p: data for p, data in before.items() if p != path
    }
    after = path.read_text(encoding="utf-8")
    changed = _changed(LAYOUT, after)
    assert sorted((sign, line) for sign, _, line in changed) == sorted(expected)
    node = yamledit.compose(LAYOUT)
    links = yamledit.items(yamledit.item(node, "links"))
    index = [str(yamledit.item(n, "id").value) for n in links].index(lid)
    first = links[index].start_mark.line + 1
    last = links[index + 1].start_mark.line if index + 1 < len(links) else LAYOUT.count("\n")
    assert all(first <= number <= last for sign, number, _ in changed if sign == "-")
    assert not [line for line in after.splitlines() if line != line.rstrip()]


def test_a_decision_on_a_flow_style_link_stays_on_its_line(run, project: Path, tmp_path) -> None:
    path = project / "links" / "layout.yaml"
    path.write_text(LAYOUT, encoding="utf-8")
    result = _decide(run, project, tmp_path, {"l-2": {"decision": "reject", "reviewer": "R"}})
    assert result.code == 0, result.err
    changed = _changed(LAYOUT, path.read_text(encoding="utf-8"))
    assert [sign for sign, _, _ in changed] == ["-", "+"]
    assert changed[1][2].endswith(
        "status: rejected, author: tester, created: 2026-01-01, reviewer: R, reviewed: 2026-12-01}"
    )


def test_a_problem_after_the_decisions_is_reported_at_the_sheet_row(
    run, project: Path, tmp_path: Path
) -> None:
    """A review date before the link was made passes the workbook's checks, not the data's."""
    before = {p: p.read_bytes() for p in sorted(project.rglob("*.yaml"))}
    decision = {"w-1": {"decision": "endorse", "reviewer": "R. Viewer"}}
    result = _decide(run, project, tmp_path, decision, date="2000-01-01")
    assert result.code == 1
    book_path = tmp_path / "review.xlsx"
    row = [r[0] for r in load_workbook(book_path)["Review"].values].index("w-1") + 1
    located = re.compile(
        rf"^{re.escape(str(book_path))}:{row}:1: E307 error: after this row's decision, "
        rf"{re.escape(str(project / 'links' / 'warm.yaml'))}:\d+:\d+: .+ \(.+\)$"
    )
    assert [line for line in result.err.splitlines() if located.match(line)], result.err
    assert "nothing was changed" in result.err
    assert {p: p.read_bytes() for p in before} == before


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("plain words", "plain words"),
        ("CIW: reviewer", "'CIW: reviewer'"),
        ("null", "'null'"),
        ("2026-01-01", "'2026-01-01'"),
        ("two\nlines", '"two\\nlines"'),
        ("it's", "it's"),
        (dt.date(2026, 12, 1), "2026-12-01"),
    ],
)
def test_a_value_is_written_on_one_line_and_reads_back_the_same(value: Any, text: str) -> None:
    assert yamledit.scalar(value) == text
    assert yaml.safe_load(f"k: {text}\n")["k"] == value

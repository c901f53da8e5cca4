"""Importing a review workbook is one transaction (crosswalk.reviewapply): every decision is
written, or none, whatever fails on the way; and the library reports, it does not print."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from crosswalk import outputs, pipeline, review, reviewapply
from crosswalk.baseiri import DEFAULT_BASE
from crosswalk.enums import Status

COLUMN = {key: index for index, (key, _, _) in enumerate(review.COLUMNS, start=1)}
TODAY = dt.date(2026, 12, 1)
# One decision in each of two link files (bright.yaml, then warm.yaml, the order written).
TWO_FILES = {
    "b-1": {"decision": "reject", "reviewer": "R. Viewer"},
    "w-1": {"decision": "endorse", "reviewer": "R. Viewer"},
}


def _book(project: Path, tmp_path: Path, decisions: dict[str, dict[str, str]]) -> Path:
    path = tmp_path / "review.xlsx"
    path.write_bytes(review.export(pipeline.load_clean(project).corpus))
    book = load_workbook(path)
    sheet = book[review.SHEET]
    for row in range(2, sheet.max_row + 1):
        for key, value in decisions.get(str(sheet.cell(row, COLUMN["link_id"]).value), {}).items():
            sheet.cell(row, COLUMN[key]).value = value
    book.save(path)
    return path


def _files(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes() for p in sorted(project.rglob("*.yaml"))}


def _apply(book: Path, project: Path) -> reviewapply.Imported:
    return reviewapply.apply(book, project, str(project), DEFAULT_BASE, TODAY)


def test_decisions_in_two_files_are_applied_and_counted(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    done = _apply(_book(project, tmp_path, TWO_FILES), project)
    assert done.problems == []
    assert (done.decisions, len(done.applied), done.files) == (2, 2, 2)
    assert done.summary() == "1 endorsed, 1 rejected"
    links = pipeline.load_clean(project).corpus.links
    assert (links["b-1"].status, links["w-1"].status) == (Status.rejected, Status.endorsed)
    assert links["w-1"].reviewed == TODAY
    assert capsys.readouterr() == ("", "")
    again = _apply(_book(project, tmp_path, TWO_FILES), project)
    assert (again.decisions, again.applied, again.files) == (2, [], 0)
    assert again.summary() == "no change"


def test_a_failure_while_writing_puts_back_the_files_already_written(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = _book(project, tmp_path, TWO_FILES)
    before = _files(project)
    written: list[Path] = []
    write = outputs.write_atomically

    def full_disk(path: Path, text: str) -> None:
        if written:
            raise OSError(28, "No space left on device")
        write(path, text)
        written.append(path)

    monkeypatch.setattr(outputs, "write_atomically", full_disk)
    with pytest.raises(OSError, match="No space left"):
        _apply(book, project)
    assert written == [project / "links" / "bright.yaml"]
    assert _files(project) == before


def test_an_interrupted_check_puts_back_every_file(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while the data is checked again, after every file was written."""
    book = _book(project, tmp_path, TWO_FILES)
    before = _files(project)
    check = pipeline.check
    calls: list[dict[str, bytes]] = []  # the link files as each check found them

    def interrupted(*args: Any, **kwargs: Any) -> pipeline.Checked:
        calls.append(_files(project))
        if len(calls) == 2:  # the first is the check before anything is written
            raise KeyboardInterrupt
        return check(*args, **kwargs)

    monkeypatch.setattr(pipeline, "check", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _apply(book, project)
    assert len(calls) == 2 and calls[1] != before  # the decisions had been written
    assert _files(project) == before


def test_an_invalid_workbook_changes_nothing_and_says_why(project: Path, tmp_path: Path) -> None:
    book = _book(project, tmp_path, {"w-1": {"decision": "maybe", "reviewer": "R"}})
    before = _files(project)
    done = _apply(book, project)
    assert [(p.code, p.location.path) for p in done.problems] == [("R203", str(book))]
    assert (done.applied, done.files) == ([], 0)
    assert _files(project) == before

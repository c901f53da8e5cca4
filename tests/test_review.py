"""The review round-trip: export a workbook, reviewers decide, import applies it safely."""

from __future__ import annotations

import difflib
from pathlib import Path

from openpyxl import load_workbook

from crosswalk import pipeline
from crosswalk.review import COLUMNS

COLUMN = {key: index for index, (key, _, _) in enumerate(COLUMNS, start=1)}


def _export(run, project: Path, tmp_path: Path) -> Path:
    out = tmp_path / "review.xlsx"
    result = run("review", "export", "--data", str(project), "--out", str(out))
    assert result.code == 0, result.err
    return out


def _fill(path: Path, edits: dict[str, dict[str, str]]) -> None:
    book = load_workbook(path)
    sheet = book["Review"]
    for row in range(2, sheet.max_row + 1):
        lid = sheet.cell(row, COLUMN["link_id"]).value
        for key, value in edits.get(lid, {}).items():
            sheet.cell(row, COLUMN[key]).value = value
    book.save(path)


def _snapshot(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes() for p in sorted(project.rglob("*.yaml"))}


def test_export_has_locked_columns_dropdown_and_frozen_header(run, project, tmp_path) -> None:
    book = load_workbook(_export(run, project, tmp_path))
    sheet = book["Review"]
    assert sheet.freeze_panes == "B2" and sheet.protection.sheet
    assert sheet.max_row == 1 + len(pipeline.load_clean(project).corpus.links)
    assert sheet.cell(2, COLUMN["rationale"]).protection.locked
    assert not sheet.cell(2, COLUMN["decision"]).protection.locked
    rule = sheet.data_validations.dataValidation[0]
    assert rule.formula1 == '"endorse,reject,needs change"'
    assert str(rule.sqref).startswith("P2:")


def test_import_applies_decisions_keeps_layout_and_is_idempotent(run, project, tmp_path) -> None:
    links = project / "links" / "warm.yaml"
    links.write_text(
        "# Curators' notes stay put.\n" + links.read_text(encoding="utf-8"), encoding="utf-8"
    )
    before = links.read_text(encoding="utf-8")
    workbook = _export(run, project, tmp_path)
    _fill(
        workbook,
        {
            "w-1": {"decision": "endorse", "reviewer": "CIW reviewer"},
            "w-3": {
                "decision": "needs change",
                "reviewer": "CIW reviewer",
                "comment": "Say which meetings.",
            },
        },
    )
    result = run("review", "import", str(workbook), "--data", str(project), "--date", "2026-12-01")
    assert result.code == 0, result.err
    assert "2 decision(s), 2 applied (1 endorsed, 1 reviewed) in 1 file(s)" in result.out
    corpus = pipeline.load_clean(project).corpus
    w1, w3 = corpus.links["w-1"], corpus.links["w-3"]
    assert (str(w1.status), w1.reviewer, str(w1.reviewed)) == (
        "endorsed",
        "CIW reviewer",
        "2026-12-01",
    )
    assert (str(w3.status), w3.comment) == ("reviewed", "Say which meetings.")
    after = links.read_text(encoding="utf-8")
    assert after.startswith("# Curators' notes stay put.\n")
    changed = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert sorted(changed) == sorted(
        [
            "-    status: proposed",
            "+    status: endorsed",
            "+    reviewer: CIW reviewer",
            "+    reviewed: 2026-12-01",
            "-    status: proposed",
            "+    status: reviewed",
            "+    reviewer: CIW reviewer",
            "+    reviewed: 2026-12-01",
            "+    comment: Say which meetings.",
        ]
    )
    snapshot = _snapshot(project)
    again = run("review", "import", str(workbook), "--data", str(project), "--date", "2027-01-01")
    assert again.code == 0 and "0 applied" in again.out
    assert _snapshot(project) == snapshot


def test_invalid_rows_are_reported_with_row_numbers_and_nothing_changes(
    run, project, tmp_path
) -> None:
    workbook = _export(run, project, tmp_path)
    _fill(
        workbook,
        {
            "b-1": {"decision": "endorse", "reviewer": "r", "rationale": "Edited by a reviewer."},
            "b-2": {"decision": "approve", "reviewer": "r"},
            "w-1": {"decision": "endorse"},
            "w-2": {"link_id": "w-99", "decision": "reject", "reviewer": "r"},
            "w-3": {"decision": "needs change", "reviewer": "r"},
            "h-1": {"decision": "endorse", "reviewer": "r"},
            "h-2": {"link_id": "h-1", "decision": "endorse", "reviewer": "r"},
        },
    )
    before = _snapshot(project)
    result = run("review", "import", str(workbook), "--data", str(project))
    assert result.code == 1
    found = {
        (line.split(": ")[0].rsplit(":", 2)[1], line.split(": ")[1].split()[0])
        for line in result.err.splitlines()
        if ": R" in line
    }
    # Rows are in link-id order: b-1 b-2 b-3 b-4 h-1 h-2 w-1 w-2 w-3 x-1 on rows 2 to 11.
    assert found == {
        ("2", "R202"),
        ("3", "R203"),
        ("7", "R205"),
        ("8", "R204"),
        ("9", "R201"),
        ("10", "R206"),
    }
    assert "nothing was changed" in result.err
    assert _snapshot(project) == before


def test_a_file_that_is_not_a_workbook(run, project, tmp_path) -> None:
    bad = tmp_path / "review.xlsx"
    bad.write_text("not a spreadsheet", encoding="utf-8")
    result = run("review", "import", str(bad), "--data", str(project))
    assert result.code == 1 and "R101" in result.err


def test_values_quoted_in_messages_are_cut_to_80_characters_and_escaped(
    run, project, tmp_path
) -> None:
    workbook = _export(run, project, tmp_path)
    odd = "\u202eevil\nline " + "x" * 5000
    _fill(workbook, {"w-2": {"link_id": odd}, "w-3": {"decision": odd, "reviewer": "r"}})
    result = run("review", "import", str(workbook), "--data", str(project))
    assert result.code == 1
    messages = [line for line in result.err.splitlines() if " R20" in line]
    assert [m.split(": ")[1].split()[0] for m in messages] == ["R201", "R203"]
    for message in messages:
        quoted = message.split("'")[1]
        assert quoted.startswith("\\u202eevil\\nline xx") and quoted.endswith("…")
        assert len(quoted) == 80 and "\n" not in quoted

"""`crosswalk fmt`: one canonical layout that keeps what a file means and its comments."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from functools import cache
from pathlib import Path

import pytest
import yaml
from conftest import BUNDLED
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from crosswalk import datafolder, fmt, yamlcomments, yamlread
from crosswalk.model import FILE_KINDS, Record
from crosswalk.review import COLUMNS

BUNDLED_FILES = datafolder.scan(BUNDLED, "mappings").files


def _record(text: str) -> Record:
    """What a file means: its values read by crosswalk's reader, checked by the data model."""
    located, problems = yamlread.parse(text, "test.yaml")
    assert located is not None and not problems, problems
    (kind,) = [key for key in FILE_KINDS if key in located.data]
    return FILE_KINDS[kind].model_validate(located.data)


def _canonical(text: str) -> str:
    canonical, problems = fmt.format_text(text, "test.yaml")
    assert canonical is not None, [p.render() for p in problems]
    return canonical


@cache
def _bundled(path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    return text, _canonical(text)


def _too_long(text: str) -> list[str]:
    """Lines past column 100 that could have been broken: more than one word, not a comment,
    not text that only double quotes can write (with an escape such as \\n or \\t)."""
    return [
        line
        for line in text.splitlines()
        if len(line) > fmt.WIDTH
        and not line.lstrip().startswith("#")
        and " " in line.strip().removeprefix("- ").removeprefix("url: ")
        and not re.search(r'"[^"]*\\', line)
    ]


# The bundled data ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: str(p.relative_to(BUNDLED)))
def test_layout_keeps_meaning_and_is_stable_on_every_bundled_file(path: Path) -> None:
    text, canonical = _bundled(path)
    assert _record(canonical) == _record(text)
    assert _canonical(canonical) == canonical
    assert canonical.endswith("\n") and not canonical.endswith("\n\n")
    assert not [line for line in canonical.splitlines() if line != line.rstrip()]
    assert _too_long(canonical) == []
    comments = sorted(line.strip() for line in text.splitlines() if line.lstrip().startswith("#"))
    assert sorted(c.text for c in yamlcomments.find(canonical, _located(canonical))) == comments


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: str(p.relative_to(BUNDLED)))
def test_bundled_file_is_in_the_canonical_layout(path: Path) -> None:
    text, canonical = _bundled(path)
    assert text == canonical, (
        f"{path.relative_to(BUNDLED.parent)} is not in the canonical layout of "
        "docs/data-format.md: run `crosswalk fmt` and commit the result"
    )


def _located(text: str) -> yamlread.Located:
    located, _ = yamlread.parse(text, "test.yaml")
    assert located is not None
    return located


# The layout ---------------------------------------------------------------------------------

DRIFTED = """\
# Header: about the whole file.
links:
  - created: "2026-01-02"
    id: x-1
    subject: "m:e"
    relation: embodies
    object: "p:q"
    strength: strong
    rationale: Short.
    sources:
      - source: doc-a
        locator: "Having a say"
    status: proposed
    author: 'tester'
  # Section two, above its first link.
  - id: x-2
    subject: m:e
    relation: embodies  # about the relation
    object: p:r
    strength: weak

    # A comment between keys that move.
    status: proposed
    rationale: "A rationale long enough that it cannot stay on the line of its key, so it is \
folded at a hundred columns."
    sources: [{source: doc-a, locator: "a: b"}]
    author: tester
    created: 2026-01-02
link_set:
  title: Links
  id: x-links
# At the end.
"""

EXPECTED = """\
# Header: about the whole file.
link_set:
  id: x-links
  title: Links
links:
  - id: x-1
    subject: m:e
    relation: embodies
    object: p:q
    strength: strong
    rationale: Short.
    sources:
      - {source: doc-a, locator: Having a say}
    status: proposed
    author: tester
    created: 2026-01-02
  # Section two, above its first link.
  - id: x-2
    subject: m:e
    # about the relation
    relation: embodies
    object: p:r
    strength: weak
    rationale: >-
      A rationale long enough that it cannot stay on the line of its key, so it is folded at a
      hundred columns.
    sources:
      - {source: doc-a, locator: 'a: b'}

    # A comment between keys that move.
    status: proposed
    author: tester
    created: 2026-01-02
# At the end.
"""


def test_the_layout_orders_keys_restyles_values_and_keeps_each_comment_above_its_key() -> None:
    canonical = _canonical(DRIFTED)
    assert canonical == EXPECTED
    assert _record(canonical) == _record(DRIFTED)
    assert _canonical(canonical) == canonical


def test_text_that_needs_quotes_keeps_them_and_odd_text_is_kept_exactly() -> None:
    values = {
        "yes": "'yes'",  # YAML 1.1 reads a plain yes as true
        "0o17": "'0o17'",  # YAML 1.2 reads it as a number
        "Say: why": "'Say: why'",
        "People's say: theirs": '"People\'s say: theirs"',
        "#1 first": "'#1 first'",
    }
    for value, written in values.items():
        text = f"link_set:\n  id: s\n  title: {yaml.safe_dump(value).splitlines()[0]}\nlinks: []\n"
        canonical = _canonical(text)
        assert f"  title: {written}\n" in canonical
        assert _record(canonical).link_set.title == value  # type: ignore[attr-defined]
    odd = "two  spaces, a\ttab and\na line break " + "word " * 30
    text = f"link_set:\n  id: s\n  title: t\n  description: {yaml.safe_dump(odd)}links: []\n"
    canonical = _canonical(text)
    assert _record(canonical).link_set.description == odd.strip()  # type: ignore[attr-defined]
    assert _canonical(canonical) == canonical


# Generated records ------------------------------------------------------------------------

WORDS = st.sampled_from(
    ["yes", "no", "null", "~", "0o17", "1e3", "2026-01-01", "- x", "a: b", "#x", "x #y", "it's",
     '"q"', "[a]", "{b}", "?", "*r", "&a", "!t", "%", "@", "`", ",", "…", "Wales\u2019", "-", ":"]
)  # fmt: skip
CHARS = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"))
WORD = st.one_of(WORDS, st.text(CHARS, min_size=1, max_size=12))
GAP = st.sampled_from([" ", " ", " ", "  ", "\t", "\n"])


@st.composite
def texts(draw: st.DrawFn, most: int) -> str:
    words = draw(st.lists(WORD, min_size=1, max_size=most))
    text = words[0] + "".join(draw(GAP) + word for word in words[1:])
    text = text.strip()[:280]
    assume(text.strip())
    return text


IDS = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
DATES = st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))


@st.composite
def link_files(draw: st.DrawFn) -> dict[str, object]:
    links = []
    for number in range(draw(st.integers(1, 3))):
        link: dict[str, object] = {
            "id": f"l-{number}",
            "subject": f"m:{draw(IDS)}",
            "relation": "supplies_evidence_for",
            "object": f"f:{draw(IDS)}",
            "strength": draw(st.sampled_from(["strong", "partial", "weak"])),
            "rationale": draw(texts(60)),
            "evidence": [{"item": draw(texts(30)), "kinds": ["processes", "outcomes"]}],
            "sources": [
                {"source": draw(IDS), "locator": draw(texts(12))}
                for _ in range(draw(st.integers(1, 3)))
            ],
            "status": "reviewed",
            "author": draw(texts(4)),
            "created": draw(DATES),
            "reviewer": draw(st.none() | texts(3)),
            "reviewed": draw(st.none() | DATES),
        }
        if draw(st.booleans()):
            link["comment"] = draw(texts(40))
        keys = draw(st.permutations(list(link)))
        links.append({key: link[key] for key in keys})
    return {"links": links, "link_set": {"title": draw(texts(6)), "id": draw(IDS)}}


KEY_LINE = re.compile(r"""^ *(- )?(["']?)[a-z_]+\2:( |$)""")  # a line that starts a key


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=link_files(),
    width=st.integers(20, 200),
    style=st.sampled_from([None, '"', "'"]),
    flow=st.sampled_from([None, False]),
    comments=st.lists(st.tuples(st.integers(0, 400), st.integers(0, 999)), max_size=4),
)
def test_generated_files_keep_their_records_and_comments_and_are_stable(
    data: dict[str, object],
    width: int,
    style: str | None,
    flow: bool | None,
    comments: list[tuple[int, int]],
) -> None:
    text = yaml.safe_dump(
        data,
        sort_keys=False,
        allow_unicode=True,
        width=width,
        default_style=style,
        default_flow_style=flow,
    )
    lines = text.splitlines()
    for at, number in comments:  # a comment line above a line that starts a key or an item
        starts = [i for i, line in enumerate(lines) if KEY_LINE.match(line)]
        line = starts[at % len(starts)]
        indent = len(lines[line]) - len(lines[line].lstrip())
        lines.insert(line, " " * indent + f"# note {number}")
    text = "\n".join(lines) + "\n"
    located, problems = yamlread.parse(text, "test.yaml")
    assume(located is not None and not problems and located.data == yaml.safe_load(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True)))  # fmt: skip
    canonical = _canonical(text)
    assert _record(canonical) == _record(text)
    assert _canonical(canonical) == canonical
    assert _too_long(canonical) == []
    for _, number in comments:
        assert f"# note {number}" in [line.strip() for line in canonical.splitlines()]


# The command --------------------------------------------------------------------------------


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def _drift(path: Path) -> None:
    """Undo the layout in one way the canonical one does not allow: quotes not needed."""
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^(  id: )(\S+)$", r'\1"\2"', text, count=1, flags=re.M), "utf-8")


def test_check_lists_a_drifted_file_and_names_the_command(run, project) -> None:
    assert run("fmt", "--data", str(project)).code == 0
    assert run("fmt", "--check", "--data", str(project)).code == 0
    drifted = project / "links" / "warm.yaml"
    _drift(drifted)
    before = _files(project)
    result = run("fmt", "--check", "--data", str(project))
    assert result.code == 1
    shown = f"{project}/links/warm.yaml"
    assert f"{shown}: not in the canonical layout (run crosswalk fmt --data {project})" in (
        result.err
    )
    assert result.err.count("not in the canonical layout") == 1
    assert _files(project) == before  # --check writes nothing
    assert run("fmt", "--data", str(project)).code == 0
    assert run("fmt", "--check", "--data", str(project)).code == 0


def test_a_file_with_a_problem_is_reported_and_left_alone(run, project) -> None:
    broken = project / "links" / "warm.yaml"
    text = broken.read_text(encoding="utf-8").replace("  title:", "  titel:", 1)
    broken.write_text(text, encoding="utf-8")
    unreadable = project / "models" / "odd.yaml"
    unreadable.write_text("model: [unclosed\n", encoding="utf-8")
    result = run("fmt", "--data", str(project))
    assert result.code == 1
    line = text.splitlines().index("  titel: Warm Homes links") + 1
    assert f"{project}/links/warm.yaml:{line}:3: E201 error: unknown key 'titel'" in result.err
    assert f"{project}/models/odd.yaml:1:8: E101 error:" in result.err
    assert broken.read_text(encoding="utf-8") == text
    assert unreadable.read_text(encoding="utf-8") == "model: [unclosed\n"
    assert "rewrote" in result.out  # the other files were laid out


def test_a_rewritten_file_keeps_its_mode_and_a_link_is_not_written_through(
    run, project, tmp_path
) -> None:
    drifted = project / "links" / "warm.yaml"
    _drift(drifted)
    os.chmod(drifted, 0o640)
    outside = tmp_path / "outside.yaml"
    outside.write_bytes((project / "links" / "hub.yaml").read_bytes())
    _drift(outside)
    before = outside.read_bytes()
    link = project / "links" / "linked.yaml"
    link.symlink_to(outside)
    result = run("fmt", "--data", str(project), str(drifted), str(link))
    assert result.code == 0, result.err
    assert f"rewrote {drifted}" in result.out
    assert stat.S_IMODE(drifted.stat().st_mode) == 0o640
    assert f"{link}: a symbolic link, not rewritten" in result.err
    assert link.is_symlink() and outside.read_bytes() == before


def test_a_review_import_leaves_a_canonical_file_canonical(run, project, tmp_path) -> None:
    assert run("fmt", "--data", str(project)).code == 0
    workbook = tmp_path / "review.xlsx"
    assert run("review", "export", "--data", str(project), "--out", str(workbook)).code == 0
    column = {key: index for index, (key, _, _) in enumerate(COLUMNS, start=1)}
    book = load_workbook(workbook)
    sheet = book["Review"]
    decisions = {
        "w-1": ("endorse", "CIW reviewer", None),
        "w-3": ("needs change", "O'Brien", "Say which meetings: residents or staff."),
    }
    for row in range(2, sheet.max_row + 1):
        decided = decisions.get(sheet.cell(row, column["link_id"]).value)
        if decided:
            for key, value in zip(("decision", "reviewer", "comment"), decided, strict=True):
                sheet.cell(row, column[key]).value = value
    book.save(workbook)
    before = _files(project)
    result = run("review", "import", str(workbook), "--data", str(project), "--date", "2026-12-01")
    assert result.code == 0, result.err
    assert _files(project) != before
    check = run("fmt", "--check", "--data", str(project))
    assert check.code == 0, check.err

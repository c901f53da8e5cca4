"""W505: an element with links that embodies no principle. It needs a model file and a link
file together, so it is tested here rather than by a one-file fixture in fixtures/invalid."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import PROJECT

from crosswalk import pipeline
from crosswalk.problems import Problem

ROTA_EMBODIES = """  - id: b-3
    subject: bright:rota
    relation: embodies
"""


def _check(tmp_path: Path, links: str) -> list[Problem]:
    data = tmp_path / "data"
    shutil.copytree(PROJECT, data)
    (data / "links" / "bright.yaml").write_text(links, encoding="utf-8")
    return pipeline.check(data, "data").problems


def _bright_links() -> str:
    text = (PROJECT / "links" / "bright.yaml").read_text(encoding="utf-8")
    assert text.count(ROTA_EMBODIES) == 1, "the fixture's link b-3 has moved: update this test"
    return text


def _codes(problems: list[Problem]) -> list[tuple[str, str, int]]:
    return [(p.code, p.location.path, p.location.line) for p in problems if p.code[0] == "W"]


def test_the_fixture_project_has_no_element_that_embodies_nothing(tmp_path: Path) -> None:
    assert _codes(_check(tmp_path, _bright_links())) == []


def test_an_element_linked_only_to_criteria_is_reported_at_its_line(tmp_path: Path) -> None:
    # b-3 becomes a second evidence link from the rota: rota keeps links but embodies nothing.
    links = _bright_links().replace(
        ROTA_EMBODIES + "    object: hub:kindness\n",
        "  - id: b-3\n    subject: bright:rota\n    relation: supplies_evidence_for\n"
        "    object: reg:Q1.2\n    evidence:\n      - {item: Rota, kinds: [processes]}\n",
    )
    problems = _check(tmp_path, links)
    assert _codes(problems) == [("W505", "data/models/bright.yaml", 13)]
    w505 = next(p for p in problems if p.code == "W505")
    assert "bright:rota" in w505.message and "embodies" in w505.hint


def test_a_rejected_embodies_link_embodies_nothing(tmp_path: Path) -> None:
    links = _bright_links().replace(
        "    status: proposed\n    author: tester\n    created: 2026-01-01\n  - id: b-4",
        "    status: rejected\n    author: tester\n    created: 2026-01-01\n"
        "    reviewer: regulator\n    reviewed: 2026-02-01\n    comment: Not kindness.\n"
        "  - id: b-4",
    )
    assert links != _bright_links()
    assert _codes(_check(tmp_path, links)) == [("W505", "data/models/bright.yaml", 13)]


def test_an_element_with_no_link_at_all_is_w501_not_w505(tmp_path: Path) -> None:
    # Without b-1 and b-3 the rota has no link: W501 says so, and W505 stays silent.
    text = _bright_links()
    start, end = text.index("  - id: b-1\n"), text.index("  - id: b-2\n")
    links = text[:start] + text[end:]
    start, end = links.index("  - id: b-3\n"), links.index("  - id: b-4\n")
    links = links[:start] + links[end:]
    assert _codes(_check(tmp_path, links)) == [("W501", "data/models/bright.yaml", 13)]

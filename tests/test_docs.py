"""The documentation generated from the code is current, and the docs' links lead somewhere."""

from __future__ import annotations

import re
import subprocess
import sys
from enum import StrEnum
from pathlib import Path

import pytest
from conftest import REPO

from crosswalk import enums, vocab

REFERENCE = REPO / "docs" / "reference"
DATA_FORMAT = REPO / "docs" / "data-format.md"


def test_generated_reference_pages_are_current(tmp_path: Path) -> None:
    """The reference pages, and the tables of data-format.md made from the code (statuses,
    roles, relations, element kinds), are what `make docs` writes today."""
    out, data_format = tmp_path / "reference", tmp_path / "data-format.md"
    command = [sys.executable, str(REPO / "scripts" / "reference.py"), "--out", str(out)]
    subprocess.run([*command, "--data-format", str(data_format)], check=True, capture_output=True)
    pairs = [(REFERENCE / fresh.name, fresh) for fresh in sorted(out.iterdir())]
    for committed, fresh in [*pairs, (DATA_FORMAT, data_format)]:
        assert committed.is_file(), f"{committed} is missing: run 'make docs'"
        assert committed.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8"), (
            f"{committed.relative_to(REPO)} is out of date: run 'make docs'"
        )


def test_every_label_covers_every_value_of_its_enum() -> None:
    tables = {
        **vocab.LABELS_OF,
        enums.Role: vocab.ROLE_MEANINGS,
        enums.ElementKind: vocab.ELEMENT_KIND_MEANINGS,
    }
    for enum, labels in tables.items():
        assert list(labels) == list(enum), f"vocab's labels of {enum.__name__}: one per value"


def _yaml_comment_lists(text: str) -> list[str]:
    """Every `a | b | c` list in a comment of the YAML examples (a comment ending in "|"
    goes on in the next)."""
    found = []
    for block in re.findall(r"```yaml\n(.*?)```", text, re.S):
        comments: list[str] = []
        for line in block.splitlines():
            if "#" not in line:
                continue
            comment = line.split("#", 1)[1].strip()
            if comments and comments[-1].endswith("|"):
                comments[-1] += " " + comment
            else:
                comments.append(comment)
        found += [m for c in comments for m in re.findall(r"[a-z_]+(?: \| [a-z_]+)+", c)]
    return found


def test_the_values_listed_in_the_yaml_examples_are_an_enum_s_values() -> None:
    """A controlled value added to, renamed in or dropped from crosswalk/enums.py shows up
    here until the example's comment says the same."""
    values = {enum.__name__: " | ".join(enum) for enum in _enum_classes()}
    listed = _yaml_comment_lists(DATA_FORMAT.read_text(encoding="utf-8"))
    assert listed, "the YAML examples list the values a field takes"
    for text in listed:
        assert text in values.values(), (
            f"docs/data-format.md lists '{text}', which is no enum's values in order: say "
            "what crosswalk/enums.py declares (docs/reference/values.md lists it)"
        )


def _enum_classes() -> list[type[StrEnum]]:
    return [
        e
        for e in vars(enums).values()
        if isinstance(e, type) and issubclass(e, StrEnum) and e.__module__ == enums.__name__
    ]


MARKDOWN = sorted([REPO / "README.md", *(REPO / "docs").rglob("*.md")])
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("page", MARKDOWN, ids=lambda p: str(p.relative_to(REPO)))
def test_relative_links_in_the_docs_lead_to_files(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for target in LINK.findall(text):
        if "://" in target or target.startswith("mailto:"):
            continue
        assert (page.parent / target).exists(), f"{page.name} links to missing {target}"

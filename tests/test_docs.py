"""The documentation generated from the code is current, and the docs' links lead somewhere."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

REFERENCE = REPO / "docs" / "reference"


def test_generated_reference_pages_are_current(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "reference.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for fresh in sorted(tmp_path.iterdir()):
        committed = REFERENCE / fresh.name
        assert committed.is_file(), f"{committed} is missing: run 'make docs'"
        assert committed.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8"), (
            f"{committed.relative_to(REPO)} is out of date: run 'make docs'"
        )


MARKDOWN = sorted([REPO / "README.md", *(REPO / "docs").rglob("*.md")])
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("page", MARKDOWN, ids=lambda p: str(p.relative_to(REPO)))
def test_relative_links_in_the_docs_lead_to_files(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for target in LINK.findall(text):
        if "://" in target or target.startswith("mailto:"):
            continue
        assert (page.parent / target).exists(), f"{page.name} links to missing {target}"

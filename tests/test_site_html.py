"""Every page of the built site is valid HTML, as the Nu HTML Checker (vnu) sees it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from site_support import Site

pytest_plugins = ["site_support"]

pytestmark = pytest.mark.heavy  # scheduled first: see tests/conftest.py

# A page the checker must reject: proof that it ran over the files and that its report is read.
CANARY = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>canary</title></head>'
    '<body><p id="twice">one</p><p id="twice">two</p></body></html>\n'
)


def test_every_page_is_valid_html(site: Site, tmp_path: Path) -> None:
    import site_support

    site_support.require("java")
    site_support.require("vnu.jar", site_support.VNU_JAR)
    canary = tmp_path / "canary"
    canary.mkdir()
    (canary / "canary.html").write_text(CANARY, encoding="utf-8")
    # One run over the whole site (and the canary): the JVM starts once.
    done = subprocess.run(
        [
            "java",
            "-jar",
            str(site_support.VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            str(site.root),
            str(canary),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        report = json.loads(done.stderr or done.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu gave no JSON report (exit {done.returncode}): {done.stderr[-2000:]}")
    messages = report["messages"]
    canary_errors = [m for m in messages if m.get("url", "").endswith("/canary/canary.html")]
    assert any("Duplicate ID" in m["message"] for m in canary_errors), (
        f"the checker did not flag the canary page: {messages[:5]}"
    )
    site_errors = [m for m in messages if m not in canary_errors]
    lines = [
        f"{m.get('url', '?').removeprefix('file:' + str(site.root))}:{m.get('lastLine', '?')}: "
        f"{m.get('type')}: {m['message']}"
        for m in site_errors
    ]
    assert not lines, f"{len(lines)} HTML errors:\n" + "\n".join(lines[:60])
    assert done.returncode == 1, "vnu exits 1 when it finds errors (the canary's)"
